import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger';
import '../locals';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (reusing a well-formed incoming `x-request-id`, echoed back), a child logger, and one
 * access-log line when the response closes: route, status, latency, model, token counts. Never content or headers.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);

    const logFinished = () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const fields = {
        method: req.method,
        route,
        status: res.statusCode,
        latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
        completed: res.writableFinished,
        model: res.locals.model,
        inputTokens: res.locals.inputTokens,
        outputTokens: res.locals.outputTokens,
        finishReason: res.locals.finishReason,
        outcome: res.locals.outcome,
        conversationId: res.locals.conversationId,
      };
      if (res.statusCode >= 500) res.locals.log.error(fields, 'request finished');
      else res.locals.log.info(fields, 'request finished');
    };
    // A stream's outcome is known only after its handler unwinds, which can be just after the client hung up.
    res.on('close', () => void Promise.resolve(res.locals.settled).then(logFinished));
    next();
  };
}
