/**
 * Faults the agent's own suite does not reach: every upstream failure mode at once under concurrency, SIGTERM with 50
 * streams in flight in the real process, and the process killed outright mid-stream. The provider is the local
 * OpenAI-compatible server; the agent is the real app (in-process on a real port, or `src/server.ts` as a child).
 */
import { COPY } from '../../src/errors';
import { postChat, recordingReporter, startAgent, TOKEN, userSays } from '../support/agent';
import { type FakeOpenAI, type RecordedRequest, type Script, startFakeOpenAI } from '../support/fake-openai';
import { spawnAgent } from '../support/spawn-agent';
import { deltaText, readStream, waitFor } from './support/sse-reader';

jest.setTimeout(60_000);

const contentOf = (request: RecordedRequest) =>
  (request.body.messages as Array<{ role: string; content: string }>).map((m) => m.content).join('\n');

describe('upstream faults under concurrency', () => {
  const DRIP = Array.from({ length: 10 }, (_, i) => ` d${i}`);
  /** Each chat names its fault in its message, so one upstream serves them all at once. */
  const primaryScript: Record<string, Script> = {
    ok: { tokens: ['All', ' good.'] },
    '429': { status: 429 },
    '500': { status: 500 },
    // Longer than the first-token timeout; short enough that the fake's own timer does not hold Jest open for long.
    hang: { firstTokenDelayMs: 5_000 },
    cut0: { tokens: ['never'], cutAfterTokens: 0 },
    cutmid: { tokens: ['One', ' two', ' three'], cutAfterTokens: 2 },
    drip: { tokens: DRIP, tokenIntervalMs: 60 },
    '400': { status: 400 },
  };
  /** What the cook sees for each fault: the fallback answers where it should, and the right copy where it cannot. */
  const expected: Record<string, { last: Record<string, unknown>; text: string; models: string[] }> = {
    ok: { last: { event: 'done', data: expect.objectContaining({ model: 'primary' }) }, text: 'All good.', models: ['primary'] },
    '429': { last: { event: 'done', data: expect.objectContaining({ model: 'fallback' }) }, text: 'From fallback.', models: ['primary', 'fallback'] },
    '500': { last: { event: 'done', data: expect.objectContaining({ model: 'fallback' }) }, text: 'From fallback.', models: ['primary', 'fallback'] },
    hang: { last: { event: 'done', data: expect.objectContaining({ model: 'fallback' }) }, text: 'From fallback.', models: ['primary', 'fallback'] },
    cut0: { last: { event: 'done', data: expect.objectContaining({ model: 'fallback' }) }, text: 'From fallback.', models: ['primary', 'fallback'] },
    cutmid: { last: { event: 'error', data: { code: 'upstream:model', message: COPY.generic } }, text: 'One two', models: ['primary'] },
    drip: { last: { event: 'done', data: expect.objectContaining({ model: 'primary' }) }, text: DRIP.join(''), models: ['primary'] },
    '400': { last: { event: 'error', data: { code: 'upstream:model', message: COPY.generic } }, text: '', models: ['primary'] },
  };
  let fake: FakeOpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI(({ model, body }) => {
      if (model === 'fallback') return { tokens: ['From', ' fallback.'] };
      const messages = body.messages as Array<{ content: string }>;
      const kind = /fault:(\w+)#/.exec(messages.at(-1)?.content ?? '')?.[1] ?? 'ok';
      return primaryScript[kind] ?? {};
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  test('when 64 chats meet every upstream fault at once, then each gets the fallback or the right copy, partial text intact, and the agent stays healthy', async () => {
    const { reporter, captured } = recordingReporter();
    const agent = await startAgent({
      env: {
        OPENAI_API_KEY: 'sk-faults-provider-key',
        OPENAI_BASE_URL: fake.url,
        MODEL_ID: 'primary',
        FALLBACK_MODEL_ID: 'fallback',
        MODEL_FIRST_TOKEN_TIMEOUT_MS: '1500',
        RATE_LIMIT_REQUESTS: '10000',
      },
      reporter,
    });
    try {
      const kinds = Object.keys(primaryScript);
      const chats = Array.from({ length: 64 }, (_, i) => ({ kind: kinds[i % kinds.length] ?? 'ok', tag: `fault:${kinds[i % kinds.length]}#${i}#` }));
      /** For the slow drip: was the upstream reply still unfinished when the cook saw its first words? */
      const upstreamDoneAtFirstDelta = new Map<string, boolean>();
      const reads = await Promise.all(
        chats.map(async ({ tag }) => {
          const response = await postChat(agent.url, userSays(`Plan dinner ${tag}`));
          expect(response.status).toBe(200);
          return readStream(response, (event) => {
            if (event.event !== 'delta' || upstreamDoneAtFirstDelta.has(tag)) return;
            const upstream = fake.requests.find((r) => r.model === 'primary' && contentOf(r).includes(tag));
            upstreamDoneAtFirstDelta.set(tag, upstream?.completed ?? false);
          });
        }),
      );
      await fake.settled(fake.requests.length, 20_000);

      chats.forEach(({ kind, tag }, i) => {
        const read = reads[i];
        const want = expected[kind];
        expect(read?.outcome).toBe('ended');
        expect(read?.events[0]?.event).toBe('start');
        expect(read?.events.at(-1)).toEqual(want?.last);
        expect(deltaText(read?.events ?? [])).toBe(want?.text);
        const upstream = fake.requests.filter((r) => contentOf(r).includes(tag));
        expect(upstream.map((r) => r.model)).toEqual(want?.models);
        if (kind === 'hang') expect(upstream[0]?.aborted).toBe(true);
      });
      // Deltas are forwarded as they come: the drip's first words reached the cook before its upstream reply ended.
      for (const { kind, tag } of chats) if (kind === 'drip') expect(upstreamDoneAtFirstDelta.get(tag)).toBe(false);
      // Only the faults with no way out are reported; fallbacks that worked are not noise in Sentry.
      expect(captured.map((c) => c.context.code).sort()).toEqual(Array(16).fill('upstream:model'));
      await waitFor(() => agent.lifecycle.inFlight === 0, 'streams to unwind');
      expect((await fetch(`${agent.url}/health/ready`)).status).toBe(200);
      const after = await readStream(await postChat(agent.url, userSays('fault:ok# after the storm')));
      expect(after.events.at(-1)?.event).toBe('done');
    } finally {
      await agent.close();
    }
  });
});

describe('the agent process under signals', () => {
  test('when SIGTERM arrives with 50 streams in flight, then all 50 finish with done and the full reply, and the process exits 0', async () => {
    // Long enough (4 s) that every stream is still mid-reply when the signal comes, even on a busy machine.
    const tokens = Array.from({ length: 40 }, (_, i) => ` w${i}`);
    const fake = await startFakeOpenAI({ m: { tokens, tokenIntervalMs: 100 } });
    const agent = await spawnAgent({
      GATEWAY_TOKEN: TOKEN,
      OPENAI_API_KEY: 'sk-sigterm-provider-key',
      OPENAI_BASE_URL: fake.url,
      MODEL_ID: 'm',
      SHUTDOWN_GRACE_MS: '30000',
      RATE_LIMIT_REQUESTS: '1000',
    });
    try {
      let started = 0;
      const reads = Array.from({ length: 50 }, async () => {
        const response = await postChat(agent.url, userSays('Plan dinner'));
        expect(response.status).toBe(200);
        let counted = false;
        return readStream(response, (event) => {
          if (event.event === 'delta' && !counted) {
            counted = true;
            started += 1;
          }
        });
      });
      await waitFor(() => started === 50, '50 streams to be mid-reply', 30_000);
      agent.child.kill('SIGTERM');
      const results = await Promise.all(reads);
      for (const read of results) {
        expect(read.outcome).toBe('ended');
        expect(read.events.at(-1)?.event).toBe('done');
        expect(deltaText(read.events)).toBe(tokens.join(''));
      }
      expect(await agent.exited).toEqual({ code: 0, signal: null });
      const lines = agent.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.find((l) => l.msg === 'draining')).toMatchObject({ inFlight: 50 });
      expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ aborted: 0 });
      expect(lines.filter((l) => l.msg === 'request finished' && l.outcome === 'done')).toHaveLength(50);
    } finally {
      agent.child.kill('SIGKILL');
      await fake.close();
    }
  });

  test('when the agent is killed outright mid-stream, then the client read ends instead of hanging, keeps the words it got, and the upstream call is dropped', async () => {
    const tokens = Array.from({ length: 200 }, (_, i) => ` k${i}`);
    const fake = await startFakeOpenAI({ m: { tokens, tokenIntervalMs: 30 } });
    const agent = await spawnAgent({ GATEWAY_TOKEN: TOKEN, OPENAI_API_KEY: 'sk-sigkill-provider-key', OPENAI_BASE_URL: fake.url, MODEL_ID: 'm' });
    try {
      const responses = await Promise.all([1, 2, 3].map(() => postChat(agent.url, userSays('Plan dinner'))));
      let deltas = 0;
      const reads = responses.map((response) => readStream(response, (event) => (deltas += event.event === 'delta' ? 1 : 0)));
      await waitFor(() => deltas >= 15, 'some words on every stream');
      agent.child.kill('SIGKILL');
      const results = await Promise.all(reads);
      for (const read of results) {
        // A chunked response that stops without its terminator is a cut, not an end: the client can tell the two apart.
        expect(read.outcome).toBe('cut');
        expect(read.events[0]?.event).toBe('start');
        expect(read.events.map((e) => e.event).filter((name) => name !== 'delta')).toEqual(['start', 'ledger']);
        expect(tokens.join('').startsWith(deltaText(read.events))).toBe(true);
      }
      expect(await agent.exited).toEqual({ code: null, signal: 'SIGKILL' });
      await fake.settled(3);
      expect(fake.requests.map((r) => r.aborted)).toEqual([true, true, true]);
      await expect(postChat(agent.url, userSays('anyone there?'))).rejects.toThrow();
    } finally {
      agent.child.kill('SIGKILL');
      await fake.close();
    }
  });
});
