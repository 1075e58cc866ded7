/**
 * One error type for the agent. `code` is `type:surface`; the HTTP status follows from the type. `message` is the
 * user-safe copy; `cause` keeps the original for logs and Sentry and never leaves the process.
 */
import { COPY, STATUS_BY_ERROR_TYPE, type ErrorCode, type ErrorType } from '@chef-chopsky/contract/errors';

export { COPY, type ErrorCode, type ErrorType };

export interface Issue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  /** Validation problems: where and what, never the submitted value. */
  readonly issues?: Issue[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { cause?: unknown; issues?: Issue[] } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.type = code.slice(0, code.indexOf(':')) as ErrorType;
    this.status = STATUS_BY_ERROR_TYPE[this.type];
    this.issues = options.issues;
  }

  /** Client errors are expected; anything 5xx is ours or the provider's and is worth reporting. */
  get isServerFault(): boolean {
    return this.status >= 500;
  }

  toJSON(requestId: string) {
    return { code: this.code, message: this.message, requestId, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function internalError(cause: unknown): AppError {
  return new AppError('internal:unexpected', COPY.generic, { cause });
}

/**
 * What may leave the process in an error report. A provider's error can quote what it was sent (even the API key), so
 * for model failures only the error's class and HTTP status are reported; the original stays in `cause` for logs.
 */
export function reportableError(error: AppError): Error {
  if (error.type === 'upstream' || error.type === 'timeout') {
    const cause = (error.cause ?? {}) as { name?: unknown; status?: unknown };
    const status = typeof cause.status === 'number' ? ` (status ${cause.status})` : '';
    const safe = new Error(`${error.code}: ${typeof cause.name === 'string' ? cause.name : 'Error'}${status}`);
    safe.name = 'ModelProviderError';
    return safe;
  }
  return error.cause instanceof Error ? error.cause : error;
}
