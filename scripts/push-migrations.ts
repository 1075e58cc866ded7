import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { execCli } from './lib/exec';
import { registerSecret } from './lib/mask';
import { REPO_ROOT } from './lib/secrets-manifest';

const HELP = `Usage: npm run db:push-migrations -- --environment production|staging [--dry-run]

Pushes supabase/migrations to the environment's Supabase database with the Supabase CLI:
  supabase db push --db-url <url> --yes [--dry-run]
The database URL is $SUPABASE_DB_URL, or Supavisor's session pooler built from $SUPABASE_PROJECT_REF,
$SUPABASE_DB_PASSWORD and $SUPABASE_POOLER_HOST:
  postgresql://postgres.<ref>:<password>@<pooler host>:5432/postgres
(Supabase → Connect → Session pooler shows the host, e.g. aws-0-eu-central-1.pooler.supabase.com). The session
pooler answers over IPv4, which GitHub's runners have; the direct host db.<ref>.supabase.co is IPv6-only.
The URL is never printed. Previews have no database credentials and push nothing.
Exit codes: 0 pushed (or dry run listed), 1 supabase failed, 2 usage or missing configuration.`;

/** Supavisor session mode: port 5432 on the pooler host, user postgres.<project ref>. */
export function databaseUrl(env: NodeJS.ProcessEnv): string {
  if (env.SUPABASE_DB_URL) return env.SUPABASE_DB_URL;
  const ref = env.SUPABASE_PROJECT_REF;
  const password = env.SUPABASE_DB_PASSWORD;
  const host = env.SUPABASE_POOLER_HOST;
  if (!ref || !password || !host) throw new UsageError('set SUPABASE_DB_URL, or SUPABASE_PROJECT_REF, SUPABASE_DB_PASSWORD and SUPABASE_POOLER_HOST');
  if (!/^[a-z0-9]+$/.test(ref)) throw new UsageError('SUPABASE_PROJECT_REF must be the project ref (lowercase letters and digits)');
  if (!/^[a-z0-9-]+\.pooler\.supabase\.com$/.test(host)) throw new UsageError('SUPABASE_POOLER_HOST must be the session pooler host, like aws-0-eu-central-1.pooler.supabase.com');
  return `postgresql://postgres.${ref}:${encodeURIComponent(password)}@${host}:5432/postgres`;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, 'dry-run': { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  if (!parsed.values.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(parsed.values.environment, ['production', 'staging'] as const, 'environment');
  const dryRun = Boolean(parsed.values['dry-run']);
  const url = databaseUrl(ctx.env);
  registerSecret(url);
  registerSecret(ctx.env.SUPABASE_DB_PASSWORD);
  ctx.out(`migrations: ${dryRun ? 'dry run against' : 'pushing to'} the ${environment} database`);
  // From the repository root: the CLI reads supabase/config.toml and supabase/migrations there.
  await execCli(ctx, 'supabase', ['db', 'push', '--db-url', url, '--yes', ...(dryRun ? ['--dry-run'] : [])], { echo: true, streamStderr: true, cwd: REPO_ROOT });
  ctx.out(`migrations: ${dryRun ? 'dry run complete, nothing changed' : 'pushed'}`);
  return EXIT.ok;
}

runAsMain(module, run);
