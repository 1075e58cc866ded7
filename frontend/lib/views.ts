import type { Conversation, Message } from './db/types';
import { friendlyMessageForErrorCode, type ChatMessage, type ChatPart, type ConversationSummary } from './chat-types';

/** What the browser may see of stored rows: no owner ids, error codes turned into the copy a cook reads. */

export function toConversationSummary(conversation: Conversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    status: conversation.status,
    lastMessageAt: conversation.lastMessageAt,
    createdAt: conversation.createdAt,
    rating: conversation.rating,
  };
}

/**
 * `lostBefore` (epoch ms, from `replyLostAfterMs`): a reply still marked `streaming` that began before it can no longer be
 * finished by any run (its run died before storing it), so the cook sees it as failed, with Retry, not as thinking forever.
 */
export function toChatMessage(message: Message, { lostBefore }: { lostBefore: number }): ChatMessage {
  const lost = message.status === 'streaming' && Date.parse(message.createdAt) < lostBefore;
  const status = lost ? 'error' : message.status;
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    parts: message.parts as ChatPart[],
    status,
    errorMessage: status === 'error' ? friendlyMessageForErrorCode(lost ? 'unavailable:reply_lost' : message.errorCode) : null,
    clientMessageId: message.clientMessageId,
    feedback: message.feedback,
    createdAt: message.createdAt,
    supersededBy: message.supersededBy ?? null,
  };
}
