import { detectWebhookFormat, discordPayload } from '../lib/alert';
import { run } from '../send-alert';
import { startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
let pagerduty: TestServer;
let opsgenie: TestServer;
afterEach(async () => {
  await server?.close();
  await pagerduty?.close();
  await opsgenie?.close();
});

const ok = (status = 200) => async () =>
  startServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 202 ? '{"status":"success","message":"Event processed","dedup_key":"k"}' : '{}');
  });

describe('send-alert to the chat webhook', () => {
  test('when the webhook is Slack, then it posts text and mrkdwn blocks with the priority', async () => {
    server = await ok()();
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/services/T000/B000/secretpart` } });
    const code = await run(['--title', 'Deploy failed', '--text', 'staging deploy failed at smoke test', '--for', 'deploy-failure', '--environment', 'staging', '--field', 'commit=abc123', '--link', 'https://github.com/x/y/actions/runs/1'], ctx);
    expect(code).toBe(0);
    const payload = JSON.parse(server.requests[0]?.body ?? '{}') as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(payload.text).toBe('[INFO] staging: Deploy failed: staging deploy failed at smoke test');
    expect(payload.blocks[1]?.fields?.map((f) => f.text)).toEqual(['*priority*\nP3', '*commit*\nabc123']);
    expect(payload.blocks[2]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://github.com/x/y/actions/runs/1|Details>' }] });
    expect(ctx.output()).not.toContain('secretpart');
  });

  test('a resolve reaches the chat as RESOLVED; Discord gets content and an embed, never Slack\'s text', async () => {
    server = await ok(204)();
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/hook` } });
    expect(await run(['--title', 'Recovered', '--text', 'all green', '--resolve', '--environment', 'staging'], ctx)).toBe(0);
    expect((JSON.parse(server.requests[0]?.body ?? '{}') as { text: string }).text).toBe('[RESOLVED] staging: Recovered: all green');
    const payload = discordPayload({ title: 'Recovered', text: 'all green', severity: 'resolved' }) as { content: string; embeds: { title: string; color: number }[]; text?: string };
    expect(payload.content).toBe('[RESOLVED] Recovered');
    expect(payload.embeds[0]).toMatchObject({ title: 'Recovered', color: 0x16a34a });
    expect(payload.text).toBeUndefined();
  });

  test('detects Discord URLs and defaults to Slack otherwise', () => {
    expect(detectWebhookFormat('https://discord.com/api/webhooks/1/abc')).toBe('discord');
    expect(detectWebhookFormat('https://discordapp.com/api/webhooks/1/abc')).toBe('discord');
    expect(detectWebhookFormat('https://hooks.slack.com/services/T/B/x')).toBe('slack');
    expect(detectWebhookFormat('https://discord.com/channels/1')).toBe('slack');
  });

  test('when the webhook answers 4xx, then it fails without retrying; 5xx is retried and then fails', async () => {
    server = await startServer((req, res) => {
      res.writeHead(req.url === '/bad' ? 400 : 503);
      res.end(req.url === '/bad' ? 'invalid_payload' : '');
    });
    await expect(run(['--title', 't', '--text', 'x'], testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/bad` } }))).rejects.toThrow(/HTTP 400: invalid_payload/);
    expect(server.requests).toHaveLength(1);
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/down` } });
    await expect(run(['--title', 't', '--text', 'x'], ctx)).rejects.toThrow(/HTTP 503/);
    expect(server.requests).toHaveLength(4);
    expect(ctx.sleeps).toEqual([1000, 2000]);
  });

  test('when nothing is configured or arguments are missing, then it is a usage error', async () => {
    await expect(run(['--title', 't', '--text', 'x'], testCtx())).rejects.toThrow(/nowhere to send/);
    await expect(run(['--title', 't'], testCtx())).rejects.toThrow(/--text/);
    await expect(run(['--title', 't', '--text', 'x', '--priority', 'P9'], testCtx())).rejects.toThrow(/--priority must be one of P0, P1, P2, P3/);
  });
});

describe('send-alert pages for P0 and P1', () => {
  test('a production outage is a P0: PagerDuty gets a critical trigger with the dedup key, Opsgenie a P1 alert aliased by it, the chat a copy', async () => {
    [server, pagerduty, opsgenie] = await Promise.all([ok()(), ok(202)(), ok(202)()]);
    const ctx = testCtx({
      env: {
        ALERT_WEBHOOK_URL: `${server.url}/hook`,
        PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY0000000000000000000000',
        PAGERDUTY_EVENTS_URL: `${pagerduty.url}/v2/enqueue`,
        OPSGENIE_API_KEY: 'genie-key-0000',
        OPSGENIE_API_URL: opsgenie.url,
      },
    });
    expect(await run(['--title', 'Web app down', '--text', 'readiness failing', '--for', 'outage', '--environment', 'production', '--dedup-key', 'readiness-production'], ctx)).toBe(0);
    expect(JSON.parse(pagerduty.requests[0]?.body ?? '{}')).toEqual({
      routing_key: 'R0UTINGKEY0000000000000000000000',
      event_action: 'trigger',
      dedup_key: 'readiness-production',
      payload: { summary: '[P0] production: Web app down', source: 'chef-chopsky-production', severity: 'critical', group: 'production', custom_details: { text: 'readiness failing' } },
    });
    expect(pagerduty.requests[0]?.url).toBe('/v2/enqueue');
    expect(opsgenie.requests[0]).toMatchObject({ method: 'POST', url: '/v2/alerts', headers: { authorization: 'GenieKey genie-key-0000' } });
    expect(JSON.parse(opsgenie.requests[0]?.body ?? '{}')).toMatchObject({ alias: 'readiness-production', priority: 'P1', message: 'production: Web app down' });
    expect(server.requests).toHaveLength(1);
    expect(ctx.output()).not.toContain('R0UTINGKEY');

    expect(await run(['--title', 'Web app back', '--text', 'readiness passing', '--for', 'outage', '--environment', 'production', '--dedup-key', 'readiness-production', '--resolve'], ctx)).toBe(0);
    expect(JSON.parse(pagerduty.requests[1]?.body ?? '{}')).toEqual({ routing_key: 'R0UTINGKEY0000000000000000000000', event_action: 'resolve', dedup_key: 'readiness-production' });
    expect(opsgenie.requests[1]?.url).toBe('/v2/alerts/readiness-production/close?identifierType=alias');
  });

  test('a staging outage is a P3: the chat only, never the pager', async () => {
    [server, pagerduty] = await Promise.all([ok()(), ok(202)()]);
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/hook`, PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY0000000000000000000000', PAGERDUTY_EVENTS_URL: `${pagerduty.url}/v2/enqueue` } });
    expect(await run(['--title', 'Staging down', '--text', 'x', '--for', 'outage', '--environment', 'staging'], ctx)).toBe(0);
    expect(pagerduty.requests).toEqual([]);
    expect((JSON.parse(server.requests[0]?.body ?? '{}') as { text: string }).text).toMatch(/^\[INFO\] staging: Staging down/);
  });

  test('a P0 with no pager configured fails instead of paging nobody', async () => {
    server = await ok()();
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/hook` } });
    await expect(run(['--title', 'Down', '--text', 'x', '--priority', 'P0', '--environment', 'production'], ctx)).rejects.toThrow(/must page, but neither PAGERDUTY_ROUTING_KEY nor OPSGENIE_API_KEY is set/);
    expect(server.requests).toEqual([]);
  });
});
