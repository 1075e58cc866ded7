import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Ctx, EXIT, OperationError, parseCli, runAsMain, UsageError } from './lib/cli';
import { requestWithRetries } from './lib/http';
import { registerSecret } from './lib/mask';
import { REPO_ROOT } from './lib/secrets-manifest';

const HELP = `Usage: npm run uptime:sync -- [--apply] [--definition FILE]
       npm run uptime:status -- [--definition FILE]

UptimeRobot monitors as code (ops/uptimerobot.json), through the UptimeRobot v2 API; uptime-sync.yml applies it.
  sync     compares the definition with the account and prints the plan: create, update (URL, interval or alert
           contacts differ) and delete (named "<namePrefix> ..." but no longer defined). Alert contacts are named by
           their friendly name (getAlertContacts); a monitor with none would alert nobody, so one is required.
           Dry run by default; --apply makes the changes. Running it twice changes nothing the second time.
  status   prints each defined monitor's state; exits 1 when any is down or missing.
Env: UPTIME_ROBOT_API_KEY (required), {PRODUCTION,STAGING}_{APP,AGENT}_URL for the URL placeholders,
UPTIME_ROBOT_API_URL (default https://api.uptimerobot.com/v2). 429 answers are retried after Retry-After.
Exit codes: 0 in sync / all up, 1 an API call failed or a monitor is down, 2 usage or missing configuration.`;

const definitionSchema = z.object({
  $comment: z.string().optional(),
  namePrefix: z.string().min(3),
  monitors: z.array(z.object({ friendlyName: z.string(), url: z.string(), intervalSeconds: z.number().int().min(60), alertContacts: z.array(z.string().min(1)).min(1) })),
});
export type MonitorDefinition = z.infer<typeof definitionSchema>;

export interface RemoteMonitor {
  id: number;
  friendly_name: string;
  url: string;
  type: number;
  interval: number;
  status: number;
  alert_contacts?: { id: string | number }[];
}

export interface AlertContact {
  id: string | number;
  friendly_name: string;
}

const HTTP_TYPE = 1;
const statusNames: Record<number, string> = { 0: 'paused', 1: 'not checked yet', 2: 'up', 8: 'seems down', 9: 'down' };

export function resolvePlaceholders(template: string, env: NodeJS.ProcessEnv): string {
  return template.replace(/\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    const value = env[name];
    if (!value) throw new UsageError(`${name} is not set (needed by the monitor URL ${template})`);
    return value.replace(/\/+$/, '');
  });
}

export class UptimeRobotClient {
  constructor(
    private readonly ctx: Ctx,
    private readonly apiKey: string,
    private readonly baseUrl: string,
  ) {}

  async call<T>(method: string, params: Record<string, string | number>): Promise<T> {
    const body = new URLSearchParams({ api_key: this.apiKey, format: 'json' });
    for (const [k, v] of Object.entries(params)) body.set(k, String(v));
    const response = await requestWithRetries(
      this.ctx,
      `${this.baseUrl}/${method}`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-cache' }, body },
      { attempts: 5, initialDelayMs: 2000, maxDelayMs: 30_000, timeoutMs: 15_000, label: `uptimerobot ${method}` },
    );
    const text = await response.text();
    if (!response.ok) throw new OperationError(`uptimerobot ${method}: HTTP ${response.status} ${text.slice(0, 200)}`);
    const json = JSON.parse(text) as { stat?: string; error?: unknown } & T;
    if (json.stat !== 'ok') throw new OperationError(`uptimerobot ${method}: ${JSON.stringify(json.error ?? json).slice(0, 300)}`);
    return json;
  }

  async getMonitors(): Promise<RemoteMonitor[]> {
    const all: RemoteMonitor[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await this.call<{ monitors: RemoteMonitor[]; pagination?: { total: number } }>('getMonitors', { offset, limit: 50, alert_contacts: 1 });
      all.push(...page.monitors);
      if (page.monitors.length < 50 || all.length >= (page.pagination?.total ?? 0)) return all;
    }
  }
}

export type Change =
  | { kind: 'create'; name: string; url: string; interval: number; alertContacts: string }
  | { kind: 'update'; id: number; name: string; url: string; interval: number; alertContacts: string; what: string }
  | { kind: 'delete'; id: number; name: string };

/** UptimeRobot's alert_contacts parameter: id_threshold_recurrence pairs joined by "-" (0_0: alert at once, once). */
export function alertContactsParam(ids: (string | number)[]): string {
  return [...ids].map(String).sort().map((id) => `${id}_0_0`).join('-');
}

