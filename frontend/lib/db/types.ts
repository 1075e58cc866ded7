/**
 * The conversation store's public API. Every function takes one object argument and is scoped to an `ownerId`
 * (the guest session's random uuid): a row of another owner behaves exactly as a missing row.
 * Implementations: PGlite (embedded default), PostgreSQL over `pg`, Supabase over `@supabase/supabase-js`.
 */

import type { RecipeStore } from './recipe-store';
import type { AgeGroup, ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import type { Allergen, Diet } from '@chef-chopsky/kitchen/types';
import type { PlanAction, PlanState } from '@chef-chopsky/kitchen/plan-actions';
import type { GroceryList, MealPlan } from '@chef-chopsky/kitchen/plan-types';

export type { RecipeDraft, RecipeStore, SavedRecipe } from './recipe-store';

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

/**
 * Structured results shown next to the text: a version of the conversation's plan (a reference: the plan lives in
 * the plans table), or, in replies stored before plans had versions, the agent's `plan` and `grocery` events as they were.
 */
export type MessagePart =
  | { type: 'plan-version'; planId: string; version: number; label: string }
  | { type: 'plan'; plan: unknown }
  | { type: 'grocery'; grocery: unknown };

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

/** One version of a plan as stored (supabase/migrations/*_create_plans.sql), with the plan's list of versions. */
export interface StoredPlan {
  planId: string;
  conversationId: string;
  version: number;
  currentVersion: number;
  label: string;
  plan: MealPlan;
  state: PlanState;
  ledger: ConstraintLedger;
  grocery: GroceryList;
  action: PlanAction;
  catalogVersion: string;
  createdAt: string;
  ticks: string[];
  shareId: string | null;
  versions: Array<{ version: number; label: string; createdAt: string }>;
}

/** What a new version stores. */
export interface PlanVersionInput {
  plan: MealPlan;
  state: PlanState;
  ledger: ConstraintLedger;
  grocery: GroceryList;
  action: PlanAction;
  label: string;
  catalogVersion: string;
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

  /**
   * A new plan in a conversation, at version 1. Throws not_found:conversation for someone else's conversation. `from`:
   * the reply and the agent's event id (its `id:`) that made it: that event makes one plan however many instances store
   * it; a later call gets that plan at version 1 and its `version` is ignored (not_found:message for another's reply).
   */
  createPlan(args: { ownerId: string; conversationId: string; version: PlanVersionInput; from?: { messageId: string; event: number } }): Promise<StoredPlan>;
  /**
   * The plan's next version, compare-and-set: `baseVersion` must be its current version, else `conflict:plan` and nothing
   * is written. Ticks carry over for the grocery items the new version still buys.
   */
  addPlanVersion(args: { ownerId: string; planId: string; baseVersion: number; version: PlanVersionInput }): Promise<StoredPlan>;
  /** A plan at a version (default: its current one); null when the owner has no such plan or version. */
  getPlan(args: { ownerId: string; planId: string; version?: number | null }): Promise<StoredPlan | null>;
  /** The conversation's current plan (its newest), at its current version; null when it has none. */
  getCurrentPlan(args: { ownerId: string; conversationId: string }): Promise<StoredPlan | null>;
  /** Ticks or unticks a grocery item; the ticks, or null when the owner has no such plan. */
  setPlanTick(args: { ownerId: string; planId: string; ingredientId: string; ticked: boolean }): Promise<string[] | null>;
  /** Shares the plan under a new share id (an earlier link stops working), or stops sharing (null). False: no such plan. */
  setPlanShare(args: { ownerId: string; planId: string; shareId: string | null }): Promise<boolean>;
  /** What a share link shows; null when the link was revoked or the plan deleted. */
  getSharedPlan(args: { shareId: string }): Promise<{ version: number; label: string; plan: MealPlan; grocery: GroceryList; createdAt: string } | null>;

  getProfileByOwner(args: { ownerId: string }): Promise<Profile | null>;
  saveProfileByOwner(args: { ownerId: string; profile: Profile }): Promise<Profile>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
