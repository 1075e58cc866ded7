/**
 * State a service must share when it runs as many instances (the web app on Vercel, agent replicas on Railway): rate
 * limit counters, short-lived keys (a finished run's events, kept for followers) and signals between instances (stop a
 * run). `REDIS_URL` selects Redis; without it (`npm start` on a laptop, one process per service) the same interface
 * runs in process. Callers never learn which one they have, except through `kind` for readiness and logs.
 *
 * Redis being down must never stop a chat: every call here fails fast (no offline queue, a 1 s command timeout) and
 * the limiter fails open for a bounded time, then falls back to per-instance limits (limiter.ts); the outage is
 * reported once through `onOutage` when it starts and once when it ends.
 */
import { createMemoryState } from './memory';
import { createRedisState } from './redis';
import type { SharedState, SharedStateOptions } from './types';

export type { Limit, Limiter, LimiterOptions, OutageEvent, SharedState, SharedStateOptions } from './types';

export function createSharedState(options: SharedStateOptions = {}): SharedState {
  return options.redisUrl ? createRedisState({ ...options, redisUrl: options.redisUrl }) : createMemoryState(options);
}
