/**
 * Builds what the end-to-end run starts: the agent (tsc) and the web app (`next build`, once, with the marker secrets
 * in its environment so the bundle scan proves they stay on the server, and with the browser's Sentry switched on and
 * pointed at a loopback port, so sentry.spec.ts proves browser errors arrive without a second build).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { BROWSER_SENTRY, MARKERS } from './markers';

const root = path.resolve(__dirname, '..', '..', '..');

function run(args: string[], env: Record<string, string> = {}) {
  console.log(`e2e build: npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The database template is made while the builds run: it is independent of them.
const template = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'db-template.ts')], {
  stdio: 'inherit',
});
const templateDone = new Promise<number>((resolve) => template.on('exit', (code) => resolve(code ?? 1)));

run(['run', 'build', '-w', 'agent']);
run(['run', 'build', '-w', 'frontend'], {
  GATEWAY_TOKEN: MARKERS.GATEWAY_TOKEN,
  SESSION_SECRET: MARKERS.SESSION_SECRET,
  SUPABASE_SECRET_KEY: MARKERS.SUPABASE_SECRET_KEY,
  // Build-time only: proves a configured key would not be inlined. The e2e servers run on the embedded database.
  SUPABASE_URL: 'http://127.0.0.1:9',
  DATABASE_URL: `postgresql://app:${MARKERS.DATABASE_URL_PASSWORD}@127.0.0.1:9/app`,
  NEXT_PUBLIC_SENTRY_DSN: BROWSER_SENTRY.dsn,
  APP_ENV: BROWSER_SENTRY.environment,
  RELEASE: BROWSER_SENTRY.release,
});

void templateDone.then((code) => {
  if (code !== 0) {
    console.error('e2e build: making the database template failed');
    process.exit(code);
  }
});
