import { groceryList, groceryListText, neededGramsByIngredient } from '../../src/kitchen/grocery';
import { planMeals } from '../../src/kitchen/planner';
import type { MealPlan } from '../../src/kitchen/plan-types';
import { toGrams } from '../../src/kitchen/units';
import { fixtureCatalog as catalog } from './fixtures';

/** A hand-made plan: two cooked meals that share ingredients in different units, plus a leftover. */
function handPlan(): MealPlan {
  const plan = planMeals(catalog, {
    days: 2,
    meals: ['lunch', 'dinner'],
    servings: 2,
    locked: [
      { day: 1, slot: 'dinner', recipeId: 'chickpea-curry' },
      { day: 2, slot: 'lunch', recipeId: 'chickpea-curry', leftoverOf: { day: 1, slot: 'dinner' } },
      { day: 1, slot: 'lunch', recipeId: 'kale-chickpea-salad' },
      { day: 2, slot: 'dinner', recipeId: 'tomato-lentil-soup' },
    ],
  });
  expect(plan.unmet).toEqual([]);
  return plan;
}

const item = (list: ReturnType<typeof groceryList>, id: string) => list.sections.flatMap((s) => s.items).find((i) => i.ingredientId === id);

describe('groceryList', () => {
  it('when a plan is cooked, then each item totals exactly what the cooked meals need, and leftovers are not counted again', () => {
    const plan = handPlan();
    const list = groceryList(catalog, plan);
    // chickpea-curry (serves 4) is cooked for 4 (2 people + their leftovers): factor 1; the salad (serves 2): factor 1.
    const chickpeas = catalog.ingredientById.get('chickpeas-canned')!;
    expect(item(list, 'chickpeas-canned')!.grams).toBeCloseTo(toGrams(3, 'cup', chickpeas) + toGrams(1.5, 'cup', chickpeas), 5);
    const sum = list.sections.flatMap((s) => s.items).reduce((s, i) => s + i.grams, 0);
    const needed = [...neededGramsByIngredient(plan).values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(needed, 5);
    expect(list.totalNeededGrams).toBeCloseTo(needed, 5);
  });

  it('when the same ingredient comes as pieces and as grams, then they merge through grams ("1 piece" + "400 g" of tomato)', () => {
    const list = groceryList(catalog, handPlan());
    // curry: 400 g tomato; soup (serves 4, cooked for 2): 3 tomatoes × 123 g × ½.
    expect(item(list, 'tomato')!.grams).toBeCloseTo(400 + 3 * 123 * 0.5, 6);
    expect(item(list, 'tomato')!.display).toBe('5 tomatoes (585 g)');
  });

  it('when a cup and grams of rice are needed, then "1 cup + 200 g" becomes one line', () => {
    const plan = handPlan();
    plan.days[1]!.meals[1]!.ingredients.push({ ingredientId: 'rice-white', name: 'white rice', quantity: 200, unit: 'g', grams: 200, display: '200 g' });
    const list = groceryList(catalog, plan);
    const rice = catalog.ingredientById.get('rice-white')!;
    expect(item(list, 'rice-white')!.grams).toBeCloseTo(toGrams(1.5, 'cup', rice) + 200, 6);
    expect(list.sections.flatMap((s) => s.items).filter((i) => i.ingredientId === 'rice-white')).toHaveLength(1);
  });

  it('when the pantry has some of an item, then only the rest is bought; when it has enough, the item moves to fromPantry', () => {
    const plan = handPlan();
    const full = groceryList(catalog, plan);
    const list = groceryList(catalog, plan, { pantry: [{ name: 'rice', quantity: 100, unit: 'g' }, 'olive oil'] });
    expect(item(list, 'rice-white')!.grams).toBeCloseTo(item(full, 'rice-white')!.grams - 100, 6);
    expect(item(list, 'rice-white')!.pantryGrams).toBe(100);
    expect(item(list, 'olive-oil')).toBeUndefined();
    expect(list.fromPantry).toContainEqual(expect.objectContaining({ ingredientId: 'olive-oil' }));
    expect(list.itemCount).toBe(full.itemCount - 1);
    expect(list.totalNeededGrams).toBe(full.totalNeededGrams);
  });

  it('groups by store section in aisle order and shows US units on request', () => {
    const list = groceryList(catalog, handPlan(), { units: 'us' });
    expect(list.sections.map((s) => s.section)).toEqual(['Produce', 'Grains & Pasta', 'Canned & Jarred', 'Oils, Vinegars & Condiments', 'International']);
    expect(item(list, 'olive-oil')!.display).toMatch(/tbsp|cup/);
    expect(item(list, 'rice-white')!.display).toMatch(/cups?/);
    expect(groceryListText(list)).toContain('**Produce**');
  });
});
