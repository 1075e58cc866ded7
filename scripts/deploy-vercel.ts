import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError, writeOutputs, writeSummary } from './lib/cli';
import { vercelDeploy, vercelRedeploy, type VercelTarget } from './lib/platforms';

const HELP = `Usage: npm run deploy:vercel -- --target production|preview [--redeploy URL]

Deploys the web app with the Vercel CLI: vercel pull --environment=<target>, vercel build [--prod],
vercel deploy --prebuilt [--prod --skip-domain]; captures the deployment URL from vercel's stdout and writes url=<URL>
to $GITHUB_OUTPUT. A production deployment does not take the domains: check it, then \`vercel promote URL\` (the deploy
workflow's npm run deploy:web does all of it). With --redeploy URL it rebuilds an existing deployment instead (picks
up changed variables; Vercel assigns a production redeploy the domains itself).
Env: VERCEL_TOKEN, VERCEL_ORG_ID, VERCEL_PROJECT_ID (required); GITHUB_SHA, GITHUB_REF_NAME (recorded as meta).
Exit codes: 0 deployed, 1 a vercel command failed or printed no URL, 2 usage or missing configuration.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { target: { type: 'string' }, redeploy: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  if (!parsed.values.target) throw new UsageError(`--target is required\n\n${HELP}`);
  const target = oneOf<VercelTarget>(parsed.values.target, ['production', 'preview'], 'target');
  ctx.out(`vercel: ${parsed.values.redeploy ? 'redeploying' : 'deploying'} the web app to ${target}`);
  const meta: Record<string, string> = {};
  if (ctx.env.GITHUB_SHA) meta.githubCommitSha = ctx.env.GITHUB_SHA;
  if (ctx.env.GITHUB_REF_NAME) meta.githubCommitRef = ctx.env.GITHUB_REF_NAME;
  const url = parsed.values.redeploy ? await vercelRedeploy(ctx, parsed.values.redeploy) : await vercelDeploy(ctx, target, meta);
  ctx.out(`vercel: deployed ${url}`);
  await writeOutputs(ctx, { url });
  await writeSummary(ctx, `### Web app (${target})\n${url}`);
  return EXIT.ok;
}

runAsMain(module, run);
