/**
 * `callAgent` (lib/agent-client.ts), the web app's calls to the agent over node:http, against a local
 * HTTP server standing in for the agent: what it sends, a kept-alive connection the agent closed, error answers, an
 * agent that cannot be reached, and a timeout mid-stream; and which of the runs' calls (lib/runs/agent-runs.ts) are
 * event streams.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isAppError } from '@/lib/errors';
import { callAgent } from '@/lib/agent-client';
import { followAgentRun, isAgentEventStream, startAgentRun, stopAgentRun } from '@/lib/runs/agent-runs';

let server: Server;
let agentUrl: string;
let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  agentUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const config = () => ({ agentUrl, gatewayToken: 'gateway-token-0123456789' });
const options = (signal = AbortSignal.timeout(5_000)) => ({ signal, requestId: 'req-1', cookId: 'cook-1' });
const textOf = async (body: IncomingMessage) => {
  let text = '';
  for await (const chunk of body) text += (chunk as Buffer).toString('utf8');
  return text;
};

test('a POST carries the gateway token, the cook, the request id and the JSON body; the event bytes come back as sent', async () => {
  let seen: { headers: IncomingMessage['headers']; body: string } | undefined;
  handle = (req, res, body) => {
    seen = { headers: req.headers, body };
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end('id: 1\nevent: start\ndata: {}\n\n');
  };
  const { status, body } = await callAgent(config(), { method: 'POST', path: '/v1/chat', body: { runId: 'r', messages: ['é'] } }, options());
  expect(status).toBe(200);
  expect(await textOf(body)).toBe('id: 1\nevent: start\ndata: {}\n\n');
  expect(seen!.headers).toMatchObject({ authorization: 'Bearer gateway-token-0123456789', 'x-chopsky-cook': 'cook-1', 'x-request-id': 'req-1', accept: 'text/event-stream' });
  expect(JSON.parse(seen!.body)).toEqual({ runId: 'r', messages: ['é'] });
  expect(Number(seen!.headers['content-length'])).toBe(Buffer.byteLength(seen!.body));
});

test('a kept-alive connection the agent closes as the next request arrives is retried once, on a new connection', async () => {
  const served = new Map<Socket, number>();
  let answered = 0;
  handle = (req, res) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    // The agent closed this idle connection (a restart, an idle timeout) just as the request was sent on it.
    if (count > 1) return void req.socket.destroy();
    answered += 1;
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: done\ndata: {}\n\n');
  };
  await textOf((await callAgent(config(), { method: 'GET', path: '/v1/runs/r?from=0' }, options())).body);
  const again = await callAgent(config(), { method: 'GET', path: '/v1/runs/r?from=0' }, options());
  expect(await textOf(again.body)).toBe('event: done\ndata: {}\n\n');
  expect(answered).toBe(2);
  expect([...served.values()]).toEqual([2, 1]);
});

test('an error answer becomes our AppError by its code; a status the caller allows is returned', async () => {
  expect.assertions(4);
  handle = (_req, res) => res.writeHead(429, { 'content-type': 'application/json' }).end('{"code":"rate_limited:chat","message":"slow down"}');
  try {
    await callAgent(config(), { method: 'POST', path: '/v1/chat', body: {} }, options());
  } catch (error) {
    expect(isAppError(error) && error.code).toBe('rate_limited:agent');
  }
  handle = (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
  try {
    await callAgent(config(), { method: 'POST', path: '/v1/chat', body: {} }, options());
  } catch (error) {
    expect(isAppError(error) && error.code).toBe('unavailable:agent');
  }
  handle = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found:run"}');
  const allowed = await callAgent(config(), { method: 'GET', path: '/v1/runs/x' }, options(), [404]);
  expect(allowed.status).toBe(404);
  expect(await textOf(allowed.body)).toBe('{"code":"not_found:run"}');
});

test('an agent that cannot be reached is unavailable:agent_unreachable', async () => {
  expect.assertions(1);
  try {
    await callAgent({ ...config(), agentUrl: 'http://127.0.0.1:9' }, { method: 'GET', path: '/v1/runs/x' }, options());
  } catch (error) {
    expect(isAppError(error) && error.code).toBe('unavailable:agent_unreachable');
  }
});

test('the signal aborting mid-stream ends the stream with an error, not a clean end', async () => {
  handle = (_req, res) => res.writeHead(200, { 'content-type': 'text/event-stream' }).write('event: start\ndata: {}\n\n');
  const abort = new AbortController();
  const { body } = await callAgent(config(), { method: 'GET', path: '/v1/runs/r?from=0' }, options(abort.signal));
  const first = await new Promise<string>((resolve) => body.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
  expect(first).toBe('event: start\ndata: {}\n\n');
  const ended = new Promise<string>((resolve) => {
    body.on('end', () => resolve('end'));
    body.on('error', () => resolve('error'));
  });
  abort.abort();
  expect(await ended).toBe('error');
  expect(body.readableEnded).toBe(false);
});

test('the URLs the web app starts and follows runs at are event streams to Sentry\'s filter; Stop\'s and other calls are not', async () => {
  const requested: string[] = [];
  handle = (req, res) => {
    requested.push(`${agentUrl}${req.url}`);
    if (req.url!.endsWith('/stop')) return void res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(200, { 'content-type': 'text/event-stream' }).end('event: done\ndata: {}\n\n');
  };
  const runId = '0b5a3c1e-7f2d-4c3b-9a8e-000000000001';
  await textOf(await startAgentRun(config(), { runId, messages: [{ role: 'user', content: 'hi' }] } as never, options()));
  await textOf((await followAgentRun(config(), runId, 120, options()))!);
  expect(await stopAgentRun(config(), runId, options())).toBe('stopping');
  expect(requested.map(isAgentEventStream)).toEqual([true, true, false]);
  expect([`${agentUrl}/v1/info`, `${agentUrl}/v1/runs`, `${agentUrl}/v1/chatty`].map(isAgentEventStream)).toEqual([false, false, false]);
  // Behind a proxy that gives the agent a path of its own.
  expect(['https://edge.example/agent/v1/chat', 'https://edge.example/agent/v1/runs/r?from=3', 'https://edge.example/agent/v1/runs/r/stop'].map(isAgentEventStream)).toEqual([true, true, false]);
});
