import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Limiter } from '@chef-chopsky/shared-state';
import { COOK_HEADER, isCookId } from '@chef-chopsky/contract/runs';
import { AppError, COPY } from '../../errors';
import type { Lifecycle } from '../../lifecycle';

/**
 * Limits on starting a chat, after the gateway token is checked (so anonymous traffic never spends a cook's budget and
 * the cook header is only believed from a caller holding the token):
 *
 * - per cook: the web app names the cook (guest or user id) in `x-chopsky-cook`; a caller that names none (a smoke test,
 *   a script) is limited per token and IP (IPv6 grouped by /56). Counted in the shared state, so every replica draws
 *   on one budget.
 * - per replica: at most `maxConcurrent` model streams at once, to protect the model budget and this process's CPU.
 *
 * Both answer 429 with `Retry-After` through the central error handler.
 */
export function chatLimits({ limiter, maxConcurrent, lifecycle }: { limiter: Limiter; maxConcurrent: number; lifecycle: Lifecycle }): RequestHandler {
  return async (req, res, next) => {
    if (lifecycle.inFlight >= maxConcurrent) {
      res.setHeader('Retry-After', '1');
      res.locals.log.warn({ reason: 'streams_full', inFlight: lifecycle.inFlight }, 'request rejected');
      return next(new AppError('rate_limited:capacity', COPY.rateLimited));
    }
    const named = req.headers[COOK_HEADER];
    const cook = typeof named === 'string' && isCookId(named) ? named : undefined;
    const key = cook ? `cook:${cook}` : `client:${res.locals.tokenId ?? 'anonymous'}:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    const limit = await limiter.consume(key);
    if (limit.degraded) res.locals.limitDegraded = limit.degraded;
    if (!limit.allowed) {
      res.setHeader('Retry-After', String(limit.retryAfterSeconds));
      res.locals.log.warn({ reason: 'rate_limited', by: cook ? 'cook' : 'client' }, 'request rejected');
      return next(new AppError('rate_limited:chat', COPY.rateLimited));
    }
    next();
  };
}
