import { COPY } from '../src/errors';
import { startServer } from '../src/server';
import { startFakeOpenAI } from './support/fake-openai';
import { captureLogger, postChat, readEvents, testEnv, TOKEN, textOf, userSays } from './support/agent';

describe('graceful shutdown (server module with an injected exit)', () => {
  const boot = async (fakeUrl: string, graceMs: number) => {
    const env = testEnv({ PORT: '1', OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: fakeUrl, MODEL_ID: 'm', SHUTDOWN_GRACE_MS: String(graceMs) });
    const { logger, logs } = captureLogger();
    const exits: number[] = [];
    const running = await startServer({ env: { ...env, PORT: 0 }, logger, deps: { env, logger }, host: '127.0.0.1', exit: (code) => exits.push(code) });
    return { running, exits, logs, url: `http://127.0.0.1:${running.port}` };
  };

  test('when shutdown starts with streams in flight, then they finish, later chats are refused and exit(0) follows', async () => {
    const tokens = Array.from({ length: 10 }, (_, i) => ` w${i}`);
    const fake = await startFakeOpenAI({ m: { tokens, tokenIntervalMs: 40 } });
    const { running, exits, url } = await boot(fake.url, 20_000);
    try {
      const streams = await Promise.all([1, 2, 3].map(() => postChat(url, userSays('hi'))));
      const heads = await Promise.all(streams.map((r) => readEvents(r, (e) => e.event === 'delta')));
      const stopped = running.shutdown('SIGTERM');
      const tails = await Promise.all(streams.map((r) => readEvents(r)));
      tails.forEach((tail, i) => {
        const all = [...(heads[i] ?? []), ...tail];
        expect(all.at(-1)?.event).toBe('done');
        expect(textOf(all)).toBe(tokens.join(''));
      });
      await stopped;
      expect(exits).toEqual([0]);
      await expect(postChat(url, userSays('late'), { token: TOKEN })).rejects.toThrow();
    } finally {
      running.server.closeAllConnections();
      await fake.close();
    }
  });

  test('when a stream outlives SHUTDOWN_GRACE_MS, then it ends with an error event, its upstream is aborted and exit(0) follows', async () => {
    const fake = await startFakeOpenAI({ m: { tokens: Array.from({ length: 400 }, (_, i) => ` w${i}`), tokenIntervalMs: 25 } });
    const { running, exits, logs, url } = await boot(fake.url, 200);
    try {
      const response = await postChat(url, userSays('hi'));
      const head = await readEvents(response, (e) => e.event === 'delta');
      await running.shutdown('SIGTERM');
      const events = [...head, ...(await readEvents(response))];
      expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'unavailable:shutdown', message: COPY.draining } });
      expect(exits).toEqual([0]);
      await fake.settled(1);
      expect(fake.requests[0]?.aborted).toBe(true);
      expect(logs.entries().find((e) => e.msg === 'stopped')).toMatchObject({ aborted: 1 });
    } finally {
      running.server.closeAllConnections();
      await fake.close();
    }
  });
});
