import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { startRedisServer } from '@chef-chopsky/shared-state/test/support/redis-server';
import { COOK_HEADER } from '@chef-chopsky/contract/runs';
import { startFakeOpenAI } from './support/fake-openai';
import { postChat, readEvents, textOf, TOKEN, userSays } from './support/agent';
import { spawnAgent, type SpawnedAgent } from './support/spawn-agent';
import { workerShare } from '../src/workers';

/**
 * AGENT_WORKERS (src/workers.ts): the real process (src/server.ts through tsx) as a replica of two workers on one
 * port, with a real redis-server and a local model.
 */

// Spawning three processes costs seconds on a busy machine: these are guards, not timing assertions.
jest.setTimeout(90_000);

interface LogLine {
  msg: string;
  worker?: number;
  pid?: number;
  route?: string;
  status?: number;
}

const linesOf = (agent: SpawnedAgent): LogLine[] =>
  agent
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
const listening = (agent: SpawnedAgent) => linesOf(agent).filter((line) => line.msg === 'agent listening');

async function until(check: () => boolean, what: string, agent: SpawnedAgent): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${agent.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('two workers serve one port; a cook’s limit counts across both; a worker that dies is replaced; SIGTERM lets a reply in flight finish, then both workers stop and the replica exits 0', async () => {
  const redis = await startRedisServer();
  const tokens = Array.from({ length: 10 }, (_, i) => ` w${i}`);
  const fake = await startFakeOpenAI(() => ({ tokens, tokenIntervalMs: 40 }));
  const agent = await spawnAgent({
    GATEWAY_TOKEN: TOKEN,
    OPENAI_API_KEY: 'sk-workers-test',
    OPENAI_BASE_URL: fake.url,
    MODEL_ID: 'm',
    REDIS_URL: redis.url,
    AGENT_WORKERS: '2',
    RATE_LIMIT_REQUESTS: '4',
    SHUTDOWN_GRACE_MS: '20000',
  });
  try {
    await until(() => listening(agent).length === 2, 'two workers', agent);
    const workers = listening(agent);
    expect(new Set(workers.map((line) => line.worker)).size).toBe(2);
    expect(new Set(workers.map((line) => line.pid)).size).toBe(2);

    // Four chats at once come on four connections, which the primary hands to the workers in turn.
    const cook = { [COOK_HEADER]: `cook-${randomUUID()}` };
    const replies = await Promise.all([1, 2, 3, 4].map(() => postChat(agent.url, userSays('soup?'), { headers: cook })));
    for (const events of await Promise.all(replies.map((reply) => readEvents(reply)))) expect(textOf(events)).toBe(tokens.join(''));
    const served = () => linesOf(agent).filter((line) => line.msg === 'request finished' && line.route === '/v1/chat' && line.status === 200);
    await until(() => served().length === 4, 'four access lines', agent);
    expect(new Set(served().map((line) => line.worker))).toEqual(new Set(workers.map((line) => line.worker)));
    // Both workers counted against the same limit: the fifth is refused, whichever worker gets it.
    const fifth = await postChat(agent.url, userSays('soup?'), { headers: cook });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toMatch(/^\d+$/);

    process.kill(workers[0]!.pid!, 'SIGKILL');
    await until(() => listening(agent).length === 3, 'a new worker', agent);
    expect(linesOf(agent).some((line) => line.msg === 'agent worker exited: starting another')).toBe(true);
    const afterwards = await postChat(agent.url, userSays('soup?'), { headers: { [COOK_HEADER]: `cook-${randomUUID()}` } });
    expect(textOf(await readEvents(afterwards))).toBe(tokens.join(''));

    const inFlight = await postChat(agent.url, userSays('soup?'), { headers: { [COOK_HEADER]: `cook-${randomUUID()}` } });
    const head = await readEvents(inFlight, (event) => event.event === 'delta');
    agent.child.kill('SIGTERM');
    const tail = await readEvents(inFlight);
    expect([...head, ...tail].at(-1)?.event).toBe('done');
    expect(textOf([...head, ...tail])).toBe(tokens.join(''));
    expect(await agent.exited).toEqual({ code: 0, signal: null });
    expect(linesOf(agent).filter((line) => line.msg === 'stopped')).toHaveLength(2);
    await expect(fetch(`${agent.url}/health`)).rejects.toThrow();
  } finally {
    agent.child.kill('SIGKILL');
    await fake.close();
    await redis.stop();
  }
});

test('workers that keep exiting (their port is taken) stop the replica with exit code 1 instead of being forked forever', async () => {
  const redis = await startRedisServer();
  const squatter = createServer().listen(0, '127.0.0.1');
  await once(squatter, 'listening');
  const port = String((squatter.address() as { port: number }).port);
  const agent = await spawnAgent({ GATEWAY_TOKEN: TOKEN, REDIS_URL: redis.url, AGENT_WORKERS: '2', PORT: port }, { waitForListening: false });
  try {
    expect(await agent.exited).toEqual({ code: 1, signal: null });
    expect(linesOf(agent).filter((line) => line.msg === 'agent worker exited: starting another').length).toBeGreaterThanOrEqual(5);
    expect(linesOf(agent).some((line) => line.msg === 'agent workers keep exiting: stopping the replica')).toBe(true);
    expect(listening(agent)).toEqual([]);
  } finally {
    agent.child.kill('SIGKILL');
    squatter.close();
    await redis.stop();
  }
});

test('a replica’s cap on concurrent model streams is split evenly between its workers, rounded up, at least 1 each', () => {
  expect([workerShare(200, 1), workerShare(200, 2), workerShare(200, 3), workerShare(1, 4)]).toEqual([200, 100, 67, 1]);
});
