import { z } from 'zod';
import { appContext } from '@/lib/app-context';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { notFoundPlan, planIdOf, type PlanContext } from '@/lib/plans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ ingredientId: z.string().min(1).max(100), ticked: z.boolean() });

/** `POST /api/plans/:id/ticks` `{ ingredientId, ticked }`: ticks belong to the plan and carry over to its next versions. */
export const POST = handle<PlanContext>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  const { ingredientId, ticked } = await parseJsonBody(request, bodySchema);
  const ticks = await store.setPlanTick({ ownerId, planId, ingredientId, ticked });
  if (!ticks) throw notFoundPlan();
  return jsonResponse({ ticks }, { requestId });
});
