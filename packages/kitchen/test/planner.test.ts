import { KITCHEN } from '../src/default-catalog';
import { wantedIngredientIds } from '../src/catalog';
import { plannedMeal, planMeals, PlanInputError, swapMeal } from '../src/planner';
import type { MealPlan, PlanInput } from '../src/plan-types';
import { assertPlanSafe, PlanSafetyError } from '../src/safety';
import { fixtureCatalog as catalog } from './fixtures';

const meals = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.map((m) => ({ day: d.day, ...m })));

describe('planMeals on a small kitchen', () => {
  const input: PlanInput = { days: 4, servings: 4, diet: 'vegetarian', allergens: ['peanuts'], useUp: ['kale', 'tomatoes'], targets: { kcalPerDay: 2000, proteinGPerDay: 80 } };

  it('when the household is vegetarian with a peanut allergy, then no meal has meat, fish or peanuts', () => {
    const plan = planMeals(catalog, input);
    expect(meals(plan)).toHaveLength(12);
    for (const meal of meals(plan)) {
      expect(['vegan', 'vegetarian']).toContain(meal.diet);
      expect(meal.allergens).not.toContain('peanuts');
    }
    expect(() => assertPlanSafe(catalog, plan, { allergens: ['peanuts'], diet: 'vegetarian' })).not.toThrow();
    expect(plan.checks.find((c) => c.id === 'allergens')).toMatchObject({ met: true, detail: '0 of 12 meals contain them' });
  });

  it('when one meal is planned, then the checks read in the singular ("1 meal", "0 of 1 meal contains them")', () => {
    const plan = planMeals(catalog, { ...input, days: 1, meals: ['dinner'] });
    const check = (id: string) => plan.checks.find((c) => c.id === id);
    expect(check('meals')).toMatchObject({ label: '1 meal planned', detail: '1 of 1 meal planned (1 cooked, 0 leftovers)' });
    expect(check('allergens')).toMatchObject({ detail: '0 of 1 meal contains them' });
    expect(check('diet')).toMatchObject({ detail: '1 of 1 meal is vegetarian' });
    expect(check('variety')?.detail).toMatch(/^1 different recipe from 1 cuisine$/);
  });

  it('when the plan covers only lunches, then its targets say they are the lunch share of a day', () => {
    const plan = planMeals(catalog, { ...input, meals: ['lunch'] });
    expect(plan.checks.find((c) => c.id === 'proteinGPerDay')?.label).toMatch(/^About \d+ g protein or more per person per day from lunch$/);
    expect(plan.checks.find((c) => c.id === 'kcalPerDay')?.label).toMatch(/^About \d+ kcal per person per day from lunch$/);
    // Three meals leave a snack's share of the day (SLOT_SHARE), so even a full plan names the meals it covers.
    const threeMeals = planMeals(catalog, input);
    expect(threeMeals.checks.find((c) => c.id === 'kcalPerDay')?.label).toBe('About 1818 kcal per person per day from breakfast, lunch and dinner');
    const withSnack = planMeals(catalog, { ...input, meals: ['breakfast', 'lunch', 'dinner', 'snack'] });
    expect(withSnack.checks.find((c) => c.id === 'kcalPerDay')?.label).toBe('About 2000 kcal per person per day');
  });

  it('when the same input is planned twice, then the plan and its id are identical', () => {
    expect(planMeals(catalog, input)).toEqual(planMeals(catalog, input));
    expect(planMeals(catalog, { ...input, servings: 3 }).id).not.toBe(planMeals(catalog, input).id);
  });

  it('when asked to use up kale and tomatoes, then both are used and reported', () => {
    const plan = planMeals(catalog, input);
    expect(plan.useUp).toEqual({ used: ['kale', 'tomatoes'], unused: [] });
    expect(plan.checks.find((c) => c.id === 'useUp')).toMatchObject({ met: true, actual: 2, goal: 2 });
  });

  it('when batch cooking, then leftovers point at a cooked meal that was scaled up for them and carry no ingredients', () => {
    const plan = planMeals(catalog, input);
    const leftovers = meals(plan).filter((m) => m.leftoverOf);
    expect(leftovers.length).toBeGreaterThan(0);
    for (const left of leftovers) {
      const source = plan.days[left.leftoverOf!.day - 1]!.meals.find((m) => m.slot === left.leftoverOf!.slot)!;
      expect(source.recipeId).toBe(left.recipeId);
      expect(source.cookServings).toBe(8);
      expect(left.ingredients).toEqual([]);
      expect(left.day).toBeGreaterThan(left.leftoverOf!.day);
    }
  });

  it('when batch cooking is off, then every meal is cooked for the household', () => {
    const plan = planMeals(catalog, { ...input, batchCooking: false });
    expect(meals(plan).every((m) => m.leftoverOf === null && m.cookServings === 4)).toBe(true);
  });

  it('reports per-day nutrition as the sum of the meals per serving', () => {
    const plan = planMeals(catalog, input);
    for (const day of plan.days) {
      const kcal = day.meals.reduce((s, m) => s + catalog.recipeById.get(m.recipeId)!.nutritionPerServing.kcal, 0);
      expect(day.nutrition.kcal).toBe(Math.round(kcal * 10) / 10);
    }
  });

  it('when a recipe cannot be repeated within 3 days, then no cooked recipe recurs within 3 days', () => {
    const plan = planMeals(catalog, { days: 6, meals: ['dinner'], diet: 'omnivore', batchCooking: false });
    const cooked = meals(plan);
    for (const a of cooked) for (const b of cooked) if (a !== b && a.recipeId === b.recipeId) expect(Math.abs(a.day - b.day)).toBeGreaterThanOrEqual(3);
    expect(plan.unmet).toEqual([]);
  });

  it('when days label weekdays, then day 2 is Tuesday', () => {
    expect(planMeals(catalog, { ...input, startWeekday: 'monday' }).days.map((d) => d.label).slice(0, 2)).toEqual(['Monday', 'Tuesday']);
  });

  it('when input is out of range, then it is refused', () => {
    expect(() => planMeals(catalog, { days: 0 })).toThrow(PlanInputError);
    expect(() => planMeals(catalog, { days: 2, servings: 50 })).toThrow(/servings/);
  });
});

