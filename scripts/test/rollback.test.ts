import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run as deployWeb } from '../release-web';
import { run } from '../rollback';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { type FakeWebApp, startFakeWebApp, startServer, type TestCtx, type TestServer, testCtx } from './helpers';

// Each gh, vercel and railway call is a process of its own: a rollback is some thirty of them.
jest.setTimeout(60_000);

const GOOD_WEB = '1111111111111111111111111111111111111111';
const BAD = '2222222222222222222222222222222222222222';
const FAILED = '3333333333333333333333333333333333333333';

let github: FakeGitHub;
let web: FakeWebApp;
let agent: FakeWebApp;
let hook: TestServer;
let chat: { text: string }[];
afterEach(async () => {
  for (const s of [github, web, agent, hook]) await s?.close();
});

/** A git checkout with one commit: what rollback.yml checks out at the agent's last good sha. */
function checkout(content = 'agent'): { dir: string; sha: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rollback-src-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  writeFileSync(path.join(dir, 'README'), content);
  git('add', '.');
  git('commit', '-q', '-m', 'last good agent');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

/** The latest value the fake railway was given for RELEASE, once `railway up` ran after it. */
function agentRelease(ctx: TestCtx, before: string): string {
  const calls = ctx.calls().filter((c) => c.cli === 'railway');
  const up = calls.findIndex((c) => c.argv[0] === 'up');
  const set = calls.slice(0, up).reverse().find((c) => c.argv[1] === 'set' && c.argv[2]?.startsWith('RELEASE='));
  return up >= 0 && set ? (set.argv[2] ?? '').slice('RELEASE='.length) : before;
}

async function setUp() {
  github = await startFakeGitHub();
  chat = [];
  hook = await startServer((req, res) => {
    chat.push(JSON.parse(req.body));
    res.writeHead(200);
    res.end('ok');
  });
  const holder: { ctx?: TestCtx } = {};
  const promoted = () => holder.ctx?.calls().find((c) => c.cli === 'vercel' && (c.argv[0] === 'promote' || c.argv[0] === 'alias'));
  const good = checkout();
  // The production domain serves the bad release (its readiness fails) until a deployment is promoted onto it.
  web = await startFakeWebApp({ release: () => (promoted() ? GOOD_WEB : BAD), ready: () => Boolean(promoted()) });
  agent = await startFakeWebApp({ release: () => (holder.ctx ? agentRelease(holder.ctx, BAD) : BAD) });
  github.seed({ environment: 'production', task: 'deploy:web', sha: GOOD_WEB, state: 'success', payload: { component: 'web', url: 'https://chef-chopsky-good.vercel.app', release: GOOD_WEB }, minutesAgo: 180 });
  github.seed({ environment: 'production', task: 'deploy:web', sha: BAD, state: 'success', payload: { component: 'web', url: 'https://chef-chopsky-bad.vercel.app', release: BAD }, minutesAgo: 60 });
  github.seed({ environment: 'production', task: 'deploy:web', sha: FAILED, state: 'failure', payload: { component: 'web', url: 'https://chef-chopsky-failed.vercel.app', release: FAILED }, minutesAgo: 30 });
  github.seed({ environment: 'production', task: 'deploy:agent', sha: good.sha, state: 'success', payload: { component: 'agent', release: good.sha }, minutesAgo: 180 });
  github.seed({ environment: 'production', task: 'deploy:agent', sha: BAD, state: 'success', payload: { component: 'agent', release: BAD }, minutesAgo: 60 });
  github.seed({ environment: 'production', task: 'deploy', sha: FAILED, state: 'success', payload: {}, minutesAgo: 5 });
  const ctx = testCtx({
    env: {
      VERCEL_TOKEN: 'vc-token',
      VERCEL_ORG_ID: 'team_1',
      VERCEL_PROJECT_ID: 'prj_1',
      RAILWAY_TOKEN: 'rw-prod',
      APP_URL: web.url,
      AGENT_URL: agent.url,
      ALERT_WEBHOOK_URL: `${hook.url}/hook`,
      FAKE_GH_API_URL: github.url,
      GITHUB_REPOSITORY: 'chef/chopsky',
      GITHUB_ACTOR: 'oncall-sam',
      // The workflow runs from the broken head of main: never a rollback target.
      GITHUB_SHA: BAD,
    },
  });
  holder.ctx = ctx;
  return { ctx, good };
}

describe('rollback with no inputs', () => {
  test('returns each component to its last good recorded deployment (not the serving one, not a failed one, not its own sha), verifies, records and freezes', async () => {
    const { ctx, good } = await setUp();
    expect(await run(['--environment', 'production', '--agent-dir', good.dir, '--apply', '--attempts', '2'], ctx)).toBe(0);
    const platform = ctx.calls().filter((c) => c.cli !== 'gh');
    expect(platform.map((c) => `${c.cli} ${c.argv.slice(0, 3).join(' ')}`)).toEqual([
      `railway variable set RELEASE=${good.sha}`,
      'railway up --service agent',
      'vercel promote https://chef-chopsky-good.vercel.app --yes',
    ]);
    expect(platform[1]?.argv).toContain('--ci');
    expect(platform.every((c) => !c.rejected)).toBe(true);
    // verified: the domain serves the good release again and a smoke chat went through it
    expect(((await (await fetch(`${web.url}/api/health/ready`)).json()) as { releaseId: string }).releaseId).toBe(GOOD_WEB);
    expect(web.deleted).toHaveLength(1);
    // recorded, and frozen
    const recorded = github.deployments.filter((d) => d.payload.rollback === true);
    expect(recorded.map((d) => `${d.task} ${d.sha} ${d.statuses[0]?.state}`).sort()).toEqual([`deploy:agent ${good.sha} success`, `deploy:web ${GOOD_WEB} success`].sort());
    expect(github.deployments.find((d) => d.task === 'deploy:freeze')?.statuses[0]?.state).toBe('success');
    expect(chat.at(-1)?.text).toMatch(/^\[INFO\] production: Rollback completed/);
  });

  test('after the rollback, the next deploy is refused until the freeze is cleared', async () => {
    const { ctx, good } = await setUp();
    expect(await run(['--environment', 'production', '--component', 'web', '--agent-dir', good.dir, '--apply', '--attempts', '2'], ctx)).toBe(0);
    await expect(deployWeb(['--environment', 'production', '--release', BAD], ctx)).rejects.toThrow(/frozen/);
  });

  test('without --apply it only prints the plan and writes the targets for the workflow', async () => {
    const { ctx, good } = await setUp();
    const outputs = path.join(ctx.dir, 'out');
    writeFileSync(outputs, '');
    ctx.env.GITHUB_OUTPUT = outputs;
    expect(await run(['--environment', 'production', '--plan'], ctx)).toBe(0);
    expect(ctx.calls().filter((c) => c.cli !== 'gh')).toEqual([]);
    expect(github.writes()).toEqual([]);
    expect(readFileSync(outputs, 'utf8')).toBe(`web_url=https://chef-chopsky-good.vercel.app\nweb_release=${GOOD_WEB}\nagent_sha=${good.sha}\n`);
  });

  test('when the agent checkout is not the last good sha, then nothing is rolled back blindly', async () => {
    const { ctx } = await setUp();
    const other = checkout('a newer, broken agent');
    expect(await run(['--environment', 'production', '--component', 'agent', '--agent-dir', other.dir, '--apply'], ctx)).toBe(1);
    expect(ctx.calls().filter((c) => c.cli === 'railway')).toEqual([]);
    expect(ctx.output()).toContain('is a checkout of');
  });

  test('when the restored release still fails, then it exits 1 and pages (P0)', async () => {
    const { ctx, good } = await setUp();
    await web.close();
    web = await startFakeWebApp({ release: () => GOOD_WEB, ready: () => false });
    ctx.env.APP_URL = web.url;
    const pager = await startServer((_req, res) => {
      res.writeHead(202);
      res.end('{}');
    });
    try {
      Object.assign(ctx.env, { PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${pager.url}/v2/enqueue` });
      expect(await run(['--environment', 'production', '--component', 'web', '--web-url', 'https://chef-chopsky-good.vercel.app', '--agent-dir', good.dir, '--apply', '--attempts', '2'], ctx)).toBe(1);
      expect(JSON.parse(pager.requests[0]?.body ?? '{}')).toMatchObject({ event_action: 'trigger', dedup_key: 'rollback-production', payload: { severity: 'critical' } });
    } finally {
      await pager.close();
    }
  });

  test('when nothing earlier is recorded, or a given target is not a deployment URL, then it is a usage error', async () => {
    const { ctx } = await setUp();
    github.deployments.splice(0, github.deployments.length);
    await expect(run(['--environment', 'production', '--component', 'web'], ctx)).rejects.toThrow(/no earlier successful web app deployment/);
    await expect(run(['--environment', 'production', '--web-url', 'https://x.app/$(rm -rf)'], ctx)).rejects.toThrow(/--web-url must be/);
  });
});

describe('rollback of staging', () => {
  test('points the staging alias at the last good staging deployment', async () => {
    const { ctx, good } = await setUp();
    github.seed({ environment: 'staging', task: 'deploy:web', sha: GOOD_WEB, state: 'success', payload: { url: 'https://chef-chopsky-stg-good.vercel.app' }, minutesAgo: 90 });
    github.seed({ environment: 'staging', task: 'deploy:web', sha: BAD, state: 'success', payload: { url: 'https://chef-chopsky-stg-bad.vercel.app' }, minutesAgo: 20 });
    ctx.env.RAILWAY_STAGING_TOKEN = 'rw-stg';
    expect(await run(['--environment', 'staging', '--component', 'web', '--agent-dir', good.dir, '--apply', '--attempts', '2'], ctx)).toBe(0);
    expect(ctx.calls().find((c) => c.cli === 'vercel')?.argv.slice(0, 4)).toEqual(['alias', 'set', 'https://chef-chopsky-stg-good.vercel.app', new URL(web.url).host]);
  });
});
