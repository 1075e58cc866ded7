/**
 * What the planner is asked, from the ledger and a request (a tool call's arguments, or the built-in brain's). The
 * ledger's hard constraints always apply and a request can only add to them (a model that forgets an allergy in its
 * tool call cannot drop it); the plan's shape, time and targets take the request's word where it gives one.
 */
import { DIET_RANK } from '../catalog';
import type { Pattern } from '../exclusions';
import type { PlanInput } from '../plan-types';
import type { Allergen, Diet, MealType } from '../types';
import { entriesOf, scalarOf } from './merge';
import type { ConstraintLedger } from './types';

export interface PlanShapeRequest {
  days?: number;
  meals?: MealType[];
  servings?: number;
  diet?: Diet;
  allergens?: Allergen[];
  dislikes?: string[];
  exclude?: string[];
  patterns?: Pattern[];
  useUp?: string[];
  wanted?: string[];
  maxMinutesPerMeal?: number;
  totalPrepMinutes?: number;
  targets?: { kcalPerDay?: number; proteinGPerDay?: number };
  batchCooking?: boolean;
}

export const DEFAULT_DAYS = 7;
export const DEFAULT_SERVINGS = 2;

function stricter(a: Diet | undefined, b: Diet | undefined): Diet | undefined {
  if (!a) return b;
  if (!b) return a;
  return DIET_RANK[a] <= DIET_RANK[b] ? a : b;
}

const union = <T>(...lists: Array<readonly T[] | undefined>): T[] => [...new Set(lists.flatMap((l) => l ?? []))];

/** The people a plan is for: the number said, else the members named, else the default. */
export function servingsOf(ledger: ConstraintLedger): number {
  return scalarOf(ledger, 'people')?.count ?? (entriesOf(ledger, 'member').length || DEFAULT_SERVINGS);
}

export function planInputFromLedger(ledger: ConstraintLedger, request: PlanShapeRequest = {}): PlanInput {
  const meals = request.meals ?? scalarOf(ledger, 'meals')?.meals;
  const slots = meals?.length ?? 3;
  const input: PlanInput = {
    days: Math.min(14, Math.max(1, request.days ?? scalarOf(ledger, 'days')?.days ?? DEFAULT_DAYS)),
    servings: Math.min(20, Math.max(1, request.servings ?? servingsOf(ledger))),
    diet: stricter(request.diet, scalarOf(ledger, 'diet')?.diet) ?? 'omnivore',
    allergens: union(entriesOf(ledger, 'allergen').map((e) => e.allergen), request.allergens),
    dislikes: union(entriesOf(ledger, 'dislike').map((e) => e.term), request.dislikes),
    useUp: union(entriesOf(ledger, 'useUp').map((e) => e.term), request.useUp),
    startWeekday: 'monday',
  };
  if (meals) input.meals = meals;
  const exclude = union(entriesOf(ledger, 'exclude').map((e) => e.term), request.exclude);
  if (exclude.length) input.exclude = exclude;
  const patterns = union(entriesOf(ledger, 'pattern').map((e) => e.pattern), request.patterns);
  if (patterns.length) input.patterns = patterns;
  const wanted = union(entriesOf(ledger, 'want').map((e) => e.term), request.wanted);
  if (wanted.length) input.wanted = wanted;
  const maxMinutes = request.maxMinutesPerMeal ?? scalarOf(ledger, 'maxMinutesPerMeal')?.minutes;
  if (maxMinutes) input.maxMinutesPerMeal = maxMinutes;
  const total = request.totalPrepMinutes ?? scalarOf(ledger, 'totalMinutes')?.minutes;
  if (total) input.totalPrepMinutes = total;
  if (request.batchCooking !== undefined) input.batchCooking = request.batchCooking;
  // Targets are per person per day for the planner: a per-meal figure counts once for each meal of the day.
  const targets: NonNullable<PlanInput['targets']> = {};
  for (const t of entriesOf(ledger, 'target')) {
    const perDay = t.per === 'meal' ? t.amount * slots : t.amount;
    if (t.nutrient === 'kcal') targets.kcalPerDay = perDay;
    if (t.nutrient === 'proteinG') targets.proteinGPerDay = perDay;
    // A carbohydrate limit is a ceiling on each serving, like low-carb's, not a target to aim for.
    if (t.nutrient === 'carbsG') input.maxCarbsPerServing = Math.min(input.maxCarbsPerServing ?? Infinity, t.per === 'meal' ? t.amount : t.amount / slots);
  }
  if (request.targets?.kcalPerDay) targets.kcalPerDay = request.targets.kcalPerDay;
  if (request.targets?.proteinGPerDay) targets.proteinGPerDay = request.targets.proteinGPerDay;
  if (targets.kcalPerDay || targets.proteinGPerDay) input.targets = targets;
  return input;
}
