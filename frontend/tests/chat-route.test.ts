import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { startUpstream, upstreamText, type Upstream } from './support/openai-upstream';
import { startAgent, freePort, type AgentProcess } from './support/agent-process';
import { dataDir, GATEWAY_TOKEN, idParams, loadRoutes, readEvents, request, textOf, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

let plannerAgent: AgentProcess;
let slowAgent: AgentProcess;
let upstream: Upstream;
let planner: Routes;
let slow: Routes;

beforeAll(async () => {
  upstream = await startUpstream({ firstTokenDelayMs: 20, tokenIntervalMs: 25, tokens: 400 });
  [plannerAgent, slowAgent] = await Promise.all([
    startAgent({ GATEWAY_TOKEN }),
    startAgent({ GATEWAY_TOKEN, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'slow-model' }),
  ]);
  planner = await loadRoutes({ AGENT_URL: plannerAgent.url });
  slow = await loadRoutes({ AGENT_URL: slowAgent.url });
});

afterAll(async () => {
  await Promise.all([plannerAgent?.stop(), slowAgent?.stop(), upstream?.close()]);
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

async function storedMessages(routes: Routes, owner: string, conversationId: string) {
  const response = await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId));
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: { id: string; role: string; content: string; status: string; errorMessage: string | null }[] }).messages;
}

