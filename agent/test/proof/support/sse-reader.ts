/**
 * Reads an SSE response to its end the way a client that must survive faults does: every complete event is kept, and
 * a connection that dies mid-stream ends the read with `outcome: 'cut'` instead of throwing the events away.
 */
export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface StreamRead {
  events: StreamEvent[];
  outcome: 'ended' | 'cut';
  error?: unknown;
}

export async function readStream(response: Response, onEvent?: (event: StreamEvent) => void): Promise<StreamRead> {
  if (!response.body) throw new Error('response has no body');
  const events: StreamEvent[] = [];
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { events, outcome: 'ended' };
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf('\n\n');
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === undefined || data === undefined) continue;
        const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
        events.push(parsed);
        onEvent?.(parsed);
      }
    }
  } catch (error) {
    return { events, outcome: 'cut', error };
  }
}

export const deltaText = (events: StreamEvent[]) =>
  events.filter((e) => e.event === 'delta').map((e) => String(e.data.text)).join('');

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs` with `what` in the message. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
