/**
 * Shapes shared by the server and the browser: the agent's structured events (docs/api.md) and the messages the chat
 * UI renders. Nothing here is secret; client components import it.
 */

export type { GroceryItem, GroceryList, MealPlan, MealType as MealSlot, PlanCheck, PlannedDay as PlanDay, PlannedIngredient as PlanIngredient, PlannedMeal, Nutrition } from '@chef-chopsky/contract/plan';
import type { GroceryList, MealPlan } from '@chef-chopsky/contract/plan';
export { COPY as FRIENDLY_COPY, friendlyMessageForErrorCode } from '@chef-chopsky/contract/errors';
export { MAX_MESSAGE_CHARS } from '@chef-chopsky/contract/limits';

export type ChatPart =
  | { type: 'plan-version'; planId: string; version: number; label: string }
  | { type: 'plan'; plan: MealPlan }
  | { type: 'grocery'; grocery: GroceryList };

export type ChatStatus = 'complete' | 'streaming' | 'interrupted' | 'error';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  parts: ChatPart[];
  status: ChatStatus;
  errorMessage?: string | null;
  clientMessageId?: string | null;
  feedback?: { rating: 'up' | 'down'; comment: string | null } | null;
  createdAt: string;
  /** The message that replaced this one (a regenerated reply's new reply, an edited message's new version): not shown. */
  supersededBy?: string | null;
}

export interface ConversationSummary {
  id: string;
  title: string;
  status: 'active' | 'archived';
  lastMessageAt: string | null;
  createdAt: string;
  rating: number | null;
}
