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
  test('production: pages PagerDuty once when it goes down and resolves once when it recovers, never on steady state', async () => {
    let healthy = true;
    let pagerStatus = 202;
    app = await startServer((_req, res: ServerResponse) => healthJson(res, healthy ? 200 : 503, { status: healthy ? 'pass' : 'fail' }));
    /** Events PagerDuty accepted (202); refused deliveries are retried and do not count. */
    const accepted: { event_action: string; dedup_key: string; payload?: { severity: string; summary: string } }[] = [];
    webhook = await startServer((req, res) => {
      const status = req.url === '/v2/enqueue' ? pagerStatus : 200;
      if (req.url === '/v2/enqueue' && status === 202) accepted.push(JSON.parse(req.body));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const stateFile = 'state/monitor-production.json';
    const ctx = testCtx({ env: { APP_URL: app.url, AGENT_URL: app.url, ALERT_WEBHOOK_URL: `${webhook.url}/hook`, PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${webhook.url}/v2/enqueue` } });
    const tick = () => run(['--environment', 'production', '--state-file', stateFile, '--initial-delay-ms', '1'], ctx);
    const pages = () => accepted;
    const chat = () => webhook.requests.filter((r) => r.url === '/hook').map((r) => (JSON.parse(r.body) as { text: string }).text);

    expect(await tick()).toBe(0);
    expect(pages()).toEqual([]);

    healthy = false;
    expect(await tick()).toBe(1);
    expect(pages()).toEqual([expect.objectContaining({ event_action: 'trigger', dedup_key: 'readiness-production', payload: expect.objectContaining({ severity: 'critical', summary: '[P0] production: Readiness failing' }) })]);
    expect(chat()[0]).toMatch(/^\[CRITICAL\] production: Readiness failing: Failing after 3 attempts/);
    expect(app.requests.filter((r) => r.url === '/health/ready')).toHaveLength(1 + 3);

    expect(await tick()).toBe(1);
    expect(pages()).toHaveLength(1);

    healthy = true;
    pagerStatus = 500;
    expect(await tick()).toBe(1);
    const saved = JSON.parse(readFileSync(path.join(ctx.dir, stateFile), 'utf8')) as MonitorState;
    expect(saved.status).toBe('down');
    expect(webhook.requests.filter((r) => r.url === '/v2/enqueue')).toHaveLength(1 + 3);

    pagerStatus = 202;
    expect(await tick()).toBe(0);
    expect(pages().filter((p) => p.event_action === 'resolve')).toHaveLength(1);
    expect(pages().at(-1)).toEqual({ routing_key: 'rk-0000000000000000', event_action: 'resolve', dedup_key: 'readiness-production' });
    expect((JSON.parse(readFileSync(path.join(ctx.dir, stateFile), 'utf8')) as MonitorState).status).toBe('up');

    const before = webhook.requests.length;
    expect(await tick()).toBe(0);
    expect(webhook.requests.length).toBe(before);
  });

  test('staging: an outage goes to the chat as P3 and never pages', async () => {
    app = await startServer((_req, res) => healthJson(res, 503, { status: 'fail' }));
    webhook = await startServer((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${webhook.url}/hook`, PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${webhook.url}/v2/enqueue` } });
    expect(await run(['--environment', 'staging', '--state-file', 's.json', '--app-url', app.url, '--attempts', '1'], ctx)).toBe(1);
    expect(webhook.requests.map((r) => r.url)).toEqual(['/hook']);
    expect((JSON.parse(webhook.requests[0]?.body ?? '{}') as { text: string }).text).toMatch(/^\[INFO\] staging: Readiness failing/);
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

describe('the synthetic chat probe', () => {
  test('web app → agent → model → store: a stored reply passes and the conversation is deleted; a reply the store lost pages once', async () => {
    let storeKeepsReply = true;
    app = await startServer((req, res) => {
      if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'set-cookie': 'cc_session=probe.sig; Path=/' });
        res.end('ok');
      } else if (req.url === '/api/chat') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('event: conversation\ndata: {"conversationId":"c9"}\n\nevent: done\ndata: {}\n\n');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        const reply = storeKeepsReply ? [{ role: 'assistant', status: 'complete', content: 'Lentil soup' }] : [];
        res.end(req.method === 'DELETE' ? '{"deleted":true}' : JSON.stringify({ messages: [{ role: 'user', status: 'complete', content: 'Plan 1 day of dinners for 2' }, ...reply] }));
      }
    });
    webhook = await startServer((_req, res) => {
      res.writeHead(202);
      res.end('{}');
    });
    const ctx = testCtx({ env: { APP_URL: app.url, PAGERDUTY_ROUTING_KEY: 'rk-0000000000000000', PAGERDUTY_EVENTS_URL: `${webhook.url}/v2/enqueue` } });
    const tick = () => run(['--environment', 'production', '--probe', 'chat', '--state-file', 'chat.json', '--attempts', '2', '--initial-delay-ms', '1'], ctx);
    expect(await tick()).toBe(0);
    expect(app.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /', 'POST /api/chat', 'GET /api/conversations/c9', 'DELETE /api/conversations/c9']);
    expect(webhook.requests).toEqual([]);

    storeKeepsReply = false;
    expect(await tick()).toBe(1);
    expect(await tick()).toBe(1);
    const events = webhook.requests.map((r) => JSON.parse(r.body) as { event_action: string; dedup_key: string });
    expect(events).toEqual([expect.objectContaining({ event_action: 'trigger', dedup_key: 'chat-production' })]);
    expect(app.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1 + 4);
  });
});
