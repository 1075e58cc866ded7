/**
 * Many cooks at once, on production's shape (rig.ts): two web instances and two agents behind round-robin balancers,
 * one Redis, one PostgreSQL 15. Limits hold exactly across instances; Stop, reloads and retries work from any
 * instance without a second model call; an instance killed mid-reply loses and duplicates nothing, whether a browser
 * follows the reply or only reads the conversation later; with Redis down,
 * limits fail open for a bounded time with an alert and chats keep working.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { createSseParser } from '@chef-chopsky/contract/sse';
import { startRig, type Rig } from './rig';
import { ChatPage } from './pages/chat-page';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

/**
 * Replies drip: `[tokens:N]` in the message sets their length (default 40), 60 ms apart. `[plan]` makes the model call
 * plan_meals first (3 dinners), then drip its reply.
 */
const upstream = ({ body }: { body: Record<string, unknown> }) => {
  const messages = body.messages as Array<{ role: string; content: unknown }>;
  const asked = String(messages.filter((m) => m.role === 'user').at(-1)?.content ?? '');
  if (asked.includes('[plan]') && !messages.some((m) => m.role === 'tool')) {
    return { toolCalls: [{ id: 'call_plan', name: 'plan_meals', args: { days: 3, meals: ['dinner'] } }] };
  }
  const count = Number(/\[tokens:(\d+)\]/.exec(asked)?.[1] ?? 40);
  return { tokens: Array.from({ length: count }, (_, i) => `${i === 0 ? 'Word' : ' word'}${i}`), tokenIntervalMs: 60 };
};
const fullText = (count: number) => Array.from({ length: count }, (_, i) => `${i === 0 ? 'Word' : ' word'}${i}`).join('');

let rig: Rig;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  rig = await startRig({
    upstream,
    webEnv: { CHAT_LIMIT_PER_COOK: '3', CHAT_LIMIT_FAIL_OPEN_SECONDS: '3' },
    agentEnv: { RATE_LIMIT_REQUESTS: '1000', RATE_LIMIT_FAIL_OPEN_SECONDS: '3' },
  });
});
test.afterAll(async () => {
  await rig?.close();
});

interface Event {
  event: string;
  data: Record<string, unknown>;
  id?: string;
}

