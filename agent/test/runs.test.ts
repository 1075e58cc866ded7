/**
 * Runs across replicas: two agents (the real app, each its own shared state) on one real redis-server, in front of the
 * local OpenAI-compatible server. A run started on one replica is followed, retried and stopped through the other, and
 * limits per cook hold across both.
 */
import { randomUUID } from 'node:crypto';
import { createSharedState, type SharedState } from '@chef-chopsky/shared-state';
import { startRedisServer, type RedisServer } from '@chef-chopsky/shared-state/test/support/redis-server';
import { COOK_HEADER } from '@chef-chopsky/contract/runs';
import { COPY } from '@chef-chopsky/contract/errors';
import { startFakeOpenAI, type FakeOpenAI } from './support/fake-openai';
import { Runs } from '../src/runs/runs';
import { createLogger } from '../src/logger';
import { postChat, readEvents, startAgent, TOKEN, textOf, userSays, type RunningAgent } from './support/agent';

const TOKENS = Array.from({ length: 30 }, (_, i) => `w${i} `);
let redis: RedisServer;
let fake: FakeOpenAI;
const agents: RunningAgent[] = [];
const states: SharedState[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  fake = await startFakeOpenAI({ 'run-model': { tokens: TOKENS, tokenIntervalMs: 40 } });
});
afterAll(async () => {
  await fake.close();
  await redis.stop();
});
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  await Promise.all(states.splice(0).map((state) => state.close()));
});

/** Two replicas sharing one Redis under a prefix of their own. */
async function twoReplicas(env: Record<string, string> = {}): Promise<[RunningAgent, RunningAgent]> {
  const keyPrefix = `agent-test-${randomUUID()}`;
  const started = await Promise.all(
    [0, 1].map(async () => {
      const shared = createSharedState({ redisUrl: redis.url, keyPrefix });
      states.push(shared);
      const agent = await startAgent({
        env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, MODEL_ID: 'run-model', ...env },
        shared,
      });
      agents.push(agent);
      return agent;
    }),
  );
  return [started[0]!, started[1]!];
}

