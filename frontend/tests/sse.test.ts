import { createSseParser, formatSseEvent, type SseEvent } from '@chef-chopsky/contract/sse';

function parseInChunks(text: string, size: number): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (let i = 0; i < text.length; i += size) parser.feed(text.slice(i, i + size));
  parser.end();
  return events;
}

describe('SSE parser', () => {
  const stream =
    ': comment\r\n' +
    formatSseEvent('start', { requestId: 'r1', model: 'm' }) +
    'event: delta\r\ndata: {"text":"Hé"}\r\n\r\n' +
    'event: delta\rdata: {"text":"llo"}\r\r' +
    'data: line one\ndata: line two\n\n' +
    'event: done\ndata: {}';

  test.each([1, 2, 3, 7, 1000])('events split across reads of %i characters parse the same', (size) => {
    expect(parseInChunks(stream, size)).toEqual([
      { event: 'start', data: '{"requestId":"r1","model":"m"}' },
      { event: 'delta', data: '{"text":"Hé"}' },
      { event: 'delta', data: '{"text":"llo"}' },
      { event: 'message', data: 'line one\nline two' },
      { event: 'done', data: '{}' },
    ]);
  });
});
