import { writeFileSync } from 'node:fs';
import { run as deployAgent } from '../release-agent';
import { run as deployWeb } from '../release-web';
import { run as freeze } from '../deploy-freeze';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { type FakeWebApp, startFakeWebApp, startServer, type TestCtx, type TestServer, testCtx } from './helpers';

// Each gh, vercel and railway call is a process of its own: a rollback is some thirty of them.
jest.setTimeout(60_000);

const NEW = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0';
const OLD = '0000000000000000000000000000000000000001';
const vercelEnv = { VERCEL_TOKEN: 'vc-token-xyz', VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1', GITHUB_REPOSITORY: 'chef/chopsky', GH_TOKEN: 'ghs_job_token' };

let github: FakeGitHub;
let candidate: FakeWebApp;
let live: FakeWebApp;
let pager: TestServer;
let pages: { event_action: string; dedup_key: string; payload?: { severity: string; summary: string; custom_details: { text: string } } }[];
afterEach(async () => {
  for (const s of [github, candidate, live, pager]) await s?.close();
});

/** What the public address serves: the candidate's release once `vercel promote` / `vercel alias set` was run. */
const promotedIn = (ctx: TestCtx) => ctx.calls().some((c) => c.cli === 'vercel' && (c.argv[0] === 'promote' || c.argv[0] === 'alias'));

async function setUp(options: { chatOk?: boolean } = {}) {
  github = await startFakeGitHub();
  pages = [];
  pager = await startServer((req, res) => {
    pages.push(JSON.parse(req.body));
    res.writeHead(202);
    res.end('{}');
  });
  const holder: { ctx?: TestCtx } = {};
  candidate = await startFakeWebApp({ release: () => NEW, chatOk: () => options.chatOk ?? true });
  live = await startFakeWebApp({ release: () => (holder.ctx && promotedIn(holder.ctx) ? NEW : OLD) });
  const ctx = testCtx({
    env: { ...vercelEnv, APP_URL: live.url, FAKE_GH_API_URL: github.url, PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${pager.url}/v2/enqueue`, GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com' },
    rules: [{ cli: 'vercel', match: '^deploy ', stdout: `${candidate.url}\n` }],
  });
  holder.ctx = ctx;
  return ctx;
}

describe('deploy:web (production): build once, deploy without the domain, verify, then promote', () => {
  test('when the new deployment is ready and its smoke chat passes, then it is promoted, the domain serves it and GitHub records success', async () => {
    const ctx = await setUp();
    expect(await deployWeb(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
    const vercel = ctx.calls().filter((c) => c.cli === 'vercel');
    expect(vercel.map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['pull --yes', 'build --prod', 'deploy --prebuilt', `promote ${candidate.url}`]);
    expect(vercel[2]?.argv).toEqual(expect.arrayContaining(['--prod', '--skip-domain', '--env', `RELEASE=${NEW}`]));
    expect(ctx.calls().every((c) => !c.rejected)).toBe(true);
    expect(candidate.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`).slice(0, 3)).toEqual(['GET /api/health/ready', 'GET /', 'POST /api/chat']);
    expect(candidate.deleted).toEqual(['conv-1']);
    const [deployment] = github.deployments;
    expect(deployment).toMatchObject({ environment: 'production', sha: NEW, task: 'deploy:web', payload: { component: 'web', release: NEW } });
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(deployment?.statuses[0]?.environment_url).toBe(live.url);
    expect(pages).toEqual([]);
  });

  test('when the smoke chat fails, then nothing is promoted: the old deployment keeps serving, GitHub records failure and on-call is paged (P1)', async () => {
    const ctx = await setUp({ chatOk: false });
    expect(await deployWeb(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(1);
    expect(ctx.calls().some((c) => c.argv[0] === 'promote')).toBe(false);
    const serving = (await (await fetch(`${live.url}/api/health/ready`)).json()) as { releaseId: string };
    expect(serving.releaseId).toBe(OLD);
    expect(github.deployments[0]?.statuses[0]?.state).toBe('failure');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ event_action: 'trigger', dedup_key: 'deploy-production-web', payload: { severity: 'error', summary: '[P1] production: Web app deploy failed' } });
    expect(pages[0]?.payload?.custom_details.text).toContain('nothing was promoted, the previous deployment still serves');
  });

  test('when the new deployment never reports its release, then it is not promoted', async () => {
    const ctx = await setUp();
    await candidate.close();
    candidate = await startFakeWebApp({ release: () => OLD });
    writeFileSync(ctx.env.FAKE_CLI_RULES ?? '', JSON.stringify([{ cli: 'vercel', match: '^deploy ', stdout: `${candidate.url}\n` }]));
    expect(await deployWeb(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(1);
    expect(ctx.calls().some((c) => c.argv[0] === 'promote')).toBe(false);
    expect(ctx.output()).toContain(`waiting for ${NEW}`);
  });
});

describe('deploy:web (staging and previews)', () => {
  test('staging: the verified deployment gets the staging alias', async () => {
    const ctx = await setUp();
    expect(await deployWeb(['--environment', 'staging', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
    const vercel = ctx.calls().filter((c) => c.cli === 'vercel');
    expect(vercel[2]?.argv).not.toContain('--prod');
    expect(vercel[3]?.argv.slice(0, 4)).toEqual(['alias', 'set', candidate.url, new URL(live.url).host]);
    expect(github.deployments[0]).toMatchObject({ environment: 'staging', task: 'deploy:web' });
  });

  test('a preview is verified on its own URL and never promoted or aliased', async () => {
    const ctx = await setUp();
    delete ctx.env.APP_URL;
    expect(await deployWeb(['--environment', 'preview', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
    expect(ctx.calls().filter((c) => c.cli === 'vercel').map((c) => c.argv[0])).toEqual(['pull', 'build', 'deploy']);
    expect(github.deployments[0]?.statuses[0]).toMatchObject({ state: 'success', environment_url: candidate.url });
  });
});

describe('deploy freeze', () => {
  test('a frozen environment refuses deploy:web and deploy:agent before anything runs; unfreezing lets them through', async () => {
    const ctx = await setUp();
    ctx.env.AGENT_URL = live.url;
    ctx.env.RAILWAY_TOKEN = 'rw';
    expect(await freeze(['freeze', '--environment', 'production', '--reason', 'rolled back the 14:02 deploy', '--ref', OLD], ctx)).toBe(0);
    await expect(deployWeb(['--environment', 'production', '--release', NEW], ctx)).rejects.toThrow(/deploys to production are frozen .* \(rolled back the 14:02 deploy\)/);
    await expect(deployAgent(['--environment', 'production', '--release', NEW], ctx)).rejects.toThrow(/frozen/);
    expect(ctx.calls().filter((c) => c.cli !== 'gh')).toEqual([]);
    expect(await freeze(['freeze', '--environment', 'production', '--status'], ctx)).toBe(1);
    expect(await freeze(['unfreeze', '--environment', 'production'], ctx)).toBe(0);
    expect(await freeze(['freeze', '--environment', 'production', '--status'], ctx)).toBe(0);
    expect(await deployWeb(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
  });

  test('staging being frozen does not hold production', async () => {
    const ctx = await setUp();
    expect(await freeze(['freeze', '--environment', 'staging', '--reason', 'staging rollback', '--ref', OLD], ctx)).toBe(0);
    expect(await deployWeb(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
  });
});

describe('deploy:agent', () => {
  test('sets RELEASE, railway up, waits for readiness to report it, and records the deployment', async () => {
    const ctx = await setUp();
    await live.close();
    live = await startFakeWebApp({ release: () => (ctx.calls().some((c) => c.cli === 'railway' && c.argv[0] === 'up') ? NEW : OLD) });
    Object.assign(ctx.env, { AGENT_URL: live.url, RAILWAY_TOKEN: 'rw-prod' });
    expect(await deployAgent(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(0);
    expect(ctx.calls().filter((c) => c.cli === 'railway').map((c) => c.argv.slice(0, 3).join(' '))).toEqual([`variable set RELEASE=${NEW}`, 'up --service agent']);
    expect(github.deployments[0]).toMatchObject({ task: 'deploy:agent', sha: NEW, statuses: [{ state: 'success' }, { state: 'in_progress' }] });
  });

  test('when the new agent never becomes ready, then the failure is recorded and paged', async () => {
    const ctx = await setUp();
    Object.assign(ctx.env, { AGENT_URL: live.url, RAILWAY_TOKEN: 'rw-prod' });
    expect(await deployAgent(['--environment', 'production', '--release', NEW, '--attempts', '2'], ctx)).toBe(1);
    expect(github.deployments[0]?.statuses[0]?.state).toBe('failure');
    expect(pages[0]).toMatchObject({ dedup_key: 'deploy-production-agent', payload: { severity: 'error' } });
  });
});