/** Matches by friendly name (the stable identity in the definition); alert contacts by their friendly names. */
export function planSync(definition: MonitorDefinition, remote: RemoteMonitor[], env: NodeJS.ProcessEnv, contacts: AlertContact[] = []): Change[] {
  const changes: Change[] = [];
  const wanted = new Set<string>();
  const contactIds = (names: string[]) =>
    names.map((name) => {
      const contact = contacts.find((c) => c.friendly_name === name);
      if (!contact) throw new UsageError(`UptimeRobot has no alert contact named "${name}" (create it in UptimeRobot → Integrations, then sync)`);
      return contact.id;
    });
  for (const m of definition.monitors) {
    wanted.add(m.friendlyName);
    const url = resolvePlaceholders(m.url, env);
    const alertContacts = alertContactsParam(contactIds(m.alertContacts));
    const existing = remote.find((r) => r.friendly_name === m.friendlyName);
    if (!existing) {
      changes.push({ kind: 'create', name: m.friendlyName, url, interval: m.intervalSeconds, alertContacts });
      continue;
    }
    const diffs: string[] = [];
    if (existing.url !== url) diffs.push(`url ${existing.url} → ${url}`);
    if (Number(existing.interval) !== m.intervalSeconds) diffs.push(`interval ${existing.interval} → ${m.intervalSeconds}`);
    const current = alertContactsParam((existing.alert_contacts ?? []).map((c) => c.id));
    if (current !== alertContacts) diffs.push(`alert contacts ${current || 'none'} → ${alertContacts}`);
    if (diffs.length) changes.push({ kind: 'update', id: existing.id, name: m.friendlyName, url, interval: m.intervalSeconds, alertContacts, what: diffs.join(', ') });
  }
  for (const r of remote) {
    if (r.friendly_name.startsWith(definition.namePrefix) && !wanted.has(r.friendly_name)) changes.push({ kind: 'delete', id: r.id, name: r.friendly_name });
  }
  return changes;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { apply: { type: 'boolean' }, definition: { type: 'string' } }, HELP, ctx, true);
  if (!parsed) return EXIT.ok;
  const command = parsed.positionals[0] ?? 'sync';
  if (!['sync', 'status'].includes(command) || parsed.positionals.length > 1) throw new UsageError(`unknown command "${parsed.positionals.join(' ')}"\n\n${HELP}`);
  const definitionFile = path.resolve(ctx.cwd, parsed.values.definition ?? path.join(REPO_ROOT, 'ops', 'uptimerobot.json'));
  const definition = definitionSchema.parse(JSON.parse(readFileSync(definitionFile, 'utf8')));
  const apiKey = ctx.env.UPTIME_ROBOT_API_KEY;
  if (!apiKey) throw new UsageError('UPTIME_ROBOT_API_KEY is not set');
  registerSecret(apiKey);
  const client = new UptimeRobotClient(ctx, apiKey, (ctx.env.UPTIME_ROBOT_API_URL ?? 'https://api.uptimerobot.com/v2').replace(/\/+$/, ''));
  const remote = await client.getMonitors();

  if (command === 'status') {
    let bad = 0;
    for (const m of definition.monitors) {
      const r = remote.find((x) => x.friendly_name === m.friendlyName);
      const state = r ? (statusNames[r.status] ?? `status ${r.status}`) : 'missing (run uptime:sync)';
      if (!r || r.status === 8 || r.status === 9) bad += 1;
      ctx.out(`${r && r.status === 2 ? 'UP  ' : 'WARN'} ${m.friendlyName}: ${state}${r ? ` (id ${r.id}, ${r.url})` : ''}`);
    }
    return bad ? EXIT.failed : EXIT.ok;
  }

  const contacts = (await client.call<{ alert_contacts: AlertContact[] }>('getAlertContacts', {})).alert_contacts ?? [];
  const changes = planSync(definition, remote, ctx.env, contacts);
  const apply = Boolean(parsed.values.apply);
  ctx.out(`uptime: ${remote.length} monitor(s) in the account, ${changes.length} change(s)${apply ? '' : ' (dry run: add --apply to make them)'}`);
  for (const change of changes) {
    if (change.kind === 'create') ctx.out(`create "${change.name}" ${change.url} every ${change.interval}s`);
    if (change.kind === 'update') ctx.out(`update "${change.name}" (id ${change.id}): ${change.what}`);
    if (change.kind === 'delete') ctx.out(`delete "${change.name}" (id ${change.id})`);
    if (!apply) continue;
    if (change.kind === 'create') {
      const created = await client.call<{ monitor: { id: number } }>('newMonitor', { friendly_name: change.name, url: change.url, type: HTTP_TYPE, interval: change.interval, alert_contacts: change.alertContacts });
      ctx.out(`  created id ${created.monitor.id}`);
    } else if (change.kind === 'update') {
      await client.call('editMonitor', { id: change.id, url: change.url, interval: change.interval, alert_contacts: change.alertContacts });
    } else {
      await client.call('deleteMonitor', { id: change.id });
    }
  }
  if (changes.length === 0) ctx.out('uptime: in sync');
  return EXIT.ok;
}

runAsMain(module, run);
