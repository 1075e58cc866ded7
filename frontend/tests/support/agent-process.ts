/**
 * Runs the real agent (`agent/src/server.ts` through tsx) in a child process for the web app's route tests: the
 * agent's own `spawnAgent`, quieter (warn-level logs, so readiness is polled on `/health` rather than read from the
 * "agent listening" info line) and with a rate limit the tests never reach.
 */
import { once } from 'node:events';
import { freePort, spawnAgent, type SpawnedAgent } from '../../../agent/test/support/spawn-agent';

export { freePort };

export interface AgentProcess extends Pick<SpawnedAgent, 'url' | 'child' | 'output'> {
  stop(): Promise<void>;
}

export async function startAgent(env: Record<string, string> = {}): Promise<AgentProcess> {
  const { url, child, output } = await spawnAgent(
    { LOG_LEVEL: process.env.AGENT_LOG_LEVEL ?? 'warn', RATE_LIMIT_REQUESTS: '100000', ...env },
    { waitForListening: false },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`agent exited:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`agent did not start:\n${output()}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    child,
    output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
