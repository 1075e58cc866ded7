/**
 * The plan request the chef's tools take, how it merges with the cook's profile, and `planRef`: a compact, stateless
 * handle on a plan. The agent keeps no state between chats, so a plan is identified by what produced it (the request
 * and the swaps applied since): the planner is deterministic, so replaying the request gives the same plan.
 */
import { z } from 'zod';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { DIET_RANK } from '@chef-chopsky/kitchen/catalog';
import { PATTERNS } from '@chef-chopsky/kitchen/exclusions';
import { planInputFromLedger } from '@chef-chopsky/kitchen/ledger/plan-input';
import type { ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import type { MealPlan, PlanInput } from '@chef-chopsky/kitchen/plan-types';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import { planMeals, swapMeal } from '@chef-chopsky/kitchen/planner';
import { ALLERGENS, DIETS, MEAL_TYPES, type Diet } from '@chef-chopsky/kitchen/types';

const slotSchema = z.enum(MEAL_TYPES);

export const swapSchema = z.object({
  day: z.number().int().min(1).max(14),
  slot: slotSchema,
  wanted: z
    .array(z.string().min(1).max(80))
    .max(10)
    .optional()
    .describe('Ingredients the new meal should have'),
});

/**
 * Everything optional: omitted fields come from the household's constraint ledger, whose hard constraints apply
 * whatever is passed (a request can add to them, never take away).
 */
export const planRequestSchema = z.object({
  days: z.number().int().min(1).max(14).optional(),
  meals: z.array(slotSchema).min(1).max(4).optional().describe('Default breakfast, lunch, dinner'),
  servings: z.number().int().min(1).max(20).optional().describe('Default: household size'),
  diet: z.enum(DIETS).optional(),
  allergens: z.array(z.enum(ALLERGENS)).optional(),
  dislikes: z.array(z.string().min(1).max(80)).max(50).optional(),
  exclude: z.array(z.string().min(1).max(80)).max(50).optional().describe('Foods or groups: pork, beef, lamb, poultry, red-meat, alcohol, lactose'),
  patterns: z.array(z.enum(PATTERNS)).max(PATTERNS.length).optional(),
  useUp: z.array(z.string().min(1).max(80)).max(100).optional().describe('Ingredients to use up'),
  wanted: z.array(z.string().min(1).max(80)).max(30).optional().describe('Ingredients asked for in every meal'),
  maxMinutesPerMeal: z.number().int().min(5).max(600).optional(),
  totalPrepMinutes: z.number().int().min(10).max(10_080).optional(),
  targets: z.object({ kcalPerDay: z.number().min(500).max(10_000).optional(), proteinGPerDay: z.number().min(0).max(500).optional() }).optional(),
  batchCooking: z.boolean().optional().describe('Cook once, eat leftovers later'),
  startWeekday: z.enum(WEEKDAYS).optional(),
  swaps: z.array(swapSchema).max(50).optional().describe('Meals swapped since the plan was made, in order'),
});

/**
 * What plan_meals takes from a model: a plan request without its swaps (those travel inside the planRef it returns).
 * The descriptions above are short on purpose: every tool definition is sent upstream with every model call.
 */
export const planToolSchema = planRequestSchema.omit({ swaps: true });

export type PlanRequest = z.infer<typeof planRequestSchema>;

/** The stricter of two diets (vegan is strictest). */
export function stricterDiet(a: Diet | undefined, b: Diet | undefined): Diet | undefined {
  if (!a) return b;
  if (!b) return a;
  return DIET_RANK[a] <= DIET_RANK[b] ? a : b;
}

/**
 * The planner input for a request under the household's ledger: the ledger's allergens, diet, exclusions, regimes and
 * dislikes are hard limits the request can only tighten (a model cannot talk its way around an allergy); the plan's
 * shape, time and targets take the request's word where it gives one, else the ledger's.
 */
export function planInputFor(request: PlanRequest, ledger: ConstraintLedger): PlanInput {
  const input = planInputFromLedger(ledger, request);
  if (request.startWeekday) input.startWeekday = request.startWeekday;
  return input;
}

/** Plans the request, then replays its swaps in order. Same request and ledger, same plan. */
export function planForRequest(catalog: Catalog, request: PlanRequest, ledger: ConstraintLedger): { plan: MealPlan; input: PlanInput } {
  let input = planInputFor(request, ledger);
  let plan = planMeals(catalog, input);
  for (const swap of request.swaps ?? []) {
    const exists = plan.days.some((d) => d.day === swap.day && d.meals.some((m) => m.slot === swap.slot));
    if (!exists) continue;
    ({ plan, input } = swapMeal(catalog, input, swap.day, swap.slot, plan, swap.wanted));
  }
  return { plan, input };
}

export function encodePlanRef(request: PlanRequest): string {
  return `p1.${Buffer.from(JSON.stringify(request), 'utf8').toString('base64url')}`;
}

/** The request behind a planRef, validated; null when it is not one. */
export function decodePlanRef(ref: string): PlanRequest | null {
  const match = /^p1\.([A-Za-z0-9_-]+)$/.exec(ref.trim());
  if (!match) return null;
  try {
    const parsed = planRequestSchema.safeParse(JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The plan reference as a markdown comment (a link reference definition, which CommonMark renderers never display),
 * so it travels with the assistant's stored reply and a later turn can pick the plan up again.
 */
export function planRefMarker(ref: string): string {
  return `[//]: # (chopsky-plan ${ref})`;
}

const MARKER = /\[\/\/\]: # \(chopsky-plan (p1\.[A-Za-z0-9_-]+)\)/g;

/** The last plan reference in a text, if any. */
export function findPlanRef(text: string): string | null {
  const all = [...text.matchAll(MARKER)];
  return all.length > 0 ? all[all.length - 1]![1]! : null;
}
