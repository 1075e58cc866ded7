/**
 * Starts one `next start` of the e2e build and prints "chopsky-web-ready" once its embedded database is open and
 * migrated (the first open of a fresh PGlite directory takes several seconds), so no test pays for it.
 * Usage: tsx serve-web.ts <port>; the environment carries AGENT_URL, DATA_DIR and the rest.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DB_TEMPLATE_DIR } from './db-template';

const port = process.argv[2] ?? '3000';
const frontend = path.resolve(__dirname, '..', '..');
const dataDir = process.env.DATA_DIR;
if (dataDir && existsSync(DB_TEMPLATE_DIR) && !existsSync(dataDir)) cpSync(DB_TEMPLATE_DIR, dataDir, { recursive: true });
const next = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], {
  cwd: frontend,
  stdio: 'inherit',
  env: process.env,
});
const stop = (signal: NodeJS.Signals) => next.kill(signal);
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
next.on('exit', (code) => process.exit(code ?? 1));

async function warm() {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health/ready`, { signal: AbortSignal.timeout(60_000) });
      const body = (await response.json()) as { checks?: Record<string, { status: string }[]> };
      // Ready as far as this server goes: the database answers. (One e2e server's agent is down on purpose.)
      if (body.checks?.['database:ping']?.[0]?.status === 'pass') {
        console.log('chopsky-web-ready');
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
void warm();
