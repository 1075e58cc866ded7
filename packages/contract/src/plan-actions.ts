/**
 * The living plan on the wire (docs/api.md): the structured actions that change a plan, the state stored with each
 * version, the compact form of the current plan the web app sends the agent, and what the agent and the web app send
 * back. The kitchen defines what each action does (packages/kitchen/src/plan-actions.ts).
 */
import { z } from 'zod';
import type { ActionResult, MealSkeleton, PlanAction, PlanState } from '@chef-chopsky/kitchen/plan-actions';
import type { GroceryList, MealPlan } from '@chef-chopsky/kitchen/plan-types';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import { ALLERGENS, DIETS, MEAL_TYPES, PATTERNS } from '@chef-chopsky/kitchen/types';

export type { MealSkeleton, PlanAction, PlanState };

const slot = z.enum(MEAL_TYPES);
const day = z.number().int().min(1).max(14);
const word = z.string().trim().min(1).max(80);

/** A plan's shape and wishes beyond the ledger (the ledger's hard constraints apply whatever is here). */
export const planRequestShapeSchema = z.object({
  days: day.optional(),
  meals: z.array(slot).min(1).max(4).optional(),
  servings: z.number().int().min(1).max(20).optional(),
  diet: z.enum(DIETS).optional(),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
  dislikes: z.array(word).max(50).optional(),
  exclude: z.array(word).max(50).optional(),
  patterns: z.array(z.enum(PATTERNS)).max(PATTERNS.length).optional(),
  useUp: z.array(word).max(100).optional(),
  wanted: z.array(word).max(30).optional(),
  maxMinutesPerMeal: z.number().int().min(5).max(600).optional(),
  totalPrepMinutes: z.number().int().min(10).max(10_080).optional(),
  targets: z.object({ kcalPerDay: z.number().min(500).max(10_000).optional(), proteinGPerDay: z.number().min(0).max(500).optional() }).optional(),
  batchCooking: z.boolean().optional(),
  startWeekday: z.enum(WEEKDAYS).optional(),
});

/** The changes a cook (a button) or the chef (a tool call) can make to the current plan. */
export const planChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('swap'), day, slot, wanted: z.array(word).max(10).optional() }),
  z.object({ kind: z.literal('lock'), day, slot, locked: z.boolean() }),
  z.object({ kind: z.literal('servings'), servings: z.number().int().min(1).max(20) }),
  z.object({ kind: z.literal('days'), days: day }),
  z.object({ kind: z.literal('meals'), meals: z.array(slot).min(1).max(4) }),
  z.object({ kind: z.literal('replan') }),
  z.object({ kind: z.literal('ledger') }),
  z.object({ kind: z.literal('pantry'), have: z.array(word).min(1).max(30) }),
]);
export type PlanChange = z.infer<typeof planChangeSchema>;

/** Every action: a change, or `create` (a new plan in the conversation). */
export const planActionSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('create'), request: planRequestShapeSchema.optional() }), ...planChangeSchema.options]);

export const planStateSchema = z.object({
  request: planRequestShapeSchema,
  kept: z.array(z.object({ day, slot, why: z.enum(['locked', 'swapped']) })).max(56),
  avoid: z.array(z.object({ day, slot, recipeId: z.string().min(1).max(100) })).max(500),
  pantry: z.array(word).max(100),
  under: z.object({ hard: z.string().max(20_000), wishes: z.string().max(20_000), people: z.number().int().min(1).max(20).optional() }).optional(),
});

export const mealSkeletonSchema = z.object({
  day,
  slot,
  recipeId: z.string().min(1).max(100),
  leftoverOf: z.object({ day, slot }).nullable(),
});

/** The conversation's current plan as the web app sends it to the agent: ids, not the whole plan. */
export const currentPlanSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  catalogVersion: z.string().min(1).max(40),
  state: planStateSchema,
  meals: z.array(mealSkeletonSchema).max(14 * 4),
  /** What its latest version changed, in words. */
  label: z.string().max(200).optional(),
});
export type CurrentPlan = z.infer<typeof currentPlanSchema>;

/**
 * The agent's `plan` event: a new version of the conversation's plan (`base` is the version it was made from, null for
 * a new plan), with what made it. The web app stores it; when its current version is no longer `base` it applies the
 * action again to the current one, so no change is lost.
 */
export interface AgentPlanEvent {
  plan: MealPlan;
  state: PlanState;
  action: PlanAction;
  label: string;
  catalogVersion: string;
  base: { id: string | null; version: number } | null;
  swapped?: ActionResult['swapped'];
}

export interface PlanVersionSummary {
  version: number;
  label: string;
  createdAt: string;
}

/** The current plan as the browser shows it (the web app's `plan` event, `GET /api/plans/:id`). */
export interface PlanView {
  planId: string;
  conversationId: string;
  version: number;
  label: string;
  plan: MealPlan;
  state: PlanState;
  grocery: GroceryList;
  /** Ingredient ids ticked on the grocery list: kept across versions for items still needed. */
  ticks: string[];
  versions: PlanVersionSummary[];
  /** Made with other recipe data than the kitchen's now: the next change re-derives it. */
  catalogOutdated: boolean;
  /** Whether a share link is live. */
  shared: boolean;
}

/** What a chat message keeps of a plan change: which version, in words. */
export interface PlanVersionRef {
  planId: string;
  version: number;
  label: string;
}
