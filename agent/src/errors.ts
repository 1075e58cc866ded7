/**
 * One error type for the agent. `code` is `type:surface`; the HTTP status follows from the type. `message` is the
 * user-safe copy; `cause` keeps the original for logs and Sentry and never leaves the process.
 */
export const ERROR_TYPES = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
  timeout: 504,
} as const;
export type ErrorType = keyof typeof ERROR_TYPES;
export type ErrorCode = `${ErrorType}:${string}`;

/** The copy users see. Agreed with product: do not reword without updating the web app's expectations. */
export const COPY = {
  auth: 'Cannot reach the chat service (authorisation required).',
  origin: 'This environment is not authorised to use the chat service.',
  timeout: 'The model is taking too long\u2014please try again.',
  generic: 'Something went wrong. Please try again.',
  invalid: 'The chat request is not valid.',
  tooLarge: 'The chat request is too large.',
  rateLimited: 'Too many requests. Please wait a moment and try again.',
  maintenance: 'Chef Chopsky is having a short maintenance break. Please try again in a few minutes.',
  draining: 'The chat service is restarting. Please try again in a moment.',
  notFound: 'There is nothing here.',
} as const;

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
    this.status = ERROR_TYPES[this.type];
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
