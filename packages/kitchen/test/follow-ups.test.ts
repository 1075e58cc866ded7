/**
 * Follow-ups cooks type after a plan (#15 item 4), at the kitchen's level: a swap's wish for a kind of food or a diet,
 * and why it could not be met; the same plan for more people; what the grocery list assumed the cook has; and
 * nutrition for one day or meal of a given plan.
 */
import { dietAllows, type Catalog } from '../src/catalog';
import { KITCHEN } from '../src/default-catalog';
import { groceryList } from '../src/grocery';
import { planNutrition } from '../src/plan-nutrition';
import { planMeals, PlanInputError, swapMeal, whyNotInMeal } from '../src/planner';
import type { MealPlan, PlanInput } from '../src/plan-types';
import { rescalePlan } from '../src/rescale';
import { assertPlanSafe } from '../src/safety';
import { foodKindOf, readMealWish, wishDietOf, wishIngredientIds, wishWordsIn } from '../src/wish';
import { findIngredientsInText } from '../src/catalog';

const recipeOf = (id: string) => KITCHEN.recipeById.get(id)!;
const dinnerOn = (plan: MealPlan, day: number) => plan.days.find((d) => d.day === day)!.meals.find((m) => m.slot === 'dinner')!;
const FISH = new Set(KITCHEN.ingredients.filter((i) => i.animal.includes('fish')).map((i) => i.id));
const hasFishMeat = (recipeId: string) => recipeOf(recipeId).ingredientIds.some((id) => FISH.has(id) && KITCHEN.ingredientById.get(id)!.role === 'protein');

/** Five nut-free dinners for four, Monday to Friday: the plan of the issue. */
const DINNERS: PlanInput = { days: 5, meals: ['dinner'], servings: 4, allergens: ['peanuts', 'tree_nuts'], startWeekday: 'monday' };

describe('a wish words a kind of food or a diet, not a family of names', () => {
  it('reads "fish", "seafood", "meat" and "poultry" as their main proteins: never fish sauce, oyster sauce or chicken broth', () => {
    const fish = wishIngredientIds(KITCHEN, 'fish');
    expect(fish).toEqual(expect.arrayContaining(['salmon', 'cod', 'canned-tuna', 'trout']));
    expect(fish).not.toContain('fish-sauce');
    expect(fish).not.toContain('worcestershire-sauce');
    for (const id of fish) expect(KITCHEN.ingredientById.get(id)!.animal).toContain('fish');
    expect(wishIngredientIds(KITCHEN, 'seafood')).toEqual(expect.arrayContaining(['salmon', 'shrimp', 'mussels', 'squid']));
    expect(wishIngredientIds(KITCHEN, 'seafood')).not.toContain('oyster-sauce');
    expect(wishIngredientIds(KITCHEN, 'poultry')).toEqual(['chicken-breast', 'chicken-thigh', 'ground-chicken', 'ground-turkey']);
    expect(wishIngredientIds(KITCHEN, 'meat')).toEqual(expect.arrayContaining(['ground-beef', 'pork-loin', 'lamb-leg', 'chicken-thigh']));
    expect(wishIngredientIds(KITCHEN, 'meat')).not.toContain('chicken-broth');
    expect(wishIngredientIds(KITCHEN, 'meat')).not.toContain('seitan');
    // An ingredient word keeps its own reading.
    expect(wishIngredientIds(KITCHEN, 'salmon')).toEqual(['salmon', 'smoked-salmon']);
    expect(wishIngredientIds(KITCHEN, 'chicken')).toEqual(['chicken-breast', 'chicken-thigh', 'ground-chicken']);
  });

  it.each([
    ['a fish dish', ['fish']],
    ['something with fish', ['fish']],
    ['seafood please', ['seafood']],
    ['something vegetarian', ['vegetarian']],
    ['a vegan one', ['vegan']],
    ['something without meat', ['vegetarian']],
    ['salmon or chicken', ['salmon', 'chicken']],
    ['fish sauce', ['fish sauce']],
  ])('finds the wish in "%s"', (text, words) => {
    expect(wishWordsIn(text, (part) => findIngredientsInText(KITCHEN, part).map((f) => f.phrase))).toEqual(words);
  });

  it('splits a wish into foods and a diet for the meal', () => {
    expect(foodKindOf('a fish dish')).toBe('fish');
    expect(foodKindOf('salmon')).toBeNull();
    expect(wishDietOf('something vegetarian')).toBe('vegetarian');
    const wish = readMealWish(KITCHEN, ['vegetarian', 'chickpea', 'vegan']);
    expect(wish.diet).toBe('vegan');
    expect(wish.terms.map((t) => t.term)).toEqual(['chickpea']);
  });
});

