import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { ChatView } from '@/components/chat-view';
import { appContext } from '@/lib/app-context';
import { agentProfileFrom, readerView } from '@/lib/chat-service';
import { ledgerView, ledgerWithProfile } from '@/lib/ledger';
import { planViewOf } from '@/lib/plans';
import { pageOwnerId } from '@/lib/page-session';
import { toChatMessage, toConversationSummary } from '@/lib/views';

export const dynamic = 'force-dynamic';

// One read per request: the page and its metadata share it (React's `cache`), lost replies included.
const load = cache(async (id: string) => {
  // Someone else's conversation and a malformed id look exactly like a missing one: 404.
  if (!z.uuid().safeParse(id).success) notFound();
  const ownerId = await pageOwnerId();
  const { store, chat } = await appContext();
  const conversation = await store.getConversationById({ ownerId, conversationId: id });
  if (!conversation) notFound();
  const [listed, profile, current] = await Promise.all([
    store.listMessagesByConversation({ ownerId, conversationId: id, limit: 500 }),
    store.getProfileByOwner({ ownerId }),
    store.getCurrentPlan({ ownerId, conversationId: id }),
  ]);
  const { messages, plan, lostBefore } = await readerView(chat, { ownerId, conversationId: id }, { messages: listed, plan: current });
  const ledger = ledgerView(ledgerWithProfile(conversation.ledger, agentProfileFrom(profile)));
  return { conversation, messages, ledger, plan: plan ? planViewOf(plan) : null, lostBefore };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { conversation } = await load((await params).id);
  return { title: conversation.title };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { conversation, messages, ledger, plan, lostBefore } = await load((await params).id);
  // Not awaited: the header's built-in planner note streams in when the agent has answered.
  const agentInfo = appContext().then((context) => context.agentInfo());
  return (
    <ChatView
      key={conversation.id}
      conversation={toConversationSummary(conversation)}
      initialMessages={messages.map((message) => toChatMessage(message, { lostBefore }))}
      initialLedger={ledger}
      initialPlan={plan}
      agentInfo={agentInfo}
    />
  );
}
