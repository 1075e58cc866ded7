/**
 * "Make it for 6 people instead": the same plan for another number of people. No meal is chosen again, so a swap, a
 * lock or a wish the plan already honours stays as it is; only the amounts change.
 */
import type { Catalog } from './catalog';
import type { MealPlan, PlannedMeal } from './plan-types';
import { hashString, PLAN_LIMITS, PlanInputError, plannedMeal } from './planner';

/**
 * The plan for `servings` people: every meal kept, each cooked meal cooked for `servings` × (1 + the leftover meals
 * eaten from it), its ingredients scaled from the recipe as the planner scales them (so amounts read the same as in a
 * plan made for that many), and nutrition per person unchanged. The plan gets its own id (the grocery list made from
 * it names that one); the same servings give the plan back as it is.
 */
export function rescalePlan(catalog: Catalog, plan: MealPlan, servings: number): MealPlan {
  if (!Number.isInteger(servings) || servings < 1 || servings > PLAN_LIMITS.maxServings) throw new PlanInputError(`servings must be 1..${PLAN_LIMITS.maxServings}`);
  if (servings === plan.servings) return plan;
  const leftoversOf = (day: number, meal: PlannedMeal) =>
    plan.days.reduce((n, d) => n + d.meals.filter((m) => m.leftoverOf !== null && m.leftoverOf.day === day && m.leftoverOf.slot === meal.slot).length, 0);
  return {
    ...plan,
    id: `plan_${hashString(JSON.stringify({ v: 1, rescaled: plan.id, servings }))}`,
    servings,
    days: plan.days.map((d) => ({
      ...d,
      meals: d.meals.map((meal) => {
        const recipe = catalog.recipeById.get(meal.recipeId);
        if (!recipe) throw new PlanInputError(`Unknown recipe ${meal.recipeId}`);
        if (meal.leftoverOf !== null) return { ...meal, servings };
        const cookServings = servings * (1 + leftoversOf(d.day, meal));
        const scaled = plannedMeal(catalog, recipe, meal.slot, servings, cookServings, null, meal.locked);
        return { ...meal, servings, cookServings, ingredients: scaled.ingredients };
      }),
    })),
  };
}
