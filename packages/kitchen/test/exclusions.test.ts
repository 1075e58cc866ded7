/**
 * Food groups, word families and regimes over the full corpus: what "no pork", "I hate onions", "kosher" or "keto"
 * leave out, that the planner never plans it, and that the safety gate catches it when a plan is tampered with.
 */
import { KITCHEN } from '../src/default-catalog';
import { familyIds, foodGroupIds, patternEffect, resolveExclusions, ruleViolations } from '../src/exclusions';
import { planMeals } from '../src/planner';
import type { MealPlan } from '../src/plan-types';
import { assertPlanSafe, PlanSafetyError } from '../src/safety';
import { filterRecipes } from '../src/search';

const recipesOf = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.map((m) => KITCHEN.recipeById.get(m.recipeId)!));

describe('food groups', () => {
  it('"pork" covers bacon, ham, chorizo and sausage as well as pork cuts, and "red meat" adds beef and lamb', () => {
    const pork = foodGroupIds(KITCHEN, 'pork');
    expect(pork).toEqual(expect.arrayContaining(['bacon', 'ham', 'chorizo', 'italian-sausage', 'pork-loin', 'ground-pork']));
    const red = foodGroupIds(KITCHEN, 'red-meat');
    expect(red).toEqual(expect.arrayContaining([...pork, 'ground-beef', 'beef-chuck', 'lamb-leg']));
    expect(red).not.toContain('chicken-breast');
  });

  it('"alcohol" covers wine (and the rice wines it stands for) and vanilla extract; "lactose" keeps aged cheese and ghee', () => {
    expect(foodGroupIds(KITCHEN, 'alcohol').sort()).toEqual(['red-wine', 'vanilla-extract', 'white-wine']);
    const lactose = foodGroupIds(KITCHEN, 'lactose');
    expect(lactose).toEqual(expect.arrayContaining(['milk', 'heavy-cream', 'yogurt', 'butter']));
    expect(lactose).not.toEqual(expect.arrayContaining(['parmesan']));
    expect(lactose).not.toContain('ghee');
  });
});

describe('a word covers the family a cook means', () => {
  it('"onion" also covers shallots, scallions and leeks; "olive" never olive oil; "wine" never wine vinegar', () => {
    expect(familyIds(KITCHEN, 'onions')).toEqual(expect.arrayContaining(['onion', 'red-onion', 'shallot', 'scallion', 'leek', 'onion-powder']));
    expect(familyIds(KITCHEN, 'olives').sort()).toEqual(['black-olives', 'green-olives']);
    expect(familyIds(KITCHEN, 'wine').sort()).toEqual(['red-wine', 'white-wine']);
  });
});

describe('regimes', () => {
  it('kosher leaves out pork, shellfish and molluscs and never puts meat with dairy in one recipe', () => {
    const { ids, rules } = patternEffect(KITCHEN, 'kosher');
    expect(ids).toEqual(expect.arrayContaining(['bacon', 'shrimp', 'mussels', 'oyster-sauce']));
    expect(ids).not.toContain('salmon');
    const cheeseburgerLike = KITCHEN.recipes.filter((r) => r.animal.includes('dairy') && (r.animal.includes('meat') || r.animal.includes('poultry')));
    expect(cheeseburgerLike.length).toBeGreaterThan(0);
    for (const r of cheeseburgerLike) expect(ruleViolations(r, rules)).toContain('meat with dairy');
  });

  it('halal leaves out pork and alcohol; low-FODMAP leaves out garlic, onion and chickpeas', () => {
    expect(patternEffect(KITCHEN, 'halal').ids).toEqual(expect.arrayContaining(['bacon', 'white-wine', 'vanilla-extract']));
    expect(patternEffect(KITCHEN, 'low-fodmap').ids).toEqual(expect.arrayContaining(['garlic', 'onion', 'chickpeas']));
  });

  it('keto keeps only recipes of at most 10 g net carbs a serving, and every regime says what it cannot promise', () => {
    const keto = filterRecipes(KITCHEN, { patterns: ['keto'] });
    for (const r of keto) expect(r.nutritionPerServing.carbsG - r.nutritionPerServing.fibreG).toBeLessThanOrEqual(10);
    expect(KITCHEN.recipes.length - keto.length).toBeGreaterThan(100);
    for (const p of ['kosher', 'halal', 'low-fodmap', 'low-carb', 'keto', 'diabetic'] as const) expect(patternEffect(KITCHEN, p).caveat.length).toBeGreaterThan(20);
  });
});

describe('the planner and the safety gate honour them', () => {
  it('when a week is planned with no pork, halal and low-FODMAP, then no meal has pork, alcohol or a high-FODMAP food, and each is a met check', () => {
    const plan = planMeals(KITCHEN, { days: 7, servings: 4, exclude: ['pork'], patterns: ['halal', 'low-fodmap'] });
    const left = resolveExclusions(KITCHEN, ['pork'], ['halal', 'low-fodmap']).ids;
    expect(recipesOf(plan).length).toBeGreaterThan(0);
    for (const r of recipesOf(plan)) expect(r.ingredientIds.filter((id) => left.has(id))).toEqual([]);
    expect(plan.checks.filter((c) => ['exclusions', 'pattern:halal', 'pattern:low-fodmap'].includes(c.id)).map((c) => c.met)).toEqual([true, true, true]);
    expect(plan.exclude).toEqual(['pork']);
    expect(plan.patterns).toEqual(['halal', 'low-fodmap']);
    expect(() => assertPlanSafe(KITCHEN, plan, { exclude: ['pork'], patterns: ['halal', 'low-fodmap'] })).not.toThrow();
  });

  it('when a kosher plan is tampered to hold a meat-with-dairy recipe, then the safety gate refuses it', () => {
    expect.assertions(2);
    const plan = planMeals(KITCHEN, { days: 2, meals: ['dinner'], patterns: ['kosher'] });
    const forbidden = KITCHEN.recipes.find((r) => r.mealTypes.includes('dinner') && r.animal.includes('dairy') && r.animal.includes('meat') && !r.ingredientIds.some((id) => patternEffect(KITCHEN, 'kosher').ids.includes(id)))!;
    plan.days[0]!.meals[0] = { ...plan.days[0]!.meals[0]!, recipeId: forbidden.id };
    try {
      assertPlanSafe(KITCHEN, plan, { patterns: ['kosher'] });
    } catch (error) {
      expect(error).toBeInstanceOf(PlanSafetyError);
      expect((error as PlanSafetyError).violations.join(' ')).toMatch(/meat with dairy/);
    }
  });

  it('when every meal is ruled out, then the unmet entry names the regime to drop', () => {
    const plan = planMeals(KITCHEN, { days: 1, meals: ['breakfast'], patterns: ['keto'], allergens: ['egg', 'milk', 'tree_nuts'], diet: 'vegan' });
    expect(plan.days.flatMap((d) => d.meals)).toEqual([]);
    expect(plan.unmet[0]?.relax).toMatch(/keto/);
  });
});
