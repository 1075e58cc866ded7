import { appContext } from '@/lib/app-context';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { handle, jsonResponse, requireOwner } from '@/lib/http';
import { notFoundPlan, planIdOf, planViewOf, type PlanContext } from '@/lib/plans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const versionSchema = z.coerce.number().int().min(1).max(100_000);

/** `GET /api/plans/:id[?version=N]`: the plan at its current version, or at version N. */
export const GET = handle<PlanContext>(async (request, requestId, context) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  const asked = new URL(request.url).searchParams.get('version');
  const version = asked === null ? null : versionSchema.safeParse(asked);
  if (version && !version.success) throw new AppError('bad_request:version', 'The version must be a whole number from 1.');
  const stored = await store.getPlan({ ownerId, planId, version: version?.data ?? null });
  if (!stored) throw notFoundPlan();
  return jsonResponse({ plan: planViewOf(stored) }, { requestId });
});
