import { agentInfoSchema } from '@chef-chopsky/contract/chat';
import { BUILT_IN_PLANNER_MODEL_ID } from '@chef-chopsky/contract/agent-mode';
import { OFFLINE_MODEL_ID } from '../src/chef/offline-chat-model';
import { type RunningAgent, startAgent, TOKEN } from './support/agent';

describe('GET /v1/info: what answers the chats', () => {
  let agent: RunningAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  const info = (url: string, token = TOKEN) => fetch(`${url}/v1/info`, { headers: { authorization: `Bearer ${token}` } });

  test('with no model configured, it answers the built-in planner and the id its chat events carry', async () => {
    agent = await startAgent();
    const response = await info(agent.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = agentInfoSchema.parse(await response.json());
    expect(body).toEqual({ mode: 'built-in-planner', model: BUILT_IN_PLANNER_MODEL_ID });
    expect(OFFLINE_MODEL_ID).toBe(BUILT_IN_PLANNER_MODEL_ID);
  });

  test('with a model configured, it answers the language model and its id', async () => {
    agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', MODEL_ID: 'some-model' } });
    expect(agentInfoSchema.parse(await (await info(agent.url)).json())).toEqual({ mode: 'language-model', model: 'some-model' });
  });

  test('without the gateway token it answers 401 and says nothing of the model', async () => {
    agent = await startAgent();
    const response = await info(agent.url, 'not-the-gateway-token-at-all');
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain(BUILT_IN_PLANNER_MODEL_ID);
  });
});
