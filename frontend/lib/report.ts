import type { Scope } from '@sentry/nextjs';
import { isAppError } from './errors';

/**
 * What the web app's server logs and reports, one policy for route handlers (lib/http.ts), pages (onRequestError in
 * instrumentation.ts) and work after a response has started (lib/chat-service.ts):
 *
 * - A server fault, anything answered with a 5xx (an AppError of type internal, unavailable or timeout; anything that
 *   is not an AppError counts as `internal:unexpected`), is logged at error level and reported to Sentry once.
 * - A client error (a 4xx AppError) is neither: the response tells the client what to fix.
 * - An outage of something the app depends on (`unavailable:*`, `timeout:*`, e.g. `unavailable:database`) is grouped
 *   by its code (Sentry fingerprint): one issue per code, however many requests meet it, whether a page or an API
 *   route met it. A bug (`internal:*`) keeps Sentry's default grouping, by stack and cause, so two bugs are two issues.
 * - Every event is tagged `error_code`, plus `route` and `request_id` (pages: `digest`, the reference the error screen
 *   shows) where known, the same tags the agent uses. The log line carries the same fields and the cause chain; the
 *   response carries only `{ code, message, requestId }`.
 *
 * Sentry is used only when SENTRY_DSN is set (instrumentation.ts initialised the SDK); it is imported lazily so that
 * nothing loads it otherwise.
 */

export interface ServerFault {
  code: string;
  status: number;
}

/** The server fault a thrown value stands for, or null when it is the client's error (4xx). */
export function serverFaultOf(error: unknown): ServerFault | null {
  if (!isAppError(error)) return { code: 'internal:unexpected', status: 500 };
  return error.status >= 500 ? { code: error.code, status: error.status } : null;
}

/** Outages are one issue per code; bugs are left to Sentry's grouping. */
export function fingerprintOf(code: string): string[] | undefined {
  return code.startsWith('unavailable:') || code.startsWith('timeout:') ? [code] : undefined;
}

export interface FaultContext {
  /** The route pattern, e.g. `/api/conversations/[id]` or `/c/[id]`, not the path with its ids. */
  route?: string;
  method?: string;
  requestId?: string;
  /** Next.js's digest of a page error: the reference the cook sees on the error screen. */
  digest?: string;
  /** Where a fault outside any response happened, e.g. `chat:complete`. */
  surface?: string;
}

/** Logs a server fault at error level as one JSON line. */
export function logServerFault(error: unknown, fault: ServerFault, context: FaultContext): void {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'request failed',
      code: fault.code,
      status: fault.status,
      ...context,
      cause: describeCause(error),
      // A bug's stack is what finds it; an AppError's stack only says where the store or client wrapped the cause.
      ...(isAppError(error) ? {} : { stack: String((error as Error)?.stack ?? error) }),
    }),
  );
}

/** Tags and groups the event about to be captured on `scope` by the policy above. */
export function applyFaultScope(scope: Scope, code: string, context: FaultContext): void {
  scope.setTag('error_code', code);
  if (context.route) scope.setTag('route', context.route);
  if (context.requestId) scope.setTag('request_id', context.requestId);
  if (context.digest) scope.setTag('digest', context.digest);
  if (context.surface) scope.setTag('surface', context.surface);
  const fingerprint = fingerprintOf(code);
  if (fingerprint) scope.setFingerprint(fingerprint);
}

/** Reports an error to Sentry, tagged and grouped by the policy above. Callers decide that it is a server fault. */
export function reportError(error: unknown, context: FaultContext = {}): void {
  if (!process.env.SENTRY_DSN) return;
  const code = isAppError(error) ? error.code : 'internal:unexpected';
  void import('@sentry/nextjs').then((Sentry) =>
    Sentry.withScope((scope) => {
      applyFaultScope(scope, code, context);
      Sentry.captureException(error);
    }),
  );
}

/** Logs and reports a thrown value when it is a server fault; returns the fault, or null for a client error. */
export function recordServerFault(error: unknown, context: FaultContext): ServerFault | null {
  const fault = serverFaultOf(error);
  if (!fault) return null;
  logServerFault(error, fault, context);
  reportError(error, context);
  return fault;
}

/** The cause chain's names, codes and messages, innermost last (fetch wraps ECONNREFUSED in a TypeError, pg in AppError). */
function describeCause(error: unknown): string {
  const seen: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    const { name, code, message } = current as { name?: unknown; code?: unknown; message?: unknown };
    const label = [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? `[${code}]` : ''].join('');
    seen.push(`${label}: ${typeof message === 'string' ? message : String(current)}`);
    current = (current as { cause?: unknown }).cause;
  }
  return seen.join(' <- ');
}
