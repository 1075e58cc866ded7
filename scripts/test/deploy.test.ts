import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startPostgresServer, type PostgresServer } from '../../frontend/tests/support/postgres-server';
import { run as deployVercel } from '../deploy-vercel';
import { run as deployRailway } from '../deploy-railway';
import { databaseUrl, run as pushMigrations } from '../push-migrations';
import { run as sentryRelease } from '../sentry-release';
import { captureDeploymentUrl } from '../lib/platforms';
import { REPO_ROOT } from '../lib/secrets-manifest';
import { startServer, type TestServer, testCtx } from './helpers';

const vercelEnv = { VERCEL_TOKEN: 'vc-token-xyz', VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1' };

describe('deploy-vercel', () => {
  test('when deploying production, then it pulls, builds and deploys --prebuilt --prod --skip-domain (the domains stay put) and captures the URL', async () => {
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
    expect(calls[2]?.argv).toContain('--skip-domain');
    expect(calls.every((c) => !c.rejected)).toBe(true);
    expect(calls[2]?.env).toMatchObject({ VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1' });
    expect(readFileSync(outputFile, 'utf8')).toBe('url=https://chef-chopsky-a1b2c3.vercel.app\n');
    expect(ctx.output()).not.toContain('vc-token-xyz');
  });

  test('when deploying a preview, then neither --prod nor --skip-domain is passed', async () => {
    const ctx = testCtx({ env: vercelEnv, rules: [{ cli: 'vercel', match: '^deploy ', stdout: 'https://chef-chopsky-git-feat-x.vercel.app' }] });
    expect(await deployVercel(['--target', 'preview'], ctx)).toBe(0);
    expect(ctx.calls().flatMap((c) => c.argv)).not.toContain('--prod');
    expect(ctx.calls().flatMap((c) => c.argv)).not.toContain('--skip-domain');
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

describe('push-migrations against a real PostgreSQL 15 with the real Supabase CLI', () => {
  let pg: PostgresServer;
  beforeAll(async () => {
    pg = await startPostgresServer();
  }, 60_000);
  afterAll(async () => pg?.stop());
  const dbUrl = () => `${pg.url}?sslmode=disable`;
  const applied = async () => {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const table = await client.query("select to_regclass('supabase_migrations.schema_migrations') as t");
      if (!table.rows[0]?.t) return 0;
      return Number((await client.query('select count(*) from supabase_migrations.schema_migrations')).rows[0]?.count);
    } finally {
      await client.end();
    }
  };
  const migrationCount = readdirSync(path.join(REPO_ROOT, 'supabase', 'migrations')).filter((f) => f.endsWith('.sql')).length;

  test('a dry run lists the migrations and changes nothing; the push applies them all; a second push has nothing to do', async () => {
    const dry = testCtx({ env: { SUPABASE_DB_URL: dbUrl() } });
    expect(await pushMigrations(['--environment', 'staging', '--dry-run'], dry)).toBe(0);
    expect(dry.output()).toMatch(/Would push these migrations/);
    expect(await applied()).toBe(0);

    const push = testCtx({ env: { SUPABASE_DB_URL: dbUrl() } });
    expect(await pushMigrations(['--environment', 'production'], push)).toBe(0);
    expect(await applied()).toBe(migrationCount);
    expect(push.output()).not.toContain(pg.url);

    const again = testCtx({ env: { SUPABASE_DB_URL: dbUrl() } });
    expect(await pushMigrations(['--environment', 'production', '--dry-run'], again)).toBe(0);
    expect(again.output()).toMatch(/up to date/i);
  }, 120_000);

  test('when the password is wrong, then the real CLI fails and the URL and password never reach the output', async () => {
    const wrong = new URL(pg.url);
    wrong.username = 'migrator_nobody';
    wrong.password = 'wrong-pass-123';
    const ctx = testCtx({ env: { SUPABASE_DB_URL: `${wrong.toString()}?sslmode=disable` } });
    await expect(pushMigrations(['--environment', 'staging'], ctx)).rejects.toThrow(/supabase db exited with 1/);
    expect(ctx.output()).not.toContain('wrong-pass-123');
  }, 60_000);
});

describe('push-migrations configuration', () => {
  test('the URL is Supavisor\'s session pooler: user postgres.<ref>, the pooler host, port 5432', () => {
    expect(databaseUrl({ SUPABASE_PROJECT_REF: 'abcdefghijkl', SUPABASE_DB_PASSWORD: 'p@ss/word!', SUPABASE_POOLER_HOST: 'aws-0-eu-central-1.pooler.supabase.com' })).toBe(
      'postgresql://postgres.abcdefghijkl:p%40ss%2Fword!@aws-0-eu-central-1.pooler.supabase.com:5432/postgres',
    );
  });

  test('when the database is not configured, or the host is the IPv6-only direct host, then it is a usage error; previews push nothing', async () => {
    await expect(pushMigrations(['--environment', 'staging'], testCtx())).rejects.toThrow(/SUPABASE_POOLER_HOST/);
    const direct = { SUPABASE_PROJECT_REF: 'abcdefghijkl', SUPABASE_DB_PASSWORD: 'x', SUPABASE_POOLER_HOST: 'db.abcdefghijkl.supabase.co' };
    await expect(pushMigrations(['--environment', 'staging'], testCtx({ env: direct }))).rejects.toThrow(/session pooler host/);
    await expect(pushMigrations(['--environment', 'preview'], testCtx({ env: { SUPABASE_DB_URL: 'postgresql://x' } }))).rejects.toThrow(/--environment must be one of production, staging/);
  });
});

describe('sentry-release with the real sentry-cli against a local Sentry API', () => {
  let sentry: TestServer;
  afterEach(async () => sentry?.close());

  test('creates the component\'s release, finalizes it and records a deploy to the environment', async () => {
    sentry = await startServer((req, res) => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      if (req.url.includes('/deploys/')) res.end(JSON.stringify({ id: '1', environment: 'staging', dateStarted: null, dateFinished: '2026-11-22T00:00:00Z', name: null, url: null }));
      else res.end(JSON.stringify({ version: 'agent@abc123', dateCreated: '2026-11-22T00:00:00Z', dateReleased: null, lastEvent: null, newGroups: 0, projects: [{ slug: 'chef-chopsky-agent', name: 'agent' }] }));
    });
    const ctx = testCtx({ env: { SENTRY_URL: sentry.url, SENTRY_AUTH_TOKEN: 'sntrys_secret_x', SENTRY_ORG: 'chef' } });
    expect(await sentryRelease(['--component', 'agent', '--release', 'abc123', '--environment', 'staging', '--project', 'chef-chopsky-agent'], ctx)).toBe(0);
    expect(sentry.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/0/organizations/chef/releases/',
      'PUT /api/0/organizations/chef/releases/agent@abc123/',
      'POST /api/0/organizations/chef/releases/agent@abc123/deploys/',
    ]);
    expect(JSON.parse(sentry.requests[0]?.body ?? '{}')).toMatchObject({ version: 'agent@abc123', projects: ['chef-chopsky-agent'] });
    expect(JSON.parse(sentry.requests[2]?.body ?? '{}')).toMatchObject({ environment: 'staging' });
    expect(sentry.requests[0]?.headers.authorization).toBe('Bearer sntrys_secret_x');
    expect(ctx.output()).not.toContain('sntrys_secret_x');
  }, 30_000);

  test('when Sentry is not configured, then it is a usage error', async () => {
    await expect(sentryRelease(['--component', 'web', '--release', 'a', '--environment', 'staging', '--project', 'p'], testCtx())).rejects.toThrow(/SENTRY_AUTH_TOKEN/);
    await expect(sentryRelease(['--component', 'db', '--release', 'a', '--environment', 'staging', '--project', 'p'], testCtx({ env: { SENTRY_AUTH_TOKEN: 'x', SENTRY_ORG: 'o' } }))).rejects.toThrow(/--component must be one of/);
  });
});
