/**
 * The agent as Railway runs it (agent/railway.json): `npm run build -w agent`, then `node agent/dist/server.js` under
 * plain node with production configuration, JSON logs at info, the production limits (per cook: callers send a new
 * `x-chopsky-cook` per chat, as many cooks would) and no Sentry. Shared by the benchmarks that put the
 * agent in front of a local upstream (bench:agent, bench:web), so both measure the same deployable.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../test/support/spawn-agent';

const root = path.resolve(__dirname, '..', '..');

export interface CompiledAgent {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Resolves once `text` appears on the child's stdout; rejects on exit or after `timeoutMs`. */
export async function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}":\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(text)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${text}":\n${output}`)));
  });
}

export async function startCompiledAgent(env: { GATEWAY_TOKEN: string; OPENAI_BASE_URL: string; MODEL_ID: string }): Promise<CompiledAgent> {
  const build = spawnSync('npm', ['run', 'build', '-w', 'agent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build -w agent failed');
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'agent', 'dist', 'server.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      APP_ENV: 'production',
      NODE_ENV: 'production',
      PORT: String(port),
      OPENAI_API_KEY: 'sk-bench',
      LOG_LEVEL: 'info',
      SENTRY_DSN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, 'agent listening', 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
