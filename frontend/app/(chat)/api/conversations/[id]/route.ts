import { z } from 'zod';
import { appContext } from '@/lib/app-context';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { agentProfileFrom, readerView } from '@/lib/chat-service';
import { ledgerView, ledgerWithProfile } from '@/lib/ledger';
import { planViewOf } from '@/lib/plans';
import { toChatMessage, toConversationSummary } from '@/lib/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const idSchema = z.uuid();

async function conversationIdOf(context: Context): Promise<string> {
  const { id } = await context.params;
  // A malformed id is indistinguishable from someone else's conversation: both are simply not found.
  if (!idSchema.safeParse(id).success) throw new AppError('not_found:conversation', 'That conversation does not exist.');
  return id;
}

const notFound = () => new AppError('not_found:conversation', 'That conversation does not exist.');

const patchSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').optional(),
    archived: z.boolean().optional(),
    rating: z.number().int().min(1).max(5).optional(),
    ratingComment: z.string().max(2000).optional(),
  })
  .refine((body) => body.title !== undefined || body.archived !== undefined || body.rating !== undefined, 'nothing to change');

export const GET = handle<Context>(async (request, requestId, context) => {
  const { env, store, chat } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const conversationId = await conversationIdOf(context);
  const [conversation, listed, profile, current] = await Promise.all([
    store.getConversationById({ ownerId, conversationId }),
    store.listMessagesByConversation({ ownerId, conversationId, limit: 500 }),
    store.getProfileByOwner({ ownerId }),
    store.getCurrentPlan({ ownerId, conversationId }),
  ]);
  if (!conversation) throw notFound();
  const { messages, plan, lostBefore } = await readerView(chat, { ownerId, conversationId }, { messages: listed, plan: current });
  return jsonResponse(
    {
      conversation: toConversationSummary(conversation),
      messages: messages.map((message) => toChatMessage(message, { lostBefore })),
      ledger: ledgerView(ledgerWithProfile(conversation.ledger, agentProfileFrom(profile))),
      plan: plan ? planViewOf(plan) : null,
    },
    { requestId },
  );
});

export const PATCH = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const conversationId = await conversationIdOf(context);
  const body = await parseJsonBody(request, patchSchema);
  let conversation = await store.getConversationById({ ownerId, conversationId });
  if (!conversation) throw notFound();
  if (body.title !== undefined) conversation = await store.renameConversationById({ ownerId, conversationId, title: body.title });
  if (conversation && body.archived !== undefined) {
    conversation = await store.archiveConversationById({ ownerId, conversationId, archived: body.archived });
  }
  if (conversation && body.rating !== undefined) {
    await store.saveConversationRating({ ownerId, conversationId, rating: body.rating, comment: body.ratingComment ?? null });
    conversation = await store.getConversationById({ ownerId, conversationId });
  }
  if (!conversation) throw notFound();
  return jsonResponse({ conversation: toConversationSummary(conversation) }, { requestId });
});

export const DELETE = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const conversationId = await conversationIdOf(context);
  const deleted = await store.deleteConversationById({ ownerId, conversationId });
  if (!deleted) throw notFound();
  return jsonResponse({ deleted: true }, { requestId });
});
