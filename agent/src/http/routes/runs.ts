import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { AppError, COPY } from '../../errors';
import type { Runs } from '../../runs/runs';
import { gatewayAuth, type GatewayAuthOptions } from '../middleware/gateway-auth';
import { pipeRun } from './chat';

const runIdSchema = z.uuid();
const fromSchema = z.coerce.number().int().min(0).max(100_000_000).default(0);

/**
 * A run from any replica (runs.ts): `GET /v1/runs/:runId?from=N` streams its events past character N (`from` is the
 * last `id:` a client saw), live or kept after it finished; `POST /v1/runs/:runId/stop` stops it wherever it runs
 * (202; 404 when no such run is known; 409 when it already finished).
 */
export function runRoutes({ runs, gateway }: { runs: Runs; gateway: GatewayAuthOptions }): Router {
  const runIdOf = (value: unknown): string => {
    const parsed = runIdSchema.safeParse(value);
    if (!parsed.success) throw new AppError('not_found:run', COPY.notFound);
    return parsed.data;
  };

  const follow: RequestHandler = async (req, res) => {
    const runId = runIdOf(req.params.runId);
    const from = fromSchema.safeParse(req.query.from ?? undefined);
    if (!from.success) throw new AppError('bad_request:run', COPY.invalid, { issues: [{ path: 'from', message: 'must be a character offset' }] });
    res.locals.outcome = 'follow';
    await pipeRun(await runs.follow(runId, from.data), res);
  };

  const stop: RequestHandler = async (req, res) => {
    const runId = runIdOf(req.params.runId);
    const outcome = await runs.stop(runId);
    if (outcome === 'unknown') throw new AppError('not_found:run', COPY.notFound);
    if (outcome === 'finished') throw new AppError('conflict:run_finished', 'That reply has already finished.');
    res.status(202).json({ runId, status: 'stopping' });
  };

  const router = Router();
  const auth = gatewayAuth(gateway);
  router.get('/v1/runs/:runId', auth, follow);
  router.post('/v1/runs/:runId/stop', auth, stop);
  return router;
}
