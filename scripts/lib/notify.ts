import { type Alert, sendAlert, type Severity } from './alert';
import { type Ctx, OperationError } from './cli';
import { requestWithRetries } from './http';
import { registerSecret } from './mask';

/**
 * Incident priorities (RUNBOOK.md "Incident response"). P0 and P1 page a person through PagerDuty (Events API v2) and,
 * where configured, Opsgenie; every priority also goes to the chat webhook. P2 and P3 are chat only.
 */
export type Priority = 'P0' | 'P1' | 'P2' | 'P3';
export const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2', 'P3'];

/** What an outage of each environment is worth: production pages, staging and previews only tell the chat. */
export const OUTAGE_PRIORITY_BY_ENVIRONMENT: Record<string, Priority> = { production: 'P0', staging: 'P3', preview: 'P3' };
/** A failed deploy or rollback: production pages (the old deployment still serves), the others tell the chat. */
export const DEPLOY_FAILURE_PRIORITY_BY_ENVIRONMENT: Record<string, Priority> = { production: 'P1', staging: 'P3', preview: 'P3' };

export function outagePriority(environment: string): Priority {
  return OUTAGE_PRIORITY_BY_ENVIRONMENT[environment] ?? 'P3';
}
export function deployFailurePriority(environment: string): Priority {
  return DEPLOY_FAILURE_PRIORITY_BY_ENVIRONMENT[environment] ?? 'P3';
}

export interface Incident {
  /** trigger opens (or adds to) the incident with this dedup key; resolve closes it. */
  action: 'trigger' | 'resolve';
  /** Stable per problem, e.g. "health-production": a second trigger with it adds to the open incident, never a new page. */
  dedupKey: string;
  priority: Priority;
  title: string;
  text: string;
  environment?: string;
  component?: string;
  link?: string;
  fields?: Record<string, string>;
}

const pagerDutySeverity: Record<Priority, 'critical' | 'error' | 'warning' | 'info'> = { P0: 'critical', P1: 'error', P2: 'warning', P3: 'info' };
/** Opsgenie's P1 is its most urgent: our P0 maps onto it. */
const opsgeniePriority: Record<Priority, string> = { P0: 'P1', P1: 'P2', P2: 'P3', P3: 'P4' };
const chatSeverity: Record<Priority, Severity> = { P0: 'critical', P1: 'critical', P2: 'warning', P3: 'info' };

export const pages = (priority: Priority) => priority === 'P0' || priority === 'P1';

/** PagerDuty Events API v2: one event, deduplicated by dedup_key; a 202 means accepted. */
export async function sendPagerDuty(ctx: Ctx, routingKey: string, incident: Incident): Promise<void> {
  const url = ctx.env.PAGERDUTY_EVENTS_URL ?? 'https://events.pagerduty.com/v2/enqueue';
  const body =
    incident.action === 'trigger'
      ? {
          routing_key: routingKey,
          event_action: 'trigger',
          dedup_key: incident.dedupKey,
          payload: {
            summary: `[${incident.priority}]${incident.environment ? ` ${incident.environment}:` : ''} ${incident.title}`.slice(0, 1024),
            source: incident.environment ? `chef-chopsky-${incident.environment}` : 'chef-chopsky',
            severity: pagerDutySeverity[incident.priority],
            ...(incident.component ? { component: incident.component } : {}),
            ...(incident.environment ? { group: incident.environment } : {}),
            custom_details: { text: incident.text, ...incident.fields },
          },
          ...(incident.link ? { links: [{ href: incident.link, text: 'Details' }] } : {}),
        }
      : { routing_key: routingKey, event_action: 'resolve', dedup_key: incident.dedupKey };
  ctx.out(`page: PagerDuty ${incident.action} ${incident.dedupKey} (${incident.priority})`);
  const response = await requestWithRetries(ctx, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { attempts: 3, initialDelayMs: 1000, maxDelayMs: 5000, timeoutMs: 10_000, label: 'pagerduty' });
  const text = (await response.text()).slice(0, 300);
  if (response.status !== 202 && !response.ok) throw new OperationError(`PagerDuty answered HTTP ${response.status}: ${text}`);
}

