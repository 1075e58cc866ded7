import { COPY } from '../src/errors';
import { postChat, readEvents, type RunningAgent, startAgent, TOKEN, userSays } from './support/agent';
import { type FakeOpenAI, startFakeOpenAI } from './support/fake-openai';

describe('gateway: tokens, origins, limits and error copy', () => {
  let agent: RunningAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  const expectError = async (response: Response, status: number, code: string, message: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code, message, requestId: response.headers.get('x-request-id') });
    expect(body.requestId).toEqual(expect.any(String));
    return body;
  };

  describe('gateway token rotation', () => {
    const PREVIOUS = 'previous-gateway-token-abcdef';
    const expiresAt = Date.parse('2030-01-01T00:00:00Z');
    const rotating = (nowMs: number) =>
      startAgent({
        env: { GATEWAY_TOKEN_PREVIOUS: PREVIOUS, GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: '2030-01-01T00:00:00Z' },
        now: () => nowMs,
      });

    test('when the current token is presented, then the chat streams', async () => {
      agent = await rotating(expiresAt - 1);
      const response = await postChat(agent.url, userSays('hi'));
      expect(response.status).toBe(200);
      expect((await readEvents(response)).at(-1)?.event).toBe('done');
    });

    test('when the previous token is presented before it expires, then the chat streams', async () => {
      agent = await rotating(expiresAt - 1);
      const response = await postChat(agent.url, userSays('hi'), { token: PREVIOUS });
      expect(response.status).toBe(200);
      expect((await readEvents(response)).at(-1)?.event).toBe('done');
    });

    test('when the previous token is presented after it expires, then it gets 401 with the auth copy and the rejection is logged', async () => {
      agent = await rotating(expiresAt);
      await expectError(await postChat(agent.url, userSays('hi'), { token: PREVIOUS }), 401, 'unauthorized:gateway', COPY.auth);
      expect(agent.logs.entries().find((e) => e.msg === 'gateway token rejected')).toMatchObject({ reason: 'previous_expired' });
    });

    test('when a third value is presented, then it is never accepted', async () => {
      agent = await rotating(expiresAt - 1);
      for (const token of ['third-gateway-token-value-xyz', `${TOKEN}x`, TOKEN.slice(0, -1), `${PREVIOUS} ${TOKEN}`]) {
        await expectError(await postChat(agent.url, userSays('hi'), { token }), 401, 'unauthorized:gateway', COPY.auth);
      }
    });

    test('when the previous token has no expiry, then it stays accepted', async () => {
      agent = await startAgent({ env: { GATEWAY_TOKEN_PREVIOUS: PREVIOUS }, now: () => Date.parse('2099-01-01T00:00:00Z') });
      expect((await postChat(agent.url, userSays('hi'), { token: PREVIOUS })).status).toBe(200);
    });

    test('when the token is missing or not a bearer token, then 401 with the auth copy', async () => {
      agent = await startAgent();
      await expectError(await postChat(agent.url, userSays('hi'), { token: null }), 401, 'unauthorized:gateway', COPY.auth);
      await expectError(
        await postChat(agent.url, userSays('hi'), { token: null, headers: { authorization: `Basic ${TOKEN}` } }),
        401,
        'unauthorized:gateway',
        COPY.auth,
      );
      expect(agent.logs.entries().filter((e) => e.msg === 'gateway token rejected').map((e) => e.reason)).toEqual(['missing', 'malformed']);
    });
  });

  describe('CORS', () => {
    const corsEnv = {
      ALLOWED_ORIGINS: 'https://chef-chopsky.vercel.app,http://localhost:3000',
      ALLOWED_ORIGIN_REGEX: '^https://chef-chopsky(-[a-z0-9-]+)?\\.vercel\\.app$',
    };
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/v1/chat`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    test.each(['https://chef-chopsky.vercel.app', 'http://localhost:3000', 'https://chef-chopsky-git-feature-x-team.vercel.app'])(
      'when the preflight comes from an allowed origin (%s), then 204 with the origin echoed and Vary: Origin',
      async (origin) => {
        agent = await startAgent({ env: corsEnv });
        const response = await preflight(agent.url, origin);
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe(origin);
        expect(response.headers.get('vary')).toMatch(/Origin/);
        expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
        expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
      },
    );

    test.each([
      'https://evil.example.com',
      'https://chef-chopsky.vercel.app.evil.com',
      'https://evil-chef-chopsky.vercel.app',
      'http://chef-chopsky.vercel.app',
      'null',
    ])('when the origin is not allowed (%s), then 403 with the origin copy and no CORS headers', async (origin) => {
      agent = await startAgent({ env: corsEnv });
      const response = await preflight(agent.url, origin);
      await expectError(response, 403, 'forbidden:origin', COPY.origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
      const post = await postChat(agent.url, userSays('hi'), { headers: { origin } });
      await expectError(post, 403, 'forbidden:origin', COPY.origin);
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });

    test('when an allowed origin posts a chat, then the stream carries the CORS headers', async () => {
      agent = await startAgent({ env: corsEnv });
      const response = await postChat(agent.url, userSays('hi'), { headers: { origin: 'http://localhost:3000' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      await readEvents(response);
    });

    test('when there is no Origin (server to server), then only the token decides', async () => {
      agent = await startAgent({ env: corsEnv });
      expect((await postChat(agent.url, userSays('hi'), { token: null })).status).toBe(401);
      const ok = await postChat(agent.url, userSays('hi'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBeNull();
      await readEvents(ok);
    });
  });

  describe('limits and malformed requests', () => {
    test('when the body is not JSON, then 400 says so without echoing it', async () => {
      agent = await startAgent();
      const body = await expectError(await postChat(agent.url, '{"messages": [secret-marker'), 400, 'bad_request:json', COPY.invalid);
      expect(JSON.stringify(body)).not.toContain('secret-marker');
    });

    test('when the body breaks the schema, then 400 lists every issue by path without echoing content', async () => {
      agent = await startAgent({ env: { MAX_MESSAGES: '3', MAX_MESSAGE_CHARS: '20' } });
      const body = await expectError(
        await postChat(agent.url, {
          messages: [
            { role: 'system', content: 'marker-one' },
            { role: 'user', content: 'marker-two-is-longer-than-twenty' },
          ],
          conversationId: 'not-a-uuid',
          profile: { householdSize: 0, allergens: ['moonbeams'] },
        }),
        400,
        'bad_request:chat',
        COPY.invalid,
      );
      const paths = (body.issues as Array<{ path: string }>).map((issue) => issue.path).sort();
      expect(paths).toEqual(['conversationId', 'messages.0.role', 'messages.1.content', 'profile.allergens.0', 'profile.householdSize']);
      expect(JSON.stringify(body)).not.toMatch(/marker|moonbeams/);
    });

    test('when there are too many messages or the last is not the user\'s, then 400 says which', async () => {
      agent = await startAgent({ env: { MAX_MESSAGES: '2' } });
      const many = { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] };
      const tooMany = await expectError(await postChat(agent.url, many), 400, 'bad_request:chat', COPY.invalid);
      expect(tooMany.issues).toEqual([{ path: 'messages', message: 'Too many messages: at most 2' }]);
      const lastAssistant = { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] };
      const wrongLast = await expectError(await postChat(agent.url, lastAssistant), 400, 'bad_request:chat', COPY.invalid);
      expect(wrongLast.issues).toEqual([{ path: 'messages', message: 'The last message must be from the user' }]);
      const none = await expectError(
        await postChat(agent.url, 'x', { headers: { 'content-type': 'text/plain' } }),
        400,
        'bad_request:chat',
        COPY.invalid,
      );
      expect(none.issues).toEqual([{ path: '', message: 'Send a JSON body with Content-Type: application/json' }]);
    });

    test('when the ledger has more than 50 entries or names an unknown allergen, then 400 names the field, without echoing it', async () => {
      agent = await startAgent();
      const entry = (i: number) => ({ id: `dislike:food${i}`, field: 'dislike', term: `food${i}`, source: { kind: 'edit' } });
      const tooMany = await expectError(
        await postChat(agent.url, { ...userSays('hi'), ledger: { entries: Array.from({ length: 51 }, (_, i) => entry(i)), lifted: [] } }),
        400,
        'bad_request:chat',
        COPY.invalid,
      );
      expect(tooMany.issues).toEqual([{ path: 'ledger.entries', message: 'Too many constraints: at most 50' }]);
      const unknown = await expectError(
        await postChat(agent.url, {
          ...userSays('hi'),
          ledger: { entries: [{ id: 'allergen:moonbeams', field: 'allergen', allergen: 'moonbeams', source: { kind: 'edit' } }], lifted: [] },
        }),
        400,
        'bad_request:chat',
        COPY.invalid,
      );
      expect(unknown.issues).toEqual([{ path: 'ledger.entries.0.allergen', message: expect.stringMatching(/^Unknown allergen: use one of milk, egg, .*sulphites$/) }]);
      expect(JSON.stringify(unknown)).not.toContain('moonbeams');
    });

    test('when the body is larger than MAX_BODY_BYTES, then 413', async () => {
      agent = await startAgent({ env: { MAX_BODY_BYTES: '2048' } });
      await expectError(await postChat(agent.url, userSays('x'.repeat(4_000))), 413, 'payload_too_large:body', COPY.tooLarge);
    });

    test('when a client exceeds RATE_LIMIT_REQUESTS in the window, then 429 with Retry-After, and the limit is per token', async () => {
      const PREVIOUS = 'previous-gateway-token-abcdef';
      agent = await startAgent({ env: { RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW: '60', GATEWAY_TOKEN_PREVIOUS: PREVIOUS } });
      for (let i = 0; i < 2; i += 1) {
        const ok = await postChat(agent.url, userSays('hi'));
        expect(ok.status).toBe(200);
        await readEvents(ok);
      }
      const limited = await postChat(agent.url, userSays('hi'));
      await expectError(limited, 429, 'rate_limited:chat', COPY.rateLimited);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const otherClient = await postChat(agent.url, userSays('hi'), { token: PREVIOUS });
      expect(otherClient.status).toBe(200);
      await readEvents(otherClient);
    });

    test('when an unknown path or method is used, then 404 JSON', async () => {
      agent = await startAgent();
      await expectError(await fetch(`${agent.url}/v1/nope`), 404, 'not_found:route', COPY.notFound);
      await expectError(await fetch(`${agent.url}/v1/chat`), 404, 'not_found:route', COPY.notFound);
    });
  });

  describe('request ids', () => {
    test('when x-request-id is sent, then it is reused in the header, the stream and the logs; otherwise one is made', async () => {
      agent = await startAgent();
      const response = await postChat(agent.url, userSays('hi'), { headers: { 'x-request-id': 'req-abc.123' } });
      expect(response.headers.get('x-request-id')).toBe('req-abc.123');
      expect((await readEvents(response))[0]?.data.requestId).toBe('req-abc.123');
      expect(agent.logs.entries().find((e) => e.msg === 'request finished')?.requestId).toBe('req-abc.123');

      const fresh = await fetch(`${agent.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('maintenance, liveness and readiness', () => {
    test('when MAINTENANCE_MODE is on, then chat gets 503 with the friendly copy while liveness stays 200', async () => {
      agent = await startAgent({ env: { MAINTENANCE_MODE: 'true' } });
      await expectError(await postChat(agent.url, userSays('hi')), 503, 'unavailable:maintenance', COPY.maintenance);
      expect((await fetch(`${agent.url}/health`)).status).toBe(200);
      expect((await fetch(`${agent.url}/health/live`)).status).toBe(200);
    });

    test('when the agent is healthy, then liveness and readiness need no token and readiness is health+json', async () => {
      const upstream = await startFakeOpenAI();
      try {
        agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'm' } });
        const ready = await fetch(`${agent.url}/health/ready`);
        expect(ready.status).toBe(200);
        expect(ready.headers.get('content-type')).toMatch(/^application\/health\+json/);
        const body = (await ready.json()) as { status: string; checks: Record<string, Array<{ status: string }>> };
        expect(body.status).toBe('pass');
        expect(body.checks['model:endpoint']?.[0]?.status).toBe('pass');
        expect(upstream.requests).toEqual([]);
      } finally {
        await upstream.close();
      }
    });

    describe('the model endpoint check', () => {
      let upstream: FakeOpenAI;
      beforeEach(async () => {
        upstream = await startFakeOpenAI();
      });
      afterEach(async () => upstream.close());
      const readiness = async () => {
        const response = await fetch(`${agent!.url}/health/ready`);
        return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, Array<{ status: string; output?: string }>> } };
      };

      test('when the provider refuses the key, then readiness fails (503) naming it, and never sends a completion', async () => {
        upstream.modelEndpoint.apiKey = 'sk-the-right-one';
        agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-revoked', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'm' } });
        const { status, body } = await readiness();
        expect(status).toBe(503);
        expect(body.checks['model:endpoint']?.[0]).toMatchObject({ status: 'fail', output: 'the provider refused the API key (HTTP 401)' });
        expect(JSON.stringify(body)).not.toContain('sk-revoked');
        expect(upstream.requests).toEqual([]);
      });

      test('when the primary model is gone but the fallback answers, then readiness warns (200) that chats use the fallback', async () => {
        upstream.modelEndpoint.unavailable = ['primary-m'];
        agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'primary-m', FALLBACK_MODEL_ID: 'fallback-m' } });
        const { status, body } = await readiness();
        expect(status).toBe(200);
        expect(body.status).toBe('warn');
        expect(body.checks['model:endpoint']?.[0]?.output).toContain('chats use the fallback fallback-m');
        expect(upstream.modelLookups).toEqual(['primary-m', 'fallback-m']);
      });

      test('answers are cached: ten probes in a row cost the provider one lookup', async () => {
        agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'm' } });
        await Promise.all(Array.from({ length: 10 }, () => readiness()));
        expect(upstream.modelLookups).toEqual(['m']);
      });
    });

    test('the authenticated readiness (/v1/ready) answers 401 to a wrong token and says which accepted token matched', async () => {
      agent = await startAgent({ env: { GATEWAY_TOKEN_PREVIOUS: 'previous-gateway-token-0001' } });
      const wrong = await fetch(`${agent.url}/v1/ready`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { code: string }).code).toBe('unauthorized:gateway');
      const current = (await (await fetch(`${agent.url}/v1/ready`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { checks: Record<string, Array<{ observedValue?: string }>> };
      expect(current.checks['gateway:token']?.[0]?.observedValue).toBe('current');
      const previous = (await (await fetch(`${agent.url}/v1/ready`, { headers: { authorization: 'Bearer previous-gateway-token-0001' } })).json()) as { checks: Record<string, Array<{ observedValue?: string }>> };
      expect(previous.checks['gateway:token']?.[0]?.observedValue).toBe('previous');
    });

    test('when RELEASE is set, then readiness names it as releaseId so a deploy can wait for the new release', async () => {
      agent = await startAgent({ env: { RELEASE: 'abc123def' } });
      const body = (await (await fetch(`${agent.url}/health/ready`)).json()) as { releaseId?: string };
      expect(body.releaseId).toBe('abc123def');
    });

    test('when running in built-in planner mode, then readiness warns but stays 200', async () => {
      agent = await startAgent();
      const ready = await fetch(`${agent.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('warn');
    });

    test('when draining, then readiness is 503 fail and new chats get 503 with the draining copy', async () => {
      agent = await startAgent();
      agent.lifecycle.startDrain();
      const ready = await fetch(`${agent.url}/health/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { status: string; checks: Record<string, Array<{ status: string }>> };
      expect(body.status).toBe('fail');
      expect(body.checks['lifecycle:draining']?.[0]?.status).toBe('fail');
      await expectError(await postChat(agent.url, userSays('hi')), 503, 'unavailable:draining', COPY.draining);
      expect((await fetch(`${agent.url}/health/live`)).status).toBe(200);
    });
  });
});