describe('wanted ingredients are preferred, never forced', () => {
  const dinners: PlanInput = { days: 3, meals: ['dinner'], servings: 2, batchCooking: false };
  const has = (plan: MealPlan, id: string) => meals(plan).filter((m) => catalog.recipeById.get(m.recipeId)!.ingredientIds.includes(id));

  it('when spinach is wanted in 3 dinners, then both spinach dinners of the kitchen are cooked and each meal says what it has', () => {
    const plan = planMeals(catalog, { ...dinners, wanted: ['spinach'] });
    // Only two dinners have spinach and a recipe does not come back within 3 days: two of three is the most there is.
    expect(has(plan, 'spinach').map((m) => m.recipeId).sort()).toEqual(['chickpea-curry', 'salmon-rice-bowl']);
    const withSpinach = new Set(has(plan, 'spinach').map((m) => m.recipeId));
    for (const meal of meals(plan)) expect(meal.wanted).toEqual(withSpinach.has(meal.recipeId) ? ['spinach'] : undefined);
    expect(plan.wanted).toEqual({ used: ['spinach'], unused: [], unavailable: [] });
    expect(plan.checks.find((c) => c.id === 'wanted')).toMatchObject({ kind: 'target', label: 'With spinach', met: true });
  });

  it('when a wanted ingredient is ruled out by an allergy, then no meal has it and it is reported as unavailable', () => {
    const plan = planMeals(catalog, { ...dinners, allergens: ['fish'], wanted: ['salmon', 'spinach'] });
    expect(has(plan, 'salmon')).toEqual([]);
    expect(has(plan, 'spinach')).not.toEqual([]);
    expect(plan.wanted).toEqual({ used: ['spinach'], unused: ['salmon'], unavailable: ['salmon'] });
  });

  it('when one dinner cannot hold both wanted ingredients, then the other is unused but not unavailable', () => {
    const plan = planMeals(catalog, { ...dinners, days: 1, wanted: ['chicken', 'shrimp'] });
    expect(plan.wanted.used).toHaveLength(1);
    expect(plan.wanted.unused).toHaveLength(1);
    expect(plan.wanted.unavailable).toEqual([]);
  });

  it('when nothing is wanted, then the plan and its id are those of the same input without the field', () => {
    const plain = planMeals(catalog, dinners);
    expect(planMeals(catalog, { ...dinners, wanted: [] })).toEqual(plain);
    expect(planMeals(catalog, { ...dinners, wanted: ['spinach'] }).id).not.toBe(plain.id);
  });

  it('reads a wanted word as the ingredients of its culinary role: chicken is any chicken meat, not the broth', () => {
    expect(wantedIngredientIds(KITCHEN, 'chicken')).toEqual(['chicken-breast', 'chicken-thigh', 'ground-chicken']);
    expect(wantedIngredientIds(KITCHEN, 'chickpea')).toEqual(['chickpeas', 'dried-chickpeas']);
    expect(wantedIngredientIds(KITCHEN, 'cheese')).toContain('cheddar');
  });
});

