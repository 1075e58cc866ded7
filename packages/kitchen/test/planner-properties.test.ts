/** Property-based: random constraints over the full corpus never produce an unsafe, non-deterministic or unlocked plan. */
import fc from 'fast-check';
import { findIngredientIds, wantedIngredientIds } from '../src/catalog';
import { KITCHEN } from '../src/default-catalog';
import { groceryList } from '../src/grocery';
import type { PlanInput } from '../src/plan-types';
import { planMeals, swapMeal } from '../src/planner';
import { assertPlanSafe } from '../src/safety';
import { ALLERGENS, DIETS, MEAL_TYPES } from '../src/types';

const ingredientNames = KITCHEN.ingredients.map((i) => i.name);

const planInput: fc.Arbitrary<PlanInput> = fc.record({
  days: fc.integer({ min: 1, max: 7 }),
  meals: fc.subarray([...MEAL_TYPES], { minLength: 1 }),
  servings: fc.integer({ min: 1, max: 8 }),
  diet: fc.constantFrom(...DIETS),
  allergens: fc.subarray([...ALLERGENS], { maxLength: 4 }),
  dislikes: fc.subarray(ingredientNames, { maxLength: 3 }),
  useUp: fc.subarray(ingredientNames, { maxLength: 3 }),
  wanted: fc.subarray(ingredientNames, { maxLength: 3 }),
  maxMinutesPerMeal: fc.option(fc.constantFrom(15, 20, 30, 45, 60), { nil: undefined }),
  batchCooking: fc.boolean(),
});

const RUNS = { numRuns: 80, seed: 20261122 };

describe('planner properties over the full corpus', () => {
  it('when constraints are random, then no planned meal breaks an allergen, the diet, a dislike or the time limit', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const plan = planMeals(KITCHEN, input);
        assertPlanSafe(KITCHEN, plan, { allergens: input.allergens ?? [], diet: input.diet ?? 'omnivore', dislikes: input.dislikes ?? [] });
        const disliked = new Set((input.dislikes ?? []).flatMap((d) => findIngredientIds(KITCHEN, d, 'family')));
        for (const day of plan.days) {
          for (const meal of day.meals) {
            const recipe = KITCHEN.recipeById.get(meal.recipeId)!;
            expect(recipe.allergens.filter((a) => input.allergens!.includes(a))).toEqual([]);
            expect(recipe.ingredientIds.filter((id) => disliked.has(id))).toEqual([]);
            if (input.maxMinutesPerMeal) expect(recipe.totalMinutes).toBeLessThanOrEqual(input.maxMinutesPerMeal);
            // A meal said to have a wanted ingredient has it.
            for (const term of meal.wanted ?? []) expect(recipe.ingredientIds.some((id) => wantedIngredientIds(KITCHEN, term).includes(id))).toBe(true);
          }
        }
        const named = new Set(plan.days.flatMap((d) => d.meals.flatMap((m) => m.wanted ?? [])));
        expect([...plan.wanted.used].sort()).toEqual([...named].sort());
        const planned = plan.days.reduce((n, d) => n + d.meals.length, 0);
        if (planned < input.days * input.meals!.length) expect(plan.unmet.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('when the same input is planned twice, then the plans are identical', () => {
    fc.assert(
      fc.property(planInput, (input) => {
        expect(planMeals(KITCHEN, input)).toEqual(planMeals(KITCHEN, input));
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('when one meal is swapped, then every locked meal stays and the grocery list still adds up', () => {
    fc.assert(
      fc.property(planInput, fc.nat(), (input, pickIndex) => {
        const plan = planMeals(KITCHEN, input);
        const all = plan.days.flatMap((d) => d.meals.map((m) => ({ day: d.day, meal: m })));
        fc.pre(all.length > 0);
        const target = all[pickIndex % all.length]!;
        const { plan: after, input: next } = swapMeal(KITCHEN, input, target.day, target.meal.slot, plan);
        for (const lock of next.locked ?? []) {
          expect(after.days[lock.day - 1]!.meals.find((m) => m.slot === lock.slot)!.recipeId).toBe(lock.recipeId);
        }
        assertPlanSafe(KITCHEN, after, { allergens: input.allergens ?? [], diet: input.diet ?? 'omnivore', dislikes: input.dislikes ?? [] });
        const list = groceryList(KITCHEN, after);
        const needed = after.days.flatMap((d) => d.meals).flatMap((m) => m.ingredients).reduce((s, l) => s + l.grams, 0);
        expect(list.totalNeededGrams).toBeCloseTo(needed, 3);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});
