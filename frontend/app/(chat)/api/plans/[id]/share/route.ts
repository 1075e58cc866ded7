import { appContext } from '@/lib/app-context';
import { assertSameOrigin, handle, jsonResponse, requireOwner } from '@/lib/http';
import { newShareId, notFoundPlan, planIdOf, shareTokenFor, type PlanContext } from '@/lib/plans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `POST /api/plans/:id/share`: a read-only link to the plan (its current version and grocery list, nothing else of the
 * conversation). A new link replaces any earlier one. `DELETE` revokes it: the link then shows "no longer shared".
 */
export const POST = handle<PlanContext>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  const shareId = newShareId();
  if (!(await store.setPlanShare({ ownerId, planId, shareId }))) throw notFoundPlan();
  const path = `/share/${shareTokenFor(shareId, env.sessionSecret)}`;
  return jsonResponse({ url: new URL(path, request.url).toString(), path }, { requestId });
});

export const DELETE = handle<PlanContext>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  if (!(await store.setPlanShare({ ownerId, planId, shareId: null }))) throw notFoundPlan();
  return jsonResponse({ shared: false }, { requestId });
});
