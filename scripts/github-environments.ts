import { type Ctx, EXIT, OperationError, parseCli, runAsMain } from './lib/cli';
import { repoPath } from './lib/deployments';
import { ENVIRONMENTS, type EnvironmentName } from './lib/environments';
import { execCli } from './lib/exec';
import { listEnvironmentSecrets } from './lib/github';
import { type EnvironmentDeclaration, type EnvironmentsDeclaration, loadEnvironments, secretsReadableFrom } from './lib/github-environments';
import { loadManifest, type SecretsManifest, secretsForGithub } from './lib/secrets-manifest';

const HELP = `Usage: npm run github:environments -- [--check | --apply]

GitHub environments as code: ops/github-environments.json declares each environment's deployment branches, required
reviewers, self-review rule and wait timer; ops/secrets.manifest.json says which secrets each holds.
  --check   (default) compare with GitHub through gh api and report every difference; exit 1 on drift
  --apply   make GitHub match: PUT the environment (reviewers, wait timer, custom deployment branch policies),
            add missing branch policies, delete undeclared ones. Secret values are never applied: missing or
            unexpected secrets are reported for a person to set (gh secret set NAME --env ENV) or delete.
Before either, the declaration itself is checked: a feature branch (feat/x, feature/x) must not be able to read any
production or staging secret, whatever its workflow files say; the script refuses a declaration that allows it.
Env: GH_TOKEN of a repository admin for --apply (gh auth login); read access suffices for --check.
Exit codes: 0 in line, 1 drift (or gh failed, or the declaration exposes a secret), 2 usage.`;

