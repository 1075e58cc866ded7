import { z } from 'zod';
import { planChangeSchema } from '@chef-chopsky/contract/plan-actions';
import { appContext } from '@/lib/app-context';
import { agentProfileFrom } from '@/lib/chat-service';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { ledgerWithProfile } from '@/lib/ledger';
import { catalogForOwner } from '@/lib/recipes/cookbook';
import { changePlan, notFoundPlan, planIdOf, planViewOf, type PlanContext } from '@/lib/plans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  /** The version the cook saw: a change to an older one is a 409 with the current version. */
  baseVersion: z.number().int().min(1),
  action: z.union([planChangeSchema, z.object({ kind: z.literal('restore'), version: z.number().int().min(1) })]),
});

/**
 * `POST /api/plans/:id/actions` `{ baseVersion, action }`: swap, lock, servings, days, meals, replan, ledger, pantry,
 * or restore an earlier version. Answers the new version; 409 `conflict:plan` with the current one in `details.plan`.
 */
export const POST = handle<PlanContext>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const planId = await planIdOf(context);
  const body = await parseJsonBody(request, bodySchema);
  const current = await store.getPlan({ ownerId, planId });
  if (!current) throw notFoundPlan();
  // The plan follows its conversation's constraints as they are now.
  // Over the owner's catalog: the plan may hold the cook's own recipes.
  const [conversation, profile, catalog] = await Promise.all([
    store.getConversationById({ ownerId, conversationId: current.conversationId }),
    store.getProfileByOwner({ ownerId }),
    catalogForOwner(store, ownerId),
  ]);
  const ledger = ledgerWithProfile(conversation?.ledger, agentProfileFrom(profile));
  const stored = await changePlan(store, { ownerId, planId, baseVersion: body.baseVersion, action: body.action, ledger, catalog });
  return jsonResponse({ plan: planViewOf(stored) }, { requestId });
});
