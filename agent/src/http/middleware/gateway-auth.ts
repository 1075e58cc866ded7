import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError, COPY } from '../../errors';

export interface GatewayAuthOptions {
  current: string;
  /** Accepted during a rotation, until `previousExpiresAt` when that is set. */
  previous?: string;
  previousExpiresAt?: Date;
  now?: () => number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `Authorization: Bearer <token>` against the current and (during rotation) previous gateway token. Both comparisons
 * always run, on fixed-length digests, so timing reveals neither which token matched nor how much of it.
 */
export function gatewayAuth({ current, previous, previousExpiresAt, now = Date.now }: GatewayAuthOptions): RequestHandler {
  const currentDigest = digest(current);
  const previousDigest = previous ? digest(previous) : undefined;

  return (req, res, next) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const reject = (reason: string) => {
      res.locals.log.warn({ reason }, 'gateway token rejected');
      next(new AppError('unauthorized:gateway', COPY.auth));
    };
    if (!match?.[1]) return reject(req.headers.authorization ? 'malformed' : 'missing');

    const presented = digest(match[1]);
    const isCurrent = timingSafeEqual(presented, currentDigest);
    const isPrevious = previousDigest ? timingSafeEqual(presented, previousDigest) : false;
    if (isCurrent) {
      res.locals.tokenId = 'current';
      return next();
    }
    if (isPrevious) {
      if (previousExpiresAt && now() >= previousExpiresAt.getTime()) return reject('previous_expired');
      res.locals.tokenId = 'previous';
      res.locals.log.info('request used the previous gateway token');
      return next();
    }
    return reject('invalid');
  };
}
