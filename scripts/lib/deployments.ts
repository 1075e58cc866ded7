import { type Ctx, OperationError } from './cli';
import { execCli } from './exec';

/**
 * The record of what was deployed where: GitHub Deployments (REST), through `gh api`. One deployment per component
 * and release, `task` = `deploy:web` or `deploy:agent` (so the deployments GitHub creates by itself for jobs with an
 * `environment:` — task `deploy` — never count), payload { component, url, release }, and statuses in_progress →
 * success | failure. Rollback reads it for "the last good one"; the deploy freeze lives here too (task
 * `deploy:freeze`: its newest deployment's latest status success = frozen, inactive = cleared).
 */
export type Component = 'web' | 'agent';
export const COMPONENTS: readonly Component[] = ['web', 'agent'];
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

export interface RecordedDeployment {
  id: number;
  sha: string;
  environment: string;
  task: string;
  createdAt: string;
  payload: { component?: string; url?: string; release?: string; reason?: string; by?: string; rollback?: boolean };
  /** The newest status, or null when none was set. */
  state: DeploymentState | 'pending' | null;
  description?: string;
}

/** `repos/<owner>/<name>`: GITHUB_REPOSITORY in Actions, else gh's own placeholders (the checkout's repository). */
export function repoPath(ctx: Ctx): string {
  const repo = ctx.env.GH_REPO || ctx.env.GITHUB_REPOSITORY;
  return repo ? `repos/${repo}` : 'repos/{owner}/{repo}';
}

async function ghApi<T>(ctx: Ctx, endpoint: string, body?: unknown): Promise<T> {
  const args = ['api', ...(body === undefined ? [] : ['--method', 'POST', '--input', '-']), endpoint];
  const result = await execCli(ctx, 'gh', args, body === undefined ? {} : { input: JSON.stringify(body) });
  try {
    return JSON.parse(result.stdout || 'null') as T;
  } catch {
    throw new OperationError(`gh api ${endpoint} did not answer JSON`);
  }
}

export const taskFor = (component: Component | 'freeze') => `deploy:${component}`;

export async function createDeployment(
  ctx: Ctx,
  options: { environment: string; component: Component | 'freeze'; sha: string; payload: RecordedDeployment['payload']; description: string },
): Promise<number> {
  const created = await ghApi<{ id?: number; message?: string }>(ctx, `${repoPath(ctx)}/deployments`, {
    ref: options.sha,
    task: taskFor(options.component),
    environment: options.environment,
    description: options.description.slice(0, 140),
    payload: options.payload,
    auto_merge: false,
    // Our own gate already ran (the CI job this deploy needs); GitHub must not re-check commit statuses here.
    required_contexts: [],
    production_environment: options.environment === 'production',
    transient_environment: options.environment === 'preview',
  });
  if (typeof created?.id !== 'number') throw new OperationError(`GitHub did not create the deployment: ${created?.message ?? 'no id'}`);
  return created.id;
}

export async function setDeploymentState(
  ctx: Ctx,
  id: number,
  state: DeploymentState,
  options: { environmentUrl?: string; logUrl?: string; description?: string } = {},
): Promise<void> {
  await ghApi(ctx, `${repoPath(ctx)}/deployments/${id}/statuses`, {
    state,
    ...(options.environmentUrl ? { environment_url: options.environmentUrl } : {}),
    ...(options.logUrl ? { log_url: options.logUrl } : {}),
    ...(options.description ? { description: options.description.slice(0, 140) } : {}),
    // Web and agent share an environment: GitHub must not mark one inactive because the other succeeded.
    auto_inactive: false,
  });
}

interface ApiDeployment {
  id: number;
  sha: string;
  environment: string;
  task: string;
  created_at: string;
  payload: RecordedDeployment['payload'] | string | null;
}

/** Newest first, with each one's latest status. */
export async function listDeployments(ctx: Ctx, environment: string, component: Component | 'freeze', limit = 30): Promise<RecordedDeployment[]> {
  const query = new URLSearchParams({ environment, task: taskFor(component), per_page: String(limit) });
  const list = await ghApi<ApiDeployment[]>(ctx, `${repoPath(ctx)}/deployments?${query}`);
  if (!Array.isArray(list)) throw new OperationError('gh api did not return a list of deployments');
  const withState: RecordedDeployment[] = [];
  for (const d of list) {
    const statuses = await ghApi<{ state: DeploymentState; description?: string }[]>(ctx, `${repoPath(ctx)}/deployments/${d.id}/statuses?per_page=1`);
    const payload = typeof d.payload === 'string' ? (JSON.parse(d.payload || '{}') as RecordedDeployment['payload']) : (d.payload ?? {});
    withState.push({ id: d.id, sha: d.sha, environment: d.environment, task: d.task, createdAt: d.created_at, payload, state: statuses[0]?.state ?? null, description: statuses[0]?.description });
  }
  return withState.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * The rollback target: the newest successful deployment of the component that is not the release serving now.
 * When the serving release is unknown (the service does not answer), the newest success is assumed to be serving
 * and the one before it is the target. Never the workflow's own commit: only what the record says once worked.
 */
export function lastGood(deployments: RecordedDeployment[], servingRelease: string | undefined): RecordedDeployment | undefined {
  const good = deployments.filter((d) => d.state === 'success');
  if (servingRelease) return good.find((d) => d.sha !== servingRelease && d.payload.release !== servingRelease);
  return good[1];
}

export interface Freeze {
  frozen: boolean;
  reason?: string;
  by?: string;
  since?: string;
  id?: number;
}

export async function readFreeze(ctx: Ctx, environment: string): Promise<Freeze> {
  const [newest] = await listDeployments(ctx, environment, 'freeze', 1);
  if (!newest || newest.state !== 'success') return { frozen: false };
  return { frozen: true, reason: newest.payload.reason, by: newest.payload.by, since: newest.createdAt, id: newest.id };
}
