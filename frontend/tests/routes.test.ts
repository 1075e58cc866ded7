import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { EnvError, parseServerEnv } from '@/lib/env';
import { dataDir, GATEWAY_TOKEN, idParams, loadRoutes, readEvents, request, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

/** A stand-in agent that records what the web app sends and answers with a short, complete stream. */
let recorded: { headers: Record<string, unknown>; body: { messages: { role: string; content: string }[]; profile?: Record<string, unknown> } }[] = [];
let agentReady = true;
const MAINTENANCE_COPY = 'Chef Chopsky is upgrading its kitchen until 08:00 UTC. Please try again then.';
/** The token the stand-in agent accepts on `/v1/ready`: the web app's, unless a test rotates it away. */
let agentAcceptsToken = GATEWAY_TOKEN;
let agent: Server;
let routes: Routes;

beforeAll(async () => {
  agent = createServer((req, res) => {
    if (req.url === '/v1/ready') {
      if (req.headers.authorization !== `Bearer ${agentAcceptsToken}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthorized:gateway"}');
        return;
      }
      res.writeHead(agentReady ? 200 : 503, { 'content-type': 'application/health+json' }).end(JSON.stringify({ status: agentReady ? 'pass' : 'fail', checks: { 'gateway:token': [{ status: 'pass', observedValue: 'current' }] } }));
      return;
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (raw.includes('during maintenance')) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'unavailable:maintenance', message: MAINTENANCE_COPY, requestId: 'r' }));
        return;
      }
      recorded.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: start\ndata: {"requestId":"r","model":"fake"}\n\nevent: delta\ndata: {"text":"Noted."}\n\nevent: done\ndata: {"finishReason":"stop","model":"fake","usage":{"inputTokens":1,"outputTokens":1}}\n\n');
    });
  });
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
  routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${(agent.address() as AddressInfo).port}` });
});

afterAll(async () => {
  agent.close();
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

async function chat(owner: string, content: string, conversationId?: string) {
  const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content, conversationId } })));
  return events[0]!.data as { conversationId: string; userMessageId: string; assistantMessageId: string };
}

describe('maintenance', () => {
  test("when the agent answers its maintenance 503, then the cook sees the agent's maintenance copy, not the generic one", async () => {
    const owner = randomUUID();
    const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'plan dinner during maintenance' } })));
    const error = events.find((e) => e.event === 'error');
    expect(error?.data).toMatchObject({ code: 'unavailable:maintenance', message: MAINTENANCE_COPY });
  });
});

describe('profile', () => {
  test('an invalid profile is a 400 naming the field; a valid one is saved, read back, and sent with every chat', async () => {
    const owner = randomUUID();
    const bad = await routes.profile.PUT!(request('/api/profile', { method: 'PUT', owner, body: { householdSize: 0, diet: 'carnivore' } }));
    expect(bad.status).toBe(400);
    const details = ((await bad.json()) as { details: { path: string }[] }).details.map((d) => d.path);
    expect(details).toEqual(expect.arrayContaining(['householdSize', 'diet', 'allergens']));

    const profile = {
      householdSize: 4,
      diet: 'vegan',
      allergens: ['peanuts', 'sesame'],
      dislikes: ['Mushroom'],
      pantry: ['kale'],
      maxMinutesPerMeal: 30,
      weeklyPrepMinutes: null,
      targets: { kcalPerDay: 2000, proteinGPerDay: null },
      units: 'us',
    };
    const saved = await routes.profile.PUT!(request('/api/profile', { method: 'PUT', owner, body: profile }));
    expect(saved.status).toBe(200);
    const read = (await (await routes.profile.GET!(request('/api/profile', { owner }))).json()) as { profile: Record<string, unknown>; saved: boolean };
    expect(read.saved).toBe(true);
    expect(read.profile).toMatchObject({ householdSize: 4, diet: 'vegan', allergens: ['peanuts', 'sesame'], dislikes: ['mushroom'], units: 'us' });

    recorded = [];
    const first = await chat(owner, 'Plan dinners');
    await chat(owner, 'And lunches', first.conversationId);
    expect(recorded).toHaveLength(2);
    expect(recorded[1]!.headers.authorization).toBe(`Bearer ${process.env.GATEWAY_TOKEN}`);
    expect(recorded[1]!.body.profile).toEqual({
      householdSize: 4,
      diet: 'vegan',
      allergens: ['peanuts', 'sesame'],
      dislikes: ['mushroom'],
      pantry: ['kale'],
      units: 'us',
      maxMinutesPerMeal: 30,
      targets: { kcalPerDay: 2000 },
    });
    expect(recorded[1]!.body.messages).toEqual([
      { role: 'user', content: 'Plan dinners' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'And lunches' },
    ]);
  });
});