const auth = { authorization: `Bearer ${TOKEN}` };
/** The raw text of a response, up to `until` characters if given (then the connection is dropped). */
async function rawText(response: Response, until?: (text: string) => boolean): Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    if (until?.(text)) {
      await reader.cancel();
      return text;
    }
  }
}
const lastId = (text: string) => Number([...text.matchAll(/^id: (\d+)$/gm)].at(-1)?.[1]);
const eventNames = (text: string) => [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
const deltaText = (text: string) => [...text.matchAll(/^event: delta\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as { text: string }).text).join('');

test('a run started on one replica is followed on the other from the last event id the client saw: the same text, one model call', async () => {
  const [a, b] = await twoReplicas();
  const calls = fake.requests.length;
  const runId = randomUUID();
  const first = await rawText(await postChat(a.url, { ...userSays('soup?'), runId }), (text) => (text.match(/event: delta/g)?.length ?? 0) >= 5);
  const from = lastId(first);
  // The live run listens for followers through each replica's one pattern subscription, not a channel of its own.
  const redisOf = states.at(-1)!;
  const channels = (await redisOf.redis!.commands.pubsub('CHANNELS', `${redisOf.keyPrefix}:*`)) as string[];
  expect(channels).toEqual([`${redisOf.keyPrefix}:runs:stop`]);
  expect(await redisOf.redis!.commands.pubsub('NUMPAT')).toBe(1); // Redis counts the replicas' one pattern once.
  // Every id is the run's length up to the end of its event.
  expect(from).toBe(first.lastIndexOf('\n\n') + 2);

  const rest = await rawText(await fetch(`${b.url}/v1/runs/${runId}?from=${from}`, { headers: auth }));
  const whole = first.slice(0, from) + rest;
  const names = eventNames(whole);
  expect([names[0], ...new Set(names.slice(1, -1)), names.at(-1)]).toEqual(['start', 'delta', 'done']);
  expect(deltaText(whole)).toBe(TOKENS.join(''));
  expect(lastId(whole)).toBe(whole.length);

  // Retrying the same start on the other replica follows the (now finished) run from its start: still one model call.
  const again = await rawText(await postChat(b.url, { ...userSays('soup?'), runId }));
  expect(again).toBe(whole);
  expect(fake.requests.length - calls).toBe(1);
});

test('a run goes on when the connection that started it closes, and stays readable once finished', async () => {
  const [a, b] = await twoReplicas();
  const calls = fake.requests.length;
  const runId = randomUUID();
  await rawText(await postChat(a.url, { ...userSays('tip?'), runId }), (text) => text.includes('event: delta'));
  await fake.settled(calls + 1, 10_000);
  expect(fake.requests.at(-1)).toMatchObject({ aborted: false, completed: true });
  const kept = await rawText(await fetch(`${b.url}/v1/runs/${runId}?from=0`, { headers: auth }));
  expect(eventNames(kept).at(-1)).toBe('done');
  expect(await fetch(`${b.url}/v1/runs/${randomUUID()}`, { headers: auth })).toMatchObject({ status: 404 });
});

test('Stop on the other replica ends the run with `interrupted`; the model call is cancelled', async () => {
  const [a, b] = await twoReplicas();
  const calls = fake.requests.length;
  const runId = randomUUID();
  const response = await postChat(a.url, { ...userSays('long one'), runId });
  const early = await readEvents(response, (event) => event.event === 'delta');
  const stop = await fetch(`${b.url}/v1/runs/${runId}/stop`, { method: 'POST', headers: auth });
  expect(stop.status).toBe(202);
  const rest = await readEvents(response);
  expect(rest.at(-1)?.event).toBe('interrupted');
  expect(textOf([...early, ...rest]).length).toBeLessThan(TOKENS.join('').length);
  await fake.settled(calls + 1, 10_000);
  expect(fake.requests.at(-1)?.aborted).toBe(true);
  // Stopping it again: it has finished.
  expect((await fetch(`${a.url}/v1/runs/${runId}/stop`, { method: 'POST', headers: auth })).status).toBe(409);
  expect((await fetch(`${b.url}/v1/runs/${runId}/stop`, { method: 'POST' })).status).toBe(401);
});

test('Stop on a run whose text is kept but whose sentinel does not read DONE yet (the moment after it ended) answers finished', async () => {
  const keyPrefix = `agent-test-${randomUUID()}`;
  const shared = createSharedState({ redisUrl: redis.url, keyPrefix });
  states.push(shared);
  const runs = new Runs({ shared, retentionMs: 60_000, logger: createLogger({ level: 'silent' }) });
  const runId = randomUUID();
  // The run ended on another replica: its text is kept, and resumable-stream has not yet marked its sentinel DONE.
  await shared.set(`${keyPrefix}:runs:rs:sentinel:${runId}`, '1', 60_000);
  await shared.set(`${keyPrefix}:runs:kept:${runId}`, 'event: done\ndata: {}\n\n', 60_000);
  await expect(runs.stop(runId)).resolves.toBe('finished');
  await expect(runs.stop(randomUUID())).resolves.toBe('unknown');
});

test('per cook: exactly RATE_LIMIT_REQUESTS chats pass across two replicas, then 429 with Retry-After; another cook is not affected', async () => {
  const [a, b] = await twoReplicas({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW: '60' });
  fake.setScript({ 'run-model': { tokens: ['ok'] } });
  try {
    const cook = { [COOK_HEADER]: randomUUID() };
    const answers = await Promise.all([a, b, a, b, a, b].map((agent) => postChat(agent.url, userSays('hi'), { headers: cook })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    for (const limited of answers.filter((r) => r.status === 429)) {
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ code: 'rate_limited:chat', message: COPY.rateLimited });
    }
    await Promise.all(answers.filter((r) => r.status === 200).map((r) => readEvents(r)));
    const other = await postChat(b.url, userSays('hi'), { headers: { [COOK_HEADER]: randomUUID() } });
    expect(other.status).toBe(200);
    await readEvents(other);
    // The cook header counts only with a valid token.
    expect((await postChat(a.url, userSays('hi'), { token: 'not-the-token-at-all', headers: cook })).status).toBe(401);
  } finally {
    fake.setScript({ 'run-model': { tokens: TOKENS, tokenIntervalMs: 40 } });
  }
});

test('a replica streams at most MAX_CONCURRENT_STREAMS replies at once; one more gets 429 with Retry-After', async () => {
  const [a] = await twoReplicas({ MAX_CONCURRENT_STREAMS: '1' });
  const busy = await postChat(a.url, { ...userSays('long'), runId: randomUUID() });
  await readEvents(busy, (event) => event.event === 'delta');
  const refused = await postChat(a.url, userSays('another'), { headers: { [COOK_HEADER]: randomUUID() } });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('1');
  expect(await refused.json()).toMatchObject({ code: 'rate_limited:capacity', message: COPY.rateLimited });
  await readEvents(busy);
});
