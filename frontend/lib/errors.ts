/**
 * The one error type of the web app. `code` is `type:surface` (e.g. `not_found:conversation`); the HTTP status follows
 * from the type. `message` is always safe to show a user; `cause` keeps the original fault for logs and Sentry.
 */
export type ErrorType =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'internal';

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

export const GENERIC_ERROR_MESSAGE = 'Something went wrong. Please try again.';

/**
 * Marks an AppError whichever copy of this module made it. Next.js bundles server components and route handlers
 * separately, each with its own copy of lib/, while the one store (kept on globalThis, lib/db) throws the AppError of
 * whichever bundle opened it: `instanceof` alone would call the other bundle's 400 or 503 an unexpected 500.
 */
const APP_ERROR = Symbol.for('chef-chopsky.app-error');

export class AppError extends Error {
  readonly code: `${ErrorType}:${string}`;
  readonly type: ErrorType;
  readonly status: number;
  /** Whether `details` may be shown to the client (validation problems are; database faults never are). */
  readonly exposeDetails: boolean;
  readonly details?: unknown;

  constructor(
    code: `${ErrorType}:${string}`,
    message: string,
    options: { cause?: unknown; details?: unknown; exposeDetails?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.type = code.split(':')[0] as ErrorType;
    this.status = statusByType[this.type];
    this.details = options.details;
    this.exposeDetails = options.exposeDetails ?? false;
    Object.defineProperty(this, APP_ERROR, { value: true });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (typeof error === 'object' && error !== null && APP_ERROR in error);
}