describe('a swap honours "with fish", or says why not', () => {
  const plan = planMeals(KITCHEN, DINNERS);

  it('when Wednesday is swapped for something with fish, then the new dinner has fish as a main ingredient, nothing else changes, and the plan is safe', () => {
    expect(hasFishMeat(dinnerOn(plan, 3).recipeId)).toBe(false);
    const { plan: after, wish } = swapMeal(KITCHEN, DINNERS, 3, 'dinner', plan, ['fish']);
    expect(hasFishMeat(dinnerOn(after, 3).recipeId)).toBe(true);
    expect(wish).toEqual({ has: ['fish'], missing: [] });
    for (const day of [1, 2, 4, 5]) expect(dinnerOn(after, day).recipeId).toBe(dinnerOn(plan, day).recipeId);
    expect(() => assertPlanSafe(KITCHEN, after, { allergens: ['peanuts', 'tree_nuts'] })).not.toThrow();
  });

  it('when the swap asks for something vegetarian, then the new dinner is vegetarian', () => {
    const meat = planMeals(KITCHEN, { ...DINNERS, wanted: ['chicken'] });
    const { plan: after, wish } = swapMeal(KITCHEN, { ...DINNERS, wanted: ['chicken'] }, 3, 'dinner', meat, ['vegetarian']);
    expect(dietAllows('vegetarian', recipeOf(dinnerOn(after, 3).recipeId).diet)).toBe(true);
    expect(recipeOf(dinnerOn(meat, 3).recipeId).diet).toBe('omnivore');
    expect(wish).toEqual({ has: ['vegetarian'], missing: [] });
  });

  it.each<[string, PlanInput, string, unknown]>([
    ['the plan is vegetarian', { ...DINNERS, diet: 'vegetarian' }, 'fish', { kind: 'constraints', by: [{ constraint: 'diet', diet: 'vegetarian' }] }],
    ['fish is on the allergy list', { ...DINNERS, allergens: ['fish'] }, 'salmon', { kind: 'constraints', by: [{ constraint: 'allergens', allergens: ['fish'] }] }],
    ['pork is left out', { ...DINNERS, exclude: ['pork'] }, 'pork', { kind: 'constraints', by: [{ constraint: 'exclusions', terms: ['pork'] }] }],
    ['the plan is kosher', { ...DINNERS, patterns: ['kosher'] }, 'shrimp', { kind: 'constraints', by: [{ constraint: 'patterns', patterns: ['kosher'] }] }],
    ['every seafood dinner takes more than 20 minutes', { ...DINNERS, maxMinutesPerMeal: 20 }, 'seafood', { kind: 'constraints', by: [{ constraint: 'maxMinutesPerMeal', minutes: 20 }] }],
  ])('when %s, then the swap says so instead of claiming the wish', (_why, input, word, blocker) => {
    const before = planMeals(KITCHEN, input);
    const { plan: after, wish } = swapMeal(KITCHEN, input, 3, 'dinner', before, [word]);
    expect(wish).toEqual({ has: [], missing: [{ term: word, blocker }] });
    expect(dinnerOn(after, 3).recipeId).not.toBe(dinnerOn(before, 3).recipeId);
    expect(() => assertPlanSafe(KITCHEN, after, { allergens: input.allergens ?? [], diet: input.diet ?? 'omnivore', exclude: input.exclude ?? [], patterns: input.patterns ?? [] })).not.toThrow();
    expect(whyNotInMeal(KITCHEN, input, 'dinner', word)).toEqual(blocker);
  });

  it('when no recipe for that meal has it at all, or the kitchen does not know the word, then it says which', () => {
    expect(whyNotInMeal(KITCHEN, { days: 1, meals: ['lunch'] }, 'lunch', 'shrimp')).toEqual({ kind: 'no-recipe' });
    expect(whyNotInMeal(KITCHEN, { days: 1, meals: ['dinner'] }, 'dinner', 'unicorn')).toEqual({ kind: 'unknown' });
    expect(whyNotInMeal(KITCHEN, { days: 1, meals: ['dinner'] }, 'dinner', 'fish')).toBeNull();
  });

  it('when the only dinner with it that fits is the one swapped out, then the swap says that', () => {
    // Of the dinners with salmon, the others were swapped out of that slot before; the one left is being swapped out.
    const salmon = KITCHEN.recipes.filter((r) => r.mealTypes.includes('dinner') && r.ingredientIds.includes('salmon'));
    expect(salmon.length).toBeGreaterThan(1);
    const [kept, ...others] = salmon;
    const input: PlanInput = { days: 1, meals: ['dinner'], locked: [{ day: 1, slot: 'dinner', recipeId: kept!.id }], avoid: others.map((r) => ({ day: 1, slot: 'dinner' as const, recipeId: r.id })) };
    const before = planMeals(KITCHEN, input);
    expect(dinnerOn(before, 1).recipeId).toBe(kept!.id);
    const { wish } = swapMeal(KITCHEN, { ...input, locked: [] }, 1, 'dinner', before, ['salmon']);
    expect(wish.missing).toEqual([{ term: 'salmon', blocker: { kind: 'swapped-out', titles: expect.arrayContaining([kept!.title]) } }]);
  });
});

