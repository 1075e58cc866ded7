import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../uptimerobot';
import { startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
afterEach(async () => server?.close());

interface Monitor {
  id: number;
  friendly_name: string;
  url: string;
  type: number;
  interval: number;
  status: number;
  alert_contacts?: { id: string }[];
}

const CONTACTS = [
  { id: '7001', friendly_name: 'Chef Chopsky PagerDuty', type: 16 },
  { id: '7002', friendly_name: 'Chef Chopsky Slack', type: 11 },
];

/** An in-memory UptimeRobot v2 API: form-encoded POSTs, {stat: ok|fail}, optional 429s before answering. */
async function fakeUptimeRobot(initial: Monitor[], options: { rateLimitFirst?: number } = {}) {
  const monitors = [...initial];
  let nextId = 900;
  let limited = options.rateLimitFirst ?? 0;
  const writes: string[] = [];
  server = await startServer((req, res) => {
    const form = new URLSearchParams(req.body);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (limited > 0) {
      limited -= 1;
      res.writeHead(429, { 'retry-after': '2' });
      res.end();
      return;
    }
    if (form.get('api_key') !== 'ur-key-123' || req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
      json({ stat: 'fail', error: { type: 'invalid_parameter', message: 'api_key is wrong' } });
      return;
    }
    const method = req.url.replace('/v2/', '');
    if (method === 'getAlertContacts') {
      json({ stat: 'ok', alert_contacts: CONTACTS });
      return;
    }
    if (method === 'getMonitors') {
      const offset = Number(form.get('offset'));
      json({ stat: 'ok', pagination: { offset, limit: 50, total: monitors.length }, monitors: monitors.slice(offset, offset + 50) });
      return;
    }
    writes.push(`${method} ${form.get('id') ?? form.get('friendly_name')}`);
    // alert_contacts: id_threshold_recurrence pairs joined by "-"
    const contacts = (form.get('alert_contacts') ?? '').split('-').filter(Boolean).map((pair) => ({ id: pair.split('_')[0] ?? '' }));
    if (method === 'newMonitor') {
      const m = { id: nextId++, friendly_name: form.get('friendly_name') ?? '', url: form.get('url') ?? '', type: Number(form.get('type')), interval: Number(form.get('interval')), status: 1, alert_contacts: contacts };
      monitors.push(m);
      json({ stat: 'ok', monitor: { id: m.id, status: 1 } });
    } else if (method === 'editMonitor') {
      const m = monitors.find((x) => x.id === Number(form.get('id')));
      if (!m) return json({ stat: 'fail', error: { type: 'not_found' } });
      m.url = form.get('url') ?? m.url;
      m.interval = Number(form.get('interval') ?? m.interval);
      if (form.has('alert_contacts')) m.alert_contacts = contacts;
      json({ stat: 'ok', monitor: { id: m.id } });
    } else if (method === 'deleteMonitor') {
      const i = monitors.findIndex((x) => x.id === Number(form.get('id')));
      monitors.splice(i, 1);
      json({ stat: 'ok', monitor: { id: Number(form.get('id')) } });
    } else {
      json({ stat: 'fail', error: { type: 'unknown_method' } });
    }
  });
  return { monitors, writes };
}

const urls = {
  PRODUCTION_APP_URL: 'https://chef-chopsky.example',
  PRODUCTION_AGENT_URL: 'https://agent.chef-chopsky.example',
  STAGING_APP_URL: 'https://staging.chef-chopsky.example',
  STAGING_AGENT_URL: 'https://agent-staging.chef-chopsky.example',
};
const env = () => ({ UPTIME_ROBOT_API_KEY: 'ur-key-123', UPTIME_ROBOT_API_URL: `${server.url}/v2`, ...urls });

describe('uptime sync', () => {
  const existing: Monitor[] = [
    { id: 1, friendly_name: 'Chef Chopsky production web app', url: 'https://old.example/api/health/ready', type: 1, interval: 300, status: 2 },
    { id: 2, friendly_name: 'Chef Chopsky production agent', url: 'https://agent.chef-chopsky.example/health/ready', type: 1, interval: 300, status: 2, alert_contacts: [{ id: '7001' }, { id: '7002' }] },
    { id: 3, friendly_name: 'Chef Chopsky old worker', url: 'https://worker.example', type: 1, interval: 300, status: 2 },
    { id: 4, friendly_name: 'Someone else', url: 'https://other.example', type: 1, interval: 60, status: 2 },
  ];

  test('when run without --apply, then it prints the plan and changes nothing', async () => {
    const api = await fakeUptimeRobot(existing);
    const ctx = testCtx({ env: env() });
    expect(await run(['sync'], ctx)).toBe(0);
    expect(api.writes).toEqual([]);
    const out = ctx.output();
    expect(out).toContain('update "Chef Chopsky production web app" (id 1): url https://old.example/api/health/ready → https://chef-chopsky.example/api/health/ready');
    expect(out).toContain('create "Chef Chopsky staging web app" https://staging.chef-chopsky.example/api/health/ready every 300s');
    expect(out).toContain('delete "Chef Chopsky old worker" (id 3)');
    expect(out).not.toContain('Someone else');
    expect(out).toContain('dry run');
    expect(out).not.toContain('ur-key-123');
  });

  test('when applied twice, then the first run creates, updates and deletes and the second changes nothing', async () => {
    const api = await fakeUptimeRobot(existing);
    const first = testCtx({ env: env() });
    expect(await run(['sync', '--apply'], first)).toBe(0);
    expect(api.writes.sort()).toEqual(['deleteMonitor 3', 'editMonitor 1', 'newMonitor Chef Chopsky staging agent', 'newMonitor Chef Chopsky staging web app']);
    // production pages through PagerDuty and tells Slack; staging only tells Slack
    const contactsOf = (name: string) => api.monitors.find((m) => m.friendly_name === name)?.alert_contacts?.map((c) => c.id).sort();
    expect(contactsOf('Chef Chopsky production web app')).toEqual(['7001', '7002']);
    expect(contactsOf('Chef Chopsky staging web app')).toEqual(['7002']);
    expect(api.monitors.map((m) => m.friendly_name).sort()).toEqual([
      'Chef Chopsky production agent',
      'Chef Chopsky production web app',
      'Chef Chopsky staging agent',
      'Chef Chopsky staging web app',
      'Someone else',
    ]);
    const second = testCtx({ env: env() });
    expect(await run(['sync', '--apply'], second)).toBe(0);
    expect(api.writes).toHaveLength(4);
    expect(second.output()).toContain('uptime: in sync');
  });

  test('a monitor whose alert contacts drifted is updated; a contact UptimeRobot does not have is a usage error', async () => {
    const api = await fakeUptimeRobot([{ ...existing[1]!, alert_contacts: [{ id: '7002' }] }]);
    const ctx = testCtx({ env: env() });
    expect(await run(['sync'], ctx)).toBe(0);
    expect(ctx.output()).toContain('update "Chef Chopsky production agent" (id 2): alert contacts 7002_0_0 → 7001_0_0-7002_0_0');
    expect(api.writes).toEqual([]);
    const definition = path.join(ctx.dir, 'monitors.json');
    writeFileSync(definition, JSON.stringify({ namePrefix: 'Chef Chopsky', monitors: [{ friendlyName: 'Chef Chopsky x', url: 'https://x.example', intervalSeconds: 300, alertContacts: ['Nobody'] }] }));
    await expect(run(['sync', '--definition', definition], ctx)).rejects.toThrow(/no alert contact named "Nobody"/);
  });

  test('when the API answers 429, then it waits Retry-After and retries', async () => {
    const api = await fakeUptimeRobot([], { rateLimitFirst: 2 });
    const ctx = testCtx({ env: env() });
    expect(await run(['sync'], ctx)).toBe(0);
    expect(ctx.sleeps).toEqual([2000, 2000]);
    expect(server.requests).toHaveLength(4);
    expect(api.writes).toEqual([]);
  });

  test('when a URL placeholder has no value, then it is a usage error', async () => {
    await fakeUptimeRobot([]);
    const ctx = testCtx({ env: { ...env(), STAGING_AGENT_URL: '' } });
    await expect(run(['sync'], ctx)).rejects.toThrow(/STAGING_AGENT_URL is not set/);
  });

  test('status: when a defined monitor is down or missing, then it exits 1', async () => {
    await fakeUptimeRobot([{ ...existing[1]!, status: 9 }]);
    const ctx = testCtx({ env: env() });
    expect(await run(['status'], ctx)).toBe(1);
    expect(ctx.output()).toContain('Chef Chopsky production agent: down');
    expect(ctx.output()).toContain('Chef Chopsky staging web app: missing');
  });

  test('status: when every monitor is up, then it exits 0', async () => {
    const api = await fakeUptimeRobot([]);
    expect(await run(['sync', '--apply'], testCtx({ env: env() }))).toBe(0);
    for (const m of api.monitors) m.status = 2;
    expect(await run(['status'], testCtx({ env: env() }))).toBe(0);
  });
});
