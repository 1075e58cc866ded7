import { run } from '../sentry-alerts';
import { startServer, type TestServer, testCtx } from './helpers';

let sentry: TestServer;
afterEach(async () => sentry?.close());

/** An in-memory Sentry metric alert rules API (organizations/<org>/alert-rules/). */
async function fakeSentry() {
  const rules: Record<string, unknown>[] = [];
  let nextId = 1;
  sentry = await startServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== 'Bearer sntrys_alerts') return json(401, { detail: 'Invalid token' });
    const match = /^\/api\/0\/organizations\/chef\/alert-rules\/(?:(\d+)\/)?$/.exec(req.url);
    if (!match) return json(404, { detail: 'not found' });
    if (req.method === 'GET') return json(200, rules);
    const body = JSON.parse(req.body) as Record<string, unknown>;
    if (req.method === 'POST') {
      const rule = { ...body, id: String(nextId++) };
      rules.push(rule);
      return json(201, rule);
    }
    const index = rules.findIndex((r) => r.id === match[1]);
    rules[index] = { ...body, id: match[1] };
    return json(200, rules[index]);
  });
  return rules;
}

const env = () => ({ SENTRY_AUTH_TOKEN: 'sntrys_alerts', SENTRY_ORG: 'chef', SENTRY_URL: sentry.url, SENTRY_PAGERDUTY_INTEGRATION_ID: '55', SENTRY_PAGERDUTY_SERVICE_ID: '66' });

describe('sentry:alerts', () => {
  test('creates the error-rate and p95 rules per component with a PagerDuty action, then is in sync; a changed threshold is updated', async () => {
    const rules = await fakeSentry();
    const dry = testCtx({ env: env() });
    expect(await run([], dry)).toBe(0);
    expect(rules).toEqual([]);
    expect(dry.output()).toContain('create "Chef Chopsky agent error rate over 5% (production)" (failure_rate() over 5 min > 5, chef-chopsky-agent/production)');

    expect(await run(['--apply'], testCtx({ env: env() }))).toBe(0);
    expect(rules.map((r) => r.aggregate)).toEqual(['failure_rate()', 'p95(transaction.duration)', 'failure_rate()', 'p95(transaction.duration)']);
    expect(rules[1]).toMatchObject({ timeWindow: 10, projects: ['chef-chopsky-agent'], environment: 'production', triggers: [{ label: 'critical', alertThreshold: 2000, actions: [{ type: 'pagerduty', targetIdentifier: '66', integrationId: '55' }] }] });

    const again = testCtx({ env: env() });
    expect(await run(['--apply'], again)).toBe(0);
    expect(again.output()).toContain('sentry-alerts: in sync');

    (rules[1]!.triggers as { alertThreshold: number }[])[0]!.alertThreshold = 5000;
    const drifted = testCtx({ env: env() });
    expect(await run(['--apply'], drifted)).toBe(0);
    expect(drifted.output()).toContain('update "Chef Chopsky agent p95 over 2 s (production)" (id 2): threshold 5000 → 2000');
    expect((rules[1]!.triggers as { alertThreshold: number }[])[0]!.alertThreshold).toBe(2000);
    expect(drifted.output()).not.toContain('sntrys_alerts');
  });

  test('when the PagerDuty placeholders or the token are missing, then it is a usage error', async () => {
    await fakeSentry();
    await expect(run([], testCtx({ env: { ...env(), SENTRY_PAGERDUTY_SERVICE_ID: '' } }))).rejects.toThrow(/SENTRY_PAGERDUTY_SERVICE_ID is not set/);
    await expect(run([], testCtx())).rejects.toThrow(/SENTRY_AUTH_TOKEN/);
  });
});
