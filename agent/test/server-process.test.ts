import { OFFLINE_MODEL_ID } from '../src/chef/offline-chat-model';
import { COPY } from '../src/errors';
import { startFakeOpenAI } from './support/fake-openai';
import { postChat, readEvents, textOf, TOKEN, userSays } from './support/agent';
import { startSentrySink } from './support/sentry-sink';
import { spawnAgent } from './support/spawn-agent';

// Spawning the real process costs seconds on a busy machine: these are guards, not timing assertions.
jest.setTimeout(60_000);

describe('the agent process (src/server.ts)', () => {
  test('when a chat fails with SENTRY_DSN set, Sentry gets the event; when SIGTERM arrives with a stream in flight, it finishes and the process exits 0', async () => {
    const sentry = await startSentrySink('public');
    const tokens = Array.from({ length: 12 }, (_, i) => ` w${i}`);
    const fake = await startFakeOpenAI(({ body }) =>
      JSON.stringify(body.messages).includes('please-fail') ? { status: 500 } : { tokens, tokenIntervalMs: 60 },
    );
    const agent = await spawnAgent({
      GATEWAY_TOKEN: TOKEN,
      OPENAI_API_KEY: 'sk-sentry-key-marker',
      OPENAI_BASE_URL: fake.url,
      MODEL_ID: 'm',
      SENTRY_DSN: sentry.dsn,
      APP_ENV: 'staging',
      RELEASE: 'abc1234',
      SHUTDOWN_GRACE_MS: '20000',
    });
    try {
      const failed = await postChat(agent.url, userSays('SENTRY-CONTENT-MARKER please-fail'));
      expect((await readEvents(failed)).at(-1)).toEqual({ event: 'error', data: { code: 'upstream:model', message: COPY.generic } });
      const event = await sentry.waitForEvent(() => true, 10_000);
      expect(event.environment).toBe('staging');
      expect(event.release).toBe('agent@abc1234');
      expect(event.tags).toMatchObject({ request_id: failed.headers.get('x-request-id'), error_code: 'upstream:model' });
      expect(event.exception).toBeDefined();
      for (const marker of ['SENTRY-CONTENT-MARKER', TOKEN, 'sk-sentry-key-marker']) expect(sentry.bodies.join('\n')).not.toContain(marker);
      // No IP address, as in the web app's events: the request came from 127.0.0.1, and that stays here.
      expect(event.user?.ip_address).toBeUndefined();
      expect(sentry.bodies.join('\n')).not.toContain('ip_address');

      const streams = await Promise.all([1, 2].map(() => postChat(agent.url, userSays('hi'))));
      const heads = await Promise.all(streams.map((r) => readEvents(r, (e) => e.event === 'delta')));
      agent.child.kill('SIGTERM');
      const tails = await Promise.all(streams.map((r) => readEvents(r)));
      tails.forEach((tail, i) => {
        const all = [...(heads[i] ?? []), ...tail];
        expect(all.at(-1)?.event).toBe('done');
        expect(textOf(all)).toBe(tokens.join(''));
      });
      expect(await agent.exited).toEqual({ code: 0, signal: null });
      await expect(fetch(`${agent.url}/health`)).rejects.toThrow();
      expect(agent.output()).toMatch(/"msg":"draining"/);
    } finally {
      agent.child.kill('SIGKILL');
      await fake.close();
      await sentry.close();
    }
  });

  test('when production configuration is bad, start-up names every bad key and exits 1; on embedded defaults it serves the built-in planner', async () => {
    const [broken, defaults] = await Promise.all([
      spawnAgent({ APP_ENV: 'production', PORT: 'not-a-port' }, { waitForListening: false }),
      spawnAgent({ APP_ENV: 'development' }),
    ]);
    try {
      expect((await broken.exited).code).toBe(1);
      for (const key of ['PORT', 'GATEWAY_TOKEN', 'OPENAI_API_KEY', 'MODEL_ID']) expect(broken.output()).toContain(key);

      const events = await readEvents(await postChat(defaults.url, userSays('hi'), { token: 'dev-gateway-token' }));
      expect(events[0]?.data.model).toBe(OFFLINE_MODEL_ID);
      expect(events.at(-1)?.event).toBe('done');
      expect(textOf(events).length).toBeGreaterThan(0);
    } finally {
      defaults.child.kill('SIGTERM');
      expect((await defaults.exited).code).toBe(0);
    }
  });
});
