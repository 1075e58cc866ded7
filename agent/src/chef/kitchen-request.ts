/**
 * The plan request the chef's tools take, how it merges with the cook's profile, and `planRef`: a compact, stateless
 * handle on a plan. The agent keeps no state between chats, so a plan is identified by what produced it (the request
 * and the swaps applied since): the planner is deterministic, so replaying the request gives the same plan.
 */
import { z } from 'zod';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { DIET_RANK } from '@chef-chopsky/kitchen/catalog';
import type { MealPlan, PlanInput } from '@chef-chopsky/kitchen/plan-types';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import { planMeals, swapMeal } from '@chef-chopsky/kitchen/planner';
import { ALLERGENS, DIETS, MEAL_TYPES, type Diet } from '@chef-chopsky/kitchen/types';
import type { Profile } from '@chef-chopsky/contract/profile';

const slotSchema = z.enum(MEAL_TYPES);

export const swapSchema = z.object({
  day: z.number().int().min(1).max(14),
  slot: slotSchema,
  wanted: z
    .array(z.string().min(1).max(80))
    .max(10)
    .optional()
    .describe('Ingredients the new meal should have ("swap it for something with salmon"); for this meal only, never past the diet, allergies or dislikes'),
});

/** Everything optional except days; omitted fields come from the cook's profile. */
export const planRequestSchema = z.object({
  days: z.number().int().min(1).max(14).describe('How many days to plan'),
  meals: z.array(slotSchema).min(1).max(4).optional().describe('Meal slots per day; default breakfast, lunch, dinner'),
  servings: z.number().int().min(1).max(20).optional().describe('People eating; default the household size'),
  diet: z.enum(DIETS).optional(),
  allergens: z.array(z.enum(ALLERGENS)).optional().describe('Allergens to exclude (added to the profile\'s)'),
  dislikes: z.array(z.string().min(1).max(80)).max(50).optional().describe('Ingredient names never to use'),
  useUp: z.array(z.string().min(1).max(80)).max(100).optional().describe('Ingredients to use up (pantry, CSA box)'),
  wanted: z
    .array(z.string().min(1).max(80))
    .max(30)
    .optional()
    .describe('Ingredients the cook asked to have ("dinners with chicken"); preferred in every meal, never past the diet, allergies or dislikes, and still bought'),
  maxMinutesPerMeal: z.number().int().min(5).max(600).optional(),
  totalPrepMinutes: z.number().int().min(10).max(10_080).optional(),
  targets: z.object({ kcalPerDay: z.number().min(500).max(10_000).optional(), proteinGPerDay: z.number().min(0).max(500).optional() }).optional(),
  batchCooking: z.boolean().optional().describe('Cook once, eat the leftovers later; default on when the plan has lunches or a time budget'),
  startWeekday: z.enum(WEEKDAYS).optional(),
  swaps: z.array(swapSchema).max(50).optional().describe('Meals swapped since the plan was made, in order'),
});

export type PlanRequest = z.infer<typeof planRequestSchema>;

/** The stricter of two diets (vegan is strictest). */
export function stricterDiet(a: Diet | undefined, b: Diet | undefined): Diet | undefined {
  if (!a) return b;
  if (!b) return a;
  return DIET_RANK[a] <= DIET_RANK[b] ? a : b;
}

const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined => {
  const all = [...(a ?? []), ...(b ?? [])];
  return all.length > 0 ? [...new Set(all)] : undefined;
};

/**
 * The planner input for a request in the context of a profile. The profile's allergens, dislikes and diet are hard
 * limits the request can only tighten (a model cannot talk its way around an allergy); servings, time, targets and
 * pantry fill in what the request leaves out.
 */
export function planInputFor(request: PlanRequest, profile: Profile): PlanInput {
  const input: PlanInput = {
    days: request.days,
    servings: request.servings ?? profile.householdSize ?? 2,
    diet: stricterDiet(request.diet, profile.diet) ?? 'omnivore',
    allergens: union(profile.allergens, request.allergens) ?? [],
    dislikes: union(profile.dislikes, request.dislikes) ?? [],
    useUp: union(profile.pantry, request.useUp) ?? [],
    startWeekday: request.startWeekday ?? 'monday',
  };
  if (request.meals) input.meals = request.meals;
  if (request.wanted && request.wanted.length > 0) input.wanted = request.wanted;
  if (request.batchCooking !== undefined) input.batchCooking = request.batchCooking;
  const maxMinutes = request.maxMinutesPerMeal ?? profile.maxMinutesPerMeal;
  if (maxMinutes) input.maxMinutesPerMeal = maxMinutes;
  const total = request.totalPrepMinutes ?? profile.weeklyPrepMinutes;
  if (total) input.totalPrepMinutes = total;
  const kcal = request.targets?.kcalPerDay ?? profile.targets?.kcalPerDay;
  const protein = request.targets?.proteinGPerDay ?? profile.targets?.proteinGPerDay;
  if (kcal || protein) input.targets = { ...(kcal ? { kcalPerDay: kcal } : {}), ...(protein ? { proteinGPerDay: protein } : {}) };
  return input;
}

/** Plans the request, then replays its swaps in order. Same request and profile, same plan. */
export function planForRequest(catalog: Catalog, request: PlanRequest, profile: Profile): { plan: MealPlan; input: PlanInput } {
  let input = planInputFor(request, profile);
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
