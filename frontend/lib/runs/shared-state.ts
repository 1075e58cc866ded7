import { createSharedState, type SharedState } from '@chef-chopsky/shared-state';
import { reportError } from '../report';
import { AppError } from '../errors';

/**
 * The web app's shared state (packages/shared-state): Redis when REDIS_URL is set (production: many Vercel instances
 * share one budget per cook and per IP), in process otherwise (`npm start`). One per process: kept on globalThis, as
 * the store is, because Next.js gives each route handler its own copy of lib/ (and each copy would open its own two
 * Redis connections, and count in process on its own).
 */
const opened = ((globalThis as { __chopskySharedState?: Map<string, SharedState> }).__chopskySharedState ??= new Map());

export function webSharedState(redisUrl: string | undefined): SharedState {
  const key = redisUrl ?? 'memory';
  let state = opened.get(key);
  if (!state) opened.set(key, (state = open(redisUrl)));
  return state;
}

function open(redisUrl: string | undefined): SharedState {
  return createSharedState({
    redisUrl,
    keyPrefix: 'chopsky:web',
    // The alert: one error line and one Sentry event (grouped by its code) when Redis becomes unreachable; chats go on.
    onOutage: ({ state, what, error, downForMs }) => {
      if (state === 'down') {
        console.error(JSON.stringify({ level: 'error', msg: 'shared state (Redis) unreachable: limits fail open, then count per instance', what, cause: String((error as Error)?.message ?? error) }));
        reportError(new AppError('unavailable:shared_state', 'Redis is unreachable.', { cause: error }), { surface: `shared-state:${what}` });
      } else {
        console.warn(JSON.stringify({ level: 'warn', msg: 'shared state (Redis) reachable again', what, downForMs }));
      }
    },
  });
}
