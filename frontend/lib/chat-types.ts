/**
 * Shapes shared by the server and the browser: the agent's structured events (docs/api.md) and the messages the chat
 * UI renders. Nothing here is secret; client components import it.
 */

export interface Nutrition {
  kcal: number;
  proteinG: number;
  fatG: number;
  saturatedFatG?: number;
  carbsG: number;
  fibreG?: number;
  sugarG?: number;
  sodiumMg?: number;
}

export type MealSlot = 'breakfast' | 'lunch' | 'dinner' | 'snack';

export interface PlanIngredient {
  ingredientId: string;
  name: string;
  quantity: number;
  unit: string;
  grams: number;
  display?: string;
  note?: string;
  /** For counted things (unit `piece`): whether they are used whole, by the half or by the quarter; scaling rounds to it. */
  pieceCut?: 'whole' | 'halves' | 'quarters';
}

export interface PlannedMeal {
  slot: MealSlot;
  recipeId: string;
  title: string;
  cuisine?: string;
  servings: number;
  /** Servings the ingredients are for: more than `servings` when the batch also feeds later leftovers (0 for leftovers). */
  cookServings?: number;
  prepMinutes: number;
  cookMinutes: number;
  leftoverOf?: { day: number; slot: MealSlot } | null;
  locked?: boolean;
  nutrition: Nutrition;
  ingredients: PlanIngredient[];
  steps: string[];
  /** The ingredients the cook asked for ("dinners with chicken") that this meal has, in their words; absent when none. */
  wanted?: string[];
}

export interface PlanDay {
  day: number;
  label: string;
  meals: PlannedMeal[];
  nutrition: Nutrition;
}

export interface PlanCheck {
  id: string;
  kind: 'constraint' | 'target';
  label: string;
  met: boolean;
  detail?: string;
}

export interface MealPlan {
  id: string;
  servings: number;
  diet: string;
  allergensExcluded: string[];
  days: PlanDay[];
  checks?: PlanCheck[];
  unmet?: { constraint: string; reason: string; relax?: string }[];
  /**
   * What the cook asked for: used, and unused; `unavailable` (within `unused`) are those no fitting recipe has. Absent
   * from plans stored before the agent sent it.
   */
  wanted?: { used: string[]; unused: string[]; unavailable: string[] };
}

export interface GroceryItem {
  ingredientId: string;
  name: string;
  grams: number;
  quantity: number;
  unit: string;
  display: string;
  pantryGrams?: number;
}

export interface GroceryList {
  planId: string | null;
  units: 'metric' | 'us';
  sections: { section: string; items: GroceryItem[] }[];
  itemCount: number;
}

export type ChatPart = { type: 'plan'; plan: MealPlan } | { type: 'grocery'; grocery: GroceryList };

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
}

export interface ConversationSummary {
  id: string;
  title: string;
  status: 'active' | 'archived';
  lastMessageAt: string | null;
  createdAt: string;
  rating: number | null;
}

/** The copy a cook sees when a reply fails; the agent's codes map onto these (issue 2). */
/** The longest message a cook can send (the route refuses longer ones; the composer stops there and says so). */
export const MAX_MESSAGE_CHARS = 8000;

export const FRIENDLY_COPY = {
  timeout: 'The model is taking too long—please try again.',
  auth: 'Cannot reach the chat service (authorisation required).',
  origin: 'This environment is not authorised to use the chat service.',
  generic: 'Something went wrong. Please try again.',
  lost: 'This reply was cut off before it could be saved. Please try again.',
  /** The agent's own copy (agent/src/errors.ts COPY.maintenance), for replies reloaded from the store. */
  maintenance: 'Chef Chopsky is having a short maintenance break. Please try again in a few minutes.',
} as const;

/** The copy to show for a stored error code (messages reloaded from the store keep only the code). */
export function friendlyMessageForErrorCode(code: string | null | undefined): string {
  if (!code) return FRIENDLY_COPY.generic;
  if (code.startsWith('timeout')) return FRIENDLY_COPY.timeout;
  if (code === 'unavailable:agent_auth') return FRIENDLY_COPY.auth;
  if (code === 'unavailable:agent_origin') return FRIENDLY_COPY.origin;
  if (code === 'unavailable:reply_lost') return FRIENDLY_COPY.lost;
  if (code === 'unavailable:maintenance') return FRIENDLY_COPY.maintenance;
  if (code.startsWith('rate_limited')) return 'Too many requests right now. Please wait a moment and try again.';
  return FRIENDLY_COPY.generic;
}
