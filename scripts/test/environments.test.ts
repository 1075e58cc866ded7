import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveDeployment } from '../lib/environments';
import { run } from '../resolve-environment';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { testCtx } from './helpers';

describe('branch → environment table', () => {
  test.each([
    ['main', 'production', 'production', true, 'production', 'push'],
    ['refs/heads/main', 'production', 'production', true, 'production', 'push'],
    ['staging', 'staging', 'preview', true, 'staging', 'push'],
    ['feat/grocery-list', 'preview', 'preview', false, 'staging', 'none'],
    ['feature/new-planner/v2', 'preview', 'preview', false, 'staging', 'none'],
  ])('when the branch is %s, then it deploys %s', (branch, environment, vercelTarget, deployAgent, railway, migrations) => {
    const d = resolveDeployment(branch);
    expect(d).toMatchObject({ environment, vercelTarget, deployAgent, railwayEnvironment: railway, migrations });
  });

  test.each(['develop', 'fix/typo', 'feat', 'feat/', 'features/x', 'feature/../main', 'mainline', 'dependabot/npm/x'])(
    'when the branch is %s, then nothing is deployed',
    (branch) => {
      expect(resolveDeployment(branch)).toMatchObject({ environment: 'none', deployAgent: false, migrations: 'none', vercelTarget: '' });
    },
  );
});

let github: FakeGitHub | undefined;
afterEach(async () => github?.close());

describe('resolve-environment script', () => {
  test('when run in Actions, then it appends every output to GITHUB_OUTPUT', async () => {
    const ctx = testCtx();
    const outputFile = path.join(ctx.dir, 'github_output');
    writeFileSync(outputFile, '');
    ctx.env.GITHUB_OUTPUT = outputFile;
    ctx.env.GITHUB_REF_NAME = 'feature/shopping';
    expect(await run([], ctx)).toBe(0);
    const outputs = readFileSync(outputFile, 'utf8');
    expect(outputs).toContain('environment=preview\n');
    expect(outputs).toContain('deploy=true\n');
    expect(outputs).toContain('vercel_prod=false\n');
    expect(outputs).toContain('deploy_agent=false\n');
    expect(outputs).toContain('migrations=none\n');
  });

  test('when the branch resolves to an environment the caller does not allow, then it exits 1', async () => {
    const ctx = testCtx();
    expect(await run(['--branch', 'staging', '--allow', 'production'], ctx)).toBe(1);
    expect(await run(['--branch', 'main', '--allow', 'production'], ctx)).toBe(0);
  });

  test('with --check-freeze, a frozen production refuses to resolve; previews are never frozen', async () => {
    github = await startFakeGitHub();
    github.seed({ environment: 'production', task: 'deploy:freeze', sha: 'abc1234', state: 'success', payload: { reason: 'rollback', by: 'sam' }, minutesAgo: 5 });
    const ctx = testCtx({ env: { FAKE_GH_API_URL: github.url, GITHUB_REPOSITORY: 'chef/chopsky' } });
    await expect(run(['--branch', 'main', '--allow', 'production', '--check-freeze'], ctx)).rejects.toThrow(/deploys to production are frozen/);
    expect(await run(['--branch', 'feat/x', '--allow', 'staging,preview', '--check-freeze'], ctx)).toBe(0);
  });

  test('when no branch is known, then it is a usage error', async () => {
    await expect(run([], testCtx())).rejects.toThrow(/GITHUB_REF_NAME/);
  });
});