async function ghApi<T>(ctx: Ctx, endpoint: string, options: { method?: string; body?: unknown; allow404?: boolean } = {}): Promise<T | null> {
  const args = ['api', ...(options.method ? ['--method', options.method] : []), ...(options.body !== undefined ? ['--input', '-'] : []), endpoint];
  const result = await execCli(ctx, 'gh', args, { input: options.body !== undefined ? JSON.stringify(options.body) : undefined, allowFailure: options.allow404 });
  if (result.code !== 0) {
    if (options.allow404 && /404|Not Found/.test(`${result.stdout}${result.stderr}`)) return null;
    throw new OperationError(`gh api ${endpoint} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout.trim() ? (JSON.parse(result.stdout) as T) : null;
}

interface RemoteEnvironment {
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  protection_rules?: { type: string; wait_timer?: number; prevent_self_review?: boolean; reviewers?: { type: string; reviewer: { id: number } }[] }[];
}

/**
 * What a feature branch could read of production's or staging's: anything through an environment it may enter other
 * than preview, and any production or staging secret also kept at the repository level. Preview-scoped secrets
 * (declared for the preview environment) are what previews are meant to read.
 */
export function featureBranchLeaks(declaration: EnvironmentsDeclaration, manifest: SecretsManifest, branches = ['feat/x', 'feature/x', 'feat/deep/branch', 'fix/x']): string[] {
  const leaks: string[] = [];
  for (const branch of branches) {
    for (const [name, via] of secretsReadableFrom(declaration, manifest, branch)) {
      const spec = manifest.secrets.find((s) => s.name === name);
      const prodOrStaging = Boolean(spec?.github.some((g) => g === 'production' || g === 'staging'));
      const through = via.filter((v) => v === 'production' || v === 'staging' || (v === 'repository' && prodOrStaging));
      if (through.length) leaks.push(`${branch} can read ${name} (via ${through.join(', ')})`);
    }
  }
  return leaks;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { check: { type: 'boolean' }, apply: { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const apply = Boolean(parsed.values.apply);
  const declaration = loadEnvironments();
  const manifest = loadManifest();
  const leaks = featureBranchLeaks(declaration, manifest);
  for (const leak of leaks) ctx.err(`LEAK ${leak}`);
  if (leaks.length) return EXIT.failed;

  const owner = (ctx.env.GH_REPO || ctx.env.GITHUB_REPOSITORY || '{owner}/').split('/')[0];
  const reviewerIds = async (env: EnvironmentDeclaration) =>
    Promise.all(
      env.reviewers.map(async (r) => {
        const found = await ghApi<{ id: number }>(ctx, r.type === 'Team' ? `orgs/${owner}/teams/${r.slug}` : `users/${r.slug}`);
        if (!found?.id) throw new OperationError(`${r.type} ${r.slug} not found`);
        return { type: r.type, id: found.id };
      }),
    );

  let drift = 0;
  for (const name of ENVIRONMENTS) {
    const declared = declaration.environments[name as EnvironmentName];
    if (!declared) continue;
    const base = `${repoPath(ctx)}/environments/${name}`;
    const problems: string[] = [];
    const ids = await reviewerIds(declared);
    const remote = await ghApi<RemoteEnvironment>(ctx, base, { allow404: true });
    if (!remote) problems.push('does not exist');
    const rules = remote?.protection_rules ?? [];
    const reviewersRule = rules.find((r) => r.type === 'required_reviewers');
    const remoteReviewers = (reviewersRule?.reviewers ?? []).map((r) => `${r.type}:${r.reviewer.id}`).sort();
    if (remote && JSON.stringify(remoteReviewers) !== JSON.stringify(ids.map((r) => `${r.type}:${r.id}`).sort())) problems.push(`reviewers are [${remoteReviewers.join(', ')}], declared [${declared.reviewers.map((r) => `${r.type} ${r.slug}`).join(', ')}]`);
    if (remote && reviewersRule && Boolean(reviewersRule.prevent_self_review) !== declared.preventSelfReview) problems.push(`prevent_self_review is ${String(reviewersRule.prevent_self_review)}`);
    const waitTimer = rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0;
    if (remote && waitTimer !== declared.waitTimer) problems.push(`wait timer is ${waitTimer} minutes, declared ${declared.waitTimer}`);
    const policy = remote?.deployment_branch_policy;
    if (remote && !(policy && policy.custom_branch_policies && !policy.protected_branches)) problems.push('deployment branches are not restricted to the declared branches');
    const branchPolicies = remote ? ((await ghApi<{ branch_policies: { id: number; name: string; type?: string }[] }>(ctx, `${base}/deployment-branch-policies`, { allow404: true }))?.branch_policies ?? []) : [];
    const missingBranches = declared.branches.filter((b) => !branchPolicies.some((p) => p.name === b));
    const extraBranches = branchPolicies.filter((p) => !declared.branches.includes(p.name));
    if (missingBranches.length) problems.push(`missing deployment branches: ${missingBranches.join(', ')}`);
    if (extraBranches.length) problems.push(`undeclared deployment branches: ${extraBranches.map((p) => p.name).join(', ')}`);

    const fix = problems.length > 0;
    if (apply && fix) {
      await ghApi(ctx, base, {
        method: 'PUT',
        body: { wait_timer: declared.waitTimer, prevent_self_review: declared.preventSelfReview, reviewers: ids, deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } },
      });
      const current = (await ghApi<{ branch_policies: { id: number; name: string }[] }>(ctx, `${base}/deployment-branch-policies`))?.branch_policies ?? [];
      for (const branch of declared.branches.filter((b) => !current.some((p) => p.name === b))) await ghApi(ctx, `${base}/deployment-branch-policies`, { method: 'POST', body: { name: branch, type: 'branch' } });
      for (const extra of current.filter((p) => !declared.branches.includes(p.name))) await ghApi(ctx, `${base}/deployment-branch-policies/${extra.id}`, { method: 'DELETE' });
    }

    const expected = secretsForGithub(manifest, name).map((s) => s.name);
    const held = remote || apply ? (await listEnvironmentSecrets(ctx, name)).map((s) => s.name) : [];
    const missingSecrets = expected.filter((n) => !held.includes(n) && manifest.secrets.find((s) => s.name === n)?.required);
    const unexpectedSecrets = held.filter((n) => !expected.includes(n));
    const secretProblems = [
      ...(missingSecrets.length ? [`secrets to set: ${missingSecrets.join(', ')}`] : []),
      ...(unexpectedSecrets.length ? [`secrets to delete (not declared here): ${unexpectedSecrets.join(', ')}`] : []),
    ];
    const remaining = [...(apply ? [] : problems), ...secretProblems];
    drift += remaining.length;
    ctx.out(`${remaining.length ? 'DRIFT' : 'OK   '} ${name}: branches ${declared.branches.join(', ')}; reviewers ${declared.reviewers.map((r) => r.slug).join(', ') || 'none'}${apply && fix ? ' (applied)' : ''}`);
    for (const p of remaining) ctx.out(`  ${p}`);
  }
  return drift ? EXIT.failed : EXIT.ok;
}

runAsMain(module, run);
