import { type Ctx, OperationError, UsageError } from './cli';
import { AGENT_SERVICE, railwayTokenFor } from './environments';
import { execCli } from './exec';
import { registerSecret } from './mask';

/**
 * Thin wrappers over the Vercel and Railway CLIs. Tokens travel in the child's environment (RAILWAY_TOKEN) or as
 * --token (the Vercel CLI's documented CI usage); either way they are registered for masking first, and values of
 * variables always go on stdin, never in argv.
 */
export function vercelAuth(ctx: Ctx): string[] {
  const token = ctx.env.VERCEL_TOKEN;
  if (!token) throw new UsageError('VERCEL_TOKEN is not set');
  if (!ctx.env.VERCEL_ORG_ID || !ctx.env.VERCEL_PROJECT_ID) throw new UsageError('VERCEL_ORG_ID and VERCEL_PROJECT_ID must be set');
  registerSecret(token);
  return [`--token=${token}`];
}

/**
 * The context for the previews project (VERCEL_PREVIEW_TOKEN / _ORG_ID / _PROJECT_ID, a team that holds nothing else):
 * a copy of ctx whose VERCEL_* point there, so every vercel call made with it reaches only the previews.
 */
export function previewsProjectCtx(ctx: Ctx): Ctx {
  const { VERCEL_PREVIEW_TOKEN: token, VERCEL_PREVIEW_ORG_ID: org, VERCEL_PREVIEW_PROJECT_ID: project } = ctx.env;
  if (!token || !org || !project) throw new UsageError('VERCEL_PREVIEW_TOKEN, VERCEL_PREVIEW_ORG_ID and VERCEL_PREVIEW_PROJECT_ID must be set');
  return { ...ctx, env: { ...ctx.env, VERCEL_TOKEN: token, VERCEL_ORG_ID: org, VERCEL_PROJECT_ID: project } };
}

