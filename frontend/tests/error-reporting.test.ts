import { randomUUID } from 'node:crypto';
import { defaultStackParser, getCurrentScope, makeNodeTransport, NodeClient } from '@sentry/node';
import { eventsInEnvelope, startSentrySink, type SentryEvent, type SentrySink } from '../../agent/test/support/sentry-sink';
import { freePort } from './support/agent-process';
import { dataDir, idParams, loadRoutes, request, type Routes } from './support/web-harness';

/**
 * What route handlers log and report when they fail (the policy in lib/report.ts), with the real Sentry SDK posting to
 * a local capture server. The database is a PostgreSQL URL nobody listens on.
 *
 * The client is bound by hand, without the integrations `Sentry.init` installs (OpenTelemetry, http diagnostics
 * channels, process handlers): those hook the whole Jest worker and outlive this file, breaking the next file's
 * servers. What `init` is given in production (instrumentation.ts) is proven against `next start` in
 * tests/e2e/sentry.spec.ts.
 */

jest.setTimeout(60_000);

let sink: SentrySink;
let client: NodeClient;
let routes: Routes;
let errorResponse: typeof import('@/lib/http').errorResponse;
let AppError: typeof import('@/lib/errors').AppError;
const logged: string[] = [];

beforeAll(async () => {
  sink = await startSentrySink('public');
  const closedPort = await freePort();
  routes = await loadRoutes({
    AGENT_URL: 'http://127.0.0.1:9',
    DATABASE_URL: `postgresql://app:route-test-db-password@127.0.0.1:${closedPort}/app`,
    SENTRY_DSN: sink.dsn,
  });
  client = new NodeClient({ dsn: sink.dsn, transport: makeNodeTransport, stackParser: defaultStackParser, integrations: [], tracesSampleRate: 0 });
  getCurrentScope().setClient(client);
  client.init();
  ({ errorResponse } = await import('@/lib/http'));
  ({ AppError } = await import('@/lib/errors'));
  jest.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
});

afterAll(async () => {
  jest.restoreAllMocks();
  await client.close(2000);
  getCurrentScope().setClient(undefined);
  await sink.close();
  delete process.env.SENTRY_DSN;
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dataDir;
});

/** The JSON error lines logged for one request id. */
function logLinesFor(requestId: string): Record<string, unknown>[] {
  return logged
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.requestId === requestId);
}

/** The events reported for one request id, once the first has arrived and the SDK has sent whatever else it had. */
async function eventsFor(requestId: string): Promise<SentryEvent[]> {
  await sink.waitForEvent((event) => event.tags?.request_id === requestId);
  await client.flush(5000);
  return sink.bodies.flatMap(eventsInEnvelope).filter((event) => event.tags?.request_id === requestId);
}

describe('server faults in route handlers', () => {
  test('when the database is down, the 503 is logged at error level with code, route and request id, and reported once, grouped by its code', async () => {
    const owner = randomUUID();
    const response = await routes.conversations.GET!(request('/api/conversations', { owner }));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { code: string; message: string; requestId: string };
    expect(body).toEqual({ code: 'unavailable:database', message: 'The database is not reachable right now. Please try again.', requestId: body.requestId });

    expect(logLinesFor(body.requestId)).toEqual([
      expect.objectContaining({ level: 'error', code: 'unavailable:database', status: 503, route: '/api/conversations', method: 'GET' }),
    ]);
    expect(logLinesFor(body.requestId)[0]!.cause).toMatch(/ECONNREFUSED/);

    const events = await eventsFor(body.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]!.fingerprint).toEqual(['unavailable:database']);
    expect(events[0]!.tags).toMatchObject({ error_code: 'unavailable:database', route: '/api/conversations', request_id: body.requestId });
    expect(sink.bodies.join('\n')).not.toContain('route-test-db-password');
  });

  test('a dynamic route is logged and tagged by its pattern, not by the id in its path', async () => {
    const id = randomUUID();
    const response = await routes.conversation.GET!(request(`/api/conversations/${id}`, { owner: randomUUID() }), idParams(id));
    expect(response.status).toBe(503);
    const { requestId } = (await response.json()) as { requestId: string };
    expect(logLinesFor(requestId)).toEqual([expect.objectContaining({ route: '/api/conversations/[id]' })]);
    const [event] = await eventsFor(requestId);
    expect(event!.tags?.route).toBe('/api/conversations/[id]');
    expect(JSON.stringify(logLinesFor(requestId))).not.toContain(id);
  });

  test('an AppError of type internal (a bug in a query) is logged and reported, with Sentry’s own grouping; the client sees only the safe message', async () => {
    const requestId = `req-${randomUUID()}`;
    const cause = Object.assign(new Error('column "secret_sauce" does not exist'), { code: '42703' });
    const response = errorResponse(new AppError('internal:database', 'Something went wrong. Please try again.', { cause }), requestId, {
      route: '/api/profile',
      method: 'PUT',
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: 'internal:database', message: 'Something went wrong. Please try again.', requestId });
    expect(text).not.toMatch(/secret_sauce|at /);

    expect(logLinesFor(requestId)).toEqual([expect.objectContaining({ level: 'error', code: 'internal:database', status: 500, route: '/api/profile' })]);
    expect(logLinesFor(requestId)[0]!.cause).toMatch(/\[42703\]: column "secret_sauce" does not exist/);

    const events = await eventsFor(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]!.fingerprint).toBeUndefined();
    expect(events[0]!.tags).toMatchObject({ error_code: 'internal:database' });
  });

  test('an error that is not an AppError is a generic 500, logged with its stack and reported', async () => {
    const requestId = `req-${randomUUID()}`;
    const response = errorResponse(new TypeError('Cannot read properties of undefined (reading "items")'), requestId);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 'internal:unexpected', message: 'Something went wrong. Please try again.', requestId });
    const [line] = logLinesFor(requestId);
    expect(line).toMatchObject({ code: 'internal:unexpected', status: 500 });
    expect(line!.stack).toMatch(/TypeError: Cannot read properties/);
    expect((await eventsFor(requestId))[0]!.tags).toMatchObject({ error_code: 'internal:unexpected' });
  });

  test('a client error (4xx) is neither logged as an error nor reported', async () => {
    const refused = `req-${randomUUID()}`;
    const response = errorResponse(new AppError('bad_request:json', 'The request body is not valid JSON.'), refused);
    expect(response.status).toBe(400);
    // A fault reported after it: once its event has arrived and the queue is empty, one for the 400 would have too.
    const later = `req-${randomUUID()}`;
    errorResponse(new AppError('unavailable:agent', 'The chat service is not reachable right now.'), later);
    await eventsFor(later);
    expect(logLinesFor(refused)).toEqual([]);
    expect(sink.bodies.join('\n')).not.toContain(refused);
  });
});
