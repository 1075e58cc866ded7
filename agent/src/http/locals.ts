import type { Logger } from '../logger';

/** What the middleware chain learns about a request, kept on `res.locals` for later middleware and the access log. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      log: Logger;
      /** Which configured gateway token the caller presented. */
      tokenId?: 'current' | 'previous';
      model?: string;
      inputTokens?: number;
      outputTokens?: number;
      finishReason?: string;
      outcome?: string;
      conversationId?: string;
      /** Resolves when a streaming handler has finished its bookkeeping; the access log waits for it. */
      settled?: Promise<void>;
    }
  }
}

export {};
