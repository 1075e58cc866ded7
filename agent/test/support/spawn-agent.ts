/**
 * Runs the real `src/server.ts` in a child process (through tsx), as Railway would run dist/server.js; or, with
 * `script`, a built bundle itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '..', '..', 'src', 'server.ts');

/** Every key the agent reads, blank unless the test sets it, so a developer's agent/.env cannot leak in. */
const BLANK = Object.fromEntries(
  [
    'NODE_ENV', 'GATEWAY_TOKEN', 'GATEWAY_TOKEN_PREVIOUS', 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT', 'ALLOWED_ORIGINS',
    'ALLOWED_ORIGIN_REGEX', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'MODEL_ID', 'FALLBACK_MODEL_ID',
    'MODEL_FIRST_TOKEN_TIMEOUT_MS', 'MODEL_TOTAL_TIMEOUT_MS', 'RATE_LIMIT_REQUESTS', 'RATE_LIMIT_WINDOW', 'MAX_BODY_BYTES',
    'MAX_MESSAGES', 'MAX_MESSAGE_CHARS', 'MAINTENANCE_MODE', 'SHUTDOWN_GRACE_MS', 'SENTRY_DSN', 'RELEASE',
    'RAILWAY_GIT_COMMIT_SHA', 'REDIS_URL', 'MAX_CONCURRENT_STREAMS', 'RUN_RETENTION_SECONDS', 'RATE_LIMIT_FAIL_OPEN_SECONDS',
    'AGENT_WORKERS',
  ].map((key) => [key, '']),
);

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SpawnedAgent {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function spawnAgent(
  env: Record<string, string>,
  { waitForListening = true, script }: { waitForListening?: boolean; script?: string } = {},
): Promise<SpawnedAgent> {
  const port = await freePort();
  const child = spawn(process.execPath, script ? [script] : ['--import', 'tsx', SERVER], {
    // Cast: under the frontend's tsconfig, Next's types require NODE_ENV, which BLANK deliberately empties.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...BLANK, APP_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  if (waitForListening) {
    const deadline = Date.now() + 20_000;
    while (!output.includes('agent listening')) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`agent did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}
