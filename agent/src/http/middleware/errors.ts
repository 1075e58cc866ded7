import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, COPY, internalError, isAppError, reportableError } from '../../errors';
import type { ErrorReporter } from '../../observability/sentry';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found:route', COPY.notFound));
};

/**
 * Maps body-parser's errors to ours. They carry `type` and `status`, or (e.g. a body that claims a compression it does
 * not have) only http-errors' `expose: true` with a 4xx status. Their messages may quote the body: drop them.
 */
function fromBodyParser(error: unknown): AppError | undefined {
  const { type, status, expose } = (error ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === 'entity.too.large') return new AppError('payload_too_large:body', COPY.tooLarge, { cause: error });
  if (type === 'entity.parse.failed') {
    return new AppError('bad_request:json', COPY.invalid, {
      cause: error,
      issues: [{ path: '', message: 'The body is not valid JSON.' }],
    });
  }
  if ((typeof type === 'string' || expose === true) && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request:body', COPY.invalid, {
      cause: error,
      issues: [{ path: '', message: typeof type === 'string' ? `The body could not be read (${type}).` : 'The body could not be read.' }],
    });
  }
  return undefined;
}

/**
 * The one place errors become responses: `{ code, message, requestId }` with the status of the code's type. Client
 * errors are logged briefly; server faults are logged with their cause and reported.
 */
export function errorHandler(reporter: ErrorReporter): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = isAppError(error) ? error : (fromBodyParser(error) ?? internalError(error));
    const { requestId, log } = res.locals;
    if (appError.isServerFault) {
      log.error({ code: appError.code, err: reportableError(appError) }, 'request failed');
      reporter.capture(reportableError(appError), { requestId, code: appError.code, route: req.route?.path });
    } else {
      log.info({ code: appError.code, status: appError.status }, 'request refused');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(appError.status).json(appError.toJSON(requestId));
  };
}
