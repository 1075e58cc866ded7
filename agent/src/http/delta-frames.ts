import type { RunSink } from '../runs/runs';

export interface FramedSink extends RunSink {
  /** Sends the text held back, if any, now. */
  flush(): void;
}

/**
 * Sends a reply's `delta` events in frames of at most one per `frameMs`: the first delta goes at once (time to first
 * token is unchanged), and the deltas that come within a frame of the last one sent are held and sent as one delta
 * when the frame ends. Any other event sends the held text first, so the order of text and events is kept and nothing
 * is held past the reply's last event.
 *
 * A model streams a token every 10–30 ms; every delta is an event through the run, a write to the socket and, on the
 * web app, a read, a write and a repaint. Sending a frame's tokens together costs the agent and the web app a fraction
 * of that CPU per token (docs/performance.md, "Scale"), and 20 frames a second still read as text being written.
 * `frameMs` 0 sends every delta as it comes.
 */
export function frameDeltas(sink: RunSink, frameMs: number, now: () => number = performance.now.bind(performance)): FramedSink {
  if (frameMs <= 0) return { send: (event, data) => sink.send(event, data), flush: () => undefined };
  let held = '';
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (held === '') return;
    const text = held;
    held = '';
    lastSentAt = now();
    sink.send('delta', { text });
  };

  return {
    send(event, data) {
      if (event !== 'delta') {
        flush();
        sink.send(event, data);
        return;
      }
      held += (data as { text: string }).text;
      if (timer) return;
      const wait = lastSentAt + frameMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
  };
}
