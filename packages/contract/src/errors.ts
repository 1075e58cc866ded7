/**
 * Error codes and the copy a cook reads, shared by the agent, the web app and the scripts. A code is `type:surface`
 * (`unavailable:maintenance`); its HTTP status follows from the type. Each workspace keeps its own AppError class (it
 * carries the cause, which never leaves the process); what crosses the wire is `{ code, message, requestId }`.
 */

export const STATUS_BY_ERROR_TYPE = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
  timeout: 504,
} as const;
export type ErrorType = keyof typeof STATUS_BY_ERROR_TYPE;
export type ErrorCode = `${ErrorType}:${string}`;

export function errorTypeOf(code: string): ErrorType | null {
  const type = code.slice(0, code.indexOf(':'));
  return type in STATUS_BY_ERROR_TYPE ? (type as ErrorType) : null;
}

/** What a cook reads. Agreed with product: reword here, once, and both sides follow. */
export const COPY = {
  auth: 'Cannot reach the chat service (authorisation required).',
  origin: 'This environment is not authorised to use the chat service.',
  timeout: 'The model is taking too long\u2014please try again.',
  generic: 'Something went wrong. Please try again.',
  invalid: 'The chat request is not valid.',
  tooLarge: 'The chat request is too large.',
  rateLimited: 'Too many requests right now. Please wait a moment and try again.',
  maintenance: 'Chef Chopsky is having a short maintenance break. Please try again in a few minutes.',
  draining: 'The chat service is restarting. Please try again in a moment.',
  notFound: 'There is nothing here.',
  lost: 'This reply was cut off before it could be saved. Please try again.',
} as const;

/** The copy for a stored or relayed error code (messages reloaded from the store keep only the code). */
export function friendlyMessageForErrorCode(code: string | null | undefined): string {
  if (!code) return COPY.generic;
  if (code.startsWith('timeout')) return COPY.timeout;
  if (code === 'unavailable:agent_auth') return COPY.auth;
  if (code === 'unavailable:agent_origin') return COPY.origin;
  if (code === 'unavailable:reply_lost') return COPY.lost;
  if (code === 'unavailable:maintenance') return COPY.maintenance;
  if (code.startsWith('rate_limited')) return COPY.rateLimited;
  return COPY.generic;
}
