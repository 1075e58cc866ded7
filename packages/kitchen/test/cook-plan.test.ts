import { deriveRecipe } from '../src/catalog';
import { deriveCookRecipe, withCookRecipes } from '../src/cook/derive';
import type { CookRecipe } from '../src/cook/types';
import type { Allergen } from '../src/types';
import { KITCHEN } from '../src/default-catalog';
import { groceryList } from '../src/grocery';
import { mealMinutesLabel } from '../src/plan-types';
import { planMeals } from '../src/planner';
import { assertPlanSafe, PlanSafetyError } from '../src/safety';
import { filterRecipes } from '../src/search';
import { dictionaryOf } from '../src/ledger/phrases';

const ID = '0b5a3c1e-7f2d-4c3b-9a8e-1d2c3b4a5f60';

/** A vegan dinner, every line matched except, in `withUnmatched`, one the kitchen could not read. */
function stew(overrides: Partial<CookRecipe> = {}, withUnmatched = false): CookRecipe {
  return {
    id: ID,
    title: "Nana's chickpea stew",
    servings: 4,
    prepMinutes: 10,
    cookMinutes: 30,
    mealTypes: ['dinner'],
    cuisine: 'moroccan',
    tags: [],
    lines: [
      { text: '2 (14 oz) cans chickpeas', match: { ingredientId: 'chickpeas', quantity: 28, unit: 'oz', by: 'kitchen' } },
      { text: '1 onion, diced', match: { ingredientId: 'onion', quantity: 1, unit: 'piece', by: 'kitchen' } },
      { text: '2 tbsp olive oil', match: { ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp', by: 'kitchen' } },
      { text: 'salt to taste', match: { ingredientId: 'salt', quantity: 0, unit: 'g', by: 'kitchen' } },
      ...(withUnmatched ? [{ text: '1 tbsp ras el hanout', match: null }] : []),
    ],
    steps: ['Soften the onion in the oil.', 'Add the chickpeas; simmer 30 minutes.'],
    mark: null,
    ...overrides,
  };
}

const dinners = (catalog = KITCHEN, input = {}) => planMeals(catalog, { days: 5, meals: ['dinner'], servings: 2, ...input });
const planned = (plan: ReturnType<typeof planMeals>) => plan.days.flatMap((d) => d.meals.map((m) => m.recipeId));

describe("a cook's recipe in the kitchen", () => {
  test('its nutrition, allergens and diet are derived from the matched ingredients exactly as for the kitchen\'s own', () => {
    const derived = deriveCookRecipe(KITCHEN, stew());
    const asBuiltIn = deriveRecipe(
      { id: 'cook-x', title: 'x', servings: 4, prepMinutes: 10, cookMinutes: 30, cuisine: 'moroccan', mealTypes: ['dinner'], leftoverDays: 0, batchFriendly: false, tags: [], steps: [], ingredients: [
        { ingredientId: 'chickpeas', quantity: 28, unit: 'oz' }, { ingredientId: 'onion', quantity: 1, unit: 'piece' }, { ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp' }, { ingredientId: 'salt', quantity: 0, unit: 'g' },
      ] },
      KITCHEN.ingredientById,
    );
    expect(derived.nutritionPerServing).toEqual(asBuiltIn.nutritionPerServing);
    expect(derived.allergens).toEqual(asBuiltIn.allergens);
    expect(derived.diet).toBe('vegan');
    expect(derived.cook).toMatchObject({ unmatched: [], mayContain: [], favourite: false });
  });

  test('an unmatched line may carry any allergen and counts as omnivore until the cook marks it', () => {
    const unknown = deriveCookRecipe(KITCHEN, stew({}, true));
    expect(unknown.diet).toBe('omnivore');
    expect(unknown.cook!.mayContain).toHaveLength(15);
    const marked = stew({}, true);
    marked.lines[4]!.safe = { freeOf: ['peanuts', 'tree_nuts', 'sesame'], diet: 'vegan' };
    const resolved = deriveCookRecipe(KITCHEN, marked);
    expect(resolved.diet).toBe('vegan');
    expect(resolved.cook!.mayContain).not.toContain('peanuts');
    expect(resolved.cook!.mayContain).toContain('milk');
  });

  test('the catalog made for a box is kept for the same box, read again, and made anew when anything in it changes: a line no longer marked free of peanuts may carry them at once', () => {
    const markedFreeOf = (freeOf: Allergen[]) => {
      const recipe = stew({}, true);
      recipe.lines[4]!.safe = { freeOf, diet: 'vegan' };
      return recipe;
    };
    const box = withCookRecipes(KITCHEN, [markedFreeOf(['peanuts', 'tree_nuts', 'sesame'])]);
    expect(box.recipeById.get(`cook-${ID}`)!.cook!.mayContain).not.toContain('peanuts');
    expect(withCookRecipes(KITCHEN, [markedFreeOf(['peanuts', 'tree_nuts', 'sesame'])])).toBe(box);
    const remade = withCookRecipes(KITCHEN, [markedFreeOf(['tree_nuts', 'sesame'])]);
    expect(remade).not.toBe(box);
    expect(remade.recipeById.get(`cook-${ID}`)!.cook!.mayContain).toContain('peanuts');
    const renamed = withCookRecipes(KITCHEN, [{ ...markedFreeOf(['peanuts', 'tree_nuts', 'sesame']), title: 'Stew' }]);
    expect(renamed).not.toBe(box);
    expect(renamed.recipeById.get(`cook-${ID}`)!.title).toBe('Stew');
    // The same box over another base catalog is made for that one.
    expect(withCookRecipes({ ...KITCHEN }, [markedFreeOf(['peanuts', 'tree_nuts', 'sesame'])])).not.toBe(box);
  });

  test('without recipes the catalog is the kitchen\'s own, so plan ids do not change; with them, ids differ', () => {
    expect(withCookRecipes(KITCHEN, [])).toBe(KITCHEN);
    const retired = withCookRecipes(KITCHEN, [stew({ mark: 'never' })]);
    expect(retired.recipes).toEqual(KITCHEN.recipes);
    expect(dinners(retired).id).toBe(dinners().id);
    expect(dinners(withCookRecipes(KITCHEN, [stew()])).id).not.toBe(dinners().id);
  });

  test('a catalog with the cook\'s recipes (made anew for every chat) reads messages with its kitchen\'s dictionary, not one built for it', () => {
    const kitchen = dictionaryOf(KITCHEN);
    expect(dictionaryOf(withCookRecipes(KITCHEN, [stew()]))).toBe(kitchen);
    expect(dictionaryOf(withCookRecipes(KITCHEN, [stew({ mark: 'favourite' })]))).toBe(kitchen);
  });
});

describe("the planner with the cook's recipes", () => {
  test('a favourite is planned; the same recipe marked "never again" never is', () => {
    const favourite = dinners(withCookRecipes(KITCHEN, [stew({ mark: 'favourite' })]));
    expect(planned(favourite)).toContain(`cook-${ID}`);
    const meal = favourite.days.flatMap((d) => d.meals).find((m) => m.recipeId === `cook-${ID}`)!;
    expect(meal.cook).toEqual({ unmatched: [], sourceUrl: null, favourite: true });
    expect(meal.ingredients.find((i) => i.ingredientId === 'salt')).toMatchObject({ display: 'as needed', text: 'salt to taste' });
    expect(planned(dinners(withCookRecipes(KITCHEN, [stew({ mark: 'never' })])))).not.toContain(`cook-${ID}`);
  });

  test.each([
    [{ allergens: ['peanuts' as const] }, 'an allergy'],
    [{ diet: 'vegetarian' as const }, 'a diet'],
    [{ exclude: ['pork'] }, 'a food-group exclusion'],
    [{ patterns: ['halal' as const] }, 'a regime'],
    [{ dislikes: ['ras el hanout'] }, 'a dislike its unmatched line names'],
  ])('with an unmatched line it is never planned for %j (%s)', (input, _why) => {
    const catalog = withCookRecipes(KITCHEN, [stew({ mark: 'favourite' }, true)]);
    expect(planned(dinners(catalog, input))).not.toContain(`cook-${ID}`);
    expect(filterRecipes(catalog, { ...input, mealType: 'dinner' }).map((r) => r.id)).not.toContain(`cook-${ID}`);
  });

  test('with an unmatched line it is planned for a household with no hard constraint, and shown as unmatched', () => {
    const plan = dinners(withCookRecipes(KITCHEN, [stew({ mark: 'favourite' }, true)]));
    const meal = plan.days.flatMap((d) => d.meals).find((m) => m.recipeId === `cook-${ID}`);
    expect(meal?.cook?.unmatched).toEqual(['1 tbsp ras el hanout']);
  });

  test('once the cook marks the line free of peanuts and vegan, a vegan household allergic to peanuts gets it', () => {
    const marked = stew({ mark: 'favourite' }, true);
    marked.lines[4]!.safe = { freeOf: ['peanuts'], diet: 'vegan' };
    expect(planned(dinners(withCookRecipes(KITCHEN, [marked]), { allergens: ['peanuts'], diet: 'vegan' }))).toContain(`cook-${ID}`);
  });

  test('a recipe with no times is never planned under a time limit, and where planned its time reads "time not given", not 0 min', () => {
    const catalog = withCookRecipes(KITCHEN, [stew({ mark: 'favourite', prepMinutes: null, cookMinutes: null })]);
    const plan = dinners(catalog);
    expect(planned(plan)).toContain(`cook-${ID}`);
    const meal = plan.days.flatMap((d) => d.meals).find((m) => m.recipeId === `cook-${ID}` && !m.leftoverOf)!;
    expect(meal.cook?.minutesUnknown).toBe(true);
    expect(mealMinutesLabel(meal)).toBe('time not given');
    const timed = dinners(withCookRecipes(KITCHEN, [stew({ mark: 'favourite' })])).days.flatMap((d) => d.meals).find((m) => m.recipeId === `cook-${ID}` && !m.leftoverOf)!;
    expect(mealMinutesLabel(timed)).toBe(`${timed.prepMinutes + timed.cookMinutes} min`);
    expect(planned(dinners(catalog, { maxMinutesPerMeal: 120 }))).not.toContain(`cook-${ID}`);
  });

  test('the safety gate refuses a plan that gives an allergic household a recipe with an unmatched line', () => {
    const catalog = withCookRecipes(KITCHEN, [stew({ mark: 'favourite' }, true)]);
    const plan = dinners(catalog);
    expect(planned(plan)).toContain(`cook-${ID}`);
    expect(() => assertPlanSafe(catalog, plan, { allergens: ['sesame'] })).toThrow(PlanSafetyError);
    expect(() => assertPlanSafe(catalog, plan, {})).not.toThrow();
  });
});

describe("the grocery list with the cook's recipes", () => {
  test('matched lines merge with the kitchen\'s across units, unweighed ones are "as needed", unmatched ones listed as written', () => {
    const catalog = withCookRecipes(KITCHEN, [stew({ mark: 'favourite' }, true)]);
    const plan = dinners(catalog);
    const list = groceryList(catalog, plan);
    const items = list.sections.flatMap((s) => s.items);
    const chickpeas = items.find((i) => i.ingredientId === 'chickpeas')!;
    const needed = plan.days.flatMap((d) => d.meals).filter((m) => m.leftoverOf === null).flatMap((m) => m.ingredients).filter((i) => i.ingredientId === 'chickpeas').reduce((g, i) => g + i.grams, 0);
    expect(chickpeas.neededGrams).toBeCloseTo(needed, 6);
    expect(chickpeas.usedIn.length).toBeGreaterThanOrEqual(1);
    const cooked = plan.days.flatMap((d) => d.meals.filter((m) => m.recipeId === `cook-${ID}` && m.leftoverOf === null).map((m) => `${d.label} ${m.slot}`));
    expect(list.unmatched).toEqual([{ text: '1 tbsp ras el hanout', usedIn: cooked }]);
    const salt = items.find((i) => i.ingredientId === 'salt');
    if (salt && salt.neededGrams === 0) expect(salt.display).toBe('as needed');
  });
});
