import path from 'node:path';
import { type Ctx, EXIT, intOption, oneOf, OperationError, parseCli, runAsMain, UsageError, writeOutputs, writeSummary } from './lib/cli';
import { type Component, createDeployment, lastGood, listDeployments, readFreeze, type RecordedDeployment, setDeploymentState } from './lib/deployments';
import { execCli } from './lib/exec';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';
import { notify, outagePriority, runUrl } from './lib/notify';
import { railwaySetRelease, railwayUp, vercelAliasSet, vercelPromote } from './lib/platforms';
import { DEFAULT_MESSAGE, webAppChat } from './smoke-test';

const HELP = `Usage: npm run rollback:run -- --environment production|staging [--component both|web|agent] [--apply]
                            [--web-url URL] [--agent-sha SHA] [--agent-dir DIR] [--reason TEXT] [--no-freeze] [--plan]

Rolls an environment back to the last good deployment of each component and verifies it. Dry run by default.
Targets, unless given: the newest successful deployment in the GitHub Deployments record (deploy:web / deploy:agent)
that is not the release serving now (readiness's releaseId; when the service does not answer, the newest success is
taken as serving and the one before it is the target). Never the commit this script or workflow runs from.
  web     production: vercel promote <its URL> (also ends Vercel's rolled-back state, in which new production
          deployments would not get the domains); staging: vercel alias set <its URL> <APP_URL host>
  agent   RELEASE=<its sha> (railway variable set --skip-deploys), then railway up --ci from --agent-dir, which must
          be a checkout of that sha (rollback.yml checks it out)
Then: readiness of APP_URL and AGENT_URL reports the restored releases, a smoke chat through APP_URL (web app →
agent → model → store) passes, the rollback is recorded as a deployment of each component, and a deploy freeze is set
(unless --no-freeze) so the next push does not ship the bad commit again: npm run deploy:unfreeze clears it.
  --plan     print the targets (and write web_url, web_release, agent_sha to $GITHUB_OUTPUT) and stop
Env: VERCEL_TOKEN, VERCEL_ORG_ID, VERCEL_PROJECT_ID, RAILWAY_TOKEN / RAILWAY_STAGING_TOKEN, APP_URL, AGENT_URL,
GH_TOKEN + GITHUB_REPOSITORY (the record), PAGERDUTY_ROUTING_KEY / OPSGENIE_API_KEY / ALERT_WEBHOOK_URL.
Exit codes: 0 rolled back and verified, 1 a step or the verification failed (paged in production), 2 usage or no target.`;

interface Targets {
  web?: { url: string; release: string };
  agent?: { sha: string };
}

