import type { AppContext } from './app-context';

type CheckEntry = { status: 'pass' | 'fail'; time: string; observedValue?: number | string; observedUnit?: string; output?: string };

/** The readiness report (application/health+json, draft-inadarei-api-health-check shape). */
export interface ReadinessReport {
  status: 'pass' | 'warn' | 'fail';
  /** The release this deployment serves (RELEASE, else the commit): a deploy waits for it (`health:check --expect-release`). */
  releaseId?: string;
  checks: Record<string, CheckEntry[]>;
}

/** A failed check whose message is safe to show: it names what failed, never a connection string or token. */
class ReadinessFailure extends Error {}

async function timed<T>(name: string, fn: () => Promise<T>) {
  const started = performance.now();
  try {
    const value = await fn();
    return { name, status: 'pass' as const, ms: performance.now() - started, value };
  } catch (error) {
    // Only our own messages are echoed: error messages from drivers can carry connection strings.
    const output = error instanceof ReadinessFailure ? error.message : `${name} failed`;
    return { name, status: 'fail' as const, ms: performance.now() - started, output, value: undefined };
  }
}

/**
 * The database answers a ping, and the agent answers its authenticated readiness (`GET /v1/ready`) with this web app's
 * gateway token: the same round trip every chat makes, so a wrong or stale token after a rotation fails readiness
 * (and pages) instead of failing every cook's chat while the monitors stay green. The agent's report also covers its
 * model endpoint. `gateway:token` says which of the agent's accepted tokens this web app holds (current or previous),
 * which `secrets:rotate --finish` checks before the previous token is removed.
 */
export async function checkReadiness(getContext: () => Promise<AppContext>, timeoutMs = 3000): Promise<ReadinessReport> {
  const time = new Date().toISOString();
  let context: AppContext | undefined;
  const database = await timed('database:ping', async () => {
    context = await getContext();
    await context.store.ping();
  });
  const env = context?.env ?? (await import('./env')).serverEnv();
  const agent = await timed('agent:ready', async () => {
    const response = await fetch(`${env.agentUrl}/v1/ready`, {
      headers: { authorization: `Bearer ${env.gatewayToken}`, accept: 'application/health+json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { checks?: Record<string, { observedValue?: unknown }[]> } | null;
    if (response.status === 401) throw new ReadinessFailure('the agent refused this web app\'s gateway token (401)');
    if (!response.ok) throw new ReadinessFailure(`agent readiness ${response.status}`);
    const tokenId = body?.checks?.['gateway:token']?.[0]?.observedValue;
    return typeof tokenId === 'string' ? tokenId : undefined;
  });
  const checks: ReadinessReport['checks'] = {};
  for (const result of [database, agent]) {
    checks[result.name] = [
      {
        status: result.status,
        time,
        observedValue: Math.round(result.ms * 10) / 10,
        observedUnit: 'ms',
        ...(result.status === 'fail' ? { output: result.output } : {}),
      },
    ];
  }
  if (agent.value) checks['gateway:token'] = [{ status: 'pass', time, observedValue: agent.value }];
  return {
    status: database.status === 'pass' && agent.status === 'pass' ? 'pass' : 'fail',
    ...(env.release ? { releaseId: env.release } : {}),
    checks,
  };
}
