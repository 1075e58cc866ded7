/**
 * A provider's error may quote the API key it was given (OpenAI's 401 quotes part of it; other OpenAI-compatible
 * servers and proxies quote all of it). The agent must not carry that text into its logs, its responses or Sentry.
 */
import { createServer } from 'node:http';
import { spawnAgent } from '../support/spawn-agent';
import { TOKEN } from '../support/agent';
import { listen, startSentrySink } from '../support/sentry-sink';
import { readStream, waitFor } from './support/sse-reader';

jest.setTimeout(60_000);

const MARK = `${process.pid}${Date.now().toString(36)}`;
const OPENAI_API_KEY = `marker-sk-${MARK}`;

test('when the provider refuses the key and quotes it in its error, then the key reaches neither the logs, the client nor Sentry', async () => {
  const provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const presented = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${presented}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });
  });
  const providerUrl = await listen(provider);
  const sentry = await startSentrySink('public');
  const agent = await spawnAgent({
    GATEWAY_TOKEN: TOKEN,
    OPENAI_API_KEY,
    OPENAI_BASE_URL: `${providerUrl}/v1`,
    MODEL_ID: 'm',
    SENTRY_DSN: sentry.dsn,
    LOG_LEVEL: 'trace',
  });
  try {
    const response = await fetch(`${agent.url}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Plan dinner' }] }),
    });
    const read = await readStream(response);
    expect(read.events.at(-1)).toMatchObject({ event: 'error', data: { code: 'upstream:model' } });
    await waitFor(() => sentry.events().length > 0, 'the Sentry event');
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
    expect(sentry.events().join('\n')).toMatch(/"error_code":"upstream:model"/);
    expect(agent.output()).not.toContain(MARK);
    expect(JSON.stringify(read.events)).not.toContain(MARK);
    expect(sentry.bodies.join('\n')).not.toContain(MARK);
  } finally {
    agent.child.kill('SIGKILL');
    await sentry.close();
    await new Promise((resolve) => provider.close(resolve));
  }
});
