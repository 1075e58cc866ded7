import { NUTRIENTS, type Catalog } from '../src/catalog';
import { KITCHEN } from '../src/default-catalog';
import { groceryList, groceryListText, neededGramsByIngredient } from '../src/grocery';
import { planMeals } from '../src/planner';
import type { LockedMeal, MealPlan } from '../src/plan-types';
import { MEAL_TYPES } from '../src/types';
import { toGrams } from '../src/units';
import { fixtureCatalog as catalog } from './fixtures';

/** A plan of exactly these meals, cooked for `servings`: its days and slots follow from them, and every one is placed. */
function lockedPlan(kitchen: Catalog, servings: number, locked: LockedMeal[]): MealPlan {
  const slots = new Set(locked.map((m) => m.slot));
  const plan = planMeals(kitchen, { days: Math.max(...locked.map((m) => m.day)), meals: MEAL_TYPES.filter((m) => slots.has(m)), servings, locked });
  expect(plan.unmet).toEqual([]);
  return plan;
}

/** Dinners of these recipes on consecutive days. */
const dinners = (recipeIds: string[]): LockedMeal[] => recipeIds.map((recipeId, i) => ({ day: i + 1, slot: 'dinner', recipeId }));

/** A hand-made plan: two cooked meals that share ingredients in different units, plus a leftover. */
function handPlan(): MealPlan {
  return lockedPlan(catalog, 2, [
    { day: 1, slot: 'dinner', recipeId: 'chickpea-curry' },
    { day: 2, slot: 'lunch', recipeId: 'chickpea-curry', leftoverOf: { day: 1, slot: 'dinner' } },
    { day: 1, slot: 'lunch', recipeId: 'kale-chickpea-salad' },
    { day: 2, slot: 'dinner', recipeId: 'tomato-lentil-soup' },
  ]);
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

describe('groceryList over the real kitchen', () => {
  /** Egg fried rice (serves 3: 4 cups cooked rice, 4 eggs) and a curry served on 1 cup of dry rice, both cooked for 4. */
  function ricePlan(): MealPlan {
    return lockedPlan(KITCHEN, 4, [
      { day: 1, slot: 'lunch', recipeId: 'egg-fried-rice-peas' },
      { day: 1, slot: 'dinner', recipeId: 'chickpea-spinach-coconut-curry' },
    ]);
  }
  const lines = (plan: MealPlan, id: string) => plan.days.flatMap((d) => d.meals).flatMap((m) => m.ingredients).filter((l) => l.ingredientId === id);
  const gramsOf = (plan: MealPlan, id: string) => lines(plan, id).reduce((sum, l) => sum + l.grams, 0);
  // Solids of FDC 169757 (cooked) over those of 169756 (raw): the dry rice in a gram of cooked rice.
  const DRY_PER_COOKED = 0.357;

  it('when a recipe needs cooked rice, then the list buys dry white rice at the cooked-to-dry yield, on one line with the other rice', () => {
    const plan = ricePlan();
    const cooked = gramsOf(plan, 'cooked-rice');
    const dry = gramsOf(plan, 'white-rice');
    expect(cooked).toBeGreaterThan(0);
    expect(dry).toBeGreaterThan(0);
    const list = groceryList(KITCHEN, plan, { units: 'us' });
    const all = list.sections.flatMap((s) => s.items);
    expect(all.filter((i) => i.ingredientId === 'cooked-rice' || i.ingredientId === 'white-rice').map((i) => i.ingredientId)).toEqual(['white-rice']);
    const rice = all.find((i) => i.ingredientId === 'white-rice')!;
    expect(rice.grams).toBeCloseTo(dry + cooked * DRY_PER_COOKED, 4);
    expect(rice.usedIn).toEqual(['Day 1 lunch', 'Day 1 dinner']);
    // 5 ⅓ cups cooked is about 1 ⅔ cups dry, plus the curry's cup: not the 6 ⅓ cups the recipe volumes add up to.
    expect(rice.display).toBe('2 ⅔ cups (1 lb)');
    // The total is what the recipes call for (cooked rice as cooked), not what is bought in its place.
    expect(list.totalNeededGrams).toBeCloseTo([...neededGramsByIngredient(plan).values()].reduce((a, b) => a + b, 0), 4);
  });

  it('when a recipe needs water, then the list does not ask the cook to buy it, nor says it is in the pantry', () => {
    const plan = lockedPlan(KITCHEN, 2, [{ day: 1, slot: 'breakfast', recipeId: 'besan-chilla' }]);
    expect(gramsOf(plan, 'water')).toBeGreaterThan(0);
    const list = groceryList(KITCHEN, plan);
    expect(list.sections.flatMap((s) => s.items).map((i) => i.ingredientId)).not.toContain('water');
    expect(list.fromPantry.map((i) => i.ingredientId)).not.toContain('water');
    // Still what the recipes call for: the water is cooked with, just never shopped for.
    expect(list.totalNeededGrams).toBeCloseTo([...neededGramsByIngredient(plan).values()].reduce((a, b) => a + b, 0), 4);
  });

  it('when a recipe needs cream cheese, then the metric list weighs it (a tub), while heavy cream stays a volume', () => {
    const withCheese = KITCHEN.recipes.find((r) => r.ingredients.some((l) => l.ingredientId === 'cream-cheese'))!;
    const plan = lockedPlan(KITCHEN, 2, [{ day: 1, slot: withCheese.mealTypes[0]!, recipeId: withCheese.id }]);
    const item = groceryList(KITCHEN, plan).sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'cream-cheese')!;
    expect(item.display).toMatch(/^\d+ g$/);
    const withCream = KITCHEN.recipes.find((r) => r.ingredients.some((l) => l.ingredientId === 'heavy-cream'))!;
    const creamPlan = lockedPlan(KITCHEN, 2, [{ day: 1, slot: withCream.mealTypes[0]!, recipeId: withCream.id }]);
    expect(groceryList(KITCHEN, creamPlan).sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'heavy-cream')!.display).toMatch(/ ml/);
  });

  it('when cooked rice is bought as dry rice, then a meal\'s nutrition still counts the cooked rice it eats, per cooked gram', () => {
    const meal = ricePlan().days[0]!.meals[0]!;
    const recomputed = Object.fromEntries(NUTRIENTS.map((k) => [k, 0])) as Record<(typeof NUTRIENTS)[number], number>;
    for (const line of meal.ingredients) {
      const per100g = KITCHEN.ingredientById.get(line.ingredientId)!.per100g;
      for (const k of NUTRIENTS) recomputed[k] += (line.grams * per100g[k]) / 100 / meal.cookServings;
    }
    expect(KITCHEN.ingredientById.get('cooked-rice')!.per100g.kcal).toBe(130);
    for (const k of NUTRIENTS) expect(meal.nutrition[k]).toBeCloseTo(recomputed[k], 1);
  });

  it('when the pantry has leftover cooked rice, then it covers the cooked rice first and only the rest is bought dry', () => {
    const plan = ricePlan();
    const cooked = gramsOf(plan, 'cooked-rice');
    const dry = gramsOf(plan, 'white-rice');
    const leftovers = toGrams(2, 'cup', KITCHEN.ingredientById.get('cooked-rice')!);
    const some = groceryList(KITCHEN, plan, { pantry: [{ name: 'leftover rice', quantity: 2, unit: 'cup' }] }).sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'white-rice')!;
    expect(some.grams).toBeCloseTo(dry + (cooked - leftovers) * DRY_PER_COOKED, 4);
    expect(some.pantryGrams).toBeCloseTo(leftovers * DRY_PER_COOKED, 4);
    expect(some.neededGrams).toBeCloseTo(dry + cooked * DRY_PER_COOKED, 4);

    const enough = groceryList(KITCHEN, plan, { pantry: ['leftover rice'] });
    expect(enough.fromPantry).toEqual([{ ingredientId: 'cooked-rice', name: 'Cooked white rice', neededGrams: cooked, pantryGrams: cooked }]);
    const rest = enough.sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'white-rice')!;
    expect(rest.grams).toBeCloseTo(dry, 4);
    expect(rest.usedIn).toEqual(['Day 1 dinner']);
  });

  it('when the pantry has dry rice, then it covers the rice cooked for the fried rice too', () => {
    const list = groceryList(KITCHEN, ricePlan(), { pantry: ['rice'] });
    expect(list.sections.flatMap((s) => s.items).filter((i) => /rice/.test(i.ingredientId))).toEqual([]);
    expect(list.fromPantry.map((p) => p.ingredientId)).toEqual(['white-rice']);
  });

  it('when a scaled recipe needs 5 ⅓ eggs, then the list buys 6', () => {
    const plan = ricePlan();
    expect(gramsOf(plan, 'egg')).toBeCloseTo((50 * 16) / 3, 4);
    const eggs = groceryList(KITCHEN, plan).sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'egg')!;
    expect([eggs.quantity, eggs.unit]).toEqual([6, 'piece']);
    expect(eggs.display).toMatch(/^6 eggs /);
  });

  it('when plans for one person are shopped in US units, then every item is a positive amount, and a few grams never read as ounces', () => {
    const problems: string[] = [];
    for (const diet of ['omnivore', 'vegan'] as const) {
      const plan = planMeals(KITCHEN, { days: 7, meals: ['breakfast', 'lunch', 'dinner', 'snack'], servings: 1, diet });
      for (const item of groceryList(KITCHEN, plan, { units: 'us' }).sections.flatMap((s) => s.items)) {
        if (!(item.quantity > 0) || /(^|[^\d.])0 /.test(item.display)) problems.push(`${item.ingredientId}: ${item.display}`);
        if (item.grams < 3.5 && /oz|lb/.test(item.display)) problems.push(`${item.ingredientId}: ${item.grams.toFixed(2)} g as ${item.display}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('groceryList for a week of family dinners', () => {
  /** Seven dinners for four, locked so the list does not move with the planner: wine, soy, beans, garlic, canned tomatoes. */
  function familyWeek(): MealPlan {
    const recipes = ['chicken-teriyaki-bowls', 'chana-masala', 'white-bean-chorizo-stew', 'chickpea-squash-tagine', 'ratatouille-white-beans', 'beef-bulgogi-bowls', 'chicken-cacciatore'];
    return lockedPlan(KITCHEN, 4, dinners(recipes));
  }
  const items = (list: ReturnType<typeof groceryList>) => list.sections.flatMap((s) => s.items);
  const displayOf = (list: ReturnType<typeof groceryList>, id: string) => items(list).find((i) => i.ingredientId === id)?.display;

  it('when recipes measure liquids in US cups, then the metric list reads them in jug steps: ¼ cup of wine is "60 ml", not "59 ml"', () => {
    const list = groceryList(KITCHEN, familyWeek());
    expect(displayOf(list, 'white-wine')).toBe('60 ml (59 g)');
    expect(displayOf(list, 'soy-sauce')).toBe('120 ml (135 g)');
    expect(displayOf(list, 'chicken-broth')).toBe('475 ml (475 g)');
  });

  it('when recipes measure canned beans by the cup, then the list buys whole cans and gives their drained weight', () => {
    const plan = familyWeek();
    for (const units of ['metric', 'us'] as const) {
      const list = groceryList(KITCHEN, plan, { units });
      for (const id of ['chickpeas', 'white-beans']) {
        const beans = items(list).find((i) => i.ingredientId === id)!;
        const cans = Math.ceil(beans.grams / KITCHEN.ingredientById.get(id)!.gramsPerPiece!);
        expect([beans.quantity, beans.unit]).toEqual([cans, 'piece']);
        expect(beans.display).toMatch(new RegExp(`^${cans} cans \\([^)]+ drained\\)$`));
      }
    }
    // 4 + 3 cups of chickpeas (1.14 kg drained) is 4.8 cans: 5, never 4.
    expect(displayOf(groceryList(KITCHEN, plan), 'chickpeas')).toBe('5 cans (1.14 kg drained)');
    expect(displayOf(groceryList(KITCHEN, plan), 'white-beans')).toBe('6 cans (1.26 kg drained)');
  });

  it('when a recipe weighs a canned good the shop sells by the can, then the list still counts cans, as it does when a recipe counts them', () => {
    const plan = familyWeek();
    const tomatoes = plan.days.flatMap((d) => d.meals).flatMap((m) => m.ingredients).filter((l) => l.ingredientId === 'canned-tomatoes');
    expect(tomatoes.length).toBeGreaterThan(1);
    for (const line of tomatoes) Object.assign(line, { unit: 'g', quantity: line.grams });
    expect(displayOf(groceryList(KITCHEN, plan), 'canned-tomatoes')).toBe('5 cans (2 kg)');
  });

  it('when a week needs more garlic than a head holds, then the list counts heads and says how many cloves', () => {
    const plan = familyWeek();
    const list = groceryList(KITCHEN, plan);
    const garlic = items(list).find((i) => i.ingredientId === 'garlic')!;
    expect([garlic.quantity, garlic.unit]).toEqual([20, 'piece']);
    expect(garlic.display).toBe('2 heads (20 cloves)');
    // One head's worth or less stays in cloves: nobody reads "1 head (3 cloves)" as how much to use.
    const oneMeal = lockedPlan(KITCHEN, 4, dinners(['chana-masala']));
    expect(displayOf(groceryList(KITCHEN, oneMeal), 'garlic')).toBe('4 cloves (12 g)');
    // 11 cloves is more than one head: two.
    const eleven = lockedPlan(KITCHEN, 4, dinners(['chana-masala', 'misir-wot', 'chicken-cacciatore']));
    expect(displayOf(groceryList(KITCHEN, eleven), 'garlic')).toBe('2 heads (11 cloves)');
  });

  it('when metric plans of every size are shopped, then each volume is a whole jug or spoon step and never more than 3% short', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const servings of [1, 4, 8]) {
      const plan = planMeals(KITCHEN, { days: 7, meals: ['breakfast', 'lunch', 'dinner', 'snack'], servings });
      for (const item of items(groceryList(KITCHEN, plan))) {
        const match = /^([\d.]+) (ml|l)\b/.exec(item.display);
        if (!match) continue;
        const ml = Number(match[1]) * (match[2] === 'l' ? 1000 : 1);
        const needed = item.grams / KITCHEN.ingredientById.get(item.ingredientId)!.densityGPerMl!;
        const step = needed < 5 ? 2.5 : needed < 100 ? 5 : needed < 250 ? 10 : needed < 1000 ? 25 : 50;
        checked += 1;
        if (Math.abs(ml / step - Math.round(ml / step)) > 1e-9) problems.push(`${item.ingredientId}: ${item.display} is not in ${step} ml steps`);
        if (ml < needed * 0.97) problems.push(`${item.ingredientId}: ${item.display} for ${needed.toFixed(1)} ml`);
        if (match[2] === 'ml' && ml >= 1000) problems.push(`${item.ingredientId}: ${item.display} past a litre`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});