describe('infeasible plans name the constraint and what would relax it', () => {
  it('when no breakfast is fast enough, then maxMinutesPerMeal is named with the minutes that would work', () => {
    const plan = planMeals(catalog, { days: 2, meals: ['breakfast'], diet: 'vegan', allergens: ['soy'], maxMinutesPerMeal: 5 });
    expect(plan.unmet[0]).toMatchObject({ constraint: 'maxMinutesPerMeal', slot: 'breakfast', relax: expect.stringContaining('Allow 10 minutes per meal') });
    expect(plan.checks.find((c) => c.id === 'meals')).toMatchObject({ met: false, actual: 0, goal: 2 });
  });

  it('when allergens exclude every snack, then the allergens are named', () => {
    const plan = planMeals(catalog, { days: 1, meals: ['snack'], allergens: ['tree_nuts'], dislikes: ['banana'] });
    expect(plan.unmet[0]!.constraint).toMatch(/allergens|dislikes/);
    expect(plan.unmet[0]!.reason).toContain('snack');
  });

  it('when there are too few recipes to avoid repeats, then the plan repeats and says so', () => {
    const plan = planMeals(catalog, { days: 5, meals: ['breakfast'], diet: 'vegan', batchCooking: false });
    expect(meals(plan)).toHaveLength(5);
    expect(plan.unmet.map((u) => u.constraint)).toContain('noRepeatWithinDays');
    expect(plan.checks.find((c) => c.id === 'variety')!.met).toBe(false);
  });

  it('when the total cooking budget is too small, then the overrun is reported with the minutes needed', () => {
    const plan = planMeals(catalog, { days: 3, totalPrepMinutes: 30 });
    const unmet = plan.unmet.find((u) => u.constraint === 'totalPrepMinutes')!;
    expect(unmet.relax).toContain(`Allow ${plan.totalMinutes} minutes`);
    expect(plan.checks.find((c) => c.id === 'totalPrepMinutes')).toMatchObject({ met: false, actual: plan.totalMinutes, goal: 30 });
  });
});

describe('locked meals and swaps', () => {
  const input: PlanInput = { days: 3, servings: 2, diet: 'omnivore' };

  it('when a meal is locked, then it stays where it was put', () => {
    const plan = planMeals(catalog, { ...input, locked: [{ day: 2, slot: 'dinner', recipeId: 'mushroom-pasta' }] });
    const meal = plan.days[1]!.meals.find((m) => m.slot === 'dinner')!;
    expect(meal).toMatchObject({ recipeId: 'mushroom-pasta', locked: true });
  });

  it('when a locked meal breaks an allergy, then it is dropped and reported, never planned', () => {
    const plan = planMeals(catalog, { ...input, allergens: ['wheat'], locked: [{ day: 1, slot: 'dinner', recipeId: 'mushroom-pasta' }] });
    expect(meals(plan).some((m) => m.recipeId === 'mushroom-pasta')).toBe(false);
    expect(plan.unmet).toContainEqual(expect.objectContaining({ constraint: 'locked', day: 1, slot: 'dinner' }));
  });

  it('when Tuesday dinner is swapped, then only that meal (and its own leftovers) change', () => {
    const before = planMeals(catalog, input);
    const { plan: after, input: next } = swapMeal(catalog, input, 2, 'dinner');
    const old = before.days[1]!.meals.find((m) => m.slot === 'dinner')!;
    const swapped = after.days[1]!.meals.find((m) => m.slot === 'dinner')!;
    expect(swapped.recipeId).not.toBe(old.recipeId);
    for (const m of meals(before)) {
      if (m.day === 2 && m.slot === 'dinner') continue;
      if (m.leftoverOf && m.leftoverOf.day === 2 && m.leftoverOf.slot === 'dinner') continue;
      expect(after.days[m.day - 1]!.meals.find((x) => x.slot === m.slot)!.recipeId).toBe(m.recipeId);
    }
    expect(swapMeal(catalog, next, 2, 'dinner').plan.days[1]!.meals.find((m) => m.slot === 'dinner')!.recipeId).not.toBe(swapped.recipeId);
  });

  it('when a leftover meal is swapped, then its source is cooked for fewer people', () => {
    const plan = planMeals(catalog, { ...input, servings: 4, diet: 'vegetarian', useUp: ['kale'] });
    const left = meals(plan).find((m) => m.leftoverOf)!;
    const { plan: after } = swapMeal(catalog, { ...input, servings: 4, diet: 'vegetarian', useUp: ['kale'] }, left.day, left.slot, plan);
    const source = after.days[left.leftoverOf!.day - 1]!.meals.find((m) => m.slot === left.leftoverOf!.slot)!;
    expect(source.cookServings).toBe(4);
    expect(after.days[left.day - 1]!.meals.find((m) => m.slot === left.slot)!.leftoverOf).toBeNull();
  });
});

