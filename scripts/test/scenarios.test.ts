/**
 * The scenarios issue 16 is done by, each walked end to end against the real workflow files, the real scripts, the
 * real agent and the web app's real readiness code, with only GitHub, Vercel, Railway and PagerDuty replaced (fake
 * CLIs that reject what the real ones reject, and local HTTP servers).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../agent/src/app';
import { parseEnv } from '../../agent/src/env';
import { createLogger } from '../../agent/src/logger';
import { type FakeOpenAI, startFakeOpenAI } from '../../agent/test/support/fake-openai';
import { featureBranchLeaks } from '../github-environments';
import { branchMayEnter, loadEnvironments, secretsReadableFrom } from '../lib/github-environments';
import { loadManifest, secretsForGithub } from '../lib/secrets-manifest';
import { run as monitor } from '../monitor-health';
import { run as deployWeb } from '../release-web';
import { run as rollback } from '../rollback';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { type FakeWebApp, startFakeWebApp, startServer, type TestServer, testCtx } from './helpers';
import { simulate } from './workflow-sim';

jest.setTimeout(90_000);

/**
 * The web app's real readiness (frontend/lib/readiness.ts), loaded at run time: importing it for types would pull
 * Next.js's global type declarations into the scripts' compilation.
 */
interface ReadinessReport {
  status: 'pass' | 'warn' | 'fail';
  checks: Record<string, { status: string; output?: string }[]>;
}
type WebContext = { env: { agentUrl: string; gatewayToken: string }; store: { ping: () => Promise<void> } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkReadiness } = require('../../frontend/lib/readiness') as { checkReadiness: (getContext: () => Promise<WebContext>) => Promise<ReadinessReport> };

const SHA = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';
const push = (ref: string) => ({ github: { ref_name: ref, event_name: 'push', sha: SHA } });
const resolved = (environment: string, extra: Record<string, string> = {}) => (job: string) =>
  job.endsWith('/resolve') ? { environment, deploy: 'true', deploy_agent: String(environment !== 'preview'), migrations: environment === 'preview' ? 'none' : 'push', ...extra } : {};

describe('scenario: a red CI blocks a deploy', () => {
  test.each([
    ['production-deployment.yml', 'main', 'production'],
    ['staging-deployment.yml', 'staging', 'staging'],
    ['staging-deployment.yml', 'feat/grocery', 'preview'],
  ])('%s on %s: when any CI job fails, no deploy job runs, no environment is entered, nothing pages', (file, branch, environment) => {
    const red = simulate(file, { ...push(branch), outcome: (job) => (job === 'ci/unit' ? 'failure' : 'success'), outputs: resolved(environment) });
    expect(red.results.get('ci/unit')).toBe('failure');
    expect(red.results.get('ci')).toBe('failure');
    expect(red.results.get('deploy')).toBe('skipped');
    for (const job of ['resolve', 'migrate', 'agent', 'web', 'alert']) expect(red.results.has(`deploy/${job}`)).toBe(false);
    expect([...red.environments.keys()]).toEqual([]);

    const green = simulate(file, { ...push(branch), outputs: resolved(environment) });
    expect(green.results.get('ci')).toBe('success');
    expect(green.results.get('deploy/web')).toBe('success');
    expect(green.environments.get('deploy/web')).toBe(environment);
    expect(green.results.get('deploy/alert')).toBe('skipped');
  });
});

