/**
 * The conversation store's public API. Every function takes one object argument and is scoped to an `ownerId`
 * (the guest session's random uuid): a row of another owner behaves exactly as a missing row.
 * Implementations: PGlite (embedded default), PostgreSQL over `pg`, Supabase over `@supabase/supabase-js`.
 */

import type { AgeGroup, ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import type { Allergen, Diet } from '@chef-chopsky/kitchen/types';

// One list of allergens, diets and age groups for the kitchen, the agent's contract, the store and the forms. Both
// modules are constants and types only, so client components may import this one.
export { AGE_GROUPS, type AgeGroup, type ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
export { ALLERGENS, DIETS, type Allergen, type Diet } from '@chef-chopsky/kitchen/types';

export interface NutritionTargets {
  kcalPerDay?: number | null;
  proteinGPerDay?: number | null;
}

/** Someone in the household, with what they cannot eat. */
export interface HouseholdMember {
  label: string;
  ageGroup: AgeGroup;
  allergens: Allergen[];
  diet: Diet;
}

/** What every chat takes into account. Same shape as the agent's `profile` (docs/api.md). */
export interface Profile {
  /** When there are members, this is their number. */
  householdSize: number;
  diet: Diet;
  allergens: Allergen[];
  dislikes: string[];
  pantry: string[];
  maxMinutesPerMeal: number | null;
  weeklyPrepMinutes: number | null;
  targets: NutritionTargets;
  units: 'metric' | 'us';
  /** Who eats, each with their own allergies and diet; empty when the cook only gave a household size. */
  members: HouseholdMember[];
  updatedAt?: string;
}

export type ConversationStatus = 'active' | 'archived';

export interface Conversation {
  id: string;
  ownerId: string;
  title: string;
  status: ConversationStatus;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string | null;
  metadata: Record<string, unknown>;
  /** 1-5 rating of the whole conversation, if given. */
  rating: number | null;
  /** What the household can and cannot eat in this conversation (packages/kitchen/src/ledger). Not on list pages. */
  ledger?: ConstraintLedger;
}

export type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'complete' | 'streaming' | 'interrupted' | 'error';

/** Structured results shown next to the text: the agent's `plan` and `grocery` events (docs/api.md). */
export type MessagePart = { type: 'plan'; plan: unknown } | { type: 'grocery'; grocery: unknown };

export interface MessageFeedback {
  rating: 'up' | 'down';
  comment: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  ownerId: string;
  role: MessageRole;
  content: string;
  parts: MessagePart[];
  status: MessageStatus;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  clientMessageId: string | null;
  errorCode: string | null;
  createdAt: string;
  feedback: MessageFeedback | null;
  /** On a user message: the conversation's ledger once that message was read. */
  ledger: ConstraintLedger | null;
  /**
   * The message that replaced this one in the thread (a regenerated reply's new reply; an edited message's new version,
   * which also supersedes its replies), or null while it is part of the thread. Superseded messages stay stored.
   */
  supersededBy: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next (older) page, or null at the end. */
  nextCursor: string | null;
}

export interface Store {
  createConversation(args: { ownerId: string; title?: string; metadata?: Record<string, unknown> }): Promise<Conversation>;
  /** Newest activity first (last_message_at, then created_at). `search` matches titles and message text. */
  listConversationsByOwner(args: {
    ownerId: string;
    limit?: number;
    cursor?: string | null;
    search?: string;
    status?: ConversationStatus | 'all';
  }): Promise<Page<Conversation>>;
  getConversationById(args: { ownerId: string; conversationId: string }): Promise<Conversation | null>;
  renameConversationById(args: { ownerId: string; conversationId: string; title: string }): Promise<Conversation | null>;
  archiveConversationById(args: { ownerId: string; conversationId: string; archived: boolean }): Promise<Conversation | null>;
  deleteConversationById(args: { ownerId: string; conversationId: string }): Promise<boolean>;

  /** Idempotent on (conversationId, clientMessageId): a retried send returns the stored row with `created: false`. */
  appendUserMessage(args: {
    ownerId: string;
    conversationId: string;
    clientMessageId: string;
    content: string;
  }): Promise<{ message: Message; created: boolean }>;
  /** Stores an empty assistant message with status `streaming`, before the agent is called. */
  beginAssistantMessage(args: {
    ownerId: string;
    conversationId: string;
    clientMessageId?: string | null;
    model?: string | null;
  }): Promise<Message>;
  /**
   * A cook's send in one round trip: the conversation (created for a first send, found again when a first send is
   * retried with the same clientMessageId), the user's message (idempotent as in appendUserMessage) and, only when that
   * message is new, the assistant's `streaming` reply row. A retried send gets `created: false` and `reply: null`.
   */
  startChatTurn(args: {
    ownerId: string;
    conversationId?: string | null;
    clientMessageId: string;
    content: string;
    title?: string;
    /**
     * The conversation's ledger with this message read, stored on the conversation and the new message (a retried send
     * changes nothing). `ledgerBefore` is the ledger it was computed from: when the conversation's is another one by
     * now, nothing is stored and it throws `conflict:ledger`, so the caller reads it again and loses no change.
     */
    ledger?: ConstraintLedger | null;
    ledgerBefore?: ConstraintLedger | null;
  }): Promise<{ conversationId: string; message: Message; created: boolean; reply: Message | null }>;
  /**
   * A conversation's new ledger (a chip edit, or what a model's tool call added), compare-and-set against `before`:
   * throws `conflict:ledger` when the stored ledger is no longer `before`. Null when the owner has no such conversation.
   */
  saveConversationLedger(args: {
    ownerId: string;
    conversationId: string;
    ledger: ConstraintLedger;
    before: ConstraintLedger;
  }): Promise<Conversation | null>;
  /** Final content, parts and status of an assistant message; bumps the conversation's last_message_at. */
  completeAssistantMessage(args: {
    ownerId: string;
    messageId: string;
    content: string;
    parts: MessagePart[];
    status: Exclude<MessageStatus, 'streaming'>;
    model?: string | null;
    inputTokens?: number | null;
    outputTokens?: number | null;
    latencyMs?: number | null;
    errorCode?: string | null;
  }): Promise<Message | null>;
  /**
   * Takes messages out of the thread (kept stored): each of `messageIds` is superseded by `by`, a later message of the same
   * conversation. Idempotent; a message already superseded keeps what superseded it first. Returns the ids `by`
   * supersedes. `not_found:message` when `by` or one of the messages is not the owner's in that conversation, or not older.
   */
  supersedeMessages(args: { ownerId: string; conversationId: string; messageIds: string[]; by: string }): Promise<string[]>;
  /** Oldest first. */
  listMessagesByConversation(args: { ownerId: string; conversationId: string; limit?: number }): Promise<Message[]>;

  /** `rating: null` removes the feedback. Only assistant messages take feedback. */
  saveMessageFeedback(args: {
    ownerId: string;
    messageId: string;
    rating: 'up' | 'down' | null;
    comment?: string | null;
  }): Promise<MessageFeedback | null>;
  saveConversationRating(args: {
    ownerId: string;
    conversationId: string;
    rating: number;
    tags?: string[];
    comment?: string | null;
  }): Promise<{ rating: number; tags: string[]; comment: string | null } | null>;

  getProfileByOwner(args: { ownerId: string }): Promise<Profile | null>;
  saveProfileByOwner(args: { ownerId: string; profile: Profile }): Promise<Profile>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
