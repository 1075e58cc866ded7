import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Ctx, EXIT, OperationError, parseCli, runAsMain, UsageError } from './lib/cli';
import { requestWithRetries } from './lib/http';
import { registerSecret } from './lib/mask';
import { REPO_ROOT } from './lib/secrets-manifest';
import { resolvePlaceholders } from './uptimerobot';

const HELP = `Usage: npm run sentry:alerts -- [--apply] [--definition FILE]

Sentry metric alert rules as code (ops/sentry-alerts.json), through Sentry's API
(GET/POST /api/0/organizations/<org>/alert-rules/, PUT .../alert-rules/<id>/). Rules are matched by name; a rule
whose aggregate, window, query, environment, project, thresholds or actions differ is updated. Dry run by default
(prints the plan); --apply makes the changes. Running it twice changes nothing the second time.
Env: SENTRY_AUTH_TOKEN (alerts:write), SENTRY_ORG, SENTRY_URL (default https://sentry.io), and the placeholders the
definition names (SENTRY_PAGERDUTY_INTEGRATION_ID, SENTRY_PAGERDUTY_SERVICE_ID).
Exit codes: 0 in sync (or applied), 1 an API call failed, 2 usage or missing configuration.`;

const ruleSchema = z.object({
  name: z.string().min(3),
  project: z.string().min(1),
  environment: z.string().min(1),
  dataset: z.enum(['transactions', 'events']),
  aggregate: z.string().min(3),
  query: z.string(),
  timeWindow: z.number().int().positive(),
  thresholdType: z.union([z.literal(0), z.literal(1)]),
  alertThreshold: z.number(),
  resolveThreshold: z.number(),
  actions: z.array(z.record(z.string(), z.string())),
});
const definitionSchema = z.object({ $comment: z.string().optional(), rules: z.array(ruleSchema).min(1) });
type Rule = z.infer<typeof ruleSchema>;

interface RemoteRule {
  id: string;
  name: string;
  aggregate: string;
  dataset: string;
  query: string;
  timeWindow: number;
  environment: string | null;
  projects: string[];
  resolveThreshold: number | null;
  thresholdType: number;
  triggers: { label: string; alertThreshold: number; actions: Record<string, unknown>[] }[];
}

/** The body Sentry takes for a metric alert rule: one critical trigger carrying the threshold and actions. */
export function ruleBody(rule: Rule, env: NodeJS.ProcessEnv): Record<string, unknown> {
  return {
    name: rule.name,
    dataset: rule.dataset,
    aggregate: rule.aggregate,
    query: rule.query,
    timeWindow: rule.timeWindow,
    environment: rule.environment,
    projects: [rule.project],
    thresholdType: rule.thresholdType,
    resolveThreshold: rule.resolveThreshold,
    triggers: [
      {
        label: 'critical',
        alertThreshold: rule.alertThreshold,
        actions: rule.actions.map((action) => Object.fromEntries(Object.entries(action).map(([k, v]) => [k, resolvePlaceholders(v, env)]))),
      },
    ],
  };
}

export function differences(wanted: Record<string, unknown>, remote: RemoteRule): string[] {
  const diffs: string[] = [];
  for (const key of ['dataset', 'aggregate', 'query', 'timeWindow', 'environment', 'thresholdType', 'resolveThreshold'] as const) {
    if (String(wanted[key] ?? '') !== String(remote[key] ?? '')) diffs.push(`${key} ${String(remote[key])} → ${String(wanted[key])}`);
  }
  if (JSON.stringify(remote.projects) !== JSON.stringify(wanted.projects)) diffs.push(`projects ${remote.projects.join(',')} → ${(wanted.projects as string[]).join(',')}`);
  const trigger = (wanted.triggers as { alertThreshold: number; actions: Record<string, unknown>[] }[])[0];
  const current = remote.triggers.find((t) => t.label === 'critical');
  if (current?.alertThreshold !== trigger?.alertThreshold) diffs.push(`threshold ${String(current?.alertThreshold)} → ${String(trigger?.alertThreshold)}`);
  const pick = (a: Record<string, unknown>) => ({ type: a.type, targetType: a.targetType, targetIdentifier: String(a.targetIdentifier ?? ''), integrationId: String(a.integrationId ?? '') });
  if (JSON.stringify((current?.actions ?? []).map(pick)) !== JSON.stringify((trigger?.actions ?? []).map(pick))) diffs.push('actions');
  return diffs;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { apply: { type: 'boolean' }, definition: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const file = path.resolve(ctx.cwd, parsed.values.definition ?? path.join(REPO_ROOT, 'ops', 'sentry-alerts.json'));
  const definition = definitionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const token = ctx.env.SENTRY_AUTH_TOKEN;
  const org = ctx.env.SENTRY_ORG;
  if (!token || !org) throw new UsageError('SENTRY_AUTH_TOKEN and SENTRY_ORG must be set');
  registerSecret(token);
  const base = `${(ctx.env.SENTRY_URL ?? 'https://sentry.io').replace(/\/+$/, '')}/api/0/organizations/${encodeURIComponent(org)}/alert-rules/`;
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await requestWithRetries(
      ctx,
      url,
      { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
      { attempts: 4, initialDelayMs: 2000, maxDelayMs: 20_000, timeoutMs: 15_000, label: `sentry ${method}` },
    );
    const text = await response.text();
    if (!response.ok) throw new OperationError(`sentry ${method} ${new URL(url).pathname}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const remote = await call<RemoteRule[]>('GET', base);
  const apply = Boolean(parsed.values.apply);
  let changes = 0;
  for (const rule of definition.rules) {
    const body = ruleBody(rule, ctx.env);
    const existing = remote.find((r) => r.name === rule.name);
    if (!existing) {
      changes += 1;
      ctx.out(`create "${rule.name}" (${rule.aggregate} over ${rule.timeWindow} min > ${rule.alertThreshold}, ${rule.project}/${rule.environment})`);
      if (apply) await call('POST', base, body);
      continue;
    }
    const diffs = differences(body, existing);
    if (diffs.length === 0) continue;
    changes += 1;
    ctx.out(`update "${rule.name}" (id ${existing.id}): ${diffs.join('; ')}`);
    if (apply) await call('PUT', `${base}${encodeURIComponent(existing.id)}/`, body);
  }
  ctx.out(changes === 0 ? 'sentry-alerts: in sync' : `sentry-alerts: ${changes} change(s)${apply ? ' applied' : ' (dry run: add --apply to make them)'}`);
  return EXIT.ok;
}

runAsMain(module, run);
