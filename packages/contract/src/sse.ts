/**
 * A small incremental Server-Sent Events parser (the subset the agent and the web app speak: `id:`, `event:` and `data:`
 * lines, blank line ends an event, `:` comments ignored). Feed it chunks of text as they arrive; it calls `onEvent` for each
 * complete event and keeps any partial line for the next chunk, so events split across network reads parse the same.
 */
export interface SseEvent {
  event: string;
  data: string;
  /** The event's `id:` when it has one (a run's events: the offset to resume from, docs/api.md). */
  id?: string;
}

export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];
  let id: string | undefined;

  const dispatch = () => {
    if (dataLines.length > 0 || eventName) {
      onEvent({ event: eventName || 'message', data: dataLines.join('\n'), ...(id === undefined ? {} : { id }) });
    }
    eventName = '';
    dataLines = [];
    id = undefined;
  };

  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
    else if (field === 'id') id = value;
  };

  return {
    feed(chunk: string) {
      buffer += chunk;
      let match: RegExpExecArray | null;
      const lineBreak = /\r\n|\r|\n/g;
      let start = 0;
      while ((match = lineBreak.exec(buffer)) !== null) {
        // A lone '\r' at the very end may be the first half of '\r\n': wait for the next chunk.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        processLine(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    /** Flush a final event that was not followed by a blank line. */
    end() {
      if (buffer) processLine(buffer);
      buffer = '';
      dispatch();
    },
  };
}

export function formatSseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
