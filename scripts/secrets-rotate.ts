import { randomBytes } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { type Ctx, EXIT, intOption, oneOf, OperationError, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { setEnvironmentSecret } from './lib/github';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';
import { fetchWithTimeout } from './lib/http';
import { registerSecret } from './lib/mask';
import {
  previewsProjectCtx,
  railwayDeleteVariable,
  railwayGetVariables,
  railwayRedeploy,
  railwaySetVariable,
  vercelAliasSet,
  vercelPromote,
  vercelRedeploy,
  vercelSetEnv,
} from './lib/platforms';
import { environmentsOf, type GithubLocation, loadManifest, REPO_ROOT, type SecretSpec } from './lib/secrets-manifest';
import { agentChat, DEFAULT_MESSAGE, webAppChat } from './smoke-test';

const HELP = `Usage: npm run secrets:rotate -- NAME --env production|staging|repository [--apply] [--value-stdin] [--finish]

Rotates one secret of ops/secrets.manifest.json everywhere it lives for that environment. Dry run by default
(prints the plan); --apply does it:
  1. new value: generated (32 random bytes, base64url) when the manifest says generate, else read from stdin
     with --value-stdin (e.g. pbpaste | npm run secrets:rotate -- NAME --env production --value-stdin --apply)
  2. Railway: railway variable set NAME --stdin, redeploy, readiness (which checks the model endpoint with the key)
  3. Vercel: vercel env add NAME (value on stdin) in each project and target that holds it; the web app is
     redeployed, its new deployment checked, then promoted (production) or aliased (staging); a smoke chat through
     $APP_URL (web app → agent → model → store) proves it
  4. GitHub: gh secret set NAME --env ENV (or the repository), where the manifest says a workflow reads it
  5. an audit line (who, when, what; never the value) in --audit-file
GATEWAY_TOKEN uses the agent's dual-token window: the agent gets GATEWAY_TOKEN_PREVIOUS=<old value read from
Railway>, GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT=now+--window-hours and the new GATEWAY_TOKEN, is redeployed, and a real
chat with the new token (straight to the agent) must pass before the web app gets it. After the web app's readiness
reports that it holds the current token, --finish removes the previous one; --finish refuses while the web app
still presents the previous token (or says nothing).
  --window-hours N   how long the old gateway token keeps working (default 24)
  --attempts N       health probes per endpoint after a redeploy (default 6)
  --audit-file PATH  default $SECRETS_AUDIT_FILE or ops/audit/secret-rotations.jsonl
Env: VERCEL_TOKEN/ORG_ID/PROJECT_ID (and VERCEL_PREVIEW_* when the previews project holds it), RAILWAY_TOKEN /
RAILWAY_STAGING_TOKEN, APP_URL, AGENT_URL, GH_TOKEN (for GitHub copies).
Exit codes: 0 rotated and verified, 1 a step or a verification failed (the audit line says where), 2 usage.`;

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

/** Which of the agent's tokens the web app presents, as its readiness reports it (`gateway:token`). */
export async function webAppTokenId(ctx: Ctx, appUrl: string): Promise<string | undefined> {
  const [url] = readinessUrls(appUrl);
  try {
    const response = await fetchWithTimeout(url ?? '', { headers: { accept: 'application/health+json', ...bypassHeaders(ctx.env) } }, 10_000);
    const body = (await response.json()) as { checks?: Record<string, { observedValue?: unknown }[]> };
    const id = body.checks?.['gateway:token']?.[0]?.observedValue;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
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
  const environment = oneOf(v.env, ['production', 'staging', 'repository'] as const, 'env');
  const spec: SecretSpec | undefined = loadManifest().secrets.find((s) => s.name === name);
  if (!spec) throw new UsageError(`${name} is not in ops/secrets.manifest.json`);
  const usedIn: string[] = [...environmentsOf(spec), ...(spec.github.includes('repository') ? ['repository'] : [])];
  if (!usedIn.includes(environment)) throw new UsageError(`${name} is not used in ${environment} (manifest: ${usedIn.join(', ')})`);
  const isGateway = name === 'GATEWAY_TOKEN';
  if (v.finish && !isGateway) throw new UsageError('--finish only applies to GATEWAY_TOKEN');
  const windowHours = intOption(v['window-hours'], 'window-hours', 24, 1);
  const attempts = intOption(v.attempts, 'attempts', 6, 1);
  const auditFile = path.resolve(ctx.cwd, v['audit-file'] ?? ctx.env.SECRETS_AUDIT_FILE ?? path.join(REPO_ROOT, 'ops', 'audit', 'secret-rotations.jsonl'));
  const runtimeName = spec.runtimeName ?? spec.name;
  const railwayEnv = environment !== 'repository' && spec.railway?.includes(environment) ? environment : undefined;
  const vercelLocations = (spec.vercel ?? []).filter((l) => l.env === environment);
  // A staging value also lives in the preview environment when previews read it (VERCEL_PREVIEW_*).
  const githubLocations: GithubLocation[] = spec.github.filter((g) => g === environment || (environment === 'staging' && g === 'preview'));

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
  const appUrl = () => {
    const url = ctx.env.APP_URL?.replace(/\/+$/, '');
    if (!url) throw new UsageError('APP_URL must be set to redeploy and verify the web app');
    return url;
  };
  const agentUrl = () => {
    const url = ctx.env.AGENT_URL?.replace(/\/+$/, '');
    if (!url) throw new UsageError('AGENT_URL must be set to verify the agent');
    return url;
  };
  const health = { attempts, initialDelayMs: 5000, maxDelayMs: 30_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) };
  const ready = async (url: string) => {
    const result = await waitForHealth(ctx, url, health);
    ctx.out(`  ${result.status.toUpperCase()} ${url} — ${result.detail}`);
    if (result.status === 'fail') throw new OperationError(`${url} is not healthy: ${result.detail}`);
  };
  const verifyAgent = async () => ready(readinessUrls(undefined, agentUrl())[0] ?? '');
  const smokeThroughWebApp = async () => {
    const result = await webAppChat(ctx, appUrl(), { message: DEFAULT_MESSAGE, timeoutMs: 90_000, headers: bypassHeaders(ctx.env) });
    ctx.out(`  PASS chat through ${appUrl()} in ${result.ms} ms`);
  };
  /** Redeploys the web app with its new variables, checks the new deployment, then lets it serve (promote / alias). */
  const redeployWebApp = async () => {
    const url = await vercelRedeploy(ctx, appUrl());
    await ready(readinessUrls(url)[0] ?? '');
    if (environment === 'production') await vercelPromote(ctx, url);
    else await vercelAliasSet(ctx, url, new URL(appUrl()).host);
    await ready(readinessUrls(appUrl())[0] ?? '');
  };
  const setVercel = (location: (typeof vercelLocations)[number]) => () =>
    vercelSetEnv(location.project === 'previews' ? previewsProjectCtx(ctx) : ctx, runtimeName, location.target, value());
  const webProjectHoldsIt = vercelLocations.some((l) => l.project === 'web');

  const steps: Step[] = [];
  const expiresAt = new Date(ctx.now().getTime() + windowHours * 3_600_000).toISOString();
  if (isGateway && railwayEnv && v.finish) {
    const env = railwayEnv;
    steps.push({
      describe: `check the web app (${ctx.env.APP_URL ?? '$APP_URL'}) presents the current token`,
      run: async () => {
        const tokenId = await webAppTokenId(ctx, appUrl());
        if (tokenId !== 'current') {
          throw new OperationError(`the web app's readiness reports ${tokenId ? `the ${tokenId} token` : 'no gateway token'}: removing the previous token now would cut it off. Finish the rotation's web app steps first`);
        }
      },
    });
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
    steps.push({ describe: 'verify the agent is ready', run: verifyAgent });
    steps.push({ describe: 'smoke chat through the web app', run: smokeThroughWebApp });
  } else if (isGateway && railwayEnv) {
    const env = railwayEnv;
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
    steps.push({ describe: 'verify the agent is ready', run: verifyAgent });
    steps.push({
      describe: 'a real chat straight to the agent with the new token',
      run: async () => {
        const result = await agentChat(ctx, agentUrl(), value(), { message: DEFAULT_MESSAGE, timeoutMs: 90_000, headers: {} });
        ctx.out(`  PASS chat with the new token in ${result.ms} ms`);
      },
    });
    for (const location of vercelLocations) steps.push({ describe: `vercel (${location.project}): set GATEWAY_TOKEN=<new> for ${location.target}`, run: setVercel(location) });
    steps.push({ describe: `vercel: redeploy the web app, check it, ${environment === 'production' ? 'promote it' : 'alias it'}`, run: redeployWebApp });
    steps.push({
      describe: 'the web app presents the new token (its readiness says current) and a smoke chat through it passes',
      run: async () => {
        const tokenId = await webAppTokenId(ctx, appUrl());
        if (tokenId !== 'current') throw new OperationError(`the web app's readiness reports ${tokenId ?? 'no gateway token'} after the redeploy`);
        await smokeThroughWebApp();
      },
    });
  } else {
    if (railwayEnv) {
      const env = railwayEnv;
      steps.push({ describe: `railway: set ${runtimeName}=<new> on the ${env} agent`, run: () => railwaySetVariable(ctx, env, runtimeName, value()) });
      steps.push({ describe: `railway: redeploy the ${env} agent`, run: () => railwayRedeploy(ctx, env) });
      steps.push({ describe: 'verify the agent is ready (its readiness asks the model endpoint with the key)', run: verifyAgent });
    }
    for (const location of vercelLocations) steps.push({ describe: `vercel (${location.project}): set ${runtimeName}=<new> for ${location.target}`, run: setVercel(location) });
    if (webProjectHoldsIt) steps.push({ describe: `vercel: redeploy the web app, check it, ${environment === 'production' ? 'promote it' : 'alias it'}`, run: redeployWebApp });
    if (railwayEnv || webProjectHoldsIt) steps.push({ describe: 'smoke chat through the web app', run: smokeThroughWebApp });
    for (const location of githubLocations) steps.push({ describe: `github: gh secret set ${name}${location === 'repository' ? '' : ` --env ${location}`}`, run: () => setEnvironmentSecret(ctx, location, name, value()) });
  }
  if (steps.length === 0) throw new UsageError(`${name} has no copy in ${environment} that this script can set`);

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
    lives: { github: githubLocations, vercel: vercelLocations.map((l) => `${l.project}/${l.target}`), railway: railwayEnv ? [railwayEnv] : [] },
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
