import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { railwayRedeploy, railwaySetRelease, railwayUp } from './lib/platforms';

const HELP = `Usage: npm run deploy:railway -- --environment production|staging [--release SHA] [--redeploy] [--detach]

Deploys the agent service ("agent") to Railway.
  (default)     railway up --service agent --environment ENV --ci   (uploads this checkout, waits for the build)
  --detach      railway up ... --detach                              (returns after the upload)
  --redeploy    railway redeploy --service agent --yes               (same code, picks up changed variables)
  --release SHA first sets the agent's RELEASE variable (--skip-deploys) so Sentry and readiness report it
Then wait for readiness with: npm run health:check -- --agent-url <AGENT_URL> --expect-release SHA
Env: RAILWAY_TOKEN (production) or RAILWAY_STAGING_TOKEN (staging): project tokens of that environment.
Exit codes: 0 deployed, 1 railway failed, 2 usage or missing token.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, release: { type: 'string' }, redeploy: { type: 'boolean' }, detach: { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  if (!parsed.values.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(parsed.values.environment, ['production', 'staging'] as const, 'environment');
  if (parsed.values.release) await railwaySetRelease(ctx, environment, parsed.values.release);
  if (parsed.values.redeploy) {
    ctx.out(`railway: redeploying the ${environment} agent`);
    await railwayRedeploy(ctx, environment);
  } else {
    ctx.out(`railway: deploying this checkout as the ${environment} agent`);
    await railwayUp(ctx, environment, Boolean(parsed.values.detach));
  }
  ctx.out('railway: done');
  return EXIT.ok;
}

runAsMain(module, run);
