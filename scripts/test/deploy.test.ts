import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run as deployVercel } from '../deploy-vercel';
import { run as deployRailway } from '../deploy-railway';
import { run as pushMigrations } from '../push-migrations';
import { run as sentryRelease } from '../sentry-release';
import { captureDeploymentUrl } from '../lib/platforms';
import { testCtx } from './helpers';

const vercelEnv = { VERCEL_TOKEN: 'vc-token-xyz', VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1' };

describe('deploy-vercel', () => {
  test('when deploying production, then it pulls, builds and deploys --prebuilt --prod and captures the URL', async () => {
    const ctx = testCtx({
      env: { ...vercelEnv, GITHUB_SHA: 'abc123' },
      rules: [{ cli: 'vercel', match: '^deploy ', stdout: 'https://chef-chopsky-a1b2c3.vercel.app\n', stderr: 'Vercel CLI 64.0.2\nInspect: https://vercel.com/team/chef/abc [2s]\n' }],
    });
    const outputFile = path.join(ctx.dir, 'out');
    writeFileSync(outputFile, '');
    ctx.env.GITHUB_OUTPUT = outputFile;
    expect(await deployVercel(['--target', 'production'], ctx)).toBe(0);
    const calls = ctx.calls();
    expect(calls.map((c) => c.argv.slice(0, 3).join(' '))).toEqual(['pull --yes --environment=production', 'build --prod --token=vc-token-xyz', 'deploy --prebuilt --prod']);
    expect(calls[2]?.argv).toContain('githubCommitSha=abc123');
    expect(calls[2]?.env).toMatchObject({ VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1' });
    expect(readFileSync(outputFile, 'utf8')).toBe('url=https://chef-chopsky-a1b2c3.vercel.app\n');
    expect(ctx.output()).not.toContain('vc-token-xyz');
  });

  test('when deploying a preview, then --prod is never passed', async () => {
    const ctx = testCtx({ env: vercelEnv, rules: [{ cli: 'vercel', match: '^deploy ', stdout: 'https://chef-chopsky-git-feat-x.vercel.app' }] });
    expect(await deployVercel(['--target', 'preview'], ctx)).toBe(0);
    expect(ctx.calls().flatMap((c) => c.argv)).not.toContain('--prod');
    expect(ctx.calls()[0]?.argv).toContain('--environment=preview');
  });

  test('when vercel prints no URL or fails, then the deploy fails', async () => {
    await expect(deployVercel(['--target', 'preview'], testCtx({ env: vercelEnv }))).rejects.toThrow(/no deployment URL/);
    const failing = testCtx({ env: vercelEnv, rules: [{ cli: 'vercel', match: '^build', exitCode: 1, stderr: 'Error: build failed' }] });
    await expect(deployVercel(['--target', 'preview'], failing)).rejects.toThrow(/exited with 1:\nError: build failed/);
    expect(failing.calls().map((c) => c.argv[0])).toEqual(['pull', 'build']);
  });

  test('when the token is missing, then it is a usage error before anything runs', async () => {
    const ctx = testCtx();
    await expect(deployVercel(['--target', 'production'], ctx)).rejects.toThrow(/VERCEL_TOKEN/);
    await expect(deployVercel(['--target', 'prod'], ctx)).rejects.toThrow(/--target must be one of/);
    expect(ctx.calls()).toEqual([]);
  });

  test('captures the last https URL from stdout', () => {
    expect(captureDeploymentUrl('Queued\nhttps://a.vercel.app\nhttps://b.vercel.app.\n')).toBe('https://b.vercel.app');
  });
});

describe('deploy-railway', () => {
  test('when deploying staging, then it runs railway up for the agent with the staging project token', async () => {
    const ctx = testCtx({ env: { RAILWAY_TOKEN: 'prod-token', RAILWAY_STAGING_TOKEN: 'staging-token' } });
    expect(await deployRailway(['--environment', 'staging'], ctx)).toBe(0);
    expect(ctx.calls()).toEqual([{ cli: 'railway', argv: ['up', '--service', 'agent', '--environment', 'staging', '--ci'], stdin: '', env: { RAILWAY_TOKEN: 'staging-token' } }]);
  });

  test('when given a release, then RELEASE is set without a deploy before railway up', async () => {
    const ctx = testCtx({ env: { RAILWAY_TOKEN: 'prod-token' } });
    expect(await deployRailway(['--environment', 'production', '--release', 'abc123def'], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.join(' '))).toEqual([
      'variable set RELEASE=abc123def --service agent --environment production --skip-deploys',
      'up --service agent --environment production --ci',
    ]);
    await expect(deployRailway(['--environment', 'production', '--release', 'x;rm -rf /'], ctx)).rejects.toThrow(/not a release id/);
  });

  test('when asked to redeploy or detach, then it uses railway redeploy / up --detach', async () => {
    const ctx = testCtx({ env: { RAILWAY_TOKEN: 'prod-token' } });
    expect(await deployRailway(['--environment', 'production', '--redeploy'], ctx)).toBe(0);
    expect(await deployRailway(['--environment', 'production', '--detach'], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.join(' '))).toEqual(['redeploy --service agent --yes', 'up --service agent --environment production --detach']);
  });

  test('when the production token is missing, then nothing runs', async () => {
    const ctx = testCtx({ env: { RAILWAY_STAGING_TOKEN: 'staging-token' } });
    await expect(deployRailway(['--environment', 'production'], ctx)).rejects.toThrow(/RAILWAY_TOKEN is not set/);
    expect(ctx.calls()).toEqual([]);
  });
});

describe('push-migrations', () => {
  const dbEnv = { SUPABASE_PROJECT_REF: 'abcdefghijkl', SUPABASE_DB_PASSWORD: 'p@ss/word!' };

  test('when the environment is preview, then it is always a dry run against staging, with the URL masked', async () => {
    const ctx = testCtx({
      env: dbEnv,
      rules: [{ cli: 'supabase', stdout: 'Would push these migrations:\n • 20261101000000_create_profiles.sql\n', stderr: 'Connecting to postgresql://postgres:p%40ss%2Fword!@db.abcdefghijkl.supabase.co:5432/postgres\n' }],
    });
    expect(await pushMigrations(['--environment', 'preview'], ctx)).toBe(0);
    expect(ctx.calls()[0]?.argv).toEqual(['db', 'push', '--db-url', 'postgresql://postgres:p%40ss%2Fword!@db.abcdefghijkl.supabase.co:5432/postgres', '--dry-run']);
    expect(ctx.output()).toContain('Would push these migrations');
    expect(ctx.errors).toContain('Connecting to ***');
    expect(ctx.output()).not.toContain('p%40ss');
    expect(ctx.output()).not.toContain('p@ss/word!');
  });

  test('when the environment is production, then it pushes for real', async () => {
    const ctx = testCtx({ env: { SUPABASE_DB_URL: 'postgresql://postgres:pw123456@db.x.supabase.co:5432/postgres' } });
    expect(await pushMigrations(['--environment', 'production'], ctx)).toBe(0);
    expect(ctx.calls()[0]?.argv).not.toContain('--dry-run');
  });

  test('when the database is not configured or supabase fails, then it fails', async () => {
    await expect(pushMigrations(['--environment', 'staging'], testCtx())).rejects.toThrow(/SUPABASE_DB_URL/);
    const failing = testCtx({ env: dbEnv, rules: [{ cli: 'supabase', exitCode: 1, stderr: 'ERROR: relation exists' }] });
    await expect(pushMigrations(['--environment', 'staging'], failing)).rejects.toThrow(/relation exists/);
  });
});

describe('sentry-release', () => {
  test('creates, finalizes and marks a deploy of the release', async () => {
    const ctx = testCtx({ env: { SENTRY_AUTH_TOKEN: 'sntrys_x', SENTRY_ORG: 'chef', SENTRY_PROJECT: 'chef-chopsky' } });
    expect(await sentryRelease(['--release', 'abc123', '--environment', 'staging'], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.join(' '))).toEqual(['releases new abc123', 'releases finalize abc123', 'deploys new --release abc123 -e staging']);
    expect(ctx.calls()[0]?.env).toMatchObject({ SENTRY_ORG: 'chef', SENTRY_PROJECT: 'chef-chopsky' });
  });

  test('when Sentry is not configured, then it is a usage error', async () => {
    await expect(sentryRelease(['--release', 'a', '--environment', 'staging'], testCtx())).rejects.toThrow(/SENTRY_AUTH_TOKEN/);
  });
});
