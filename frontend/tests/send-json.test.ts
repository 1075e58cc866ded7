import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { sendJson } from '@/components/send-json';
import { handle, jsonResponse, parseJsonBody } from '@/lib/http';
import { freePort } from './support/agent-process';

/**
 * A server whose /validated route answers through the same lib/http helpers as every route (parseJsonBody, the one
 * error shape), and whose other paths answer what a proxy or a broken deployment might.
 */
const validated = handle(async (request, requestId) => {
  const body = await parseJsonBody(request, z.object({ title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters') }));
  return jsonResponse({ title: body.title }, { requestId });
});

async function toRequest(incoming: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Request(new URL(incoming.url ?? '/', base), { method: incoming.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    void (async () => {
      if (incoming.url === '/validated') {
        const response = await validated(await toRequest(incoming, base), undefined);
        outgoing.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
      } else if (incoming.url === '/html') {
        outgoing.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad gateway</body></html>');
      } else {
        outgoing.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Odd.', details: [{ path: 3 }, null, 'x', { path: 'title', message: 'is odd' }] }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('when a route refuses a field, then the failure carries the code and each field’s reason, not only the generic message', async () => {
  const result = await sendJson(`${base}/validated`, 'PATCH', { title: 'x'.repeat(121) });
  expect(result).toEqual({
    ok: false,
    status: 400,
    message: 'The request is not valid.',
    code: 'bad_request:validation',
    details: [{ path: 'title', message: 'must be at most 120 characters' }],
    body: expect.objectContaining({ code: 'bad_request:validation' }),
  });
});

test('when a field holds text the database cannot store, then the reason is in words a cook can act on, under the same code', async () => {
  const result = await sendJson(`${base}/validated`, 'PATCH', { title: 'half\u0000way' });
  expect(result).toEqual({
    ok: false,
    status: 400,
    message: 'The request contains characters that cannot be saved.',
    code: 'bad_request:text',
    details: [{ path: 'title', message: "contains characters that can't be saved; remove any unusual symbols and try again" }],
    body: expect.objectContaining({ code: 'bad_request:text' }),
  });
});

test('when the body is accepted, then the answer is the parsed body', async () => {
  expect(await sendJson(`${base}/validated`, 'PATCH', { title: '  Soup week ' })).toEqual({ ok: true, status: 200, body: { title: 'Soup week' } });
});

test('when an error body is not ours (HTML, malformed details), then the result still has a message, only well-formed details and the body as read (null when not JSON)', async () => {
  expect(await sendJson(`${base}/html`, 'POST', {})).toEqual({ ok: false, status: 502, message: 'Something went wrong. Please try again.', details: [], body: null });
  expect(await sendJson(`${base}/odd`, 'POST', {})).toEqual({ ok: false, status: 400, message: 'Odd.', details: [{ path: 'title', message: 'is odd' }], body: expect.objectContaining({ message: 'Odd.' }) });
});

test('when nothing answers, then it resolves as offline instead of throwing', async () => {
  const closed = await freePort();
  await expect(sendJson(`http://127.0.0.1:${closed}/validated`, 'DELETE')).resolves.toEqual({
    ok: false,
    status: 0,
    message: 'You seem to be offline. Check your connection and try again.',
    details: [],
  });
});