async function waitForStatus(routes: Routes, owner: string, conversationId: string, status: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const messages = await storedMessages(routes, owner, conversationId);
    const reply = messages.filter((m) => m.role === 'assistant').at(-1);
    if (reply?.status === status || Date.now() > deadline) return { messages, reply };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('POST /api/chat', () => {
  test('when the body is invalid, then it answers 400 naming each problem and stores nothing', async () => {
    const owner = randomUUID();
    const response = await planner.chat.POST!(request('/api/chat', { owner, body: { content: '   ', conversationId: 'nope' } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { path: string }[] };
    expect(body.code).toBe('bad_request:validation');
    expect(body.details.map((d) => d.path).sort()).toEqual(['clientMessageId', 'content', 'conversationId']);

    const tooLong = await planner.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'x'.repeat(8001) } }));
    expect(tooLong.status).toBe(400);
    const notJson = await planner.chat.POST!(request('/api/chat', { owner, body: '{"content":', headers: { 'content-type': 'application/json' } }));
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe('bad_request:json');

    const list = await planner.conversations.GET!(request('/api/conversations', { owner }));
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });

  test('when the Origin is another site or missing, then it answers 403; without a session, 401', async () => {
    const owner = randomUUID();
    const body = { clientMessageId: randomUUID(), content: 'hello' };
    const evil = await planner.chat.POST!(request('/api/chat', { owner, body, origin: 'https://evil.example' }));
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { code: string }).code).toBe('forbidden:origin');
    const missing = await planner.chat.POST!(request('/api/chat', { owner, body, origin: null }));
    expect(missing.status).toBe(403);
    const sameOriginFetch = await planner.chat.POST!(
      request('/api/chat', { owner: null, body, origin: null, headers: { 'sec-fetch-site': 'same-origin' } }),
    );
    expect(sameOriginFetch.status).toBe(401);
  });

  test('a plan request streams conversation, ledger, start, deltas, plan and done, and stores both messages', async () => {
    const owner = randomUUID();
    const response = await planner.chat.POST!(
      request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'Plan 3 days of dinners for 4 with a peanut allergy' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(events[0]!.event).toBe('conversation');
    // What the chef understood comes before it answers: the chips for 4 people and the peanut allergy.
    expect(events[1]!.event).toBe('ledger');
    expect((events[1]!.data as { chips: { label: string }[] }).chips.map((c) => c.label)).toEqual(expect.arrayContaining(['For 4', 'No peanuts']));
    expect(events[2]).toEqual(expect.objectContaining({ event: 'start', data: expect.anything() }));
    expect(events.at(-1)!.event).toBe('done');
    const { conversationId, assistantMessageId } = events[0]!.data as { conversationId: string; assistantMessageId: string };
    const messages = await storedMessages(planner, owner, conversationId);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(messages[1]!.id).toBe(assistantMessageId);
    expect(messages[1]!.content).toBe(textOf(events));
    // The plan is stored as the conversation's plan, version 1; the reply keeps a reference to that version.
    const planEvent = events.find((e) => e.event === 'plan')!.data as { view: { planId: string; version: number; plan: { servings: number } }; ref: { planId: string; version: number; label: string } };
    expect(planEvent.ref).toEqual({ planId: planEvent.view.planId, version: 1, label: 'new 3-day plan' });
    expect(planEvent.view.plan.servings).toBe(4);
    const stored = (await (
      await planner.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId))
    ).json()) as { messages: { parts: unknown[] }[]; plan: { planId: string; version: number } };
    expect(stored.messages[1]!.parts).toEqual([{ type: 'plan-version', ...planEvent.ref }]);
    expect(stored.plan).toMatchObject({ planId: planEvent.view.planId, version: 1 });
  });

  test('after a plan, "what can I make with …" answers with recipes and leaves the plan as it was: no new version, no new chip', async () => {
    const owner = randomUUID();
    const first = await readEvents(await planner.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'Plan 5 dinners for 4' } })));
    const { conversationId } = first[0]!.data as { conversationId: string };
    const chipsBefore = (first.find((e) => e.event === 'ledger')!.data as { chips: { label: string }[] }).chips.map((c) => c.label);
    const asked = await readEvents(
      await planner.chat.POST!(request('/api/chat', { owner, body: { conversationId, clientMessageId: randomUUID(), content: 'what can I make with leftover rice, kale and chickpeas?' } })),
    );
    expect(textOf(asked)).toContain('chickpeas');
    expect(asked.filter((e) => e.event === 'plan')).toEqual([]);
    const ledger = asked.find((e) => e.event === 'ledger');
    if (ledger) expect((ledger.data as { chips: { label: string }[] }).chips.map((c) => c.label)).toEqual(chipsBefore);
    const stored = (await (await planner.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId))).json()) as { plan: { version: number } };
    expect(stored.plan.version).toBe(1);
  });

  test('a retried send with the same clientMessageId is stored once and replays the stored reply', async () => {
    const owner = randomUUID();
    const clientMessageId = randomUUID();
    const first = await readEvents(await planner.chat.POST!(request('/api/chat', { owner, body: { clientMessageId, content: 'What can I make with kale?' } })));
    const { conversationId, assistantMessageId } = first[0]!.data as { conversationId: string; assistantMessageId: string };
    const again = await readEvents(
      await planner.chat.POST!(request('/api/chat', { owner, body: { conversationId, clientMessageId, content: 'What can I make with kale?' } })),
    );
    expect(again[0]!.data).toMatchObject({ conversationId, assistantMessageId, replayed: true });
    expect(textOf(again)).toBe(textOf(first));
    const messages = await storedMessages(planner, owner, conversationId);
    expect(messages.filter((m) => m.role === 'user')).toHaveLength(1);
    expect(messages.filter((m) => m.role === 'assistant')).toHaveLength(1);
  });

  test('a first send retried without its conversation id (its `conversation` event was lost) finds its conversation: it follows the live reply, then replays it; one conversation, one question, one reply', async () => {
    const owner = randomUUID();
    const clientMessageId = randomUUID();
    const body = { clientMessageId, content: 'Soup ideas [tokens:30]' };
    const first = await slow.chat.POST!(request('/api/chat', { owner, body }));
    const seen = await readEvents(first, (events) => events.some((e) => e.event === 'delta'));
    const { conversationId, assistantMessageId } = seen[0]!.data as { conversationId: string; assistantMessageId: string };

    // While the reply is still streaming: the retry follows the same run.
    const followed = await readEvents(await slow.chat.POST!(request('/api/chat', { owner, body })));
    expect(followed[0]!.data).toMatchObject({ conversationId, assistantMessageId });
    expect(followed.at(-1)!.event).toBe('done');
    expect(textOf(followed)).toBe(upstreamText(30));

    // Once it is stored: the retry replays it.
    const replayed = await readEvents(await slow.chat.POST!(request('/api/chat', { owner, body })));
    expect(replayed[0]!.data).toMatchObject({ conversationId, assistantMessageId, replayed: true });
    expect(textOf(replayed)).toBe(upstreamText(30));

    const list = (await (await slow.conversations.GET!(request('/api/conversations', { owner }))).json()) as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).toEqual([conversationId]);
    const messages = await storedMessages(slow, owner, conversationId);
    expect(messages.map((m) => `${m.role}:${m.status}`)).toEqual(['user:complete', 'assistant:complete']);
  });

  test('when the browser goes away mid-reply, then the agent call carries on and the full reply is stored', async () => {
    const owner = randomUUID();
    const response = await slow.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'Soup ideas [tokens:40]' } }));
    const seen = await readEvents(response, (events) => events.filter((e) => e.event === 'delta').length >= 3);
    const { conversationId } = seen[0]!.data as { conversationId: string };
    const { reply } = await waitForStatus(slow, owner, conversationId, 'complete');
    expect(reply?.status).toBe('complete');
    expect(reply!.content).toBe(upstreamText(40));
  });

  test('Stop ends the agent run and stores the partial reply as interrupted; the browser sees `interrupted`', async () => {
    const owner = randomUUID();
    const response = await slow.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'A long story please' } }));
    const events: Awaited<ReturnType<typeof readEvents>> = [];
    const reading = readEvents(response).then((all) => events.push(...all));
    // Wait until some text has been stored in flight, then stop.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const started = Date.now();
    const { conversationId, assistantMessageId } = await (async () => {
      const list = (await (await slow.conversations.GET!(request('/api/conversations', { owner }))).json()) as { items: { id: string }[] };
      const messages = await storedMessages(slow, owner, list.items[0]!.id);
      return { conversationId: list.items[0]!.id, assistantMessageId: messages.at(-1)!.id };
    })();
    const stop = await slow.stop.POST!(request('/api/chat/stop', { owner, body: { conversationId, assistantMessageId } }));
    expect(stop.status).toBe(200);
    expect(await stop.json()).toEqual({ assistantMessageId, status: 'interrupted' });
    await reading;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(events.at(-1)!.event).toBe('interrupted');
    const messages = await storedMessages(slow, owner, conversationId);
    const reply = messages.at(-1)!;
    expect(reply.status).toBe('interrupted');
    expect(reply.content.length).toBeGreaterThan(0);
    expect(reply.content).toBe(textOf(events));
    // Far fewer than the 400 pieces the upstream would have sent.
    expect(reply.content.trim().split(/\s+/).length).toBeLessThan(200);

    const again = await slow.stop.POST!(request('/api/chat/stop', { owner, body: { conversationId, assistantMessageId } }));
    expect(again.status).toBe(404);
  });

  test('another owner can neither stop my reply nor post into my conversation', async () => {
    const owner = randomUUID();
    const stranger = randomUUID();
    const response = await slow.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'Long one' } }));
    const events = await readEvents(response, (all) => all.some((e) => e.event === 'delta'));
    const { conversationId, assistantMessageId } = events[0]!.data as { conversationId: string; assistantMessageId: string };
    const stop = await slow.stop.POST!(request('/api/chat/stop', { owner: stranger, body: { conversationId, assistantMessageId } }));
    expect(stop.status).toBe(404);
    const post = await slow.chat.POST!(request('/api/chat', { owner: stranger, body: { conversationId, clientMessageId: randomUUID(), content: 'hi' } }));
    expect(post.status).toBe(404);
    expect((await slow.stop.POST!(request('/api/chat/stop', { owner, body: { conversationId, assistantMessageId } }))).status).toBe(200);
  });
});

