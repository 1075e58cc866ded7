/**
 * `npm start`: the README's first command. Builds the agent and the web app, then runs both on embedded defaults:
 * the agent in built-in planner mode (no model key needed) on AGENT_PORT (8787), the web app on WEB_PORT (3000) with
 * an embedded PostgreSQL (PGlite) in `.data/`. Logs are prefixed [agent] / [web]; Ctrl-C or SIGTERM stops both.
 *
 * Usage: npm start [-- --no-build]
 * Environment: AGENT_PORT, WEB_PORT, DATA_DIR, and anything the agent or web app reads (see README).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(__dirname, '..');
const agentPort = Number(process.env.AGENT_PORT ?? 8787);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'));
const skipBuild = process.argv.includes('--no-build');
const useColor = process.stdout.isTTY;
const paint = (code: number, text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

function log(message: string) {
  console.log(`${paint(1, '[start]')} ${message}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, '0.0.0.0');
  });
}

async function assertPortsFree() {
  const busy: string[] = [];
  if (!(await portIsFree(agentPort))) busy.push(`agent port ${agentPort} (set AGENT_PORT to use another)`);
  if (!(await portIsFree(webPort))) busy.push(`web port ${webPort} (set WEB_PORT to use another)`);
  if (busy.length > 0) {
    console.error(`${paint(31, '[start]')} Cannot start: ${busy.join(' and ')} ${busy.length > 1 ? 'are' : 'is'} already in use.`);
    process.exit(1);
  }
}

function build(label: string, args: string[]) {
  log(`building the ${label}: npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`${paint(31, '[start]')} building the ${label} failed (exit code ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function run(name: string, color: number, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = paint(color, `[${name}]`.padEnd(7));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${paint(31, '[start]')} the ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping.`);
    void shutdown(1);
  });
  children.push({ name, child });
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Which readiness checks fail, and for the database the usual cause on a laptop (the web app logs the error itself). */
async function describeNotReady(url: string): Promise<string> {
  const body = (await fetch(url, { signal: AbortSignal.timeout(5000) })
    .then((response) => response.json())
    .catch(() => null)) as { checks?: Record<string, { status: string }[]> } | null;
  const failing = Object.entries(body?.checks ?? {})
    .filter(([, results]) => results.some((result) => result.status !== 'pass'))
    .map(([name]) => name);
  const hint = failing.includes('database:ping')
    ? ` The [web] log shows the cause when a page is opened; a data directory made by an older PGlite (another PostgreSQL major) is rebuilt from the migrations by \`npm run db:reset -- --yes\` (its rows are lost).`
    : '';
  return `the web app answers, but its readiness check still fails (${failing.join(', ') || 'no answer'}).${hint}`;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping the web app and the agent…');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function main() {
  await assertPortsFree();
  if (!skipBuild) {
    build('agent', ['run', 'build', '-w', 'agent']);
    build('web app', ['run', 'build', '-w', 'frontend']);
  }
  // Ports are checked again: a build takes a while and something may have claimed one meanwhile.
  await assertPortsFree();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  run('agent', 36, process.execPath, [path.join(root, 'agent', 'dist', 'server.js')], root, {
    PORT: String(agentPort),
    // As in production, the agent admits the web app's origin (the RUNBOOK's preflight check answers 204 locally too).
    ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? `http://localhost:${webPort}`,
  });
  run('web', 35, process.execPath, [require.resolve('next/dist/bin/next', { paths: [path.join(root, 'frontend')] }), 'start', '-p', String(webPort)], path.join(root, 'frontend'), {
    AGENT_URL: process.env.AGENT_URL ?? `http://127.0.0.1:${agentPort}`,
    // Said out loud: a production build without APP_ENV refuses the development session secret (frontend/lib/env.ts).
    APP_ENV: process.env.APP_ENV ?? 'development',
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  });

  const [agentUp, webUp] = await Promise.all([
    waitFor(`http://127.0.0.1:${agentPort}/health`, 60_000),
    waitFor(`http://127.0.0.1:${webPort}/api/health`, 60_000),
  ]);
  if (!agentUp || !webUp) {
    console.error(`${paint(31, '[start]')} the ${agentUp ? 'web app' : 'agent'} did not become ready within 60 s.`);
    return shutdown(1);
  }
  // Warm the embedded database (first open runs the migrations) so the first page view is quick.
  const ready = await waitFor(`http://127.0.0.1:${webPort}/api/health/ready`, 30_000);
  log(`data directory: ${dataDir}`);
  if (!ready) console.error(`${paint(33, '[start]')} ${await describeNotReady(`http://127.0.0.1:${webPort}/api/health/ready`)}`);
  log(paint(32, `Chef Chopsky is ready: open http://localhost:${webPort}`) + '  (Ctrl-C to stop)');
}

void main();