/** The release a readiness endpoint reports (its releaseId), or undefined when it does not answer. */
async function servingRelease(ctx: Ctx, url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  try {
    const response = await fetch(url, { headers: { accept: 'application/health+json', ...bypassHeaders(ctx.env) }, signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { releaseId?: unknown };
    return typeof body.releaseId === 'string' ? body.releaseId : undefined;
  } catch {
    return undefined;
  }
}

function describeDeployment(d: RecordedDeployment): string {
  return `${d.sha.slice(0, 7)} of ${d.createdAt}${d.payload.url ? ` (${d.payload.url})` : ''}`;
}

async function resolveTargets(ctx: Ctx, environment: string, components: Component[], given: { webUrl?: string; agentSha?: string }): Promise<Targets> {
  const targets: Targets = {};
  const [appReady] = readinessUrls(ctx.env.APP_URL);
  const [agentReady] = readinessUrls(undefined, ctx.env.AGENT_URL);
  if (components.includes('web')) {
    if (given.webUrl) {
      const recorded = (await listDeployments(ctx, environment, 'web')).find((d) => d.payload.url === given.webUrl);
      targets.web = { url: given.webUrl, release: recorded?.sha ?? '' };
    } else {
      const serving = await servingRelease(ctx, appReady);
      const good = lastGood(await listDeployments(ctx, environment, 'web'), serving);
      if (!good?.payload.url) throw new UsageError(`no earlier successful web app deployment of ${environment} is recorded (serving: ${serving ?? 'unknown'}); give --web-url`);
      targets.web = { url: good.payload.url, release: good.sha };
      ctx.out(`rollback: web app serving ${serving ?? 'unknown'}; last good ${describeDeployment(good)}`);
    }
  }
  if (components.includes('agent')) {
    if (given.agentSha) targets.agent = { sha: given.agentSha };
    else {
      const serving = await servingRelease(ctx, agentReady);
      const good = lastGood(await listDeployments(ctx, environment, 'agent'), serving);
      if (!good) throw new UsageError(`no earlier successful agent deployment of ${environment} is recorded (serving: ${serving ?? 'unknown'}); give --agent-sha`);
      targets.agent = { sha: good.sha };
      ctx.out(`rollback: agent serving ${serving ?? 'unknown'}; last good ${describeDeployment(good)}`);
    }
  }
  return targets;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      environment: { type: 'string' },
      component: { type: 'string' },
      'web-url': { type: 'string' },
      'agent-sha': { type: 'string' },
      'agent-dir': { type: 'string' },
      reason: { type: 'string' },
      'no-freeze': { type: 'boolean' },
      plan: { type: 'boolean' },
      apply: { type: 'boolean' },
      attempts: { type: 'string' },
    },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(v.environment, ['production', 'staging'] as const, 'environment');
  const component = oneOf(v.component ?? 'both', ['both', 'web', 'agent'] as const, 'component');
  const components: Component[] = component === 'both' ? ['web', 'agent'] : [component];
  const webUrl = v['web-url']?.trim() || undefined;
  const agentSha = v['agent-sha']?.trim() || undefined;
  if (webUrl && !/^https:\/\/[a-z0-9.-]+\/?$/i.test(webUrl)) throw new UsageError(`--web-url must be a deployment URL like https://chef-chopsky-abc123.vercel.app, got "${webUrl}"`);
  if (agentSha && !/^[0-9a-f]{7,40}$/.test(agentSha)) throw new UsageError(`--agent-sha must be a commit SHA, got "${agentSha}"`);
  const appUrl = ctx.env.APP_URL?.replace(/\/+$/, '');
  if (components.includes('web') && !appUrl) throw new UsageError('APP_URL must be set (the address the web app rollback restores)');
  if (components.includes('agent') && !ctx.env.AGENT_URL) throw new UsageError('AGENT_URL must be set');

  const targets = await resolveTargets(ctx, environment, components, { webUrl, agentSha });
  await writeOutputs(ctx, { web_url: targets.web?.url ?? '', web_release: targets.web?.release ?? '', agent_sha: targets.agent?.sha ?? '' });
  const webCommand = targets.web ? (environment === 'production' ? `vercel promote ${targets.web.url} --yes` : `vercel alias set ${targets.web.url} ${new URL(appUrl ?? 'https://x').host}`) : undefined;
  ctx.out(`rollback: ${environment} ${components.join(' and ')}${v.apply && !v.plan ? '' : ' (dry run: nothing is changed; add --apply)'}`);
  if (webCommand) ctx.out(`  web app → ${webCommand}`);
  if (targets.agent) ctx.out(`  agent   → RELEASE=${targets.agent.sha}, railway up --service agent --environment ${environment} --ci (from ${v['agent-dir'] ?? 'this checkout'})`);
  ctx.out(`  then readiness, a smoke chat through ${appUrl ?? '$APP_URL'}, the record${v['no-freeze'] ? '' : ', and a deploy freeze'}`);
  if (v.plan || !v.apply) return EXIT.ok;

  const started = Date.now();
  const steps: string[] = [];
  const attempts = intOption(v.attempts, 'attempts', 8, 1);
  const health = { attempts, initialDelayMs: 3000, maxDelayMs: 20_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) };
  let failure: string | undefined;
  try {
    if (!v['no-freeze']) {
      const freeze = await readFreeze(ctx, environment);
      if (!freeze.frozen) {
        const ref = targets.agent?.sha ?? targets.web?.release ?? ctx.env.GITHUB_SHA ?? '';
        const id = await createDeployment(ctx, { environment, component: 'freeze', sha: ref, payload: { reason: v.reason ?? `rollback of ${components.join(' and ')}`, by: ctx.env.GITHUB_ACTOR ?? ctx.env.USER ?? 'unknown' }, description: 'frozen by a rollback' });
        await setDeploymentState(ctx, id, 'success', { description: 'frozen by a rollback' });
      }
      steps.push('deploy freeze set');
    }
    if (targets.agent) {
      const dir = path.resolve(ctx.cwd, v['agent-dir'] ?? '.');
      const head = (await execCli(ctx, 'git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
      if (!head.startsWith(targets.agent.sha) && !targets.agent.sha.startsWith(head)) throw new OperationError(`${dir} is a checkout of ${head.slice(0, 7)}, not the agent's last good ${targets.agent.sha.slice(0, 7)}`);
      await railwaySetRelease(ctx, environment, targets.agent.sha);
      await railwayUp(ctx, environment, false, dir);
      steps.push(`agent: railway up of ${targets.agent.sha.slice(0, 7)}`);
    }
    if (targets.web && appUrl) {
      if (environment === 'production') await vercelPromote(ctx, targets.web.url);
      else await vercelAliasSet(ctx, targets.web.url, new URL(appUrl).host);
      steps.push(`web app: ${webCommand}`);
    }
    const checks: [string | undefined, string | undefined][] = [];
    if (targets.agent) checks.push([readinessUrls(undefined, ctx.env.AGENT_URL)[0], targets.agent.sha]);
    if (targets.web) checks.push([readinessUrls(appUrl)[0], targets.web.release || undefined]);
    const results = await Promise.all(checks.map(([url, release]) => waitForHealth(ctx, url ?? '', { ...health, expectRelease: release })));
    for (const r of results) ctx.out(`${r.status.toUpperCase()} ${r.url} — ${r.detail}`);
    const bad = results.filter((r) => r.status === 'fail');
    if (bad.length) throw new OperationError(`still failing after the rollback: ${bad.map((r) => `${r.url} (${r.detail})`).join(', ')}`);
    if (appUrl) {
      const smoke = await webAppChat(ctx, appUrl, { message: DEFAULT_MESSAGE, timeoutMs: 90_000, headers: bypassHeaders(ctx.env) });
      steps.push(`smoke chat through ${appUrl} passed in ${smoke.ms} ms`);
    }
    for (const c of components) {
      const sha = c === 'agent' ? targets.agent?.sha : targets.web?.release;
      if (!sha) continue;
      const id = await createDeployment(ctx, { environment, component: c, sha, payload: { component: c, release: sha, url: c === 'web' ? targets.web?.url : ctx.env.AGENT_URL, rollback: true }, description: `rollback to ${sha.slice(0, 7)}` });
      await setDeploymentState(ctx, id, 'success', { environmentUrl: c === 'web' ? appUrl : ctx.env.AGENT_URL, logUrl: runUrl(ctx.env), description: `rolled back to ${sha.slice(0, 7)}` });
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    failure = (error as Error).message;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  await writeSummary(ctx, `### Rollback ${environment}: ${failure ? 'FAILED' : 'done'} in ${seconds}s\n${steps.map((s) => `- ${s}`).join('\n')}${failure ? `\n\n${failure}` : ''}`);
  try {
    await notify(ctx, {
      action: 'trigger',
      dedupKey: `rollback-${environment}`,
      // A rollback that did not restore service is an outage of its own; a finished one is news for the channel.
      priority: failure ? outagePriority(environment) : 'P3',
      environment,
      title: failure ? 'Rollback failed' : 'Rollback completed',
      text: failure ?? `${steps.join('; ')}. Verified in ${seconds}s. Deploys stay frozen until npm run deploy:unfreeze.`,
      link: runUrl(ctx.env),
      fields: { by: ctx.env.GITHUB_ACTOR ?? ctx.env.USER ?? 'unknown', components: components.join(',') },
    });
  } catch (error) {
    // The rollback itself decides the exit code; a broken webhook must not hide a successful rollback.
    ctx.err(`rollback: notification not delivered: ${(error as Error).message}`);
  }
  if (failure) {
    ctx.err(`rollback: FAILED: ${failure}`);
    return EXIT.failed;
  }
  ctx.out(`rollback: done in ${seconds}s`);
  return EXIT.ok;
}

runAsMain(module, run);