/** Opsgenie Alert API: create with alias = dedup key (Opsgenie deduplicates open alerts by alias), close by alias. */
export async function sendOpsgenie(ctx: Ctx, apiKey: string, incident: Incident): Promise<void> {
  const base = (ctx.env.OPSGENIE_API_URL ?? 'https://api.opsgenie.com').replace(/\/+$/, '');
  const headers = { 'content-type': 'application/json', authorization: `GenieKey ${apiKey}` };
  const [url, body] =
    incident.action === 'trigger'
      ? [
          `${base}/v2/alerts`,
          {
            message: `${incident.environment ? `${incident.environment}: ` : ''}${incident.title}`.slice(0, 130),
            alias: incident.dedupKey,
            description: incident.text.slice(0, 15_000),
            priority: opsgeniePriority[incident.priority],
            source: 'chef-chopsky',
            tags: [incident.environment, incident.component, incident.priority].filter(Boolean),
            details: { ...incident.fields, ...(incident.link ? { link: incident.link } : {}) },
          },
        ]
      : [`${base}/v2/alerts/${encodeURIComponent(incident.dedupKey)}/close?identifierType=alias`, { source: 'chef-chopsky', note: incident.text.slice(0, 25_000) }];
  ctx.out(`page: Opsgenie ${incident.action} ${incident.dedupKey} (${incident.priority})`);
  const response = await requestWithRetries(ctx, url, { method: 'POST', headers, body: JSON.stringify(body) }, { attempts: 3, initialDelayMs: 1000, maxDelayMs: 5000, timeoutMs: 10_000, label: 'opsgenie' });
  const text = (await response.text()).slice(0, 300);
  if (!response.ok) throw new OperationError(`Opsgenie answered HTTP ${response.status}: ${text}`);
}

/**
 * Sends an incident everywhere its priority goes. P0/P1 need a pager: with neither PAGERDUTY_ROUTING_KEY nor
 * OPSGENIE_API_KEY set, that is an error (a page that silently went nowhere is worse than a failed step). A resolve
 * goes to the pagers whatever the priority, so an incident opened as P0 is closed even if the caller says P3.
 * Every destination is tried; the first failure is thrown after the others were attempted.
 */
export async function notify(ctx: Ctx, incident: Incident): Promise<void> {
  const routingKey = ctx.env.PAGERDUTY_ROUTING_KEY;
  const opsgenieKey = ctx.env.OPSGENIE_API_KEY;
  const webhook = ctx.env.ALERT_WEBHOOK_URL;
  for (const secret of [routingKey, opsgenieKey, webhook]) registerSecret(secret);
  const toPagers = incident.action === 'resolve' || pages(incident.priority);
  if (pages(incident.priority) && incident.action === 'trigger' && !routingKey && !opsgenieKey) {
    throw new OperationError(`a ${incident.priority} must page, but neither PAGERDUTY_ROUTING_KEY nor OPSGENIE_API_KEY is set`);
  }
  const attempts: Promise<void>[] = [];
  if (toPagers && routingKey) attempts.push(sendPagerDuty(ctx, routingKey, incident));
  if (toPagers && opsgenieKey) attempts.push(sendOpsgenie(ctx, opsgenieKey, incident));
  if (webhook) {
    const alert: Alert = {
      title: incident.title,
      text: incident.text,
      severity: incident.action === 'resolve' ? 'resolved' : chatSeverity[incident.priority],
      environment: incident.environment,
      link: incident.link,
      fields: { priority: incident.priority, ...incident.fields },
    };
    attempts.push(sendAlert(ctx, webhook, alert));
  }
  if (attempts.length === 0) throw new OperationError('nowhere to send: set ALERT_WEBHOOK_URL (and PAGERDUTY_ROUTING_KEY / OPSGENIE_API_KEY for P0/P1)');
  const results = await Promise.allSettled(attempts);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason instanceof Error ? failed.reason : new OperationError(String(failed.reason));
}

export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_RUN_ID && env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}
