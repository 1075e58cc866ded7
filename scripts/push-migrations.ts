import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { execCli } from './lib/exec';
import { registerSecret } from './lib/mask';

const HELP = `Usage: npm run db:push-migrations -- --environment production|staging|preview [--dry-run]

Pushes supabase/migrations to the environment's Supabase database with the Supabase CLI:
  supabase db push --db-url <url> [--dry-run]
Previews share the staging database and never change it: for --environment preview it is always a dry run,
which lists the migrations that would be applied.
The database URL is $SUPABASE_DB_URL, or built from $SUPABASE_PROJECT_REF and $SUPABASE_DB_PASSWORD
(postgresql://postgres:<password>@db.<ref>.supabase.co:5432/postgres). It is never printed.
Exit codes: 0 pushed (or dry run listed), 1 supabase failed, 2 usage or missing configuration.`;

export function databaseUrl(env: NodeJS.ProcessEnv): string {
  if (env.SUPABASE_DB_URL) return env.SUPABASE_DB_URL;
  const ref = env.SUPABASE_PROJECT_REF;
  const password = env.SUPABASE_DB_PASSWORD;
  if (!ref || !password) throw new UsageError('set SUPABASE_DB_URL, or SUPABASE_PROJECT_REF and SUPABASE_DB_PASSWORD');
  if (!/^[a-z0-9]+$/.test(ref)) throw new UsageError('SUPABASE_PROJECT_REF must be the project ref (lowercase letters and digits)');
  return `postgresql://postgres:${encodeURIComponent(password)}@db.${ref}.supabase.co:5432/postgres`;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, 'dry-run': { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  if (!parsed.values.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(parsed.values.environment, ['production', 'staging', 'preview'] as const, 'environment');
  const dryRun = Boolean(parsed.values['dry-run']) || environment === 'preview';
  const url = databaseUrl(ctx.env);
  registerSecret(url);
  registerSecret(ctx.env.SUPABASE_DB_PASSWORD);
  registerSecret(ctx.env.SUPABASE_ACCESS_TOKEN);
  ctx.out(`migrations: ${dryRun ? 'dry run against' : 'pushing to'} the ${environment === 'preview' ? 'staging (shared by previews)' : environment} database`);
  await execCli(ctx, 'supabase', ['db', 'push', '--db-url', url, ...(dryRun ? ['--dry-run'] : [])], { echo: true, streamStderr: true });
  ctx.out(`migrations: ${dryRun ? 'dry run complete, nothing changed' : 'pushed'}`);
  return EXIT.ok;
}

runAsMain(module, run);