describe('conversations belong to their owner', () => {
  test('another owner gets 404 reading, renaming, archiving, rating, deleting or giving feedback; the owner can do all', async () => {
    const owner = randomUUID();
    const stranger = randomUUID();
    const { conversationId, assistantMessageId } = await chat(owner, 'Dinner ideas');
    const path = `/api/conversations/${conversationId}`;
    const params = idParams(conversationId);

    expect((await routes.conversation.GET!(request(path, { owner: stranger }), params)).status).toBe(404);
    expect((await routes.conversation.PATCH!(request(path, { method: 'PATCH', owner: stranger, body: { title: 'x' } }), params)).status).toBe(404);
    expect((await routes.conversation.PATCH!(request(path, { method: 'PATCH', owner: stranger, body: { rating: 5 } }), params)).status).toBe(404);
    expect((await routes.conversation.DELETE!(request(path, { method: 'DELETE', owner: stranger }), params)).status).toBe(404);
    expect((await routes.feedback.POST!(request('/api/feedback', { owner: stranger, body: { messageId: assistantMessageId, rating: 'down' } }))).status).toBe(404);
    const theirList = (await (await routes.conversations.GET!(request('/api/conversations', { owner: stranger }))).json()) as { items: unknown[] };
    expect(theirList.items).toEqual([]);
    expect((await routes.conversation.GET!(request('/api/conversations/not-a-uuid', { owner }), idParams('not-a-uuid'))).status).toBe(404);

    const renamed = await routes.conversation.PATCH!(request(path, { method: 'PATCH', owner, body: { title: 'Weeknight dinners', rating: 4 } }), params);
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { conversation: { title: string; rating: number } }).conversation).toMatchObject({ title: 'Weeknight dinners', rating: 4 });
    const feedback = await routes.feedback.POST!(request('/api/feedback', { owner, body: { messageId: assistantMessageId, rating: 'up', comment: 'good' } }));
    expect(await feedback.json()).toEqual({ feedback: { rating: 'up', comment: 'good' } });

    const found = (await (await routes.conversations.GET!(request('/api/conversations?search=weeknight', { owner }))).json()) as { items: { id: string }[] };
    expect(found.items.map((c) => c.id)).toEqual([conversationId]);
    expect((await routes.conversation.PATCH!(request(path, { method: 'PATCH', owner, body: { archived: true } }), params)).status).toBe(200);
    const active = (await (await routes.conversations.GET!(request('/api/conversations', { owner }))).json()) as { items: unknown[] };
    expect(active.items).toEqual([]);
    const archived = (await (await routes.conversations.GET!(request('/api/conversations?status=archived', { owner }))).json()) as { items: unknown[] };
    expect(archived.items).toHaveLength(1);

    expect((await routes.conversation.DELETE!(request(path, { method: 'DELETE', owner }), params)).status).toBe(200);
    expect((await routes.conversation.GET!(request(path, { owner }), params)).status).toBe(404);
  });

  test('state-changing conversation routes refuse other origins', async () => {
    const owner = randomUUID();
    const { conversationId } = await chat(owner, 'Hi');
    const response = await routes.conversation.DELETE!(
      request(`/api/conversations/${conversationId}`, { method: 'DELETE', owner, origin: 'https://evil.example' }),
      idParams(conversationId),
    );
    expect(response.status).toBe(403);
    expect((await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId))).status).toBe(200);
  });

  test('text PostgreSQL cannot hold is refused with 400, not a 500', async () => {
    const owner = randomUUID();
    const response = await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'half\u0000way' } }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('bad_request:text');
    const search = await routes.conversations.GET!(request('/api/conversations?search=%00%ED%A0%80', { owner }));
    expect(search.status).toBe(200);
  });
});

