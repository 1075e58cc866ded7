import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Ctx, EXIT, intOption, oneOf, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { bypassHeaders, type HealthResult, readinessUrls, waitForHealth } from './lib/health';
import { backoffDelay } from './lib/http';
import { notify, outagePriority, runUrl } from './lib/notify';
import { DEFAULT_MESSAGE, webAppChat } from './smoke-test';

const HELP = `Usage: npm run monitor:check -- --environment NAME --state-file PATH [--probe readiness|chat] [options]

Scheduled monitor (monitoring.yml). Two probes:
  readiness  (default, every 5 minutes) APP_URL/api/health/ready and AGENT_URL/health/ready; the web app's readiness
             makes the gateway token round trip and the agent's checks the model endpoint
  chat       (every 15 minutes) a synthetic chat: web app → agent → model → store, the conversation deleted after
Each is retried --attempts times (default 3) with backoff before it counts as down. Only a change of state is sent:
up → down triggers an incident, down → up resolves it, both under the dedup key <probe>-<environment>, so one outage
pages once and resolves once. Priority by environment: production P0 (PagerDuty / Opsgenie, and the chat webhook),
staging P3 (chat webhook only). If the notification cannot be delivered the state is not saved, so the next run
tries again. The previous state is read from and written to --state-file (monitoring.yml keeps it in the cache).
  --app-url URL / --agent-url URL   default APP_URL / AGENT_URL
  --initial-delay-ms N              first backoff delay (default 5000)
Env: PAGERDUTY_ROUTING_KEY, OPSGENIE_API_KEY (optional), ALERT_WEBHOOK_URL, VERCEL_AUTOMATION_BYPASS_SECRET.
Exit codes: 0 healthy, 1 unhealthy (or the notification failed), 2 usage.`;

export type MonitorStatus = 'up' | 'down';
export interface MonitorState {
  status: MonitorStatus;
  since: string;
  lastCheck: string;
  failing: string[];
}
export type Transition = 'none' | 'went-down' | 'recovered';

/** No previous state counts as up: a first run that finds the service down must alert, a healthy one must not. */
export function decideTransition(previous: MonitorState | null, current: MonitorStatus): Transition {
  const before = previous?.status ?? 'up';
  if (before === 'up' && current === 'down') return 'went-down';
  if (before === 'down' && current === 'up') return 'recovered';
  return 'none';
}

async function readState(file: string): Promise<MonitorState | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as MonitorState;
    return parsed.status === 'up' || parsed.status === 'down' ? parsed : null;
  } catch {
    return null;
  }
}

async function probeReadiness(ctx: Ctx, urls: string[], attempts: number, initialDelayMs: number): Promise<string[]> {
  const results: HealthResult[] = await Promise.all(
    urls.map((url) => waitForHealth(ctx, url, { attempts, initialDelayMs, maxDelayMs: 30_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) })),
  );
  for (const r of results) ctx.out(`${r.status.toUpperCase()} ${r.url} — ${r.detail}`);
  return results.filter((r) => r.status === 'fail').map((r) => `${r.url} (${r.detail})`);
}

async function probeChat(ctx: Ctx, appUrl: string, attempts: number, initialDelayMs: number): Promise<string[]> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const result = await webAppChat(ctx, appUrl, { message: DEFAULT_MESSAGE, timeoutMs: 90_000, headers: bypassHeaders(ctx.env) });
      ctx.out(`PASS chat probe: "done" and stored in ${result.ms} ms`);
      return [];
    } catch (error) {
      last = (error as Error).message;
      ctx.out(`  chat probe: ${last}${attempt < attempts ? `; retry ${attempt}/${attempts - 1}` : ''}`);
      if (attempt < attempts) await ctx.sleep(backoffDelay(attempt, { attempts, initialDelayMs, maxDelayMs: 30_000 }));
    }
  }
  return [`chat through ${appUrl} (${last})`];
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      environment: { type: 'string' },
      'state-file': { type: 'string' },
      probe: { type: 'string' },
      'app-url': { type: 'string' },
      'agent-url': { type: 'string' },
      attempts: { type: 'string' },
      'initial-delay-ms': { type: 'string' },
    },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment || !v['state-file']) throw new UsageError(`--environment and --state-file are required\n\n${HELP}`);
  const probe = oneOf(v.probe ?? 'readiness', ['readiness', 'chat'] as const, 'probe');
  const appUrl = (v['app-url'] ?? ctx.env.APP_URL)?.replace(/\/+$/, '');
  const urls = readinessUrls(appUrl, v['agent-url'] ?? ctx.env.AGENT_URL);
  if (probe === 'readiness' && urls.length === 0) throw new UsageError('no endpoints: set APP_URL / AGENT_URL or pass --app-url / --agent-url');
  if (probe === 'chat' && !appUrl) throw new UsageError('the chat probe needs APP_URL or --app-url');
  const attempts = intOption(v.attempts, 'attempts', 3, 1);
  const initialDelayMs = intOption(v['initial-delay-ms'], 'initial-delay-ms', 5000);
  const stateFile = path.resolve(ctx.cwd, v['state-file']);
  const previous = await readState(stateFile);
  ctx.out(`monitor: ${v.environment} ${probe}, previous state ${previous ? `${previous.status} since ${previous.since}` : 'unknown'}`);

  const failing = probe === 'chat' ? await probeChat(ctx, appUrl ?? '', attempts, initialDelayMs) : await probeReadiness(ctx, urls, attempts, initialDelayMs);
  const current: MonitorStatus = failing.length ? 'down' : 'up';
  const transition = decideTransition(previous, current);
  const nowIso = ctx.now().toISOString();
  const next: MonitorState = { status: current, since: transition === 'none' && previous ? previous.since : nowIso, lastCheck: nowIso, failing };
  ctx.out(`monitor: ${current}; transition ${transition}`);

  if (transition !== 'none') {
    const what = probe === 'chat' ? 'Synthetic chat' : 'Readiness';
    try {
      await notify(ctx, {
        action: transition === 'went-down' ? 'trigger' : 'resolve',
        dedupKey: `${probe}-${v.environment}`,
        priority: outagePriority(v.environment),
        environment: v.environment,
        component: probe === 'chat' ? 'chat' : 'readiness',
        title: transition === 'went-down' ? `${what} failing` : `${what} recovered`,
        text:
          transition === 'went-down'
            ? `Failing after ${attempts} attempts: ${failing.join(', ')}. See RUNBOOK.md "Incident response".`
            : `Passing again (down since ${previous?.since ?? 'unknown'}).`,
        link: runUrl(ctx.env),
      });
    } catch (error) {
      ctx.err(`monitor: the notification failed (${(error as Error).message}); state not saved so it is retried`);
      return EXIT.failed;
    }
  }
  await mkdir(path.dirname(stateFile), { recursive: true });
  await writeFile(stateFile, `${JSON.stringify(next, null, 2)}\n`);
  await writeSummary(ctx, `### Monitor ${v.environment} ${probe}: ${current} (${transition})\n${failing.map((f) => `- ${f}`).join('\n')}`);
  return current === 'up' ? EXIT.ok : EXIT.failed;
}

runAsMain(module, run);
