import { randomBytes } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { type Ctx, EXIT, intOption, oneOf, OperationError, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { type EnvironmentName } from './lib/environments';
import { setEnvironmentSecret } from './lib/github';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';
import { registerSecret } from './lib/mask';
import {
  railwayDeleteVariable,
  railwayGetVariables,
  railwayRedeploy,
  railwaySetVariable,
  vercelRedeploy,
  vercelSetEnv,
  type VercelTarget,
} from './lib/platforms';
import { loadManifest, REPO_ROOT, type SecretSpec } from './lib/secrets-manifest';

const HELP = `Usage: npm run secrets:rotate -- NAME --env production|staging [--apply] [--value-stdin] [--finish]

Rotates one secret of ops/secrets.manifest.json. Dry run by default (prints the plan); --apply does it:
  1. new value: generated (32 random bytes, base64url) when the manifest says generate, else read from stdin
     with --value-stdin (e.g. pbpaste | npm run secrets:rotate -- NAME --env production --value-stdin --apply)
  2. sets it where it is consumed: Railway variable (railway variable set --stdin), Vercel env (vercel env add,
     value on stdin), then redeploys those (railway redeploy, vercel redeploy $APP_URL)
  3. verifies health ($AGENT_URL/health/ready, $APP_URL/api/health/ready)
  4. sets the GitHub environment secret (gh secret set NAME --env ENV, value on stdin); a staging rotation also sets
     the preview environment's copy when it has one (previews share staging's agent and database)
  5. appends an audit line (who, when, what; never the value) to --audit-file
GATEWAY_TOKEN uses the agent's dual-token window: the agent gets GATEWAY_TOKEN_PREVIOUS=<old value read from
Railway> and GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT=now+--window-hours, plus the new GATEWAY_TOKEN; it is redeployed and
verified before the web app gets the new token. Later, run again with --finish to remove the previous token.
  --window-hours N   how long the old gateway token keeps working (default 24)
  --attempts N       health probes per endpoint after a redeploy (default 6)
  --audit-file PATH  default $SECRETS_AUDIT_FILE or ops/audit/secret-rotations.jsonl
Env: GH_TOKEN (or gh auth login), VERCEL_TOKEN/ORG_ID/PROJECT_ID, RAILWAY_TOKEN / RAILWAY_STAGING_TOKEN, APP_URL, AGENT_URL.
Exit codes: 0 rotated and healthy, 1 a step or the health check failed (the audit line says where), 2 usage.`;

const vercelTargetByEnv: Record<EnvironmentName, VercelTarget> = { production: 'production', staging: 'preview', preview: 'preview' };

interface Step {
  describe: string;
  run: () => Promise<void>;
}

function actor(ctx: Ctx): string {
  if (ctx.env.GITHUB_ACTOR) return `github:${ctx.env.GITHUB_ACTOR}`;
  try {
    return ctx.env.USER ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      env: { type: 'string' },
      apply: { type: 'boolean' },
      'value-stdin': { type: 'boolean' },
      finish: { type: 'boolean' },
      'window-hours': { type: 'string' },
      attempts: { type: 'string' },
      'audit-file': { type: 'string' },
    },
    HELP,
    ctx,
    true,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const name = parsed.positionals[0];
  if (!name || parsed.positionals.length > 1) throw new UsageError(`give exactly one secret NAME\n\n${HELP}`);
  if (!v.env) throw new UsageError(`--env is required\n\n${HELP}`);
  const environment = oneOf(v.env, ['production', 'staging'] as const, 'env');
  const spec: SecretSpec | undefined = loadManifest().secrets.find((s) => s.name === name);
  if (!spec) throw new UsageError(`${name} is not in ops/secrets.manifest.json`);
  if (!spec.environments.includes(environment)) throw new UsageError(`${name} is not used in ${environment} (manifest: ${spec.environments.join(', ')})`);
  const isGateway = name === 'GATEWAY_TOKEN';
  if (v.finish && !isGateway) throw new UsageError('--finish only applies to GATEWAY_TOKEN');
  const windowHours = intOption(v['window-hours'], 'window-hours', 24, 1);
  const attempts = intOption(v.attempts, 'attempts', 6, 1);
  const auditFile = path.resolve(ctx.cwd, v['audit-file'] ?? ctx.env.SECRETS_AUDIT_FILE ?? path.join(REPO_ROOT, 'ops', 'audit', 'secret-rotations.jsonl'));
  const railwayEnvironment = environment;
  // Previews run on staging's agent and database, so the preview GitHub environment holds staging's values: a staging
  // rotation updates both, and there is no separate preview rotation.
  const githubEnvironments: EnvironmentName[] = environment === 'staging' && spec.environments.includes('preview') ? ['staging', 'preview'] : [environment];
  const vercelTarget = vercelTargetByEnv[environment];
  const runtimeName = spec.runtimeName ?? spec.name;
  const consumesRailway = spec.consumers.includes('railway') && railwayEnvironment !== null;
  const consumesVercel = spec.consumers.includes('vercel');

  let newValue: string | undefined;
  if (!v.finish && v.apply) {
    if (v['value-stdin']) newValue = (await ctx.readStdin()).replace(/\r?\n$/, '');
    else if (spec.generate === 'random') newValue = randomBytes(32).toString('base64url');
    else throw new UsageError(`${name} is issued by its provider (${spec.obtain}); pipe the new value with --value-stdin`);
    if (!newValue) throw new UsageError('the new value is empty');
    registerSecret(newValue);
  }
  const value = () => {
    if (newValue === undefined) throw new OperationError('no new value');
    return newValue;
  };

  const verify = (which: 'agent' | 'app') => async () => {
    const urls = readinessUrls(which === 'app' ? ctx.env.APP_URL : undefined, which === 'agent' ? ctx.env.AGENT_URL : undefined);
    if (urls.length === 0) throw new UsageError(`${which === 'app' ? 'APP_URL' : 'AGENT_URL'} must be set to verify the redeploy`);
    for (const url of urls) {
      const result = await waitForHealth(ctx, url, { attempts, initialDelayMs: 5000, maxDelayMs: 30_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) });
      ctx.out(`  ${result.status.toUpperCase()} ${url} — ${result.detail}`);
      if (result.status === 'fail') throw new OperationError(`${url} is not healthy after the redeploy: ${result.detail}`);
    }
  };
  const redeployVercel = async () => {
    const appUrl = ctx.env.APP_URL;
    if (!appUrl) throw new UsageError('APP_URL must be set to redeploy the web app');
    await vercelRedeploy(ctx, appUrl);
  };

  const steps: Step[] = [];
  const expiresAt = new Date(ctx.now().getTime() + windowHours * 3_600_000).toISOString();
  if (isGateway && railwayEnvironment && v.finish) {
    const env = railwayEnvironment;
    steps.push({
      describe: `railway: remove GATEWAY_TOKEN_PREVIOUS and GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT from the ${env} agent`,
      run: async () => {
        const current = await railwayGetVariables(ctx, env);
        for (const variable of ['GATEWAY_TOKEN_PREVIOUS', 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT']) {
          if (variable in current) await railwayDeleteVariable(ctx, env, variable);
          else ctx.out(`  ${variable} is already absent`);
        }
      },
    });
    steps.push({ describe: `railway: redeploy the ${env} agent`, run: () => railwayRedeploy(ctx, env) });
    steps.push({ describe: 'verify the agent is healthy', run: verify('agent') });
  } else if (isGateway && railwayEnvironment) {
    const env = railwayEnvironment;
    steps.push({
      describe: `railway: ${env} agent gets GATEWAY_TOKEN_PREVIOUS=<current token>, GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT=${expiresAt}, GATEWAY_TOKEN=<new>`,
      run: async () => {
        const old = (await railwayGetVariables(ctx, env)).GATEWAY_TOKEN;
        if (!old) throw new OperationError(`the ${env} agent has no GATEWAY_TOKEN to keep as the previous token`);
        await railwaySetVariable(ctx, env, 'GATEWAY_TOKEN_PREVIOUS', old);
        await railwaySetVariable(ctx, env, 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT', expiresAt);
        await railwaySetVariable(ctx, env, 'GATEWAY_TOKEN', value());
      },
    });
    steps.push({ describe: `railway: redeploy the ${env} agent (accepts old and new tokens)`, run: () => railwayRedeploy(ctx, env) });
    steps.push({ describe: 'verify the agent is healthy', run: verify('agent') });
    steps.push({ describe: `vercel: set GATEWAY_TOKEN=<new> for ${vercelTarget}`, run: () => vercelSetEnv(ctx, 'GATEWAY_TOKEN', vercelTarget, value()) });
    steps.push({ describe: `vercel: redeploy ${ctx.env.APP_URL ?? '$APP_URL'}`, run: redeployVercel });
    steps.push({ describe: 'verify the web app is healthy', run: verify('app') });
    for (const env of githubEnvironments) steps.push({ describe: `github: gh secret set GATEWAY_TOKEN --env ${env}`, run: () => setEnvironmentSecret(ctx, env, name, value()) });
  } else {
    if (consumesRailway && railwayEnvironment) {
      const env = railwayEnvironment;
      steps.push({ describe: `railway: set ${runtimeName}=<new> on the ${env} agent`, run: () => railwaySetVariable(ctx, env, runtimeName, value()) });
      steps.push({ describe: `railway: redeploy the ${env} agent`, run: () => railwayRedeploy(ctx, env) });
      steps.push({ describe: 'verify the agent is healthy', run: verify('agent') });
    }
    if (consumesVercel) {
      steps.push({ describe: `vercel: set ${runtimeName}=<new> for ${vercelTarget}`, run: () => vercelSetEnv(ctx, runtimeName, vercelTarget, value()) });
      steps.push({ describe: `vercel: redeploy ${ctx.env.APP_URL ?? '$APP_URL'}`, run: redeployVercel });
      steps.push({ describe: 'verify the web app is healthy', run: verify('app') });
    }
    for (const env of githubEnvironments) steps.push({ describe: `github: gh secret set ${name} --env ${env}`, run: () => setEnvironmentSecret(ctx, env, name, value()) });
  }

  const action = v.finish ? 'finish-window' : isGateway ? 'rotate-with-window' : 'rotate';
  ctx.out(`rotate: ${name} in ${environment} (${action})${v.apply ? '' : ' — dry run, nothing changes; add --apply'}`);
  steps.forEach((step, i) => ctx.out(`  ${i + 1}. ${step.describe}`));
  if (!v.apply) return EXIT.ok;

  let failedAt: string | undefined;
  let error: Error | undefined;
  for (const [i, step] of steps.entries()) {
    ctx.out(`step ${i + 1}/${steps.length}: ${step.describe}`);
    try {
      await step.run();
    } catch (e) {
      failedAt = step.describe;
      error = e as Error;
      break;
    }
  }
  const audit = {
    at: ctx.now().toISOString(),
    by: actor(ctx),
    secret: name,
    environment,
    action,
    consumers: spec.consumers,
    result: error ? 'failed' : 'ok',
    ...(failedAt ? { failedAt } : {}),
    ...(isGateway && !v.finish ? { previousTokenExpiresAt: expiresAt } : {}),
    ...(ctx.env.GITHUB_RUN_ID ? { run: `${ctx.env.GITHUB_SERVER_URL}/${ctx.env.GITHUB_REPOSITORY}/actions/runs/${ctx.env.GITHUB_RUN_ID}` } : {}),
  };
  await mkdir(path.dirname(auditFile), { recursive: true });
  await appendFile(auditFile, `${JSON.stringify(audit)}\n`);
  ctx.out(`audit: ${JSON.stringify(audit)}`);
  await writeSummary(ctx, `### Secret rotation\n\`\`\`json\n${JSON.stringify(audit, null, 2)}\n\`\`\``);
  if (error) {
    if (error instanceof UsageError) throw error;
    ctx.err(`rotate: FAILED at "${failedAt}": ${error.message}`);
    return EXIT.failed;
  }
  if (isGateway && !v.finish) ctx.out(`rotate: done. The old token works until ${expiresAt}; then run: npm run secrets:rotate -- GATEWAY_TOKEN --env ${environment} --finish --apply`);
  else ctx.out('rotate: done');
  return EXIT.ok;
}

runAsMain(module, run);
