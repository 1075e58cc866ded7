import { readFileSync, writeFileSync } from 'node:fs';
import { featureBranchLeaks, run } from '../github-environments';
import { branchMayEnter, branchPatternToRegExp, loadEnvironments, secretsReadableFrom } from '../lib/github-environments';
import { loadManifest, secretsForGithub } from '../lib/secrets-manifest';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { testCtx } from './helpers';

jest.setTimeout(60_000);

const declaration = loadEnvironments();
const manifest = loadManifest();

describe('deployment branch patterns, as GitHub matches them', () => {
  test.each([
    ['main', 'main', true],
    ['main', 'mainline', false],
    ['feat/**', 'feat/a', true],
    ['feat/**', 'feat/a/b', true],
    ['feat/*', 'feat/a/b', false],
    ['feat/*', 'feat/a', true],
    ['release-?', 'release-1', true],
    ['feat/**', 'feature/a', false],
  ])('%s against %s → %s', (pattern, branch, expected) => {
    expect(branchPatternToRegExp(pattern).test(branch)).toBe(expected);
  });
});

describe('a feature branch under the declared environment rules', () => {
  test('cannot enter production or staging, whatever its workflow files say, and so reads none of their secrets', () => {
    for (const branch of ['feat/grocery', 'feature/a/b']) {
      expect(branchMayEnter(declaration, 'production', branch)).toBe(false);
      expect(branchMayEnter(declaration, 'staging', branch)).toBe(false);
      expect(branchMayEnter(declaration, 'preview', branch)).toBe(true);
      const readable = secretsReadableFrom(declaration, manifest, branch);
      const prodOrStaging = [...secretsForGithub(manifest, 'production'), ...secretsForGithub(manifest, 'staging')].map((s) => s.name);
      for (const [name, via] of readable) {
        expect({ name, via: via.filter((v) => v === 'production' || v === 'staging') }).toEqual({ name, via: [] });
      }
      // what it can read: the preview-scoped token and the repository's notification keys, nothing that deploys production
      expect([...readable.keys()]).toEqual(expect.arrayContaining(['VERCEL_PREVIEW_TOKEN', 'ALERT_WEBHOOK_URL']));
      expect([...readable.keys()].filter((n) => prodOrStaging.includes(n) && !secretsForGithub(manifest, 'preview').some((p) => p.name === n))).toEqual([]);
      expect(readable.has('VERCEL_TOKEN')).toBe(false);
      expect(readable.has('RAILWAY_TOKEN')).toBe(false);
      expect(readable.has('PRODUCTION_SUPABASE_DB_PASSWORD')).toBe(false);
      expect(readable.has('STAGING_SUPABASE_DB_PASSWORD')).toBe(false);
    }
    expect(featureBranchLeaks(declaration, manifest)).toEqual([]);
  });

  test('main and staging reach their own environments; scheduled monitoring on main needs none', () => {
    expect(branchMayEnter(declaration, 'production', 'main')).toBe(true);
    expect(branchMayEnter(declaration, 'staging', 'main')).toBe(true);
    expect(branchMayEnter(declaration, 'staging', 'staging')).toBe(true);
    expect(branchMayEnter(declaration, 'production', 'staging')).toBe(false);
  });

  test('a declaration that let feature branches into staging, or a staging secret copied to the repository, is caught', () => {
    const loose = { ...declaration, environments: { ...declaration.environments, staging: { ...declaration.environments.staging!, branches: ['staging', 'feat/**'] } } };
    expect(featureBranchLeaks(loose, manifest)).toEqual(expect.arrayContaining([expect.stringMatching(/^feat\/x can read STAGING_SUPABASE_DB_PASSWORD \(via staging\)/)]));
    const copied = { ...manifest, secrets: manifest.secrets.map((s) => (s.name === 'RAILWAY_TOKEN' ? { ...s, github: [...s.github, 'repository' as const] } : s)) };
    expect(featureBranchLeaks(declaration, copied)).toContain('feat/x can read RAILWAY_TOKEN (via repository)');
  });
});

describe('github:environments against GitHub (gh api)', () => {
  let github: FakeGitHub;
  afterEach(async () => github?.close());

  function ctxFor() {
    const secretRules = (['production', 'staging', 'preview'] as const).map((env) => ({ cli: 'gh' as const, match: `^secret list --env ${env} `, stdout: JSON.stringify(secretsForGithub(manifest, env).map((s) => ({ name: s.name, updatedAt: '2026-11-01T00:00:00Z' }))) }));
    return testCtx({ env: { FAKE_GH_API_URL: github.url, GITHUB_REPOSITORY: 'chef/chopsky' }, rules: secretRules });
  }

  test('--check reports environments that are missing or drifted; --apply makes them match; a second --check is clean', async () => {
    github = await startFakeGitHub();
    const check = ctxFor();
    expect(await run(['--check'], check)).toBe(1);
    expect(check.output()).toContain('DRIFT production');
    expect(github.writes()).toEqual([]);

    const apply = ctxFor();
    expect(await run(['--apply'], apply)).toBe(0);
    expect(github.environments.get('production')).toMatchObject({ reviewers: [{ type: 'Team', id: 4242 }], prevent_self_review: false, deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } });
    expect(github.environments.get('production')?.branchPolicies.map((p) => p.name)).toEqual(['main']);
    expect(github.environments.get('staging')?.branchPolicies.map((p) => p.name)).toEqual(['staging', 'main']);
    expect(github.environments.get('preview')?.branchPolicies.map((p) => p.name)).toEqual(['feat/**', 'feature/**']);
    expect(apply.calls().every((c) => !c.rejected)).toBe(true);

    expect(await run(['--check'], ctxFor())).toBe(0);

    github.environments.get('production')?.branchPolicies.push({ id: 1, name: 'feat/**', type: 'branch' });
    const drifted = ctxFor();
    expect(await run([], drifted)).toBe(1);
    expect(drifted.output()).toContain('undeclared deployment branches: feat/**');
    expect(await run(['--apply'], ctxFor())).toBe(0);
    expect(github.environments.get('production')?.branchPolicies.map((p) => p.name)).toEqual(['main']);
  });

  test('an undeclared secret in an environment is reported, never deleted by the script', async () => {
    github = await startFakeGitHub();
    expect(await run(['--apply'], ctxFor())).toBe(0);
    const ctx = ctxFor();
    const rules = [{ cli: 'gh' as const, match: '^secret list --env production ', stdout: JSON.stringify([...secretsForGithub(manifest, 'production'), { name: 'SUPABASE_ACCESS_TOKEN' }].map((s) => ({ name: s.name, updatedAt: '2026-11-01T00:00:00Z' }))) }];
    const rulesFile = ctx.env.FAKE_CLI_RULES ?? '';
    writeFileSync(rulesFile, JSON.stringify([...rules, ...(JSON.parse(readFileSync(rulesFile, 'utf8')) as unknown[])]));
    expect(await run(['--check'], ctx)).toBe(1);
    expect(ctx.output()).toContain('secrets to delete (not declared here): SUPABASE_ACCESS_TOKEN');
    expect(ctx.calls().some((c) => c.argv[0] === 'secret' && c.argv[1] === 'delete')).toBe(false);
  });
});
