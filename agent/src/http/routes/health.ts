import { Router } from 'express';
import type { ModelProvider } from '../../chef/model-factory';
import type { Lifecycle } from '../../lifecycle';

type CheckStatus = 'pass' | 'warn' | 'fail';

/**
 * Liveness (`/health`, `/health/live`) only says the process answers. Readiness (`/health/ready`, Railway's
 * healthcheck) follows draft-inadarei-api-health-check: `application/health+json`, 503 when any check fails.
 * Configuration is valid by construction here: env.ts stops start-up otherwise.
 */
export function healthRoutes({ lifecycle, provider, maintenance, releaseId }: {
  lifecycle: Lifecycle;
  provider: ModelProvider;
  maintenance: boolean;
  /** The deployed commit, so a deploy can tell the new release from the old one still answering (`health:check --expect-release`). */
  releaseId?: string;
}): Router {
  const router = Router();
  const live = (_req: unknown, res: import('express').Response) => {
    res.status(200).json({ status: 'pass' });
  };
  router.get('/health', live);
  router.get('/health/live', live);
  router.get('/health/ready', (_req, res) => {
    const checks: Record<string, Array<{ status: CheckStatus; output?: string; observedValue?: unknown }>> = {
      'config:valid': [{ status: 'pass' }],
      'lifecycle:draining': [
        lifecycle.draining
          ? { status: 'fail', output: 'shutting down', observedValue: lifecycle.inFlight }
          : { status: 'pass', observedValue: lifecycle.inFlight },
      ],
      'model:provider': [
        provider.kind === 'openai'
          ? { status: 'pass', observedValue: provider.primary.id }
          : { status: 'warn', output: 'no model provider configured: built-in planner mode', observedValue: provider.primary.id },
      ],
      'chat:maintenance': [maintenance ? { status: 'warn', output: 'maintenance mode' } : { status: 'pass' }],
    };
    const statuses = Object.values(checks).flat().map((check) => check.status);
    const status: CheckStatus = statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
    res
      .status(status === 'fail' ? 503 : 200)
      .type('application/health+json')
      .setHeader('Cache-Control', 'no-store')
      .send(JSON.stringify({ status, ...(releaseId ? { releaseId } : {}), checks }));
  });
  return router;
}
