import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError, COPY } from '../../errors';

/**
 * Per client: the gateway token the caller used plus its IP (IPv6 grouped by /56). Runs after auth, so anonymous
 * traffic never spends a real client's budget. Answers 429 with `Retry-After` through the central error handler.
 */
export function chatRateLimit({ limit, windowSeconds }: { limit: number; windowSeconds: number }): RequestHandler {
  return rateLimit({
    windowMs: windowSeconds * 1_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => `${res.locals.tokenId ?? 'anonymous'}:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res, next) => {
      res.locals.log.warn({ reason: 'rate_limited' }, 'request rejected');
      next(new AppError('rate_limited:chat', COPY.rateLimited));
    },
  });
}