/** The deployment URL is the last https URL the CLI prints on stdout (`vercel deploy` prints only it there). */
export function captureDeploymentUrl(stdout: string): string {
  const matches = stdout.match(/https?:\/\/[^\s"'<>]+/g);
  const url = matches?.at(-1);
  if (!url) throw new OperationError('vercel deploy printed no deployment URL');
  return url.replace(/[.,)]+$/, '');
}

export type VercelTarget = 'production' | 'preview';

/**
 * Builds once and uploads the build. A production deployment is made with --skip-domain: it does not take the
 * production domains until `vercelPromote` (after its health and smoke test passed), so a bad build never serves.
 */
export async function vercelDeploy(ctx: Ctx, target: VercelTarget, meta: Record<string, string> = {}, release?: string): Promise<string> {
  const auth = vercelAuth(ctx);
  const prod = target === 'production' ? ['--prod'] : [];
  if (release && !/^[\w.-]+$/.test(release)) throw new UsageError(`not a release id: ${release}`);
  await execCli(ctx, 'vercel', ['pull', '--yes', `--environment=${target}`, ...auth]);
  // RELEASE at build time names the Sentry release of the source maps and the browser bundle; at run time (--env) the
  // server reports it as readiness's releaseId, which the deploy waits for.
  await execCli(ctx, 'vercel', ['build', ...prod, ...auth], { streamStderr: true, env: release ? { RELEASE: release } : {} });
  const metaArgs = Object.entries(meta).flatMap(([k, v]) => ['--meta', `${k}=${v}`]);
  const skipDomain = target === 'production' ? ['--skip-domain'] : [];
  const releaseEnv = release ? ['--env', `RELEASE=${release}`] : [];
  const result = await execCli(ctx, 'vercel', ['deploy', '--prebuilt', ...prod, ...skipDomain, ...releaseEnv, ...metaArgs, ...auth], { streamStderr: true });
  return captureDeploymentUrl(result.stdout);
}

/**
 * Points the production domains at a deployment (`vercel promote URL --yes`). Also the way out of Vercel's
 * "rolled back" state: after an instant rollback Vercel stops assigning the domains to new production deployments
 * until one is promoted.
 */
export async function vercelPromote(ctx: Ctx, deploymentUrl: string): Promise<void> {
  await execCli(ctx, 'vercel', ['promote', deploymentUrl, '--yes', '--timeout=5m', ...vercelAuth(ctx)], { echo: true });
}

/** Staging is a preview deployment behind an alias: `vercel alias set URL HOST`. */
export async function vercelAliasSet(ctx: Ctx, deploymentUrl: string, host: string): Promise<void> {
  await execCli(ctx, 'vercel', ['alias', 'set', deploymentUrl, host, ...vercelAuth(ctx)], { echo: true });
}

/** Rebuilds an existing deployment into the same target (production stays production), picking up changed variables. */
export async function vercelRedeploy(ctx: Ctx, deploymentUrl: string): Promise<string> {
  const auth = vercelAuth(ctx);
  const result = await execCli(ctx, 'vercel', ['redeploy', deploymentUrl, ...auth]);
  return captureDeploymentUrl(result.stdout);
}

/** Replaces a Vercel environment variable: remove (absent is fine) then add with the value on stdin. */
export async function vercelSetEnv(ctx: Ctx, name: string, target: VercelTarget, value: string): Promise<void> {
  const auth = vercelAuth(ctx);
  registerSecret(value);
  await execCli(ctx, 'vercel', ['env', 'rm', name, target, '--yes', ...auth], { allowFailure: true });
  await execCli(ctx, 'vercel', ['env', 'add', name, target, ...auth], { input: value });
}

function railwayEnv(ctx: Ctx, environment: 'production' | 'staging'): Record<string, string> {
  const token = railwayTokenFor(ctx.env, environment);
  if (!token) throw new UsageError(`${environment === 'production' ? 'RAILWAY_TOKEN' : 'RAILWAY_STAGING_TOKEN'} is not set`);
  registerSecret(token);
  return { RAILWAY_TOKEN: token };
}

export async function railwayUp(ctx: Ctx, environment: 'production' | 'staging', detach: boolean, cwd?: string): Promise<void> {
  await execCli(ctx, 'railway', ['up', '--service', AGENT_SERVICE, '--environment', environment, detach ? '--detach' : '--ci'], { env: railwayEnv(ctx, environment), echo: true, streamStderr: true, cwd });
}

/** Non-secret: the agent reports it (Sentry release, readiness releaseId), so a deploy can wait for the new one. */
export async function railwaySetRelease(ctx: Ctx, environment: 'production' | 'staging', release: string): Promise<void> {
  if (!/^[\w.-]+$/.test(release)) throw new UsageError(`not a release id: ${release}`);
  await execCli(ctx, 'railway', ['variable', 'set', `RELEASE=${release}`, '--service', AGENT_SERVICE, '--environment', environment, '--skip-deploys'], { env: railwayEnv(ctx, environment) });
}

export async function railwayRedeploy(ctx: Ctx, environment: 'production' | 'staging'): Promise<void> {
  await execCli(ctx, 'railway', ['redeploy', '--service', AGENT_SERVICE, '--yes'], { env: railwayEnv(ctx, environment) });
}

export async function railwayGetVariables(ctx: Ctx, environment: 'production' | 'staging'): Promise<Record<string, string>> {
  const result = await execCli(ctx, 'railway', ['variable', 'list', '--service', AGENT_SERVICE, '--environment', environment, '--kv'], { env: railwayEnv(ctx, environment) });
  const variables: Record<string, string> = {};
  for (const line of result.stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) variables[line.slice(0, eq).trim()] = line.slice(eq + 1).replace(/\r$/, '');
  }
  for (const value of Object.values(variables)) registerSecret(value);
  return variables;
}

export async function railwaySetVariable(ctx: Ctx, environment: 'production' | 'staging', name: string, value: string): Promise<void> {
  registerSecret(value);
  await execCli(ctx, 'railway', ['variable', 'set', name, '--stdin', '--service', AGENT_SERVICE, '--environment', environment, '--skip-deploys'], {
    env: railwayEnv(ctx, environment),
    input: value,
  });
}

export async function railwayDeleteVariable(ctx: Ctx, environment: 'production' | 'staging', name: string): Promise<void> {
  await execCli(ctx, 'railway', ['variable', 'delete', name, '--service', AGENT_SERVICE, '--environment', environment], { env: railwayEnv(ctx, environment) });
}
