import { z } from 'zod';
import { ledgerEditSchema } from '@chef-chopsky/contract/ledger';
import { appContext } from '@/lib/app-context';
import { agentProfileFrom } from '@/lib/chat-service';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { changesPlan, editLedger, ledgerView, ledgerWithProfile, updateConversationLedger } from '@/lib/ledger';
import { catalogForOwner } from '@/lib/recipes/cookbook';
import { planFollowingLedger, planViewOf } from '@/lib/plans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = () => new AppError('not_found:conversation', 'That conversation does not exist.');

/**
 * A chip edit: `{ "op": "add", "text": "no mushrooms" }` or `{ "op": "remove", "id": "allergen:peanuts" }`. Answers the
 * chips as they are now, whether the change alters what a plan is made from, and the conversation's plan brought up to
 * date with it when it has one (the meals that break a new constraint replaced; a lifted one frees the next re-plan).
 */
export const POST = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const { id } = await context.params;
  if (!z.uuid().safeParse(id).success) throw notFound();
  const edit = await parseJsonBody(request, ledgerEditSchema);
  const profile = agentProfileFrom(await store.getProfileByOwner({ ownerId }));
  const result = await updateConversationLedger(store, { ownerId, conversationId: id }, (current) => editLedger(current, profile, edit));
  if (!result) throw notFound();
  const plan = await planFollowingLedger(store, { ownerId, conversationId: id, ledger: result.after, catalog: await catalogForOwner(store, ownerId) });
  return jsonResponse(
    {
      ledger: ledgerView(result.after),
      changesPlan: changesPlan(ledgerWithProfile(result.before, profile), result.after),
      plan: plan ? planViewOf(plan) : null,
    },
    { requestId },
  );
});
