import { detectWebhookFormat } from '../lib/alert';
import { run } from '../send-alert';
import { startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
afterEach(async () => server?.close());

describe('send-alert', () => {
  test('when the webhook is Slack, then it posts text and mrkdwn blocks', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/services/T000/B000/secretpart` } });
    const code = await run(['--title', 'Deploy failed', '--text', 'staging deploy failed at smoke test', '--severity', 'critical', '--environment', 'staging', '--field', 'commit=abc123', '--link', 'https://github.com/x/y/actions/runs/1'], ctx);
    expect(code).toBe(0);
    const payload = JSON.parse(server.requests[0]?.body ?? '{}') as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(payload.text).toBe('[CRITICAL] staging: Deploy failed: staging deploy failed at smoke test');
    expect(payload.blocks[0]?.text?.text).toContain(':rotating_light:');
    expect(payload.blocks[1]?.fields?.[0]?.text).toBe('*commit*\nabc123');
    expect(payload.blocks[2]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://github.com/x/y/actions/runs/1|Details>' }] });
    expect(ctx.output()).not.toContain('secretpart');
  });

  test('when the webhook is Discord, then it posts content and an embed', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/api/webhooks/123/token` } });
    expect(await run(['--title', 'Recovered', '--text', 'all green', '--severity', 'resolved', '--format', 'discord'], ctx)).toBe(0);
    const payload = JSON.parse(server.requests[0]?.body ?? '{}') as { content: string; embeds: { title: string; description: string; color: number }[]; text?: string };
    expect(payload.content).toBe('[RESOLVED] Recovered');
    expect(payload.embeds[0]).toMatchObject({ title: 'Recovered', description: 'all green', color: 0x16a34a });
    expect(payload.text).toBeUndefined();
  });

  test('detects Discord URLs and defaults to Slack otherwise', () => {
    expect(detectWebhookFormat('https://discord.com/api/webhooks/1/abc')).toBe('discord');
    expect(detectWebhookFormat('https://discordapp.com/api/webhooks/1/abc')).toBe('discord');
    expect(detectWebhookFormat('https://hooks.slack.com/services/T/B/x')).toBe('slack');
    expect(detectWebhookFormat('https://discord.com/channels/1')).toBe('slack');
  });

  test('when the webhook answers 4xx, then it fails without retrying', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(400);
      res.end('invalid_payload');
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/hook` } });
    await expect(run(['--title', 't', '--text', 'x'], ctx)).rejects.toThrow(/HTTP 400: invalid_payload/);
    expect(server.requests).toHaveLength(1);
  });

  test('when the webhook answers 5xx, then it retries and then fails', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const ctx = testCtx({ env: { ALERT_WEBHOOK_URL: `${server.url}/hook` } });
    await expect(run(['--title', 't', '--text', 'x'], ctx)).rejects.toThrow(/HTTP 503/);
    expect(server.requests).toHaveLength(3);
    expect(ctx.sleeps).toEqual([1000, 2000]);
  });

  test('when no webhook is configured or arguments are missing, then it is a usage error', async () => {
    await expect(run(['--title', 't', '--text', 'x'], testCtx())).rejects.toThrow(/ALERT_WEBHOOK_URL/);
    await expect(run(['--title', 't'], testCtx())).rejects.toThrow(/--text/);
    await expect(run(['--title', 't', '--text', 'x', '--severity', 'meh'], testCtx())).rejects.toThrow(/severity/);
  });
});
