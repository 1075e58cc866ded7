/**
 * The conversation store's public API. Every function takes one object argument and is scoped to an `ownerId`
 * (the guest session's random uuid): a row of another owner behaves exactly as a missing row.
 * Implementations: PGlite (embedded default), PostgreSQL over `pg`, Supabase over `@supabase/supabase-js`.
 */

import type { RecipeStore } from './recipe-store';

export type { RecipeDraft, RecipeStore, SavedRecipe } from './recipe-store';

export const DIETS = ['omnivore', 'pescatarian', 'vegetarian', 'vegan'] as const;
export type Diet = (typeof DIETS)[number];

export const ALLERGENS = ['milk', 'egg', 'fish', 'shellfish', 'tree_nuts', 'peanuts', 'wheat', 'soy', 'sesame', 'gluten'] as const;
export type Allergen = (typeof ALLERGENS)[number];

export interface NutritionTargets {
  kcalPerDay?: number | null;
  proteinGPerDay?: number | null;
}

/** What every chat takes into account. Same shape as the agent's `profile` (docs/api.md). */
export interface Profile {
  householdSize: number;
  diet: Diet;
  allergens: Allergen[];
  dislikes: string[];
  pantry: string[];
  maxMinutesPerMeal: number | null;
  weeklyPrepMinutes: number | null;
  targets: NutritionTargets;
  units: 'metric' | 'us';
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
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next (older) page, or null at the end. */
  nextCursor: string | null;
}

export interface Store extends RecipeStore {
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
  }): Promise<{ conversationId: string; message: Message; created: boolean; reply: Message | null }>;
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
