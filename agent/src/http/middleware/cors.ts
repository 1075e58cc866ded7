import type { RequestHandler } from 'express';
import { AppError, COPY } from '../../errors';

export interface CorsOptions {
  allowedOrigins: string[];
  /** Matched against the whole origin (it is anchored here even if the configured pattern is not). */
  allowedOriginRegex?: string;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';

/**
 * Browsers from allowed origins get their origin echoed; any other origin gets 403 and no CORS headers at all.
 * Requests without an Origin (server to server) pass through and are judged by the gateway token alone.
 */
export function cors({ allowedOrigins, allowedOriginRegex }: CorsOptions): RequestHandler {
  const exact = new Set(allowedOrigins);
  const pattern = allowedOriginRegex ? new RegExp(`^(?:${allowedOriginRegex})$`) : undefined;
  const isAllowed = (origin: string) => exact.has(origin) || (pattern?.test(origin) ?? false);

  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (!isAllowed(origin)) {
      res.locals.log.warn({ reason: 'origin_not_allowed' }, 'request rejected');
      return next(new AppError('forbidden:origin', COPY.origin));
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
