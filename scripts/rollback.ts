import path from 'node:path';
import { sendAlert } from './lib/alert';
import { type Ctx, EXIT, intOption, oneOf, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';
import { execCli } from './lib/exec';
import { registerSecret } from './lib/mask';
import { railwayUp, vercelAuth } from './lib/platforms';

const HELP = `Usage: npm run rollback:run -- --environment production|staging [--target URL] [--component both|frontend|agent]
                            [--agent-dir DIR] [--apply]

Rolls an environment back, verifies health and alerts. Dry run by default: prints the commands; --apply runs them.
Web app (Vercel):
  production, no --target   vercel rollback                    (back to the previous production deployment)
  production, --target URL  vercel promote URL --yes           (make that deployment production)
  staging,    --target URL  vercel alias set URL <APP_URL host> (staging is a preview deployment behind an alias)
Agent (Railway): railway up --service agent --ci from --agent-dir (default: this checkout) holding the last good
  commit (rollback.yml checks out its agent_ref input there). Faster, without a rebuild: Railway → agent →
  Deployments → ⋯ → Rollback, then run this with --component frontend (or skip it if only the agent changed).
Then probes APP_URL/api/health/ready and AGENT_URL/health/ready (5 attempts) and posts to ALERT_WEBHOOK_URL.
Env: VERCEL_TOKEN, VERCEL_ORG_ID, VERCEL_PROJECT_ID, RAILWAY_TOKEN / RAILWAY_STAGING_TOKEN, APP_URL, AGENT_URL,
ALERT_WEBHOOK_URL (optional), GITHUB_ACTOR (recorded).
Exit codes: 0 rolled back and healthy, 1 a step failed or health failed afterwards, 2 usage.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    { environment: { type: 'string' }, target: { type: 'string' }, component: { type: 'string' }, apply: { type: 'boolean' }, attempts: { type: 'string' }, 'agent-dir': { type: 'string' } },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(v.environment, ['production', 'staging'] as const, 'environment');
  const component = oneOf(v.component ?? 'both', ['both', 'frontend', 'agent'] as const, 'component');
  const target = v.target?.trim() || undefined;
  if (target && !/^https:\/\/[a-z0-9.-]+\/?$/i.test(target)) throw new UsageError(`--target must be a deployment URL like https://chef-chopsky-abc123.vercel.app, got "${target}"`);
  const appUrl = ctx.env.APP_URL;
  if (component !== 'agent' && environment === 'staging' && !target) throw new UsageError('staging web app rollback needs --target (the last good preview deployment URL)');
  if (component !== 'agent' && environment === 'staging' && !appUrl) throw new UsageError('APP_URL must be set (the staging alias to point at --target)');

  const frontendCommand = environment === 'production'
    ? (target ? ['promote', target, '--yes'] : ['rollback'])
    : ['alias', 'set', target ?? '', new URL(appUrl ?? 'https://invalid').host];
  ctx.out(`rollback: ${environment}, component ${component}${target ? `, target ${target}` : ''}${v.apply ? '' : ' (dry run: nothing is changed; add --apply)'}`);
  if (!v.apply) {
    if (component !== 'agent') ctx.out(`would run: vercel ${frontendCommand.join(' ')} --token=***`);
    if (component !== 'frontend') ctx.out(`would run: railway up --service agent --environment ${environment} --ci (from ${v['agent-dir'] ?? 'this checkout'})`);
    ctx.out('would then verify health and send an alert');
    return EXIT.ok;
  }

  const started = Date.now();
  const steps: string[] = [];
  let failure: string | undefined;
  try {
    if (component !== 'agent') {
      await execCli(ctx, 'vercel', [...frontendCommand, ...vercelAuth(ctx)], { echo: true });
      steps.push(`web app: vercel ${frontendCommand.join(' ')}`);
    }
    if (component !== 'frontend') {
      await railwayUp(ctx, environment, false, v['agent-dir'] ? path.resolve(ctx.cwd, v['agent-dir']) : undefined);
      steps.push(`agent: railway up from ${v['agent-dir'] ?? 'this checkout'}`);
    }
  } catch (error) {
    failure = (error as Error).message;
  }
  if (!failure) {
    const urls = readinessUrls(component !== 'agent' ? appUrl : undefined, component !== 'frontend' ? ctx.env.AGENT_URL : undefined);
    if (urls.length === 0) ctx.out('rollback: APP_URL / AGENT_URL not set, health not verified');
    const attempts = intOption(v.attempts, 'attempts', 5, 1);
    const results = await Promise.all(urls.map((url) => waitForHealth(ctx, url, { attempts, initialDelayMs: 3000, maxDelayMs: 20_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) })));
    for (const r of results) ctx.out(`${r.status.toUpperCase()} ${r.url} — ${r.detail}`);
    const bad = results.filter((r) => r.status === 'fail');
    if (bad.length) failure = `health still failing after rollback: ${bad.map((r) => `${r.url} (${r.detail})`).join(', ')}`;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const who = ctx.env.GITHUB_ACTOR ?? ctx.env.USER ?? 'unknown';
  const runUrl = ctx.env.GITHUB_SERVER_URL && ctx.env.GITHUB_RUN_ID ? `${ctx.env.GITHUB_SERVER_URL}/${ctx.env.GITHUB_REPOSITORY}/actions/runs/${ctx.env.GITHUB_RUN_ID}` : undefined;
  await writeSummary(ctx, `### Rollback ${environment}: ${failure ? 'FAILED' : 'done'} in ${seconds}s\n${steps.map((s) => `- ${s}`).join('\n')}${failure ? `\n\n${failure}` : ''}`);
  const webhook = ctx.env.ALERT_WEBHOOK_URL;
  if (webhook) {
    registerSecret(webhook);
    try {
      await sendAlert(ctx, webhook, {
        title: failure ? 'Rollback failed' : 'Rollback completed',
        text: failure ?? `${steps.join('; ')}. Health passing after ${seconds}s.`,
        severity: failure ? 'critical' : 'warning',
        environment,
        link: runUrl,
        fields: { by: who, component, ...(target ? { target } : {}) },
      });
    } catch (error) {
      // The rollback itself decides the exit code; a broken webhook must not hide a successful rollback.
      ctx.err(`rollback: alert not delivered: ${(error as Error).message}`);
    }
  }
  if (failure) {
    ctx.err(`rollback: FAILED: ${failure}`);
    return EXIT.failed;
  }
  ctx.out(`rollback: done in ${seconds}s`);
  return EXIT.ok;
}

runAsMain(module, run);
