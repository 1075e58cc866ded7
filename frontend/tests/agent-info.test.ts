import { BUILT_IN_PLANNER_MODEL_ID } from '@chef-chopsky/contract/agent-mode';
import { createAgentInfoReader } from '@/lib/agent-info';
import { startAgent, TOKEN, type RunningAgent } from '../../agent/test/support/agent';

describe('what answers the chats, read from the agent for the chat header', () => {
  let planner: RunningAgent;
  let withModel: RunningAgent;
  beforeAll(async () => {
    [planner, withModel] = await Promise.all([
      startAgent(),
      startAgent({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', MODEL_ID: 'some-model' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([planner?.close(), withModel?.close()]);
  });

  /** Real fetch, counted: how many times the reader asked the agent. */
  function countingFetch() {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    return { calls, fetchImpl };
  }

  test('an agent without a model is the built-in planner; one with a model is a language model', async () => {
    const readPlanner = createAgentInfoReader({ agentUrl: planner.url, gatewayToken: TOKEN });
    expect(await readPlanner()).toEqual({ mode: 'built-in-planner', model: BUILT_IN_PLANNER_MODEL_ID });
    const readModel = createAgentInfoReader({ agentUrl: withModel.url, gatewayToken: TOKEN });
    expect(await readModel()).toEqual({ mode: 'language-model', model: 'some-model' });
  });

  test('an answer is reused for a minute and concurrent readers share one request; then it is read again', async () => {
    let clock = 0;
    const { calls, fetchImpl } = countingFetch();
    const read = createAgentInfoReader({ agentUrl: planner.url, gatewayToken: TOKEN, fetchImpl, now: () => clock });
    const [a, b] = await Promise.all([read(), read()]);
    expect(a).toEqual(b);
    expect(calls).toHaveLength(1);
    clock = 59_000;
    await read();
    expect(calls).toHaveLength(1);
    clock = 60_000;
    expect(await read()).toMatchObject({ mode: 'built-in-planner' });
    expect(calls).toHaveLength(2);
  });

  test('an agent that is down, refuses the token or does not answer in time gives null without throwing, and is asked again after 10 s', async () => {
    let clock = 0;
    const { calls, fetchImpl } = countingFetch();
    const down = createAgentInfoReader({ agentUrl: 'http://127.0.0.1:9', gatewayToken: TOKEN, fetchImpl, now: () => clock });
    expect(await down()).toBeNull();
    clock = 9_999;
    expect(await down()).toBeNull();
    expect(calls).toHaveLength(1);
    clock = 10_000;
    await down();
    expect(calls).toHaveLength(2);

    expect(await createAgentInfoReader({ agentUrl: planner.url, gatewayToken: 'not-the-gateway-token' })()).toBeNull();

    // A server that accepts the connection and never answers.
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    expect(await createAgentInfoReader({ agentUrl: `http://127.0.0.1:${port}`, gatewayToken: TOKEN, timeoutMs: 200 })()).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    silent.close();
  });
});
