import { AppError, COPY, reportableError } from '../src/errors';
import { scrubSecrets } from '../src/observability/sentry';
import { startFakeOpenAI } from './support/fake-openai';
import { postChat, readEvents, startAgent, TOKEN } from './support/agent';

describe('logs', () => {
  test('when chats succeed and fail, then logs carry ids, routes, status, latency, model and tokens but never content, tokens or keys', async () => {
    const fake = await startFakeOpenAI({ 'primary-model': { tokens: ['REPLY-MARKER-1', ' more'], usage: { prompt: 9, completion: 2 } } });
    const PREVIOUS = 'previous-secret-token-marker-xyz';
    const agent = await startAgent({
      env: {
        OPENAI_API_KEY: 'sk-KEY-MARKER-do-not-log',
        OPENAI_BASE_URL: fake.url,
        MODEL_ID: 'primary-model',
        GATEWAY_TOKEN_PREVIOUS: PREVIOUS,
      },
    });
    try {
      const secretContent = 'CONTENT-MARKER my allergy is sesame';
      const ok = await postChat(agent.url, {
        messages: [{ role: 'user', content: secretContent }],
        conversationId: '7f3c2b9e-8d51-4c1a-9e0b-2a6f4d8c1e55',
        profile: { pantry: ['PANTRY-MARKER'] },
      });
      await readEvents(ok);
      const previous = await postChat(agent.url, { messages: [{ role: 'user', content: secretContent }] }, { token: PREVIOUS });
      await readEvents(previous);
      await postChat(agent.url, { messages: [{ role: 'user', content: secretContent }] }, { token: 'WRONG-TOKEN-MARKER-123456' });
      await postChat(agent.url, `{"messages":[{"role":"user","content":"${secretContent}"`);
      await postChat(agent.url, { messages: [{ role: 'robot', content: secretContent }] });
      await new Promise((resolve) => setTimeout(resolve, 50));

      const text = agent.logs.text();
      for (const marker of ['CONTENT-MARKER', 'REPLY-MARKER', 'PANTRY-MARKER', 'KEY-MARKER', 'WRONG-TOKEN-MARKER', PREVIOUS, TOKEN]) {
        expect(text).not.toContain(marker);
      }
      const finished = agent.logs.entries().filter((e) => e.msg === 'request finished');
      expect(finished.map((e) => e.status)).toEqual([200, 200, 401, 400, 400]);
      expect(finished[0]).toMatchObject({
        route: '/v1/chat',
        method: 'POST',
        model: 'primary-model',
        inputTokens: 9,
        outputTokens: 2,
        finishReason: 'stop',
        outcome: 'done',
        conversationId: '7f3c2b9e-8d51-4c1a-9e0b-2a6f4d8c1e55',
        requestId: ok.headers.get('x-request-id'),
      });
      expect(finished[0]?.latencyMs).toEqual(expect.any(Number));
    } finally {
      await agent.close();
      await fake.close();
    }
  });
});

describe('error reports', () => {
  test('when a provider error quotes the API key, then the reported error carries only its class and status', () => {
    const providerError = Object.assign(new Error('401 Incorrect API key provided: sk-live-secret-123'), { name: 'AuthenticationError', status: 401 });
    const reported = reportableError(new AppError('upstream:model', COPY.generic, { cause: providerError }));
    expect(reported.message).toBe('upstream:model: AuthenticationError (status 401)');
    expect(JSON.stringify({ m: reported.message, s: reported.stack })).not.toContain('sk-live-secret-123');
  });

  test('when an event contains a secret anywhere, then scrubSecrets replaces every occurrence', () => {
    const event = { message: 'key sk-live-secret-123 and "quoted"', nested: [{ value: 'Bearer gateway-token-abcdef' }] };
    expect(scrubSecrets(event, ['sk-live-secret-123', 'gateway-token-abcdef', 'short'])).toEqual({
      message: 'key [redacted] and "quoted"',
      nested: [{ value: 'Bearer [redacted]' }],
    });
  });
});
