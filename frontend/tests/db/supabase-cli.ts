/**
 * The real Supabase CLI, driven against a database URL (the PostgreSQL 15 test server). Migrations go through the
 * CLI pinned in the root package.json, exactly as `npm run db:push` applies them to staging and production.
 *
 * Type generation: the pinned CLI (2.117.0) generates types through the postgres-meta Docker image, which this
 * machine does not have; 3.1.0 generates them natively but cannot be locked for `npm ci`. So types are generated with
 * `npx --yes supabase@3.1.0` (fetched from the npm registry once, then cached by npx). Override with
 * SUPABASE_TYPEGEN_CLI (a command line, e.g. "npx supabase" where Docker runs).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '../../lib/db/migrations';

export const TYPEGEN_CLI = process.env.SUPABASE_TYPEGEN_CLI ?? 'npx --yes supabase@3.1.0';

/** The generated types, committed and checked for drift by store.postgres.test.ts. */
export const DATABASE_TYPES_FILE = path.join(findRepoRoot(), 'frontend', 'lib', 'db', 'database.types.ts');

/** The CLI connects with TLS unless told not to; the test server has none. */
export function cliDatabaseUrl(url: string): string {
  return url.includes('sslmode=') ? url : `${url}${url.includes('?') ? '&' : '?'}sslmode=disable`;
}

function runCli(command: string, args: string[], cwd: string, timeoutMs: number): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    maxBuffer: 32 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stderr}\n${result.stdout}`,
    );
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

/** `supabase db push --db-url <url> --include-all --yes` from the repository root; returns what the CLI printed. */
export function pushMigrations(url: string): string {
  const root = findRepoRoot();
  const cli = path.join(root, 'node_modules', '.bin', 'supabase');
  const { stdout, stderr } = runCli(cli, ['db', 'push', '--db-url', cliDatabaseUrl(url), '--include-all', '--yes'], root, 120_000);
  return `${stderr}${stdout}`;
}

/** `supabase gen types typescript --db-url <url> --schema public`; returns the TypeScript source. */
export function generateTypes(url: string): string {
  const [command, ...prefix] = TYPEGEN_CLI.split(/\s+/).filter(Boolean);
  // Run outside the repository so npx does not resolve the workspace's pinned CLI instead of the requested one.
  const args = [...prefix, 'gen', 'types', 'typescript', '--db-url', cliDatabaseUrl(url), '--schema', 'public'];
  return runCli(command!, args, os.tmpdir(), 300_000).stdout;
}