describe('when the agent fails', () => {
  test('agent down: the user message is kept and the reply is stored as an error with the friendly copy', async () => {
    const routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${await freePort()}` });
    const owner = randomUUID();
    const events = await readEvents(
      await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'Plan my week, no shellfish please' } })),
    );
    expect(events.map((e) => e.event)).toEqual(['conversation', 'ledger', 'error']);
    expect(events[2]!.data.message).toBe('Something went wrong. Please try again.');
    const { conversationId } = events[0]!.data as { conversationId: string };
    const messages = await storedMessages(routes, owner, conversationId);
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', 'Plan my week, no shellfish please'],
      ['assistant', 'error', ''],
    ]);
    expect(messages[1]!.errorMessage).toBe('Something went wrong. Please try again.');
    // What the cook said is not lost with the reply: the conversation keeps the constraint.
    const stored = (await (await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId))).json()) as {
      ledger: { chips: { id: string }[] };
    };
    expect(stored.ledger.chips.map((c) => c.id)).toContain('allergen:shellfish');
  });

  test('a wrong gateway token gives the authorisation copy', async () => {
    const routes = await loadRoutes({ AGENT_URL: plannerAgent.url, GATEWAY_TOKEN: 'not-the-agents-token-0000000000' });
    const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner: randomUUID(), body: { clientMessageId: randomUUID(), content: 'hi' } })));
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'unavailable:agent_auth', message: 'Cannot reach the chat service (authorisation required).' } });
    process.env.GATEWAY_TOKEN = GATEWAY_TOKEN;
  });

  test('an agent slower than AGENT_TIMEOUT_MS gives the timeout copy and a stored error', async () => {
    const hanging: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, AGENT_TIMEOUT_MS: '1000' });
    const owner = randomUUID();
    const started = Date.now();
    const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'hi' } })));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'timeout:agent', message: 'The model is taking too long—please try again.' } });
    const { conversationId } = events[0]!.data as { conversationId: string };
    const messages = await storedMessages(routes, owner, conversationId);
    expect(messages[1]!.status).toBe('error');
    expect(messages[1]!.errorMessage).toBe('The model is taking too long—please try again.');
    hanging.closeAllConnections();
    hanging.close();
    delete process.env.AGENT_TIMEOUT_MS;
  });

  test('an agent stream that is cut before `done` is stored as an error, keeping the text that arrived', async () => {
    const cutting = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: start\ndata: {"requestId":"r","model":"m"}\n\nevent: delta\ndata: {"text":"Half a "}\n\n');
      setTimeout(() => res.destroy(), 50);
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    const routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${(cutting.address() as AddressInfo).port}` });
    const owner = randomUUID();
    const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content: 'hi' } })));
    expect(events.at(-1)!.event).toBe('error');
    const { conversationId } = events[0]!.data as { conversationId: string };
    const messages = await storedMessages(routes, owner, conversationId);
    expect(messages[1]).toMatchObject({ status: 'error', content: 'Half a ' });
    cutting.close();
  });
});