describe('health', () => {
  test('liveness is 200 application/health+json; readiness checks the database and the agent, 503 when one fails', async () => {
    const live = await routes.health.GET!(request('/api/health'));
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toBe('application/health+json');
    agentReady = true;
    const ready = await routes.ready.GET!(request('/api/health/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'pass', checks: { 'database:ping': [{ status: 'pass' }], 'agent:ready': [{ status: 'pass' }] } });
    agentReady = false;
    const notReady = await routes.ready.GET!(request('/api/health/ready'));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'fail', checks: { 'agent:ready': [{ status: 'fail', output: 'agent readiness 503' }] } });
    agentReady = true;
  });

  test('readiness makes the gateway token round trip: a token the agent refuses fails it (503), and it says which token matched', async () => {
    const ready = await routes.ready.GET!(request('/api/health/ready'));
    expect(await ready.json()).toMatchObject({ checks: { 'gateway:token': [{ status: 'pass', observedValue: 'current' }] } });
    agentAcceptsToken = 'a-token-rotated-on-the-agent-only';
    try {
      const refused = await routes.ready.GET!(request('/api/health/ready'));
      expect(refused.status).toBe(503);
      const body = await refused.json();
      expect(body).toMatchObject({ status: 'fail', checks: { 'agent:ready': [{ status: 'fail', output: "the agent refused this web app's gateway token (401)" }] } });
      expect(JSON.stringify(body)).not.toContain(GATEWAY_TOKEN);
    } finally {
      agentAcceptsToken = GATEWAY_TOKEN;
    }
  });
});

describe('configuration', () => {
  test('outside production every value has an embedded default', () => {
    const env = parseServerEnv({});
    expect(env).toMatchObject({ appEnv: 'development', isProduction: false, agentUrl: 'http://127.0.0.1:8787', gatewayToken: 'dev-gateway-token' });
    expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  test('in production, start-up fails naming every missing or malformed key at once', () => {
    let error: unknown;
    try {
      parseServerEnv({ APP_ENV: 'production', AGENT_TIMEOUT_MS: 'soon', SESSION_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const text = (error as EnvError).problems.join('\n');
    expect(text).toMatch(/AGENT_TIMEOUT_MS/);
    expect(text).toMatch(/SESSION_SECRET/);
    expect(text).toMatch(/AGENT_URL: required in every deployed environment/);
    expect(() => parseServerEnv({ APP_ENV: 'production' })).toThrow(/AGENT_URL[\s\S]*GATEWAY_TOKEN[\s\S]*SESSION_SECRET[\s\S]*DATABASE_URL/);
    expect(() => parseServerEnv({ VERCEL_ENV: 'preview' })).toThrow(/SESSION_SECRET/);
    expect(
      parseServerEnv({
        APP_ENV: 'production',
        AGENT_URL: 'https://agent.example',
        GATEWAY_TOKEN: 'a-production-token-0000000000',
        SESSION_SECRET: 'x'.repeat(40),
        DATABASE_URL: 'postgresql://u:p@db/app',
      }).isProduction,
    ).toBe(true);
  });

  test('staging and previews refuse the development token and session secret; so does any service on Railway', () => {
    const deployed = { AGENT_URL: 'https://agent.example', DATABASE_URL: 'postgresql://u:p@db/app', GATEWAY_TOKEN: 'dev-gateway-token', SESSION_SECRET: 'dev-session-secret-change-me-in-production-0123456789' };
    for (const where of [{ APP_ENV: 'staging' }, { VERCEL_ENV: 'preview' as const }]) {
      expect(() => parseServerEnv({ ...deployed, ...where })).toThrow(/GATEWAY_TOKEN: must not be the development token[\s\S]*SESSION_SECRET: must not be the development secret/);
    }
    expect(() => parseServerEnv({ RAILWAY_ENVIRONMENT_NAME: 'production' })).toThrow(/APP_ENV: must be production, staging or preview on a deployed service/);
  });

  test('a production build (next start) without APP_ENV needs its own SESSION_SECRET; APP_ENV=development keeps the laptop default', () => {
    expect(() => parseServerEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required by a production build/);
    expect(parseServerEnv({ NODE_ENV: 'production', APP_ENV: 'development' }).appEnv).toBe('development');
    expect(parseServerEnv({ NODE_ENV: 'production', SESSION_SECRET: 'y'.repeat(40) }).sessionSecret).toBe('y'.repeat(40));
  });

  test('traces are sampled by environment unless SENTRY_TRACES_SAMPLE_RATE says otherwise', () => {
    expect(parseServerEnv({}).tracesSampleRate).toBe(0);
    expect(parseServerEnv({ SENTRY_TRACES_SAMPLE_RATE: '0.5' }).tracesSampleRate).toBe(0.5);
    expect(() => parseServerEnv({ SENTRY_TRACES_SAMPLE_RATE: '7' })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });
});
