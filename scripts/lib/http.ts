import { type Ctx } from './cli';

export interface BackoffOptions {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Exponential backoff: initial, 2x, 4x ... capped; the only waiting any script does between tries. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  return Math.min(options.initialDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
}

export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: init.signal ?? controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/**
 * Sends a request, retrying network errors, 429 and 5xx with backoff; a 429's Retry-After wins over the backoff.
 * Returns the last response (the caller decides what a non-2xx means) or throws the last network error.
 */
export async function requestWithRetries(
  ctx: Ctx,
  url: string,
  init: RequestInit,
  options: BackoffOptions & { timeoutMs: number; label: string },
): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    try {
      const response = await fetchWithTimeout(url, init, options.timeoutMs);
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt === options.attempts) return response;
      const retryAfter = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), ctx.now()) : null;
      const delay = retryAfter ?? backoffDelay(attempt, options);
      ctx.out(`${options.label}: HTTP ${response.status}, retrying in ${delay} ms (attempt ${attempt}/${options.attempts})`);
      await response.body?.cancel();
      await ctx.sleep(delay);
    } catch (error) {
      lastError = error;
      if (attempt === options.attempts) break;
      const delay = backoffDelay(attempt, options);
      ctx.out(`${options.label}: ${(error as Error).message}, retrying in ${delay} ms (attempt ${attempt}/${options.attempts})`);
      await ctx.sleep(delay);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
