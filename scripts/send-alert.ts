import { type Alert, detectWebhookFormat, discordPayload, slackPayload } from './lib/alert';
import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { deployFailurePriority, notify, outagePriority, PRIORITIES, type Priority } from './lib/notify';

const HELP = `Usage: npm run alert:send -- --title TEXT --text TEXT [--priority P0|P1|P2|P3 | --for outage|deploy-failure] [options]

Sends an incident where its priority goes (RUNBOOK.md "Incident response"):
  P0, P1   page: PagerDuty Events API v2 ($PAGERDUTY_ROUTING_KEY) and Opsgenie ($OPSGENIE_API_KEY, where set),
           and the chat webhook; with no pager configured this fails rather than page nobody
  P2, P3   the chat webhook only ($ALERT_WEBHOOK_URL: Slack, or Discord for a discord.com/api/webhooks URL)
  --priority P          explicit priority (default P3)
  --for KIND            outage | deploy-failure: the priority follows from --environment (production pages,
                        staging and previews are P3)
  --title TEXT          one-line summary (required)
  --text TEXT           detail (required)
  --environment NAME    production, staging, preview ...
  --dedup-key KEY       groups triggers into one incident (default: environment and title)
  --resolve             resolve the incident with that dedup key instead of triggering it
  --link URL            a run or dashboard to open
  --field NAME=VALUE    extra fields (repeatable)
  --dry-run             print the chat payload instead of sending anything
Exit codes: 0 delivered, 1 a destination refused or could not be reached, 2 usage or nowhere to send.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      title: { type: 'string' },
      text: { type: 'string' },
      priority: { type: 'string' },
      for: { type: 'string' },
      environment: { type: 'string' },
      'dedup-key': { type: 'string' },
      resolve: { type: 'boolean' },
      link: { type: 'string' },
      field: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
    },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.title || !v.text) throw new UsageError(`--title and --text are required\n\n${HELP}`);
  if (v.priority && v.for) throw new UsageError('give --priority or --for, not both');
  const fields: Record<string, string> = {};
  for (const field of v.field ?? []) {
    const eq = field.indexOf('=');
    if (eq < 1) throw new UsageError(`--field must be NAME=VALUE, got "${field}"`);
    fields[field.slice(0, eq)] = field.slice(eq + 1);
  }
  const environment = v.environment ?? 'unknown';
  const kind = v.for ? oneOf(v.for, ['outage', 'deploy-failure'] as const, 'for') : undefined;
  const priority: Priority = kind === 'outage' ? outagePriority(environment) : kind === 'deploy-failure' ? deployFailurePriority(environment) : oneOf<Priority>(v.priority ?? 'P3', PRIORITIES, 'priority');
  const dedupKey = v['dedup-key'] ?? `${environment}-${v.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  if (v['dry-run']) {
    const alert: Alert = { title: v.title, text: v.text, severity: v.resolve ? 'resolved' : priority === 'P2' ? 'warning' : priority === 'P3' ? 'info' : 'critical', environment: v.environment, link: v.link, fields: { priority, ...fields } };
    const url = ctx.env.ALERT_WEBHOOK_URL;
    const format = url ? detectWebhookFormat(url) : 'slack';
    ctx.out(`dry run: ${priority} ${v.resolve ? 'resolve' : 'trigger'} ${dedupKey}; chat payload (${format}):\n${JSON.stringify(format === 'discord' ? discordPayload(alert) : slackPayload(alert), null, 2)}`);
    return EXIT.ok;
  }
  if (!ctx.env.ALERT_WEBHOOK_URL && !ctx.env.PAGERDUTY_ROUTING_KEY && !ctx.env.OPSGENIE_API_KEY) throw new UsageError('nowhere to send: set ALERT_WEBHOOK_URL (and PAGERDUTY_ROUTING_KEY / OPSGENIE_API_KEY for P0/P1)');
  await notify(ctx, { action: v.resolve ? 'resolve' : 'trigger', dedupKey, priority, title: v.title, text: v.text, environment: v.environment, link: v.link, fields });
  return EXIT.ok;
}

runAsMain(module, run);
