import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { decideTransition, type MonitorState, run } from '../monitor-health';
import { healthJson, startServer, type TestServer, testCtx } from './helpers';

let app: TestServer;
let webhook: TestServer;
afterEach(async () => {
  await app?.close();
  await webhook?.close();
});

describe('decideTransition', () => {
  const state = (status: 'up' | 'down'): MonitorState => ({ status, since: 't', lastCheck: 't', failing: [] });
  test.each([
    [null, 'up', 'none'],
    [null, 'down', 'went-down'],
    ['up', 'up', 'none'],
    ['up', 'down', 'went-down'],
    ['down', 'down', 'none'],
    ['down', 'up', 'recovered'],
  ] as const)('previous %s, now %s → %s', (before, now, expected) => {
    expect(decideTransition(before ? state(before) : null, now)).toBe(expected);
  });
});

describe('monitor-health over a sequence of scheduled runs', () => {
  test('alerts once when it goes down and once when it recovers, never on steady state', async () => {
    let healthy = true;
    let webhookStatus = 200;
    app = await startServer((_req, res: ServerResponse) => healthJson(res, healthy ? 200 : 503, { status: healthy ? 'pass' : 'fail' }));
    webhook = await startServer((_req, res) => {
      res.writeHead(webhookStatus);
      res.end();
    });
    const stateFile = 'state/monitor-production.json';
    const ctx = testCtx({ env: { APP_URL: app.url, AGENT_URL: app.url, ALERT_WEBHOOK_URL: `${webhook.url}/hook` } });
    const tick = () => run(['--environment', 'production', '--state-file', stateFile, '--initial-delay-ms', '1'], ctx);
    const alerts = () => webhook.requests.map((r) => (JSON.parse(r.body) as { text: string }).text);

    expect(await tick()).toBe(0);
    expect(alerts()).toEqual([]);

    healthy = false;
    expect(await tick()).toBe(1);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatch(/^\[CRITICAL\] production: Health check failing: Failing after 3 attempts/);
    expect(app.requests.filter((r) => r.url === '/health/ready')).toHaveLength(1 + 3);

    expect(await tick()).toBe(1);
    expect(alerts()).toHaveLength(1);

    healthy = true;
    webhookStatus = 500;
    expect(await tick()).toBe(1);
    const saved = JSON.parse(readFileSync(path.join(ctx.dir, stateFile), 'utf8')) as MonitorState;
    expect(saved.status).toBe('down');

    webhookStatus = 200;
    expect(await tick()).toBe(0);
    expect(alerts().at(-1)).toMatch(/^\[RESOLVED\] production: Recovered/);
    expect((JSON.parse(readFileSync(path.join(ctx.dir, stateFile), 'utf8')) as MonitorState).status).toBe('up');

    const before = webhook.requests.length;
    expect(await tick()).toBe(0);
    expect(webhook.requests.length).toBe(before);
  });

  test('when the state file is missing and the service is healthy, then it writes state without alerting', async () => {
    app = await startServer((_req, res) => healthJson(res, 200, { status: 'pass' }));
    webhook = await startServer((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${webhook.url}/x` } });
    expect(await run(['--environment', 'staging', '--state-file', 's.json', '--app-url', app.url], ctx)).toBe(0);
    expect(existsSync(path.join(ctx.dir, 's.json'))).toBe(true);
    expect(webhook.requests).toEqual([]);
  });
});
