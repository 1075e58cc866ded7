import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Ctx } from '../lib/cli';
import { REPO_ROOT } from '../lib/secrets-manifest';
import { testCtx } from './helpers';
import { run as checkMigrations } from '../check-migrations';
import { run as deployFreeze } from '../deploy-freeze';
import { run as deployRailway } from '../deploy-railway';
import { run as deployVercel } from '../deploy-vercel';
import { run as githubEnvironments } from '../github-environments';
import { run as healthCheck } from '../health-check';
import { run as monitorHealth } from '../monitor-health';
import { run as pushMigrations } from '../push-migrations';
import { run as releaseAgent } from '../release-agent';
import { run as releaseWeb } from '../release-web';
import { run as resolveEnvironment } from '../resolve-environment';
import { run as rollback } from '../rollback';
import { run as secretsCheck } from '../secrets-check';
import { run as secretsDocs } from '../secrets-docs';
import { run as secretsRotate } from '../secrets-rotate';
import { run as sendAlert } from '../send-alert';
import { run as sentryAlerts } from '../sentry-alerts';
import { run as sentryRelease } from '../sentry-release';
import { run as smokeTest } from '../smoke-test';
import { run as uptimerobot } from '../uptimerobot';

const exec = promisify(execFile);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
/** The ops scripts: every entry point built on scripts/lib/cli.ts (other scripts in scripts/ belong to other areas). */
const entryPoints = readdirSync(path.join(REPO_ROOT, 'scripts')).filter(
  (f) => f.endsWith('.ts') && readFileSync(path.join(REPO_ROOT, 'scripts', f), 'utf8').includes('runAsMain(module, run)'),
);
const runByFile: Record<string, (argv: string[], ctx: Ctx) => Promise<number>> = {
  'check-migrations.ts': checkMigrations,
  'deploy-freeze.ts': deployFreeze,
  'deploy-railway.ts': deployRailway,
  'deploy-vercel.ts': deployVercel,
  'github-environments.ts': githubEnvironments,
  'health-check.ts': healthCheck,
  'monitor-health.ts': monitorHealth,
  'push-migrations.ts': pushMigrations,
  'release-agent.ts': releaseAgent,
  'release-web.ts': releaseWeb,
  'resolve-environment.ts': resolveEnvironment,
  'rollback.ts': rollback,
  'secrets-check.ts': secretsCheck,
  'secrets-docs.ts': secretsDocs,
  'secrets-rotate.ts': secretsRotate,
  'send-alert.ts': sendAlert,
  'sentry-alerts.ts': sentryAlerts,
  'sentry-release.ts': sentryRelease,
  'smoke-test.ts': smokeTest,
  'uptimerobot.ts': uptimerobot,
};

test('every ops script in scripts/ is covered here', () => {
  expect(Object.keys(runByFile).sort()).toEqual([...entryPoints].sort());
});

describe('every ops script', () => {
  test.each(entryPoints)('%s: --help prints usage and exit codes, and exits 0 without doing anything', async (file) => {
    const run = runByFile[file]!;
    const ctx = testCtx();
    expect(await run(['--help'], ctx)).toBe(0);
    expect(ctx.lines[0]).toMatch(/^Usage: npm run [\w:-]+/);
    expect(ctx.lines[0]).toContain('Exit codes:');
    expect(ctx.calls()).toEqual([]);
  });

  test.each(entryPoints)('%s: an unknown flag is a usage error', async (file) => {
    const run = runByFile[file]!;
    await expect(run(['--no-such-flag'], testCtx())).rejects.toThrow(/Unknown option/);
  });
});

describe('run as real processes (tsx, as npm run does)', () => {
  test('exit codes: --help 0, unknown flag 2, failed check 1', async () => {
    const [help, usage, failed] = await Promise.allSettled([
      exec(TSX, ['scripts/send-alert.ts', '--help'], { cwd: REPO_ROOT }),
      exec(TSX, ['scripts/health-check.ts', '--bogus'], { cwd: REPO_ROOT }),
      exec(TSX, ['scripts/health-check.ts', '--url', 'http://127.0.0.1:9/health', '--attempts', '1', '--timeout-ms', '500'], { cwd: REPO_ROOT }),
    ]);
    expect(help.status).toBe('fulfilled');
    expect(help.status === 'fulfilled' && help.value.stdout).toContain('Usage: npm run alert:send');
    expect(usage).toMatchObject({ status: 'rejected', reason: { code: 2 } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { code: 1 } });
    expect(failed.status === 'rejected' && (failed.reason as { stdout: string }).stdout).toMatch(/FAIL http:\/\/127\.0\.0\.1:9\/health/);
  }, 30_000);
});