describe('rescalePlan: the same plan for another number of people', () => {
  const input: PlanInput = { days: 4, meals: ['lunch', 'dinner'], servings: 4, allergens: ['peanuts'] };

  it('when a plan for 4 is made for 6, then every meal stays, amounts scale by 1.5, nutrition per person does not change, and it equals a plan made for 6', () => {
    const four = planMeals(KITCHEN, input);
    expect(four.days.some((d) => d.meals.some((m) => m.leftoverOf !== null))).toBe(true);
    const six = rescalePlan(KITCHEN, four, 6);
    expect(six.servings).toBe(6);
    expect(six.id).not.toBe(four.id);
    four.days.forEach((d, i) => {
      expect(six.days[i]!.nutrition).toEqual(d.nutrition);
      d.meals.forEach((m, j) => {
        const scaled = six.days[i]!.meals[j]!;
        expect(scaled).toMatchObject({ recipeId: m.recipeId, slot: m.slot, leftoverOf: m.leftoverOf, nutrition: m.nutrition, servings: 6, cookServings: m.cookServings * 1.5 });
        m.ingredients.forEach((line, k) => expect(scaled.ingredients[k]!.grams).toBeCloseTo(line.grams * 1.5, 4));
      });
    });
    // The planner's choices do not depend on servings: so a plan made for 6 from the start is this one, id aside.
    expect({ ...six, id: '' }).toEqual({ ...planMeals(KITCHEN, { ...input, servings: 6 }), id: '' });
    expect(rescalePlan(KITCHEN, four, 4)).toBe(four);
  });

  it('when a swapped plan is doubled, then the swap stays and the grocery list doubles', () => {
    const plan = planMeals(KITCHEN, input);
    const { plan: swapped } = swapMeal(KITCHEN, input, 2, 'dinner', plan, ['fish']);
    const doubled = rescalePlan(KITCHEN, swapped, 8);
    expect(doubled.days.map((d) => d.meals.map((m) => m.recipeId))).toEqual(swapped.days.map((d) => d.meals.map((m) => m.recipeId)));
    expect(groceryList(KITCHEN, doubled).totalNeededGrams).toBeCloseTo(groceryList(KITCHEN, swapped).totalNeededGrams * 2, 3);
    expect(() => assertPlanSafe(KITCHEN, doubled, { allergens: ['peanuts'] })).not.toThrow();
  });

  it('refuses servings outside 1..20 or not whole', () => {
    const plan = planMeals(KITCHEN, { days: 1, meals: ['dinner'] });
    for (const bad of [0, 21, 2.5]) expect(() => rescalePlan(KITCHEN, plan, bad)).toThrow(PlanInputError);
  });
});

