import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sendAlert } from './lib/alert';
import { type Ctx, EXIT, intOption, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { bypassHeaders, type HealthResult, readinessUrls, waitForHealth } from './lib/health';
import { registerSecret } from './lib/mask';

const HELP = `Usage: npm run monitor:check -- --environment NAME --state-file PATH [--app-url URL] [--agent-url URL]

Scheduled health monitor (monitoring.yml). Probes the readiness endpoints, retrying each --attempts times (default 3)
before declaring it down, and alerts ALERT_WEBHOOK_URL only when the state changes: up → down (critical) and
down → up (resolved). The previous state is read from and written to --state-file (monitoring.yml keeps it in the
Actions cache). If the alert cannot be delivered the state is not saved, so the next run tries again.
  --app-url URL / --agent-url URL   default APP_URL / AGENT_URL
  --initial-delay-ms N              first backoff delay (default 5000)
Exit codes: 0 healthy, 1 unhealthy (or the alert failed), 2 usage.`;

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

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    { environment: { type: 'string' }, 'state-file': { type: 'string' }, 'app-url': { type: 'string' }, 'agent-url': { type: 'string' }, attempts: { type: 'string' }, 'initial-delay-ms': { type: 'string' } },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  if (!v.environment || !v['state-file']) throw new UsageError(`--environment and --state-file are required\n\n${HELP}`);
  const urls = readinessUrls(v['app-url'] ?? ctx.env.APP_URL, v['agent-url'] ?? ctx.env.AGENT_URL);
  if (urls.length === 0) throw new UsageError('no endpoints: set APP_URL / AGENT_URL or pass --app-url / --agent-url');
  const attempts = intOption(v.attempts, 'attempts', 3, 1);
  const initialDelayMs = intOption(v['initial-delay-ms'], 'initial-delay-ms', 5000);
  const stateFile = path.resolve(ctx.cwd, v['state-file']);
  const previous = await readState(stateFile);
  ctx.out(`monitor: ${v.environment}, previous state ${previous ? `${previous.status} since ${previous.since}` : 'unknown'}; probing ${urls.length} endpoint(s)`);

  const results: HealthResult[] = await Promise.all(
    urls.map((url) => waitForHealth(ctx, url, { attempts, initialDelayMs, maxDelayMs: 30_000, timeoutMs: 10_000, headers: bypassHeaders(ctx.env) })),
  );
  for (const r of results) ctx.out(`${r.status.toUpperCase()} ${r.url} — ${r.detail}`);
  const failing = results.filter((r) => r.status === 'fail').map((r) => `${r.url} (${r.detail})`);
  const current: MonitorStatus = failing.length ? 'down' : 'up';
  const transition = decideTransition(previous, current);
  const nowIso = ctx.now().toISOString();
  const next: MonitorState = {
    status: current,
    since: transition === 'none' && previous ? previous.since : nowIso,
    lastCheck: nowIso,
    failing,
  };
  ctx.out(`monitor: ${current}; transition ${transition}`);

  if (transition !== 'none') {
    const webhook = ctx.env.ALERT_WEBHOOK_URL;
    if (!webhook) {
      ctx.err('monitor: ALERT_WEBHOOK_URL is not set; state not saved so the alert is retried');
      return EXIT.failed;
    }
    registerSecret(webhook);
    const runUrl = ctx.env.GITHUB_RUN_ID ? `${ctx.env.GITHUB_SERVER_URL}/${ctx.env.GITHUB_REPOSITORY}/actions/runs/${ctx.env.GITHUB_RUN_ID}` : undefined;
    try {
      await sendAlert(ctx, webhook, transition === 'went-down'
        ? { title: 'Health check failing', text: `Failing after ${attempts} attempts: ${failing.join(', ')}. See RUNBOOK.md "Incident response".`, severity: 'critical', environment: v.environment, link: runUrl }
        : { title: 'Recovered', text: `All health checks pass again (down since ${previous?.since ?? 'unknown'}).`, severity: 'resolved', environment: v.environment, link: runUrl });
    } catch (error) {
      ctx.err(`monitor: alert not delivered, state not saved: ${(error as Error).message}`);
      return EXIT.failed;
    }
  }
  await mkdir(path.dirname(stateFile), { recursive: true });
  await writeFile(stateFile, `${JSON.stringify(next, null, 2)}\n`);
  await writeSummary(ctx, `### Monitor ${v.environment}: ${current} (${transition})\n${results.map((r) => `- ${r.status} ${r.url}: ${r.detail}`).join('\n')}`);
  return current === 'up' ? EXIT.ok : EXIT.failed;
}

runAsMain(module, run);