describe('scenario: a failed smoke test leaves the old deployment serving and pages', () => {
  let github: FakeGitHub;
  let candidate: FakeWebApp;
  let live: FakeWebApp;
  let pager: TestServer;
  afterEach(async () => {
    for (const s of [github, candidate, live, pager]) await s?.close();
  });

  test('deploy:web never promotes a deployment whose smoke chat fails, records the failure and pages P1; the workflow then runs its alert job under the same dedup key', async () => {
    github = await startFakeGitHub();
    const pages: { event_action: string; dedup_key: string; payload?: { severity: string } }[] = [];
    pager = await startServer((req, res) => {
      pages.push(JSON.parse(req.body));
      res.writeHead(202);
      res.end('{}');
    });
    candidate = await startFakeWebApp({ release: () => SHA, chatOk: () => false });
    live = await startFakeWebApp({ release: () => 'the-old-release' });
    const ctx = testCtx({
      env: {
        VERCEL_TOKEN: 'vc',
        VERCEL_ORG_ID: 'team',
        VERCEL_PROJECT_ID: 'prj',
        APP_URL: live.url,
        FAKE_GH_API_URL: github.url,
        GITHUB_REPOSITORY: 'chef/chopsky',
        PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000',
        PAGERDUTY_EVENTS_URL: `${pager.url}/v2/enqueue`,
      },
      rules: [{ cli: 'vercel', match: '^deploy ', stdout: `${candidate.url}\n` }],
    });
    expect(await deployWeb(['--environment', 'production', '--release', SHA, '--attempts', '2'], ctx)).toBe(1);
    expect(ctx.calls().filter((c) => c.cli === 'vercel').map((c) => c.argv[0])).toEqual(['pull', 'build', 'deploy']);
    expect(ctx.calls().find((c) => c.argv[0] === 'deploy')?.argv).toContain('--skip-domain');
    expect(((await (await fetch(`${live.url}/api/health/ready`)).json()) as { releaseId: string }).releaseId).toBe('the-old-release');
    expect(github.deployments[0]?.statuses[0]?.state).toBe('failure');
    expect(pages).toEqual([expect.objectContaining({ event_action: 'trigger', dedup_key: 'deploy-production-web', payload: expect.objectContaining({ severity: 'error' }) })]);

    const workflow = simulate('production-deployment.yml', { ...push('main'), outputs: resolved('production'), outcome: (job) => (job === 'deploy/web' ? 'failure' : 'success') });
    expect(workflow.results.get('deploy/alert')).toBe('success');
  });
});

describe('scenario: a feature branch cannot read production or staging secrets', () => {
  const declaration = loadEnvironments();
  const manifest = loadManifest();

  test('whatever its workflow says: a job that names production or staging is refused by the deployment branch rules, and what it can read holds no production or staging secret', () => {
    // What a feature branch's own deploy workflow reaches (it runs its own copy of the files).
    const run = simulate('staging-deployment.yml', { ...push('feat/evil'), outputs: resolved('preview') });
    for (const [job, environment] of run.environments) expect({ job, environment, admitted: branchMayEnter(declaration, environment as 'preview', 'feat/evil') }).toEqual({ job, environment: 'preview', admitted: true });
    // A branch that edits its workflow to name another environment is refused there by GitHub, before any secret.
    for (const environment of ['production', 'staging'] as const) expect(branchMayEnter(declaration, environment, 'feat/evil')).toBe(false);
    const readable = [...secretsReadableFrom(declaration, manifest, 'feat/evil').keys()];
    const production = secretsForGithub(manifest, 'production').map((s) => s.name);
    const stagingOnly = secretsForGithub(manifest, 'staging').filter((s) => !s.github.includes('preview')).map((s) => s.name);
    expect(readable.filter((n) => production.includes(n) || stagingOnly.includes(n))).toEqual([]);
    expect(featureBranchLeaks(declaration, manifest, ['feat/evil', 'feature/evil/deeper'])).toEqual([]);
  });
});

describe('scenario: rollback with no inputs returns to the last good deployment', () => {
  let github: FakeGitHub;
  let web: FakeWebApp;
  afterEach(async () => {
    for (const s of [github, web]) await s?.close();
  });

  test('the newest successful web deployment that is not serving is promoted, verified with a smoke chat, recorded, and deploys freeze', async () => {
    github = await startFakeGitHub();
    github.seed({ environment: 'production', task: 'deploy:web', sha: 'a'.repeat(40), state: 'success', payload: { url: 'https://chef-chopsky-older.vercel.app' }, minutesAgo: 300 });
    github.seed({ environment: 'production', task: 'deploy:web', sha: 'b'.repeat(40), state: 'success', payload: { url: 'https://chef-chopsky-good.vercel.app' }, minutesAgo: 200 });
    github.seed({ environment: 'production', task: 'deploy:web', sha: SHA, state: 'success', payload: { url: 'https://chef-chopsky-bad.vercel.app' }, minutesAgo: 10 });
    // The production domain serves the bad release until `vercel promote` ran.
    const holder: { ctx?: ReturnType<typeof testCtx> } = {};
    web = await startFakeWebApp({ release: () => (holder.ctx?.calls().some((c) => c.argv[0] === 'promote') ? 'b'.repeat(40) : SHA) });
    const ctx = testCtx({ env: { VERCEL_TOKEN: 'vc', VERCEL_ORG_ID: 'team', VERCEL_PROJECT_ID: 'prj', APP_URL: web.url, FAKE_GH_API_URL: github.url, GITHUB_REPOSITORY: 'chef/chopsky', GITHUB_SHA: SHA } });
    holder.ctx = ctx;
    expect(await rollback(['--environment', 'production', '--component', 'web', '--apply', '--attempts', '3'], ctx)).toBe(0);
    expect(ctx.calls().filter((c) => c.cli === 'vercel').map((c) => c.argv.slice(0, 2).join(' '))).toEqual(['promote https://chef-chopsky-good.vercel.app']);
    expect(web.deleted).toHaveLength(1);
    expect(github.deployments.find((d) => d.payload.rollback)?.sha).toBe('b'.repeat(40));
    expect(github.deployments.find((d) => d.task === 'deploy:freeze')?.statuses[0]?.state).toBe('success');
  });
});

