import { run } from '../rollback';
import { healthJson, startServer, type TestServer, testCtx } from './helpers';

let health: TestServer;
let webhook: TestServer;
afterEach(async () => {
  await health?.close();
  await webhook?.close();
});

const vercelEnv = { VERCEL_TOKEN: 'vc-token', VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1', RAILWAY_TOKEN: 'rw-prod', RAILWAY_STAGING_TOKEN: 'rw-staging' };

async function servers(healthStatus: number) {
  health = await startServer((_req, res) => healthJson(res, healthStatus, { status: healthStatus === 200 ? 'pass' : 'fail' }));
  webhook = await startServer((_req, res) => {
    res.writeHead(200);
    res.end('ok');
  });
  return { ...vercelEnv, APP_URL: health.url, AGENT_URL: health.url, ALERT_WEBHOOK_URL: `${webhook.url}/hook`, GITHUB_ACTOR: 'oncall-sam' };
}

describe('rollback', () => {
  test('when production is rolled back without a target, then vercel rollback and railway up run, health is verified and an alert is sent', async () => {
    const ctx = testCtx({ env: await servers(200) });
    expect(await run(['--environment', 'production', '--apply'], ctx)).toBe(0);
    expect(ctx.calls().map((c) => `${c.cli} ${c.argv.slice(0, 2).join(' ')}`)).toEqual(['vercel rollback --token=vc-token', 'railway up --service']);
    expect(ctx.calls()[1]?.argv).toEqual(['up', '--service', 'agent', '--environment', 'production', '--ci']);
    expect(health.requests.map((r) => r.url).sort()).toEqual(['/api/health/ready', '/health/ready']);
    const alert = JSON.parse(webhook.requests[0]?.body ?? '{}') as { text: string };
    expect(alert.text).toContain('[WARNING] production: Rollback completed');
  });

  test('when a target is given for production, then that deployment is promoted', async () => {
    const ctx = testCtx({ env: await servers(200) });
    expect(await run(['--environment', 'production', '--target', 'https://chef-chopsky-good1.vercel.app', '--component', 'frontend', '--apply'], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.slice(0, 3).join(' '))).toEqual(['promote https://chef-chopsky-good1.vercel.app --yes']);
  });

  test('when staging is rolled back, then its alias is pointed at the target', async () => {
    const env = await servers(200);
    const ctx = testCtx({ env });
    expect(await run(['--environment', 'staging', '--target', 'https://chef-chopsky-good2.vercel.app', '--component', 'frontend', '--apply'], ctx)).toBe(0);
    expect(ctx.calls()[0]?.argv.slice(0, 4)).toEqual(['alias', 'set', 'https://chef-chopsky-good2.vercel.app', new URL(env.APP_URL).host]);
  });

  test('when health still fails afterwards, then it exits 1 and the alert is critical', async () => {
    const ctx = testCtx({ env: await servers(503) });
    expect(await run(['--environment', 'production', '--component', 'frontend', '--apply', '--attempts', '2'], ctx)).toBe(1);
    const alert = JSON.parse(webhook.requests[0]?.body ?? '{}') as { text: string };
    expect(alert.text).toContain('[CRITICAL] production: Rollback failed');
  });

  test('when not applied, then nothing runs', async () => {
    const ctx = testCtx({ env: await servers(200) });
    expect(await run(['--environment', 'production'], ctx)).toBe(0);
    expect(ctx.calls()).toEqual([]);
    expect(webhook.requests).toEqual([]);
    expect(ctx.output()).toContain('would run: vercel rollback --token=***');
  });

  test('when the target is not a deployment URL, or staging has none, then it is a usage error', async () => {
    const env = await servers(200);
    await expect(run(['--environment', 'production', '--target', 'https://x.app/$(rm -rf)', '--apply'], testCtx({ env }))).rejects.toThrow(/--target must be/);
    await expect(run(['--environment', 'staging', '--apply'], testCtx({ env }))).rejects.toThrow(/needs --target/);
  });
});
