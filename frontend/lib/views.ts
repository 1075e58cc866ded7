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

export function toChatMessage(message: Message): ChatMessage {
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    parts: message.parts as ChatPart[],
    status: message.status,
    errorMessage: message.status === 'error' ? friendlyMessageForErrorCode(message.errorCode) : null,
    clientMessageId: message.clientMessageId,
    feedback: message.feedback,
    createdAt: message.createdAt,
  };
}