describe('scenario: a wrong gateway token makes readiness fail and pages once, then resolves once', () => {
  let upstream: FakeOpenAI;
  let agentServer: Server;
  let webServer: Server;
  let pager: TestServer;
  afterEach(async () => {
    agentServer?.closeAllConnections();
    webServer?.closeAllConnections();
    await Promise.all([upstream?.close(), pager?.close(), new Promise((r) => agentServer?.close(r)), new Promise((r) => webServer?.close(r))]);
  });

  test('the real agent and the web app\'s real readiness: a rotated-wrong token fails readiness, the monitor pages PagerDuty once across runs, and resolves once when the token is fixed', async () => {
    const right = 'the-right-gateway-token-000000000001';
    upstream = await startFakeOpenAI();
    const env = parseEnv({ APP_ENV: 'test', GATEWAY_TOKEN: right, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'm', LOG_LEVEL: 'silent' });
    const { app } = createApp({ env, logger: createLogger({ level: 'silent' }) });
    agentServer = app.listen(0, '127.0.0.1');
    await once(agentServer, 'listening');
    const agentUrl = `http://127.0.0.1:${(agentServer.address() as AddressInfo).port}`;

    // The web app's readiness route, as Next.js serves it (frontend/app/(health)/api/health/ready/route.ts), around
    // the real checkReadiness, with the token the web app holds.
    let webToken = 'a-token-from-a-half-finished-rotation';
    webServer = createServer((req, res) => {
      const context: WebContext = { env: { agentUrl, gatewayToken: webToken }, store: { ping: async () => undefined } };
      void checkReadiness(async () => context).then((report) => {
        res.writeHead(report.status === 'fail' ? 503 : 200, { 'content-type': 'application/health+json' });
        res.end(JSON.stringify(report));
      });
    });
    webServer.listen(0, '127.0.0.1');
    await once(webServer, 'listening');
    const appUrl = `http://127.0.0.1:${(webServer.address() as AddressInfo).port}`;

    const accepted: { event_action: string; dedup_key: string; payload?: { severity: string } }[] = [];
    pager = await startServer((req, res) => {
      accepted.push(JSON.parse(req.body));
      res.writeHead(202);
      res.end('{}');
    });
    const ctx = testCtx({ env: { APP_URL: appUrl, AGENT_URL: agentUrl, PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${pager.url}/v2/enqueue` } });
    const tick = () => monitor(['--environment', 'production', '--state-file', 'readiness.json', '--attempts', '2', '--initial-delay-ms', '1'], ctx);

    expect(await tick()).toBe(1);
    expect(ctx.output()).toContain("the agent refused this web app's gateway token (401)");
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(1);
    expect(accepted).toEqual([expect.objectContaining({ event_action: 'trigger', dedup_key: 'readiness-production', payload: expect.objectContaining({ severity: 'critical' }) })]);

    webToken = right;
    expect(await tick()).toBe(0);
    expect(await tick()).toBe(0);
    expect(accepted.map((e) => e.event_action)).toEqual(['trigger', 'resolve']);
    expect(accepted[1]).toEqual({ routing_key: 'rk-0000000000000000', event_action: 'resolve', dedup_key: 'readiness-production' });
    // readiness asked the model endpoint (cached), never for a completion
    expect(upstream.modelLookups.length).toBeGreaterThanOrEqual(1);
    expect(upstream.requests).toEqual([]);
  });
});
