import type { ServerResponse } from 'node:http';
import { run } from '../smoke-test';
import { startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
afterEach(async () => server?.close());

function sse(res: ServerResponse, events: [string, unknown][], keepOpen = false): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (!keepOpen) res.end();
}

const DEFAULT_MESSAGE = 'Plan 1 day of dinners for 2';
let storedMessages: { role: string; status: string; content: string }[];
beforeEach(() => {
  storedMessages = [
    { role: 'user', status: 'complete', content: DEFAULT_MESSAGE },
    { role: 'assistant', status: 'complete', content: 'Day 1: chana masala' },
  ];
});

/**
 * A stand-in for the deployed web app: GET / sets the guest cookie, POST /api/chat streams the given events,
 * GET /api/conversations/c1 answers what the store kept and DELETE removes it.
 */
async function fakeApp(events: [string, unknown][], keepOpen = false): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.url === '/api/conversations/c1' && req.headers.cookie?.includes('cc_session=guest-123.sig')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'DELETE' ? '{"deleted":true}' : JSON.stringify({ conversation: { id: 'c1' }, messages: storedMessages }));
      return;
    }
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'set-cookie': ['cc_session=guest-123.sig; Path=/; HttpOnly; SameSite=Lax', 'other=1; Path=/'], 'content-type': 'text/html' });
      res.end('<html></html>');
      return;
    }
    if (req.method === 'POST' && req.url === '/api/chat') {
      if (!req.headers.cookie?.includes('cc_session=guest-123.sig')) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"code":"auth:session"}');
        return;
      }
      sse(res, events, keepOpen);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

describe('smoke test through the web app', () => {
  test('when the chat stream ends with done and the store kept the reply, then it passes and deletes the conversation, having sent the cookie, Origin and the chat body', async () => {
    server = await fakeApp([
      ['conversation', { conversationId: 'c1' }],
      ['start', { requestId: 'r1', model: 'm' }],
      ['delta', { text: 'Day 1: ' }],
      ['delta', { text: 'chana masala' }],
      ['done', { finishReason: 'stop' }],
    ]);
    const ctx = testCtx();
    expect(await run(['--app-url', server.url], ctx)).toBe(0);
    const post = server.requests.find((r) => r.method === 'POST');
    expect(post?.headers.origin).toBe(server.url);
    expect(post?.headers.cookie).toBe('cc_session=guest-123.sig; other=1');
    const body = JSON.parse(post?.body ?? '{}') as { clientMessageId: string; content: string };
    expect(body.content).toBe('Plan 1 day of dinners for 2');
    expect(body.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.output()).toMatch(/PASS smoke: "done" after 5 events \(2 deltas\)/);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /', 'POST /api/chat', 'GET /api/conversations/c1', 'DELETE /api/conversations/c1']);
    expect(server.requests.at(-1)?.headers.origin).toBe(server.url);
  });

  test('when the store has no finished reply, then it fails and still deletes the conversation', async () => {
    server = await fakeApp([['conversation', { conversationId: 'c1' }], ['done', { finishReason: 'stop' }]]);
    storedMessages = [{ role: 'user', status: 'complete', content: DEFAULT_MESSAGE }, { role: 'assistant', status: 'streaming', content: '' }];
    const ctx = testCtx();
    expect(await run(['--app-url', server.url], ctx)).toBe(1);
    expect(ctx.output()).toContain('the store has the question but no finished reply');
    expect(server.requests.at(-1)?.method).toBe('DELETE');
  });

  test('when --keep is given, then the conversation is left in place', async () => {
    server = await fakeApp([['conversation', { conversationId: 'c1' }], ['done', { finishReason: 'stop' }]]);
    expect(await run(['--app-url', server.url, '--keep'], testCtx())).toBe(0);
    expect(server.requests.map((r) => r.method)).not.toContain('DELETE');
  });

  test('when the stream ends with an error event, then it fails', async () => {
    server = await fakeApp([['start', {}], ['error', { code: 'model:timeout', message: 'The model is taking too long—please try again.' }]]);
    const ctx = testCtx();
    expect(await run(['--app-url', server.url], ctx)).toBe(1);
    expect(ctx.output()).toContain('model:timeout');
  });

  test('when done never arrives, then it fails at the timeout', async () => {
    server = await fakeApp([['start', {}], ['delta', { text: 'x' }]], true);
    const ctx = testCtx();
    expect(await run(['--app-url', server.url, '--timeout-ms', '300'], ctx)).toBe(1);
    expect(ctx.output()).toMatch(/FAIL smoke: .*(timeout|timed out)/);
  });

  test('when GET / redirects and sets the cookie on the redirect, then the cookie is kept', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(307, { location: '/chat', 'set-cookie': 'cc_session=guest-123.sig; Path=/; HttpOnly' });
        res.end();
      } else if (req.url === '/chat') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('ok');
      } else if (req.url === '/api/chat') {
        sse(res, [['conversation', { conversationId: 'c1' }], ['done', { finishReason: 'stop' }]]);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messages: storedMessages }));
      }
    });
    expect(await run(['--app-url', server.url], testCtx())).toBe(0);
    expect(server.requests.map((r) => `${r.method} ${r.url}`).slice(0, 3)).toEqual(['GET /', 'GET /chat', 'POST /api/chat']);
    expect(server.requests[1]?.headers.cookie).toBe('cc_session=guest-123.sig');
    expect(server.requests[2]?.headers.cookie).toBe('cc_session=guest-123.sig');
  });

  test('when GET / sets no cookie, then it fails before posting', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const ctx = testCtx();
    expect(await run(['--app-url', server.url], ctx)).toBe(1);
    expect(ctx.output()).toContain('set no session cookie');
    expect(server.requests).toHaveLength(1);
  });

  test('when the stream closes without done, then it fails', async () => {
    server = await fakeApp([['start', {}]]);
    expect(await run(['--app-url', server.url], testCtx())).toBe(1);
  });
});

describe('smoke test straight to the agent', () => {
  test('when given --agent-url, then it posts /v1/chat with the bearer token and never prints it', async () => {
    server = await startServer((req, res) => {
      if (req.headers.authorization !== 'Bearer gw-secret-token-1') {
        res.writeHead(401);
        res.end();
        return;
      }
      sse(res, [['start', {}], ['done', { finishReason: 'stop' }]]);
    });
    const ctx = testCtx({ env: { GATEWAY_TOKEN: 'gw-secret-token-1' } });
    expect(await run(['--agent-url', server.url], ctx)).toBe(0);
    expect(server.requests[0]?.url).toBe('/v1/chat');
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({ messages: [{ role: 'user', content: 'Plan 1 day of dinners for 2' }] });
    expect(ctx.output()).not.toContain('gw-secret-token-1');
  });

  test('when the agent answers 401, then it fails', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"code":"auth:token"}');
    });
    const ctx = testCtx({ env: { GATEWAY_TOKEN: 'wrong-token' } });
    expect(await run(['--agent-url', server.url], ctx)).toBe(1);
    expect(ctx.output()).toContain('HTTP 401');
  });
});
