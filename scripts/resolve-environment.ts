import { type Ctx, EXIT, parseCli, runAsMain, UsageError, writeOutputs } from './lib/cli';
import { resolveDeployment } from './lib/environments';
import { assertNotFrozen } from './lib/freeze';

const HELP = `Usage: npm run deploy:resolve-env -- [--branch NAME] [--allow LIST] [--check-freeze]

Maps a branch to its deployment (RUNBOOK.md "Environments"):
  main                     → production (Vercel --prod, production agent, migrations pushed)
  staging                  → staging    (Vercel preview with staging variables, staging agent, migrations pushed)
  feat/**, feature/**      → preview    (Vercel preview, the shared staging agent and database, no migrations)
  anything else            → none       (nothing is deployed)
  --branch NAME   branch to resolve (default $GITHUB_REF_NAME)
  --allow LIST    comma-separated environments this caller may deploy; anything else is an error
  --check-freeze  fail when the environment is frozen (npm run deploy:freeze / a rollback); needs GH_TOKEN
Prints key=value lines and appends them to $GITHUB_OUTPUT: environment, deploy, vercel_target, vercel_prod,
deploy_agent, railway_environment, migrations, supabase_project.
Exit codes: 0 resolved (including "none"), 1 resolved to an environment not in --allow, or frozen, 2 usage.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { branch: { type: 'string' }, allow: { type: 'string' }, 'check-freeze': { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const branch = parsed.values.branch ?? ctx.env.GITHUB_REF_NAME;
  if (!branch) throw new UsageError('give --branch or set GITHUB_REF_NAME');
  const d = resolveDeployment(branch);
  ctx.out(`resolve: branch "${branch}" → ${d.environment}`);
  const allow = parsed.values.allow?.split(',').map((s) => s.trim()).filter(Boolean);
  if (allow && d.environment !== 'none' && !allow.includes(d.environment)) {
    ctx.err(`resolve: ${d.environment} is not deployable from this workflow (allowed: ${allow.join(', ')})`);
    return EXIT.failed;
  }
  if (parsed.values['check-freeze']) await assertNotFrozen(ctx, d.environment);
  await writeOutputs(ctx, {
    environment: d.environment,
    deploy: String(d.environment !== 'none'),
    vercel_target: d.vercelTarget,
    vercel_prod: String(d.vercelTarget === 'production'),
    deploy_agent: String(d.deployAgent),
    railway_environment: d.railwayEnvironment,
    migrations: d.migrations,
    supabase_project: d.supabaseProject,
  });
  return EXIT.ok;
}

runAsMain(module, run);
