import type { AppContext } from './app-context';

/** The readiness report (application/health+json, draft-inadvisable-health-check shape). */
export interface ReadinessReport {
  status: 'pass' | 'warn' | 'fail';
  checks: Record<string, { status: 'pass' | 'fail'; time: string; observedValue?: number; observedUnit?: string; output?: string }[]>;
}

async function timed(name: string, fn: () => Promise<void>) {
  const started = performance.now();
  try {
    await fn();
    return { name, status: 'pass' as const, ms: performance.now() - started };
  } catch {
    // The output names the failing dependency only: error messages can carry connection strings, so none is echoed.
    return { name, status: 'fail' as const, ms: performance.now() - started, output: `${name} failed` };
  }
}

export async function checkReadiness(getContext: () => Promise<AppContext>, timeoutMs = 3000): Promise<ReadinessReport> {
  const time = new Date().toISOString();
  let context: AppContext | undefined;
  const database = await timed('database:ping', async () => {
    context = await getContext();
    await context.store.ping();
  });
  const agent = await timed('agent:ready', async () => {
    const env = context?.env ?? (await import('./env')).serverEnv();
    const response = await fetch(`${env.agentUrl}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`agent readiness ${response.status}`);
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
  return { status: database.status === 'pass' && agent.status === 'pass' ? 'pass' : 'fail', checks };
}
