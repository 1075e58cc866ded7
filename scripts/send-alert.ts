import { type Alert, detectWebhookFormat, discordPayload, SEVERITIES, sendAlert, type Severity, slackPayload } from './lib/alert';
import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { registerSecret } from './lib/mask';

const HELP = `Usage: npm run alert:send -- --title TEXT --text TEXT [options]

Posts an alert to $ALERT_WEBHOOK_URL: Slack's incoming-webhook format, or Discord's when the URL is a
discord.com/api/webhooks URL.
  --title TEXT          one-line summary (required)
  --text TEXT           detail (required)
  --severity LEVEL      info | warning | critical | resolved (default warning)
  --environment NAME    production, staging, preview ...
  --link URL            a run or dashboard to open
  --field NAME=VALUE    extra fields (repeatable)
  --format FORMAT       slack | discord | auto (default auto, from the URL)
  --dry-run             print the payload instead of posting
Exit codes: 0 delivered (2xx), 1 the webhook answered non-2xx or could not be reached, 2 usage or no webhook.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      title: { type: 'string' },
      text: { type: 'string' },
      severity: { type: 'string' },
      environment: { type: 'string' },
      link: { type: 'string' },
      field: { type: 'string', multiple: true },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.title || !v.text) throw new UsageError(`--title and --text are required\n\n${HELP}`);
  const fields: Record<string, string> = {};
  for (const field of v.field ?? []) {
    const eq = field.indexOf('=');
    if (eq < 1) throw new UsageError(`--field must be NAME=VALUE, got "${field}"`);
    fields[field.slice(0, eq)] = field.slice(eq + 1);
  }
  const alert: Alert = {
    title: v.title,
    text: v.text,
    severity: oneOf<Severity>(v.severity ?? 'warning', SEVERITIES, 'severity'),
    environment: v.environment,
    link: v.link,
    fields,
  };
  const format = oneOf(v.format ?? 'auto', ['slack', 'discord', 'auto'] as const, 'format');
  const url = ctx.env.ALERT_WEBHOOK_URL;
  if (v['dry-run']) {
    const chosen = format === 'auto' ? (url ? detectWebhookFormat(url) : 'slack') : format;
    ctx.out(`dry run: would post as ${chosen}:\n${JSON.stringify(chosen === 'discord' ? discordPayload(alert) : slackPayload(alert), null, 2)}`);
    return EXIT.ok;
  }
  if (!url) throw new UsageError('ALERT_WEBHOOK_URL is not set');
  registerSecret(url);
  await sendAlert(ctx, url, alert, format === 'auto' ? undefined : format);
  return EXIT.ok;
}

runAsMain(module, run);
