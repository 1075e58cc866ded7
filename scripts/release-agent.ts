import path from 'node:path';
import { type Ctx, EXIT, intOption, oneOf, OperationError, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { createDeployment, setDeploymentState } from './lib/deployments';
import { assertNotFrozen } from './lib/freeze';
import { readinessUrls, waitForHealth } from './lib/health';
import { deployFailurePriority, notify, runUrl } from './lib/notify';
import { railwaySetRelease, railwayUp } from './lib/platforms';

const HELP = `Usage: npm run deploy:agent -- --environment production|staging --release SHA [--dir DIR] [--attempts N]

The agent's verified release: RELEASE=SHA (railway variable set --skip-deploys), railway up --ci from --dir (default
this checkout), then waits until $AGENT_URL/health/ready reports releaseId SHA and passes (Railway moves traffic to
a new deployment once its healthcheck, the same readiness, passes; the model endpoint is part of it). Recorded as a
GitHub deployment (task deploy:agent) in_progress → success or failure; a failure is sent (production P1 pages).
The chat through the web app that proves the agent end to end is deploy:web's smoke test, which runs next.
Refuses to run while the environment is frozen.
Env: RAILWAY_TOKEN (production) or RAILWAY_STAGING_TOKEN (staging), AGENT_URL, GH_TOKEN and GITHUB_REPOSITORY,
PAGERDUTY_ROUTING_KEY / OPSGENIE_API_KEY / ALERT_WEBHOOK_URL.
Exit codes: 0 serving SHA, 1 a step failed (recorded and sent), 2 usage or frozen.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, release: { type: 'string' }, dir: { type: 'string' }, attempts: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment || !v.release) throw new UsageError(`--environment and --release are required\n\n${HELP}`);
  const environment = oneOf(v.environment, ['production', 'staging'] as const, 'environment');
  const sha = v.release;
  if (!/^[0-9a-f]{7,40}$/.test(sha)) throw new UsageError(`--release must be a commit SHA, got "${sha}"`);
  const agentUrl = ctx.env.AGENT_URL?.replace(/\/+$/, '');
  if (!agentUrl) throw new UsageError('AGENT_URL must be set');
  const attempts = intOption(v.attempts, 'attempts', 10, 1);
  await assertNotFrozen(ctx, environment);

  let step = 'record the deployment';
  let deploymentId: number | undefined;
  try {
    deploymentId = await createDeployment(ctx, { environment, component: 'agent', sha, payload: { component: 'agent', release: sha, url: agentUrl }, description: `agent ${sha.slice(0, 7)}` });
    await setDeploymentState(ctx, deploymentId, 'in_progress', { logUrl: runUrl(ctx.env) });
    step = 'set RELEASE';
    await railwaySetRelease(ctx, environment, sha);
    step = 'railway up';
    await railwayUp(ctx, environment, false, v.dir ? path.resolve(ctx.cwd, v.dir) : undefined);
    step = `${agentUrl} serves ${sha.slice(0, 7)}`;
    const [readiness] = readinessUrls(undefined, agentUrl);
    const ready = await waitForHealth(ctx, readiness ?? '', { attempts, initialDelayMs: 5000, maxDelayMs: 30_000, timeoutMs: 10_000, expectRelease: sha });
    if (ready.status === 'fail') throw new OperationError(ready.detail);
    await setDeploymentState(ctx, deploymentId, 'success', { environmentUrl: agentUrl, logUrl: runUrl(ctx.env), description: `serving ${sha.slice(0, 7)}` });
    ctx.out(`deploy:agent: ${environment} serves ${sha} (${ready.detail})`);
    await writeSummary(ctx, `### Agent → ${environment}\n- serving ${sha} (${ready.detail})`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = `${step}: ${(error as Error).message}`;
    ctx.err(`deploy:agent: FAILED at ${reason}`);
    if (deploymentId !== undefined) {
      await setDeploymentState(ctx, deploymentId, 'failure', { logUrl: runUrl(ctx.env), description: `failed: ${step}` }).catch((e: Error) => ctx.err(`deploy:agent: could not record the failure: ${e.message}`));
    }
    await notify(ctx, {
      action: 'trigger',
      dedupKey: `deploy-${environment}-agent`,
      priority: deployFailurePriority(environment),
      environment,
      component: 'agent',
      title: 'Agent deploy failed',
      text: `Release ${sha.slice(0, 7)} failed at ${reason}. Railway keeps the previous deployment when the new one never passes its healthcheck; if it does serve, roll back (RUNBOOK.md "Rollback").`,
      link: runUrl(ctx.env),
      fields: { release: sha },
    }).catch((e: Error) => ctx.err(`deploy:agent: the failure was not sent: ${e.message}`));
    return EXIT.failed;
  }
}

runAsMain(module, run);
