import { COPY } from '../src/errors';
import { type FakeOpenAI, startFakeOpenAI } from './support/fake-openai';
import {
  namesOf,
  postChat,
  readEvents,
  recordingReporter,
  type RunningAgent,
  startAgent,
  textOf,
  userSays,
} from './support/agent';

describe('model failures, fallback, timeouts and disconnects', () => {
  let fake: FakeOpenAI;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });
  afterAll(async () => {
    await fake.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    OPENAI_API_KEY: 'sk-test-provider-key',
    OPENAI_BASE_URL: fake.url,
    MODEL_ID: 'primary-model',
    FALLBACK_MODEL_ID: 'fallback-model',
    MODEL_FIRST_TOKEN_TIMEOUT_MS: '400',
    ...extra,
  });

  const chatOnce = async (extra?: Record<string, string>) => {
    const { reporter, captured } = recordingReporter();
    agent = await startAgent({ env: env(extra), reporter });
    const before = fake.requests.length;
    const events = await readEvents(await postChat(agent.url, userSays('Plan dinner')));
    return { events, upstream: fake.requests.slice(before), captured };
  };

  test.each([
    ['429 rate limited', { status: 429 }],
    ['500 server error', { status: 500 }],
    ['503 unavailable', { status: 503 }],
    ['no first token within the first-token timeout', { firstTokenDelayMs: 5_000 }],
    ['a stream cut before its first token', { cutAfterTokens: 0 }],
  ])('when the primary fails before its first token (%s), then the fallback model answers once', async (_label, primary) => {
    fake.setScript({ 'primary-model': primary, 'fallback-model': { tokens: ['From', ' fallback.'] } });
    const { events, upstream } = await chatOnce();
    expect(upstream.map((r) => r.model)).toEqual(['primary-model', 'fallback-model']);
    expect(textOf(events)).toBe('From fallback.');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { model: 'fallback-model' } });
    expect(agent?.logs.entries().some((e) => e.msg === 'model failed before its first token; trying the fallback model' && e.to === 'fallback-model')).toBe(true);
  });

  test('when the primary times out before its first token, then the upstream request is aborted', async () => {
    fake.setScript({ 'primary-model': { firstTokenDelayMs: 5_000 }, 'fallback-model': {} });
    const { upstream } = await chatOnce();
    await fake.settled(fake.requests.length);
    expect(upstream[0]?.aborted).toBe(true);
    expect(upstream[1]?.completed).toBe(true);
  });

  test('when the primary fails with a client error (400), then no fallback is tried and the stream ends with the generic error', async () => {
    fake.setScript({ 'primary-model': { status: 400 }, 'fallback-model': {} });
    const { events, upstream, captured } = await chatOnce();
    expect(upstream.map((r) => r.model)).toEqual(['primary-model']);
    expect(namesOf(events)).toEqual(['start', 'error']);
    expect(events.at(-1)?.data).toEqual({ code: 'upstream:model', message: COPY.generic });
    expect(captured.map((c) => c.context.code)).toEqual(['upstream:model']);
  });

  test('when both models fail, then the fallback is tried only once and the stream ends with the generic error, reported', async () => {
    fake.setScript({ 'primary-model': { status: 500 }, 'fallback-model': { status: 502 } });
    const { events, upstream, captured } = await chatOnce();
    expect(upstream.map((r) => r.model)).toEqual(['primary-model', 'fallback-model']);
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'upstream:model', message: COPY.generic } });
    expect(captured).toHaveLength(1);
    expect(captured[0]?.context.requestId).toEqual(expect.any(String));
  });

  test('when no fallback is configured and the first token never comes, then the stream ends with the timeout copy', async () => {
    fake.setScript({ 'primary-model': { firstTokenDelayMs: 5_000 } });
    const { events, upstream } = await chatOnce({ FALLBACK_MODEL_ID: '' });
    expect(upstream.map((r) => r.model)).toEqual(['primary-model']);
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'timeout:model', message: COPY.timeout } });
  });

  test('when the stream is cut after tokens were sent, then there is no fallback and the stream ends with an error event', async () => {
    fake.setScript({ 'primary-model': { tokens: ['One', ' two', ' three'], cutAfterTokens: 2 }, 'fallback-model': {} });
    const { events, upstream } = await chatOnce();
    expect(upstream.map((r) => r.model)).toEqual(['primary-model']);
    expect(namesOf(events)).toEqual(['start', 'delta', 'delta', 'error']);
    expect(textOf(events)).toBe('One two');
    expect(events.at(-1)?.data).toEqual({ code: 'upstream:model', message: COPY.generic });
  });

  test('when the whole reply takes longer than the total timeout, then the stream ends with the timeout copy and the upstream is aborted', async () => {
    const tokens = Array.from({ length: 40 }, (_, i) => ` t${i}`);
    fake.setScript({ 'primary-model': { tokens, tokenIntervalMs: 100 }, 'fallback-model': {} });
    const { events, upstream } = await chatOnce({ MODEL_TOTAL_TIMEOUT_MS: '600' });
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'timeout:model', message: COPY.timeout } });
    expect(events.filter((e) => e.event === 'delta').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.event === 'delta').length).toBeLessThan(tokens.length);
    await fake.settled(fake.requests.length);
    expect(upstream.map((r) => r.model)).toEqual(['primary-model']);
    expect(upstream[0]?.aborted).toBe(true);
  });

  test('when the provider refuses connections, then the fallback is attempted and the stream ends with the generic error', async () => {
    const closed = await startFakeOpenAI();
    const deadUrl = closed.url;
    await closed.close();
    const { events } = await chatOnce({ OPENAI_BASE_URL: deadUrl });
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'upstream:model', message: COPY.generic } });
    expect(agent?.logs.entries().filter((e) => e.msg === 'model failed before its first token; trying the fallback model')).toHaveLength(1);
  });

  test.each([
    ['mid-reply', { tokens: Array.from({ length: 100 }, (_, i) => ` w${i}`), tokenIntervalMs: 50 }, 'delta'],
    ['before the first token', { firstTokenDelayMs: 5_000 }, 'start'],
  ])('when the client disconnects %s, then the upstream request is aborted', async (_label, script, abortAfter) => {
    fake.setScript({ 'primary-model': script });
    agent = await startAgent({ env: env({ FALLBACK_MODEL_ID: '', MODEL_FIRST_TOKEN_TIMEOUT_MS: '30000' }) });
    const before = fake.requests.length;
    const client = new AbortController();
    const response = await postChat(agent.url, userSays('Plan dinner'), { signal: client.signal });
    const seen = await readEvents(response, (event) => event.event === abortAfter);
    if (abortAfter === 'start') {
      // Wait until the agent's upstream request is in flight before hanging up.
      for (let i = 0; i < 200 && fake.requests.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
    }
    client.abort();
    await fake.settled(before + 1);
    const upstream = fake.requests[before];
    expect(seen.at(-1)?.event).toBe(abortAfter);
    expect(upstream?.aborted).toBe(true);
    expect(upstream?.completed).toBe(false);
    for (let i = 0; i < 200 && !agent.logs.text().includes('client_closed'); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(agent.logs.entries().find((e) => e.msg === 'request finished')).toMatchObject({ outcome: 'client_closed' });
    expect(agent.lifecycle.inFlight).toBe(0);
  });
});