describe('the grocery list says what it assumed the cook has', () => {
  const rice: MealPlan = planMeals(KITCHEN, { days: 1, meals: ['dinner'], locked: [{ day: 1, slot: 'dinner', recipeId: 'egg-fried-rice-peas' }] });

  it('when the cook already has rice, then it is not bought and the list says "rice" in their words, used by this plan', () => {
    const list = groceryList(KITCHEN, rice, { pantry: ['rice', 'beans', { name: 'chicken-breast', said: 'chicken' }] });
    expect(list.sections.flatMap((s) => s.items).map((i) => i.ingredientId)).not.toContain('white-rice');
    expect(list.pantryAssumed).toEqual([
      { said: 'rice', ingredientIds: ['white-rice'], used: true },
      { said: 'beans', ingredientIds: [], used: false },
      { said: 'chicken', ingredientIds: ['chicken-breast'], used: false },
    ]);
  });

  it('when no pantry is given, then it assumed nothing; an amount given is kept', () => {
    expect(groceryList(KITCHEN, rice).pantryAssumed).toEqual([]);
    expect(groceryList(KITCHEN, rice, { pantry: [{ name: 'leftover rice', quantity: 2, unit: 'cup' }] }).pantryAssumed).toEqual([{ said: 'leftover rice', ingredientIds: ['cooked-rice'], quantity: 2, unit: 'cup', used: true }]);
  });
});

describe('planNutrition answers about one day or meal of a given plan', () => {
  const catalog: Catalog = KITCHEN;
  const plan = planMeals(catalog, { days: 3, meals: ['lunch', 'dinner'], servings: 2, startWeekday: 'monday' });

  it('when asked about Tuesday, then it is Tuesday per person, and for the household', () => {
    const answer = planNutrition(plan, { day: 2 });
    expect(answer).toMatchObject({ scope: 'day', label: 'Tuesday', perPerson: plan.days[1]!.nutrition, servings: 2 });
    expect(answer.everyone.proteinG).toBeCloseTo(plan.days[1]!.nutrition.proteinG * 2, 1);
    expect(answer.meals.map((m) => m.slot)).toEqual(['lunch', 'dinner']);
  });

  it("when asked about Wednesday's dinner, then it is one serving of that dinner", () => {
    const dinner = plan.days[2]!.meals.find((m) => m.slot === 'dinner')!;
    expect(planNutrition(plan, { day: 3, slot: 'dinner' })).toMatchObject({ scope: 'meal', label: 'Wednesday dinner', perPerson: dinner.nutrition, meals: [{ title: dinner.title }] });
  });

  it('when asked about the plan or the dinners, then it is the average day or dinner', () => {
    const avg = plan.days.reduce((s, d) => s + d.nutrition.proteinG, 0) / 3;
    expect(planNutrition(plan).perPerson.proteinG).toBeCloseTo(avg, 1);
    expect(planNutrition(plan, { slot: 'dinner' })).toMatchObject({ scope: 'slot', label: 'dinner' });
    expect(planNutrition(plan, { slot: 'dinner' }).meals).toHaveLength(3);
  });

  it('when the day or meal is not in the plan, then it says so', () => {
    expect(() => planNutrition(plan, { day: 9 })).toThrow('This plan has no day 9');
    expect(() => planNutrition(plan, { day: 1, slot: 'breakfast' })).toThrow('This plan has no breakfast on Monday');
  });
});