describe('assertPlanSafe', () => {
  it('when a plan is tampered to include a forbidden recipe, then it throws and names the violation', () => {
    const plan = planMeals(catalog, { days: 1, diet: 'vegan' });
    const dinner = plan.days[0]!.meals.find((m) => m.slot === 'dinner')!;
    dinner.recipeId = 'salmon-rice-bowl';
    dinner.allergens = [];
    expect(() => assertPlanSafe(catalog, plan, { diet: 'vegan', allergens: ['fish'] })).toThrow(PlanSafetyError);
    try {
      assertPlanSafe(catalog, plan, { diet: 'vegan', allergens: ['fish'], dislikes: ['spinach'] });
    } catch (err) {
      const v = (err as PlanSafetyError).violations.join('\n');
      expect(v).toContain('contains fish');
      expect(v).toContain('is pescatarian, not vegan');
      expect(v).toContain('spinach is disliked');
    }
  });
});

describe('plan lines read as a cook measures', () => {
  const eggLine = (plan: MealPlan) => plan.days[0]!.meals[0]!.ingredients.find((l) => l.ingredientId === 'egg');
  const lockedFor4 = (recipeId: string): MealPlan => {
    const slot = KITCHEN.recipeById.get(recipeId)!.mealTypes[0]!;
    const plan = planMeals(KITCHEN, { days: 1, meals: [slot], servings: 4, batchCooking: false, locked: [{ day: 1, slot, recipeId }] });
    expect(plan.days[0]!.meals[0]!.recipeId).toBe(recipeId);
    return plan;
  };

  it('when egg fried rice for 3 is planned for 4, then the line reads 5 eggs, cut whole, and keeps the exact 5 ⅓ eggs in grams', () => {
    const line = eggLine(lockedFor4('egg-fried-rice-peas'))!;
    expect(line).toMatchObject({ display: '5 eggs', pieceCut: 'whole', unit: 'piece' });
    expect(line.quantity).toBeCloseTo(16 / 3, 4);
    expect(line.grams).toBeCloseTo((50 * 16) / 3, 4);
  });

  it('when every recipe with eggs is planned for 4, then no egg line shows a fraction of an egg', () => {
    const eggRecipes = KITCHEN.recipes.filter((r) => r.lines.some((l) => l.ingredientId === 'egg'));
    const fractional: string[] = [];
    for (const recipe of eggRecipes) {
      const line = eggLine(lockedFor4(recipe.id))!;
      expect(`${recipe.id}: ${line.display}`).toMatch(/: [1-9]\d* eggs?$/);
      if (!Number.isInteger(line.quantity)) fractional.push(recipe.id);
    }
    // Without recipes whose eggs scale to a fraction, the check above would prove nothing.
    expect(fractional).not.toEqual([]);
  });

  it('when any recipe is cooked for 1 to 8, then counts keep to their cut and never read 0, no spoon reads in thirds, and a speck reads "a pinch"', () => {
    const glyphs: Record<string, number> = { '': 0, '⅛': 1 / 8, '¼': 1 / 4, '⅜': 3 / 8, '½': 1 / 2, '⅝': 5 / 8, '¾': 3 / 4, '⅞': 7 / 8, '⅓': 1 / 3, '⅔': 2 / 3 };
    const step = { whole: 1, halves: 1 / 2, quarters: 1 / 4 } as const;
    const problems: string[] = [];
    let pinches = 0;
    for (const recipe of KITCHEN.recipes) {
      for (let servings = 1; servings <= 8; servings++) {
        for (const line of plannedMeal(KITCHEN, recipe, recipe.mealTypes[0]!, servings, servings, null, false).ingredients) {
          const where = `${recipe.id} for ${servings}: ${line.display}`;
          if (/[⅓⅔] (tsp|tbsp)$/.test(line.display)) problems.push(where);
          const teaspoons = line.unit === 'tsp' ? line.quantity : line.unit === 'tbsp' ? line.quantity * 3 : Infinity;
          // Nearer a pinch (1/16 tsp) than ⅛ tsp: the old formatter floored these to "⅛ tsp".
          if (teaspoons < 3 / 32) {
            pinches += 1;
            if (line.display !== 'a pinch') problems.push(where);
          }
          if (line.unit !== 'piece') continue;
          const count = /^(?:(\d+) ?)?([⅛¼⅜½⅝¾⅞⅓⅔]?) /.exec(line.display);
          const shown = count ? Number(count[1] ?? 0) + glyphs[count[2]!]! : NaN;
          const cut = step[line.pieceCut!];
          if (!(shown > 0) || Math.abs(shown / cut - Math.round(shown / cut)) > 1e-9) problems.push(`${where} (cut ${line.pieceCut})`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(pinches).toBeGreaterThan(0);
  });
});
