import { type Ctx, OperationError } from './cli';
import { requestWithRetries } from './http';
import { redactUrl } from './mask';

export type Severity = 'info' | 'warning' | 'critical' | 'resolved';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical', 'resolved'];

export interface Alert {
  title: string;
  text: string;
  severity: Severity;
  environment?: string;
  link?: string;
  fields?: Record<string, string>;
}

export type WebhookFormat = 'slack' | 'discord';

export function detectWebhookFormat(url: string): WebhookFormat {
  try {
    const { hostname, pathname } = new URL(url);
    if (/(^|\.)discord(app)?\.com$/.test(hostname) && pathname.startsWith('/api/webhooks/')) return 'discord';
  } catch {
    // an unparseable URL fails later, when it is posted to
  }
  return 'slack';
}

const emojiBySeverity: Record<Severity, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:', resolved: ':white_check_mark:' };
const colourBySeverity: Record<Severity, number> = { info: 0x3b82f6, warning: 0xf59e0b, critical: 0xdc2626, resolved: 0x16a34a };

function heading(alert: Alert): string {
  return `[${alert.severity.toUpperCase()}]${alert.environment ? ` ${alert.environment}:` : ''} ${alert.title}`;
}

/** Slack incoming-webhook payload: `text` is the notification fallback, blocks carry the detail. */
export function slackPayload(alert: Alert): Record<string, unknown> {
  const fields = Object.entries(alert.fields ?? {}).map(([name, value]) => ({ type: 'mrkdwn', text: `*${name}*\n${value}` }));
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${emojiBySeverity[alert.severity]} *${heading(alert)}*\n${alert.text}` } },
  ];
  if (fields.length) blocks.push({ type: 'section', fields: fields.slice(0, 10) });
  if (alert.link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${alert.link}|Details>` }] });
  return { text: `${heading(alert)}: ${alert.text}`, blocks };
}

/** Discord webhook payload: `content` plus one embed (Discord ignores Slack's `text`). */
export function discordPayload(alert: Alert): Record<string, unknown> {
  return {
    content: heading(alert),
    embeds: [
      {
        title: alert.title.slice(0, 256),
        description: alert.text.slice(0, 4000),
        color: colourBySeverity[alert.severity],
        ...(alert.link ? { url: alert.link } : {}),
        fields: Object.entries(alert.fields ?? {}).slice(0, 25).map(([name, value]) => ({ name, value: value.slice(0, 1024), inline: true })),
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/** Posts the alert; a non-2xx answer (after retrying 429/5xx) is a failure. The URL is never printed in full. */
export async function sendAlert(ctx: Ctx, webhookUrl: string, alert: Alert, format: WebhookFormat = detectWebhookFormat(webhookUrl)): Promise<void> {
  const payload = format === 'discord' ? discordPayload(alert) : slackPayload(alert);
  ctx.out(`alert: posting ${alert.severity} "${alert.title}" as ${format} to ${redactUrl(webhookUrl)}`);
  const response = await requestWithRetries(
    ctx,
    webhookUrl,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) },
    { attempts: 3, initialDelayMs: 1000, maxDelayMs: 5000, timeoutMs: 10_000, label: 'alert' },
  );
  const body = (await response.text()).slice(0, 200);
  if (!response.ok) throw new OperationError(`alert webhook answered HTTP ${response.status}${body ? `: ${body}` : ''}`);
  ctx.out(`alert: delivered (HTTP ${response.status})`);
}
