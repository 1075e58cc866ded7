import type { Limiter, SharedState } from '@chef-chopsky/shared-state';
import { AppError } from '../errors';
import { FRIENDLY_COPY } from '../chat-types';

/**
 * Chats per cook (guest or user id) and per client IP, at the web app's edge and shared by every instance. The agent
 * limits per cook again (the cook's id travels in a header it believes only with the gateway token) and caps its
 * concurrent streams; these limits answer first, before anything is written.
 */
export interface ChatLimits {
  perCook: Limiter;
  perIp: Limiter;
}

export interface ChatLimitConfig {
  perCook: number;
  perIp: number;
  windowSeconds: number;
  /** With Redis unreachable, requests pass this long; then each instance counts on its own until it is back. */
  failOpenSeconds: number;
}

export function chatLimits(shared: SharedState, config: ChatLimitConfig): ChatLimits {
  const failOpenMs = config.failOpenSeconds * 1000;
  return {
    perCook: shared.limiter({ name: 'chat-cook', points: config.perCook, windowSeconds: config.windowSeconds, failOpenMs }),
    perIp: shared.limiter({ name: 'chat-ip', points: config.perIp, windowSeconds: config.windowSeconds, failOpenMs }),
  };
}

/**
 * The client's address as the platform gives it: Vercel sets `x-real-ip` and overwrites `x-forwarded-for` (a client
 * cannot choose them). Behind another proxy, that proxy must do the same. Undefined when neither is there: then only
 * the per-cook limit applies, never one bucket shared by every client.
 */
export function clientIpOf(request: Request): string | undefined {
  return request.headers.get('x-real-ip')?.trim() || request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

/** Throws `rate_limited:chat` (429, with the seconds to wait in `details.retryAfterSeconds`) when either budget is spent. */
export async function assertChatAllowed(limits: ChatLimits, { ownerId, ip }: { ownerId: string; ip?: string }): Promise<void> {
  const results = await Promise.all([limits.perCook.consume(ownerId), ...(ip ? [limits.perIp.consume(ip)] : [])]);
  const refused = results.filter((limit) => !limit.allowed);
  if (refused.length === 0) return;
  const retryAfterSeconds = Math.max(...refused.map((limit) => limit.retryAfterSeconds));
  throw new AppError('rate_limited:chat', FRIENDLY_COPY.rateLimited, { details: { retryAfterSeconds } });
}
