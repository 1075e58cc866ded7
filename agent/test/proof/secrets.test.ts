/**
 * Secrets never leave the agent: the real process (`src/server.ts`) runs with marker values for every secret, at the
 * most verbose log level, through success and every kind of failure, and everything it produced is scanned: stdout and stderr, every HTTP
 * response (status line, headers, body), what it sent to Sentry, and what it sent to the provider.
 */
import { startFakeOpenAI } from '../support/fake-openai';
import { spawnAgent } from '../support/spawn-agent';
import { startSentrySink } from '../support/sentry-sink';
import { readStream, waitFor } from './support/sse-reader';

jest.setTimeout(60_000);

const MARK = `${process.pid}${Date.now().toString(36)}`;
const GATEWAY_TOKEN = `marker-gw-${MARK}-current`;
const GATEWAY_TOKEN_PREVIOUS = `marker-gw-${MARK}-previous`;
const OPENAI_API_KEY = `marker-sk-${MARK}`;
const SENTRY_KEY = `markerdsn${MARK}`;

/** Everything a response carries, as text: what a client, a proxy or a browser could keep. */
async function transcript(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

const MARKERS = [GATEWAY_TOKEN, GATEWAY_TOKEN_PREVIOUS, OPENAI_API_KEY, SENTRY_KEY, MARK];

describe('secrets in the agent process', () => {
  test('when the agent serves, fails and shuts down with marker secrets, then no marker appears in its output, responses or Sentry events', async () => {
    const sentry = await startSentrySink(SENTRY_KEY);
    const fake = await startFakeOpenAI(({ body }) => {
      const last = (body.messages as Array<{ content: string }>).at(-1)?.content ?? '';
      return last.includes('please fail') ? { status: 500 } : { tokens: ['Soup', ' tonight.'] };
    });
    const env = {
      GATEWAY_TOKEN,
      GATEWAY_TOKEN_PREVIOUS,
      OPENAI_API_KEY,
      OPENAI_BASE_URL: fake.url,
      MODEL_ID: 'm',
      FALLBACK_MODEL_ID: 'm2',
      SENTRY_DSN: sentry.dsn,
      APP_ENV: 'staging',
      ALLOWED_ORIGINS: 'https://chef.example.com',
      LOG_LEVEL: 'trace',
      MAX_BODY_BYTES: '2048',
    };
    const agent = await spawnAgent(env);
    const transcripts: string[] = [];
    const chat = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_TOKEN}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const say = (content: string) => ({ messages: [{ role: 'user', content }] });
    try {
      const streamed = await readStream(await chat(agent.url, say('Plan dinner')));
      expect(streamed.events.at(-1)?.event).toBe('done');
      const failed = await readStream(await chat(agent.url, say('please fail')));
      expect(failed.events.at(-1)).toMatchObject({ event: 'error', data: { code: 'upstream:model' } });

      const refusals: Array<[string, Promise<Response>]> = [
        ['previous token', chat(agent.url, say('hi'), { authorization: `Bearer ${GATEWAY_TOKEN_PREVIOUS}` })],
        ['token with a suffix', chat(agent.url, say('hi'), { authorization: `Bearer ${GATEWAY_TOKEN}x` })],
        ['token without Bearer', chat(agent.url, say('hi'), { authorization: GATEWAY_TOKEN })],
        ['token in the body', chat(agent.url, { ...say('hi'), token: GATEWAY_TOKEN, apiKey: OPENAI_API_KEY }, { authorization: 'Bearer nope-nope-nope-nope' })],
        ['foreign origin', chat(agent.url, say('hi'), { origin: 'https://evil.test' })],
        ['broken JSON quoting the key', chat(agent.url, `{"messages":"${OPENAI_API_KEY}`)],
        ['schema error quoting the key', chat(agent.url, { messages: [{ role: OPENAI_API_KEY, content: GATEWAY_TOKEN }] })],
        ['too large', chat(agent.url, say(`${GATEWAY_TOKEN} `.repeat(200)))],
        ['unknown path', fetch(`${agent.url}/v1/${GATEWAY_TOKEN}`)],
        ['readiness', fetch(`${agent.url}/health/ready`)],
        ['liveness', fetch(`${agent.url}/health`)],
      ];
      for (const [, pending] of refusals) transcripts.push(await transcript(await pending));
      transcripts.push(JSON.stringify([streamed, failed]));

      await waitFor(() => sentry.bodies.some((b) => b.includes('"type":"event"')), 'a Sentry event');
      agent.child.kill('SIGTERM');
      expect((await agent.exited).code).toBe(0);

      const output = agent.output();
      // The scan would pass vacuously on empty output: there must be trace-level lines, refusals and Sentry events.
      expect(output).toMatch(/"msg":"gateway token rejected"/);
      expect(output).toMatch(/"msg":"request finished"/);
      expect(output.split('\n').length).toBeGreaterThan(20);
      for (const marker of MARKERS) {
        expect(output).not.toContain(marker);
        expect(transcripts.join('\n')).not.toContain(marker);
      }
      // Sentry's own envelope names the DSN's public key (that is the protocol); nothing else secret may be there.
      for (const marker of [GATEWAY_TOKEN, GATEWAY_TOKEN_PREVIOUS, OPENAI_API_KEY]) expect(sentry.bodies.join('\n')).not.toContain(marker);
      // The provider gets its own key and not the gateway tokens, nor any Sentry trace headers (which name our DSN).
      expect(fake.requests.length).toBeGreaterThan(0);
      for (const request of fake.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${OPENAI_API_KEY}`);
        expect(request.headers.baggage).toBeUndefined();
        expect(request.headers['sentry-trace']).toBeUndefined();
        const rest = JSON.stringify({ ...request.headers, authorization: undefined, body: request.body });
        for (const marker of [GATEWAY_TOKEN, GATEWAY_TOKEN_PREVIOUS]) expect(rest).not.toContain(marker);
      }
    } finally {
      agent.child.kill('SIGKILL');
      await fake.close();
      await sentry.close();
    }
  });

  test('when start-up fails on malformed secret values, then the message names the keys but never the values', async () => {
    const agent = await spawnAgent(
      {
        APP_ENV: 'production',
        GATEWAY_TOKEN: `mk${MARK}`.slice(0, 12),
        OPENAI_API_KEY: '',
        SENTRY_DSN: `not a url ${MARK}`,
        OPENAI_BASE_URL: `marker ${MARK}`,
        GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: `soon-${MARK}`,
      },
      { waitForListening: false },
    );
    expect((await agent.exited).code).toBe(1);
    const output = agent.output();
    for (const key of ['GATEWAY_TOKEN', 'OPENAI_API_KEY', 'SENTRY_DSN', 'OPENAI_BASE_URL', 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT']) {
      expect(output).toContain(key);
    }
    expect(output).not.toContain(MARK);
    expect(output).not.toContain(`mk${MARK}`.slice(0, 12));
  });
});