function post(path: string, cook: string, body: unknown): Promise<Response> {
  return fetch(`${rig.web.url}${path}`, {
    method: 'POST',
    headers: { cookie: rig.cookieFor(cook), origin: rig.web.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Reads a response's events; with `until`, stops (and drops the connection) once it holds. */
async function eventsOf(response: Response, until?: (events: Event[]) => boolean): Promise<Event[]> {
  const events: Event[] = [];
  const parser = createSseParser(({ event, data, id }) => events.push({ event, data: JSON.parse(data) as Record<string, unknown>, ...(id ? { id } : {}) }));
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      if (until?.(events)) {
        await reader.cancel();
        return events;
      }
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } catch {
    // The connection was cut (an instance killed): what arrived is what there is.
  }
  parser.end();
  return events;
}

const deltas = (n: number) => (events: Event[]) => events.filter((e) => e.event === 'delta').length >= n;
const textOf = (events: Event[]) => events.filter((e) => e.event === 'delta').map((e) => String(e.data.text)).join('');
const lastIdOf = (events: Event[]) => Number(events.filter((e) => e.id).at(-1)?.id ?? 0);

async function storedReplies(conversationId: string) {
  const { rows } = await rig.db.query<{ status: string; content: string; error_code: string | null }>(
    `select status, content, error_code from messages where conversation_id = $1 and role = 'assistant' order by seq`,
    [conversationId],
  );
  return rows;
}

async function settled(conversationId: string) {
  await expect.poll(async () => (await storedReplies(conversationId)).map((r) => r.status), { timeout: 30_000 }).not.toContain('streaming');
  return storedReplies(conversationId);
}

function follow(cook: string, conversationId: string, assistantMessageId: string, from: number) {
  const params = new URLSearchParams({ conversationId, assistantMessageId, from: String(from) });
  return fetch(`${rig.web.url}/api/chat/follow?${params}`, { headers: { cookie: rig.cookieFor(cook) } });
}

test('limits per cook are exact across the two web instances: 3 of 6 chats pass, the rest get 429 with Retry-After', async () => {
  const cook = randomUUID();
  const answers = await Promise.all(Array.from({ length: 6 }, () => post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Hi [tokens:2]' })));
  expect(new Set(answers.map((a) => a.headers.get('x-rig-target')))).toEqual(new Set(['0', '1']));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
  for (const refused of answers.filter((a) => a.status === 429)) {
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited:chat' });
  }
  await Promise.all(answers.filter((a) => a.status === 200).map((a) => eventsOf(a)));
  // Another cook is not affected.
  const other = await post('/api/chat', randomUUID(), { clientMessageId: randomUUID(), content: 'Hi [tokens:2]' });
  expect(other.status).toBe(200);
  await eventsOf(other);
});

test('Stop sent to the other web instance stops the reply; the partial reply is stored once as interrupted', async () => {
  const cook = randomUUID();
  const response = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'A long one [tokens:200]' });
  const reading = eventsOf(response);
  await expect.poll(async () => (await rig.db.query(`select 1 from messages m join conversations c on c.id = m.conversation_id where c.owner_id = $1 and m.role = 'assistant'`, [cook])).rowCount).toBe(1);
  const { rows } = await rig.db.query<{ id: string; conversation_id: string }>(`select id, conversation_id from messages where owner_id = $1 and role = 'assistant'`, [cook]);
  const { id: assistantMessageId, conversation_id: conversationId } = rows[0]!;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stop = await post('/api/chat/stop', cook, { conversationId, assistantMessageId });
  expect(stop.headers.get('x-rig-target')).not.toBe(response.headers.get('x-rig-target'));
  expect(stop.status).toBe(200);
  const events = await reading;
  expect(events.at(-1)?.event).toBe('interrupted');
  const [reply, ...more] = await settled(conversationId);
  expect(more).toEqual([]);
  expect(reply).toMatchObject({ status: 'interrupted', content: textOf(events) });
  expect(reply!.content.length).toBeLessThan(fullText(200).length);
});

test('a reload follows the live reply on the other instance from where the browser was, and a retried send follows it too: one model call', async () => {
  const cook = randomUUID();
  const calls = rig.fake.requests.length;
  const clientMessageId = randomUUID();
  const first = await post('/api/chat', cook, { clientMessageId, content: 'Tell me [tokens:40]' });
  const seen = await eventsOf(first, deltas(5));
  const { conversationId, assistantMessageId } = seen[0]!.data as { conversationId: string; assistantMessageId: string };

  const followed = await follow(cook, conversationId, assistantMessageId, lastIdOf(seen));
  expect(followed.status).toBe(200);
  expect(followed.headers.get('x-rig-target')).not.toBe(first.headers.get('x-rig-target'));
  const retried = await post('/api/chat', cook, { conversationId, clientMessageId, content: 'Tell me [tokens:40]' });
  const [rest, again] = await Promise.all([eventsOf(followed), eventsOf(retried)]);

  expect(textOf(seen) + textOf(rest)).toBe(fullText(40));
  expect(rest.at(-1)?.event).toBe('done');
  expect(again[0]).toMatchObject({ event: 'conversation', data: { conversationId, assistantMessageId } });
  expect(textOf(again)).toBe(fullText(40));
  expect(again.at(-1)?.event).toBe('done');
  expect(rig.fake.requests.length - calls).toBe(1);
  expect(await settled(conversationId)).toEqual([{ status: 'complete', content: fullText(40), error_code: null }]);
});

test('a plan made in a reply that two instances relay (the starter, and the other following it) is stored once: one plan, one version, one line in the reply; both streams show it as the stored plan', async () => {
  const cook = randomUUID();
  const calls = rig.fake.requests.length;
  const first = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Plan my dinners [plan] [tokens:40]' });
  const seen = await eventsOf(first, (events) => events.some((e) => e.event === 'plan') && deltas(3)(events));
  const { conversationId, assistantMessageId } = seen[0]!.data as { conversationId: string; assistantMessageId: string };
  const plan = seen.find((e) => e.event === 'plan')!.data as { view: { planId: string; version: number }; ref: { planId: string; version: number; label: string } };
  expect(plan.ref).toEqual({ planId: plan.view.planId, version: 1, label: 'new 3-day plan' });

  // The first stream was dropped; the starter relays the run on. The other instance follows it from the start of the
  // run (it may have to store it) and shows the browser the stored plan again.
  const followed = await follow(cook, conversationId, assistantMessageId, lastIdOf(seen));
  expect(followed.headers.get('x-rig-target')).not.toBe(first.headers.get('x-rig-target'));
  const rest = await eventsOf(followed);
  expect(rest.at(-1)?.event).toBe('done');
  expect(rest.filter((e) => e.event === 'plan').map((e) => e.data.ref)).toEqual([plan.ref]);
  expect(textOf(seen) + textOf(rest)).toBe(fullText(40));

  await settled(conversationId);
  const versions = await rig.db.query<{ plan_id: string; version: number }>(
    `select v.plan_id, v.version from plan_versions v join plans p on p.id = v.plan_id where p.conversation_id = $1`,
    [conversationId],
  );
  expect(versions.rows).toEqual([{ plan_id: plan.view.planId, version: 1 }]);
  const { rows } = await rig.db.query<{ parts: unknown }>(`select parts from messages where id = $1`, [assistantMessageId]);
  expect(rows[0]!.parts).toEqual([{ type: 'plan-version', ...plan.ref }]);
  // One model call for the tool, one for the answer: nobody asked twice.
  expect(rig.fake.requests.length - calls).toBe(2);
});

test('a plan version the starter stored before the chef answered (a constraint said in chat) reaches a follower on the other instance, and is in the stored reply once', async () => {
  const cook = randomUUID();
  const made = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Plan my dinners [plan] [tokens:2]' });
  const madeEvents = await eventsOf(made);
  const { conversationId } = madeEvents[0]!.data as { conversationId: string };
  await settled(conversationId);

  // "no garlic" breaks meals of the plan: the starter stores v2 before it calls the agent, and tells its own stream.
  const second = await post('/api/chat', cook, { conversationId, clientMessageId: randomUUID(), content: 'Actually no garlic please [tokens:40]' });
  const seen = await eventsOf(second, (events) => events.some((e) => e.event === 'plan') && deltas(3)(events));
  const { assistantMessageId } = seen[0]!.data as { assistantMessageId: string };
  const update = seen.find((e) => e.event === 'plan')!.data as { ref: { planId: string; version: number; label: string } };
  expect(update.ref.version).toBe(2);

  const followed = await follow(cook, conversationId, assistantMessageId, lastIdOf(seen));
  expect(followed.headers.get('x-rig-target')).not.toBe(second.headers.get('x-rig-target'));
  const rest = await eventsOf(followed);
  expect(rest.at(-1)?.event).toBe('done');
  expect(rest.filter((e) => e.event === 'plan').map((e) => e.data.ref)).toEqual([update.ref]);

  await settled(conversationId);
  const { rows } = await rig.db.query<{ parts: unknown }>(`select parts from messages where id = $1`, [assistantMessageId]);
  expect(rows[0]!.parts).toEqual([{ type: 'plan-version', ...update.ref }]);
});

test('in the browser: a reload mid-reply lands on the other instance and shows the reply being written, then finished', async ({ page }) => {
  await page.context().addCookies([{ name: 'chopsky_session', value: rig.cookieFor(randomUUID()).split('=')[1]!, url: rig.web.url }]);
  const chat = new ChatPage(page);
  await page.goto(rig.web.url);
  await chat.send('Give me one quick tip [tokens:60]');
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('word3');
  const calls = rig.fake.requests.length;
  await page.reload();
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('word5');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(chat.lastReply().getByTestId('reply-text')).toHaveText(fullText(60));
  expect(rig.fake.requests.length).toBe(calls);
});

test('a web instance killed mid-reply: following the reply through the balancer reaches the other instance, which stores it once, complete; one model call', async () => {
  const cook = randomUUID();
  const calls = rig.fake.requests.length;
  const response = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Tell me [tokens:50]' });
  const served = Number(response.headers.get('x-rig-target'));
  const reading = eventsOf(response);
  await expect.poll(() => rig.fake.requests.length).toBe(calls + 1);
  await new Promise((resolve) => setTimeout(resolve, 600));
  await rig.webs[served]!.kill();
  const seen = await reading;
  expect(seen.map((e) => e.event)).not.toContain('done');
  const { conversationId, assistantMessageId } = seen[0]!.data as { conversationId: string; assistantMessageId: string };

  const followed = await follow(cook, conversationId, assistantMessageId, lastIdOf(seen));
  expect(followed.status).toBe(200);
  const rest = await eventsOf(followed);
  expect(textOf(seen) + textOf(rest)).toBe(fullText(50));
  expect(rest.at(-1)?.event).toBe('done');
  expect(await settled(conversationId)).toEqual([{ status: 'complete', content: fullText(50), error_code: null }]);
  expect(rig.fake.requests.length - calls).toBe(1);
  await rig.restartWeb(served);
});

test('a web instance killed mid-reply while no browser follows it: the next read of the conversation, on the other instance, stores the reply from the agent\'s kept run, complete, once; one model call', async () => {
  const cook = randomUUID();
  const calls = rig.fake.requests.length;
  const response = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Tell me [tokens:30]' });
  const served = Number(response.headers.get('x-rig-target'));
  // The browser reads the start, then its tab is closed.
  const seen = await eventsOf(response, deltas(2));
  const { conversationId, assistantMessageId } = seen[0]!.data as { conversationId: string; assistantMessageId: string };
  await rig.webs[served]!.kill();
  await rig.fake.settled(calls + 1, 20_000);
  expect((await storedReplies(conversationId)).map((r) => r.status)).toEqual(['streaming']);
  // Older than any live run could be (AGENT_TIMEOUT_MS and the store's retries): no instance relays it any more.
  await rig.db.query(`update messages set created_at = now() - interval '5 minutes' where id = $1`, [assistantMessageId]);

  const read = await fetch(`${rig.web.url}/api/conversations/${conversationId}`, { headers: { cookie: rig.cookieFor(cook) } });
  expect(read.status).toBe(200);
  const { messages } = (await read.json()) as { messages: Array<{ id: string; role: string; status: string; content: string }> };
  expect(messages.filter((m) => m.role === 'assistant').map(({ id, status, content }) => ({ id, status, content }))).toEqual([
    { id: assistantMessageId, status: 'complete', content: fullText(30) },
  ]);
  expect(await storedReplies(conversationId)).toEqual([{ status: 'complete', content: fullText(30), error_code: null }]);
  expect(rig.fake.requests.length - calls).toBe(1);
  await rig.restartWeb(served);
});

test('in the browser: the web instance streaming the reply is killed; the page follows the reply on the other one and shows it finished', async ({ page }) => {
  const cook = randomUUID();
  await page.context().addCookies([{ name: 'chopsky_session', value: rig.cookieFor(cook).split('=')[1]!, url: rig.web.url }]);
  const chat = new ChatPage(page);
  await page.goto(rig.web.url);
  const calls = rig.fake.requests.length;
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/chat') && response.request().method() === 'POST');
  await chat.send('Tell me slowly [tokens:60]');
  const served = Number((await answered).headers()['x-rig-target']);
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('word5');
  await rig.webs[served]!.kill();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(chat.lastReply().getByTestId('reply-text')).toHaveText(fullText(60));
  const { rows } = await rig.db.query<{ status: string; content: string }>(`select status, content from messages where owner_id = $1 and role = 'assistant'`, [cook]);
  expect(rows).toEqual([{ status: 'complete', content: fullText(60) }]);
  expect(rig.fake.requests.length - calls).toBe(1);
  await rig.restartWeb(served);
});

test('an agent killed mid-reply: the reply is stored once, failed, with what was written, and Retry gets a fresh one', async () => {
  const cook = randomUUID();
  const calls = rig.fake.requests.length;
  const clientMessageId = randomUUID();
  const response = await post('/api/chat', cook, { clientMessageId, content: 'Tell me [tokens:80]' });
  const seen = await eventsOf(response, deltas(3));
  const { conversationId } = seen[0]!.data as { conversationId: string };
  const owner = await whichAgentRuns(calls);
  await rig.agents[owner]!.kill();
  const [reply, ...more] = await settled(conversationId);
  expect(more).toEqual([]);
  expect(reply!.status).toBe('error');
  expect(fullText(80).startsWith(reply!.content)).toBe(true);
  expect(reply!.content.length).toBeGreaterThan(0);
  rig.agent.targets.splice(owner, 1);

  const retried = await post('/api/chat', cook, { conversationId, clientMessageId, content: 'Tell me [tokens:5]' });
  expect((await eventsOf(retried)).at(-1)?.event).toBe('done');
  expect((await settled(conversationId)).map((r) => r.status)).toEqual(['error', 'complete']);
});

/**
 * Which agent is streaming a reply now: readiness reports the streams in flight of the process that answers it. The
 * replica of two workers answers from either, so each agent is asked on four new connections, which its primary hands
 * to its workers in turn.
 */
async function whichAgentRuns(callsBefore: number): Promise<number> {
  await expect.poll(() => rig.fake.requests.length).toBeGreaterThan(callsBefore);
  for (let i = 0; i < rig.agents.length; i += 1) {
    for (let ask = 0; ask < 4; ask += 1) {
      const ready = JSON.parse(await getOnNewConnection(`${rig.agents[i]!.url}/health/ready`)) as { checks: Record<string, Array<{ observedValue?: unknown }>> };
      if (Number(ready.checks['lifecycle:draining']?.[0]?.observedValue ?? 0) > 0) return i;
    }
  }
  throw new Error('no agent is streaming the reply');
}

function getOnNewConnection(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

test('Redis down: limits fail open for a bounded time with an alert, then count per instance; chats keep working; back when Redis is', async () => {
  await rig.redis.stop();
  try {
    const cook = randomUUID();
    // While Redis is unreachable every send gets through (fail open, then at most 2 per instance here: within limits).
    for (let i = 0; i < 4; i += 1) {
      const answer = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Hi [tokens:3]' });
      expect(answer.status).toBe(200);
      const events = await eventsOf(answer);
      expect(events.at(-1)?.event).toBe('done');
    }
    for (const web of rig.webs) expect(web.output()).toContain('shared state (Redis) unreachable');
    // Past the fail-open window, each instance counts on its own.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const later: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const answer = await post('/api/chat', cook, { clientMessageId: randomUUID(), content: 'Hi [tokens:1]' });
      later.push(`${answer.headers.get('x-rig-target')}:${answer.status}`);
      if (answer.status === 200) await eventsOf(answer);
      else await answer.text();
    }
    // Each instance allows 3 (fewer when some of its earlier sends already fell past the window), so at most 6 pass
    // and each instance refuses at least one of its 4.
    const refusedBy = (target: string) => later.filter((s) => s === `${target}:429`).length;
    expect(later.filter((s) => s.endsWith(':200')).length).toBeLessThanOrEqual(6);
    expect([refusedBy('0') >= 1, refusedBy('1') >= 1]).toEqual([true, true]);
  } finally {
    await rig.redis.start();
  }
  await expect
    .poll(async () => {
      const answer = await post('/api/chat', randomUUID(), { clientMessageId: randomUUID(), content: 'Hi [tokens:1]' });
      if (answer.status === 200) await eventsOf(answer);
      return rig.webs.every((web) => web.output().includes('shared state (Redis) reachable again'));
    }, { timeout: 20_000 })
    .toBe(true);
});
