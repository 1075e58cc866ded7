import type { Response } from 'express';

export { RESERVED_EVENTS } from '@chef-chopsky/contract/chat';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly ended: boolean;
}

/**
 * Starts a Server-Sent Events response. The headers leave with the first event (one write, one packet; the first event
 * is sent at once by every caller), and each event is written (and, with Nagle off, sent) as soon as it is produced. A
 * comment line every `heartbeatMs` keeps proxies from closing a quiet stream.
 */
export function openEventStream(res: Response, heartbeatMs = 15_000): EventStream & { write(text: string): void } {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.socket?.setNoDelay(true);

  let ended = false;
  const writable = () => !ended && !res.writableEnded && !res.destroyed;
  const heartbeat = setInterval(() => {
    if (writable()) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  res.on('close', () => clearInterval(heartbeat));

  return {
    send(event, data) {
      if (!writable()) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    /** Already formatted event text (a run's, with its ids). */
    write(text) {
      if (writable()) res.write(text);
    },
    end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      if (!res.writableEnded) res.end();
    },
    get ended() {
      return ended;
    },
  };
}
