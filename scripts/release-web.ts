import { type Ctx, EXIT, oneOf, OperationError, parseCli, runAsMain, UsageError, writeOutputs, writeSummary } from './lib/cli';
import { createDeployment, setDeploymentState } from './lib/deployments';
import { assertNotFrozen } from './lib/freeze';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';
import { deployFailurePriority, notify, runUrl } from './lib/notify';
import { vercelAliasSet, vercelDeploy, vercelPromote } from './lib/platforms';
import { DEFAULT_MESSAGE, webAppChat } from './smoke-test';

const HELP = `Usage: npm run deploy:web -- --environment production|staging|preview --release SHA [--attempts N]

The web app's verified release. Builds once and deploys that build where it takes no traffic, checks it, and only
then lets it serve:
  1. vercel pull / build / deploy --prebuilt (production: --prod --skip-domain, so the domains stay on the old one)
  2. its own URL: /api/health/ready reports releaseId SHA (the agent behind it answers with the web app's token)
  3. a real smoke chat through that URL: web app → agent → model → store, deleted after
  4. production: vercel promote URL; staging: vercel alias set URL <APP_URL host>; previews stop at 3
  5. the public URL ($APP_URL) serves release SHA
Every run is recorded as a GitHub deployment (environment, sha, task deploy:web, the URL) in_progress → success or
failure, which rollback reads for the last good one. On failure before step 4 nothing was promoted: the previous
deployment still serves. A failure is recorded and sent (production P1 pages; staging and previews P3 to the chat).
Refuses to run while the environment is frozen (npm run deploy:unfreeze clears it).
Env: VERCEL_TOKEN, VERCEL_ORG_ID, VERCEL_PROJECT_ID; APP_URL (production and staging); GH_TOKEN and
GITHUB_REPOSITORY for the record; PAGERDUTY_ROUTING_KEY / OPSGENIE_API_KEY / ALERT_WEBHOOK_URL;
VERCEL_AUTOMATION_BYPASS_SECRET for protected deployments.
Exit codes: 0 serving SHA, 1 a step failed (recorded and sent), 2 usage or frozen.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, release: { type: 'string' }, attempts: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment || !v.release) throw new UsageError(`--environment and --release are required\n\n${HELP}`);
  const environment = oneOf(v.environment, ['production', 'staging', 'preview'] as const, 'environment');
  const sha = v.release;
  if (!/^[0-9a-f]{7,40}$/.test(sha)) throw new UsageError(`--release must be a commit SHA, got "${sha}"`);
  const appUrl = ctx.env.APP_URL?.replace(/\/+$/, '');
  if (environment !== 'preview' && !appUrl) throw new UsageError(`APP_URL must be set: the ${environment} address that will serve the release`);
  const attempts = Number(v.attempts ?? 8);
  await assertNotFrozen(ctx, environment);

  const health = { attempts, initialDelayMs: 3000, maxDelayMs: 20_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env), expectRelease: sha };
  const steps: string[] = [];
  let step = 'record the deployment';
  let deploymentId: number | undefined;
  let url: string | undefined;
  let promoted = false;
  try {
    deploymentId = await createDeployment(ctx, { environment, component: 'web', sha, payload: { component: 'web', release: sha }, description: `web app ${sha.slice(0, 7)}` });
    await setDeploymentState(ctx, deploymentId, 'in_progress', { logUrl: runUrl(ctx.env) });

    step = 'build and deploy without taking traffic';
    const meta: Record<string, string> = { githubCommitSha: sha };
    if (ctx.env.GITHUB_REF_NAME) meta.githubCommitRef = ctx.env.GITHUB_REF_NAME;
    url = await vercelDeploy(ctx, environment === 'production' ? 'production' : 'preview', meta, sha);
    steps.push(`deployed ${url}`);
    await writeOutputs(ctx, { url });

    step = `readiness of ${url}`;
    const [readiness] = readinessUrls(url);
    const ready = await waitForHealth(ctx, readiness ?? '', health);
    if (ready.status === 'fail') throw new OperationError(ready.detail);
    steps.push(`${url} ready (${ready.detail})`);

    step = `smoke chat through ${url}`;
    const smoke = await webAppChat(ctx, url, { message: DEFAULT_MESSAGE, timeoutMs: 90_000, headers: bypassHeaders(ctx.env) });
    steps.push(`smoke chat passed in ${smoke.ms} ms`);

    if (environment !== 'preview' && appUrl) {
      step = environment === 'production' ? `vercel promote ${url}` : `vercel alias set ${url} ${new URL(appUrl).host}`;
      if (environment === 'production') await vercelPromote(ctx, url);
      else await vercelAliasSet(ctx, url, new URL(appUrl).host);
      promoted = true;
      steps.push(step);

      step = `${appUrl} serves ${sha.slice(0, 7)}`;
      const [publicReadiness] = readinessUrls(appUrl);
      const serving = await waitForHealth(ctx, publicReadiness ?? '', health);
      if (serving.status === 'fail') throw new OperationError(serving.detail);
      steps.push(step);
    }
    await setDeploymentState(ctx, deploymentId, 'success', { environmentUrl: environment === 'preview' ? url : appUrl, logUrl: runUrl(ctx.env), description: `serving ${sha.slice(0, 7)}` });
    ctx.out(`deploy:web: ${environment} serves ${sha} (${url})`);
    await writeSummary(ctx, `### Web app → ${environment}\n${steps.map((s) => `- ${s}`).join('\n')}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = `${step}: ${(error as Error).message}`;
    const still = promoted ? 'the new deployment was promoted; roll back (RUNBOOK.md "Rollback")' : 'nothing was promoted, the previous deployment still serves';
    ctx.err(`deploy:web: FAILED at ${reason}; ${still}`);
    if (deploymentId !== undefined) {
      await setDeploymentState(ctx, deploymentId, 'failure', { environmentUrl: url, logUrl: runUrl(ctx.env), description: `failed: ${step}` }).catch((e: Error) => ctx.err(`deploy:web: could not record the failure: ${e.message}`));
    }
    await notify(ctx, {
      action: 'trigger',
      dedupKey: `deploy-${environment}-web`,
      priority: deployFailurePriority(environment),
      environment,
      component: 'web',
      title: 'Web app deploy failed',
      text: `Release ${sha.slice(0, 7)} failed at ${reason}. ${still}.`,
      link: runUrl(ctx.env),
      fields: { release: sha, ...(url ? { deployment: url } : {}) },
    }).catch((e: Error) => ctx.err(`deploy:web: the failure was not sent: ${e.message}`));
    await writeSummary(ctx, `### Web app → ${environment}: FAILED\n${steps.map((s) => `- ${s}`).join('\n')}\n- **${reason}**; ${still}`);
    return EXIT.failed;
  }
}

runAsMain(module, run);
