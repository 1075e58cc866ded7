import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { OutageTracker } from './outage';
import type { Limit, Limiter, LimiterOptions } from './types';

export const DEFAULT_FAIL_OPEN_MS = 60_000;

function fromResult(result: RateLimiterRes, points: number, allowed: boolean): Limit {
  return {
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
    remaining: Math.max(0, points - result.consumedPoints),
  };
}

/** Counts in this process: the whole limiter for `npm start`, the fallback once a shared store's outage outlasts the fail-open window. */
export function memoryLimiter(options: LimiterOptions): Limiter {
  const limiter = new RateLimiterMemory({ keyPrefix: options.name, points: options.points, duration: options.windowSeconds });
  return { consume: (key) => consumeFrom(limiter, key, options.points) };
}

async function consumeFrom(limiter: RateLimiterAbstract, key: string, points: number): Promise<Limit> {
  try {
    return fromResult(await limiter.consume(key), points, true);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return fromResult(rejection, points, false);
    throw rejection;
  }
}

/**
 * A shared limiter that never stops traffic because its store is down: a failed call lets the request through for
 * `failOpenMs` after the outage began (the outage is reported once, by the tracker), then this instance's own counters
 * decide, so a long outage cannot remove every limit. Back to the shared counters as soon as a call succeeds.
 */
export function guardedLimiter(shared: RateLimiterAbstract, options: LimiterOptions, outage: OutageTracker): Limiter {
  const local = memoryLimiter(options);
  const failOpenMs = options.failOpenMs ?? DEFAULT_FAIL_OPEN_MS;
  const what = `limiter:${options.name}`;
  return {
    async consume(key) {
      let limit: Limit;
      try {
        limit = await consumeFrom(shared, key, options.points);
      } catch (error) {
        const downForMs = outage.failed(what, error);
        if (downForMs < failOpenMs) return { allowed: true, retryAfterSeconds: 0, remaining: options.points, degraded: 'open' };
        return { ...(await local.consume(key)), degraded: 'local' };
      }
      outage.succeeded(what);
      return limit;
    },
  };
}
