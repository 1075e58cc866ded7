/**
 * The multi-instance rig: production's shape on one machine. Two web instances (`next start` of the e2e build) and two
 * agents (`node agent/dist/server.js`, the second as a replica of two workers), each pair behind a local round-robin balancer, sharing one redis-server and one
 * PostgreSQL 15 server (migrations pushed by the Supabase CLI); the model provider is the scripted local
 * OpenAI-compatible server. Every port is free and random. Instances can be killed (SIGKILL) and started again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Pool } from 'pg';
import { startRedisServer, type RedisServer } from '../../../packages/shared-state/test/support/redis-server';
import { startFakeOpenAI, type FakeOpenAI, type ScriptFor } from '../../../agent/test/support/fake-openai';
import { pushMigrations } from '../db/supabase-cli';
import { freePort } from '../support/agent-process';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { signSessionValue, SESSION_COOKIE } from '../../lib/session';

const root = path.resolve(__dirname, '..', '..', '..');
const GATEWAY_TOKEN = 'rig-gateway-token-0123456789abcdef';
const SESSION_SECRET = 'rig-session-secret-0123456789abcdef0123456789';

export interface Instance {
  url: string;
  output(): string;
  /** SIGKILL: the instance dies mid-whatever, as a crashed container does. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function spawnInstance(command: string[], env: Record<string, string>, cwd: string, port: number, health: string): Promise<Instance> {
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd,
    // Cast: Next's types require NODE_ENV, which each instance sets for itself (next start: production).
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill takes whatever it started with it.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  const url = `http://127.0.0.1:${port}`;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(-child.pid!, name);
    await exited;
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited:\n${output}`);
    if (Date.now() > deadline) {
      await signal('SIGKILL');
      throw new Error(`${command.join(' ')} did not answer on ${url}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}${health}`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

export interface Rig {
  web: RoundRobinProxy;
  agent: RoundRobinProxy;
  webs: Instance[];
  agents: Instance[];
  redis: RedisServer;
  postgres: PostgresServer;
  db: Pool;
  fake: FakeOpenAI;
  /** Starts web instance `index` again (on a new port, which the balancer then uses). */
  restartWeb(index: number): Promise<void>;
  cookieFor(ownerId: string): string;
  close(): Promise<void>;
}

export async function startRig(options: { upstream: ScriptFor; webEnv?: Record<string, string>; agentEnv?: Record<string, string> }): Promise<Rig> {
  const [redis, postgres, fake] = await Promise.all([startRedisServer(), startPostgresServer(), startFakeOpenAI(options.upstream)]);
  pushMigrations(postgres.url);
  const db = new Pool({ connectionString: postgres.url, max: 2 });

  const startAgent = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    return spawnInstance(
      [process.execPath, path.join(root, 'agent', 'dist', 'server.js')],
      {
        APP_ENV: 'test',
        PORT: String(port),
        GATEWAY_TOKEN,
        OPENAI_API_KEY: 'sk-rig',
        OPENAI_BASE_URL: fake.url,
        MODEL_ID: 'rig-model',
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        ...options.agentEnv,
        ...env,
      },
      root,
      port,
      '/health',
    );
  };
  // The second agent replica runs as two workers (AGENT_WORKERS, agent/src/workers.ts), as a replica with two vCPUs would.
  const agents = await Promise.all([startAgent(), startAgent({ AGENT_WORKERS: '2' })]);
  const agent = await startRoundRobinProxy(agents.map((a) => a.url));

  const startWeb = async () => {
    const port = await freePort();
    return spawnInstance(
      [process.execPath, require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        APP_ENV: 'test',
        AGENT_URL: agent.url,
        GATEWAY_TOKEN,
        SESSION_SECRET,
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        AGENT_TIMEOUT_MS: '60000',
        ...options.webEnv,
      },
      path.join(root, 'frontend'),
      port,
      '/api/health',
    );
  };
  const webs = await Promise.all([startWeb(), startWeb()]);
  const web = await startRoundRobinProxy(webs.map((w) => w.url));

  return {
    web,
    agent,
    webs,
    agents,
    redis,
    postgres,
    db,
    fake,
    async restartWeb(index) {
      webs[index] = await startWeb();
      web.targets[index] = webs[index].url;
    },
    cookieFor: (ownerId) => `${SESSION_COOKIE}=${signSessionValue(ownerId, SESSION_SECRET)}`,
    async close() {
      await Promise.all([...webs, ...agents].map((instance) => instance.stop()));
      await Promise.all([web.close(), agent.close(), fake.close(), db.end()]);
      await Promise.all([redis.stop(), postgres.stop()]);
    },
  };
}
