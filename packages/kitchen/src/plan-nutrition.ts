/**
 * Questions about a plan's nutrition ("how much protein on Tuesday?", "how many calories in Wednesday's dinner?",
 * "how much protein is in the plan?"), answered from a given plan: pure, so the chef answers about the plan the cook
 * was shown, never one made again.
 */
import { addNutrition, roundNutrition, zeroNutrition } from './catalog';
import type { MealPlan } from './plan-types';
import { PlanInputError } from './planner';
import type { MealType, Nutrition } from './types';

export interface NutritionQuestion {
  /** 1-based day of the plan. */
  day?: number;
  slot?: MealType;
}

export interface PlanNutritionAnswer {
  /** A meal, a day, one kind of meal across the plan ("the dinners"), or the whole plan. */
  scope: 'meal' | 'day' | 'slot' | 'plan';
  /** What the answer is about, as the plan names it: "Tuesday dinner", "Tuesday", "dinner", "the plan". */
  label: string;
  /**
   * Per person, one decimal: one serving of the meal; one serving of each of the day's meals; the average serving of
   * that kind of meal; or the plan's average day.
   */
  perPerson: Nutrition;
  /** `perPerson` for everyone the plan feeds (× its servings). */
  everyone: Nutrition;
  servings: number;
  /** The meals the answer covers, each per serving. */
  meals: Array<{ day: number; label: string; slot: MealType; title: string; leftover: boolean; perServing: Nutrition }>;
}

function scaled(n: Nutrition, factor: number): Nutrition {
  return roundNutrition(addNutrition(zeroNutrition(), n, factor));
}

/** Nutrition of a plan, one of its days, one of its meals, or one kind of meal across it. Throws when the plan has no such day or meal. */
export function planNutrition(plan: MealPlan, question: NutritionQuestion = {}): PlanNutritionAnswer {
  const { day, slot } = question;
  const days = day === undefined ? plan.days : plan.days.filter((d) => d.day === day);
  if (day !== undefined && days.length === 0) throw new PlanInputError(`This plan has no day ${day}`);
  const meals = days.flatMap((d) =>
    d.meals.filter((m) => slot === undefined || m.slot === slot).map((m) => ({ day: d.day, label: d.label, slot: m.slot, title: m.title, leftover: m.leftoverOf !== null, perServing: m.nutrition })),
  );
  if (meals.length === 0) throw new PlanInputError(`This plan has no ${slot}${day !== undefined ? ` on ${days[0]!.label}` : ''}`);
  const sum = (list: ReadonlyArray<Nutrition>, factor: number) => {
    const total = zeroNutrition();
    for (const n of list) addNutrition(total, n, factor);
    return roundNutrition(total);
  };
  let scope: PlanNutritionAnswer['scope'];
  let label: string;
  let perPerson: Nutrition;
  if (day !== undefined && slot !== undefined) {
    scope = 'meal';
    label = `${days[0]!.label} ${slot}`;
    perPerson = sum(meals.map((m) => m.perServing), 1);
  } else if (day !== undefined) {
    // The day's own figure: summed from the recipes before rounding, as the plan shows it.
    scope = 'day';
    label = days[0]!.label;
    perPerson = days[0]!.nutrition;
  } else if (slot !== undefined) {
    scope = 'slot';
    label = slot;
    perPerson = sum(meals.map((m) => m.perServing), 1 / meals.length);
  } else {
    scope = 'plan';
    label = 'the plan';
    perPerson = sum(plan.days.map((d) => d.nutrition), 1 / Math.max(1, plan.days.length));
  }
  return { scope, label, perPerson, everyone: scaled(perPerson, plan.servings), servings: plan.servings, meals };
}
