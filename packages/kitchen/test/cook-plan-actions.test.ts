import { withCookRecipes } from '../src/cook/derive';
import type { CookRecipe } from '../src/cook/types';
import { KITCHEN } from '../src/default-catalog';
import { addMessage } from '../src/ledger/derive';
import { EMPTY_LEDGER, type ConstraintLedger } from '../src/ledger/types';
import { applyPlanAction, catalogVersion, groceryFor, planFromSkeleton, skeletonOf, type PlanSnapshot } from '../src/plan-actions';
import type { MealPlan } from '../src/plan-types';
import { assertPlanSafe } from '../src/safety';

const ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const OWN = `cook-${ID}`;

function stew(overrides: Partial<CookRecipe> = {}): CookRecipe {
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
    ],
    steps: ['Soften the onion in the oil.', 'Add the chickpeas; simmer 30 minutes.'],
    mark: 'favourite',
    ...overrides,
  };
}

const ledgerOf = (text: string): ConstraintLedger => addMessage(KITCHEN, EMPTY_LEDGER, undefined, text, 0).ledger;
const mealsWith = (plan: MealPlan, id: string) => plan.days.flatMap((d) => d.meals.filter((m) => m.recipeId === id).map((m) => ({ day: d.day, slot: m.slot })));
const recipesOf = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.map((m) => `${d.day}:${m.slot}:${m.recipeId}`));

describe("a stored plan that holds a cook's recipe", () => {
  const ledger = ledgerOf('Plan 5 vegan dinners for 2');
  const book = withCookRecipes(KITCHEN, [stew()]);
  const created = applyPlanAction(book, ledger, null, { kind: 'create' });
  const snapshot: PlanSnapshot = { plan: created.plan, state: created.state, catalogVersion: catalogVersion(book) };
  const own = mealsWith(created.plan, OWN);
  const other = created.plan.days.flatMap((d) => d.meals.filter((m) => m.recipeId !== OWN && !m.leftoverOf).map((m) => ({ day: d.day, slot: m.slot })))[0]!;

  it('the favourite is planned, and the catalog version is the kitchen\'s own (the box does not make plans outdated)', () => {
    expect(own.length).toBeGreaterThan(0);
    expect(catalogVersion(book)).toBe(catalogVersion(KITCHEN));
    expect(catalogVersion(withCookRecipes(KITCHEN, [stew({ mark: null, title: 'Renamed' })]))).toBe(catalogVersion(KITCHEN));
  });

  it('is rebuilt from its ids over the same catalog with the same meals, and over the kitchen alone it is not', () => {
    const rebuilt = planFromSkeleton(book, ledger, created.state, skeletonOf(created.plan));
    expect(recipesOf(rebuilt)).toEqual(recipesOf(created.plan));
    expect(mealsWith(planFromSkeleton(KITCHEN, ledger, created.state, skeletonOf(created.plan)), OWN)).toEqual([]);
  });

  it('a swap of another meal and a rescale keep the cook\'s meal, with its lines scaled and on the grocery list', () => {
    const swapped = applyPlanAction(book, ledger, snapshot, { kind: 'swap', day: other.day, slot: other.slot });
    expect(mealsWith(swapped.plan, OWN)).toEqual(own);
    const rescaled = applyPlanAction(book, ledger, snapshot, { kind: 'servings', servings: 4 });
    expect(rescaled.label).toBe('serves 4');
    expect(mealsWith(rescaled.plan, OWN)).toEqual(own);
    const meal = rescaled.plan.days.flatMap((d) => d.meals).find((m) => m.recipeId === OWN && !m.leftoverOf)!;
    const before = created.plan.days.flatMap((d) => d.meals).find((m) => m.recipeId === OWN && !m.leftoverOf)!;
    const grams = (m: typeof meal) => m.ingredients.find((i) => i.ingredientId === 'chickpeas')!.grams;
    expect(grams(meal)).toBeCloseTo(grams(before) * 2, 0);
    const grocery = groceryFor(book, rescaled.plan, rescaled.state, ledger);
    expect(grocery.sections.flatMap((s) => s.items.map((i) => i.ingredientId))).toContain('chickpeas');
    assertPlanSafe(book, rescaled.plan, { diet: 'vegan' });
  });

  it('marked "never again" after planning: the meal is kept on rebuilds and changes, and never chosen anew', () => {
    const retired = withCookRecipes(KITCHEN, [stew({ mark: 'never' })]);
    expect(recipesOf(planFromSkeleton(retired, ledger, created.state, skeletonOf(created.plan)))).toEqual(recipesOf(created.plan));
    const swapped = applyPlanAction(retired, ledger, snapshot, { kind: 'swap', day: other.day, slot: other.slot });
    expect(mealsWith(swapped.plan, OWN)).toEqual(own);
    expect(swapped.label).toBe(`swapped ${created.plan.days.find((d) => d.day === other.day)!.label} dinner`);
    // Swapping the meal itself, or a new plan, never picks it.
    const away = applyPlanAction(retired, ledger, snapshot, { kind: 'swap', day: own[0]!.day, slot: own[0]!.slot });
    expect(mealsWith(away.plan, OWN).some((m) => m.day === own[0]!.day)).toBe(false);
    expect(mealsWith(applyPlanAction(retired, ledger, null, { kind: 'create' }).plan, OWN)).toEqual([]);
  });

  it('deleted after planning: a rebuild never fails, the next change plans the meal afresh and says so, a lock keeps it', () => {
    const rebuilt = planFromSkeleton(KITCHEN, ledger, created.state, skeletonOf(created.plan));
    expect(rebuilt.days.every((d) => d.meals.length === 1)).toBe(true);
    assertPlanSafe(KITCHEN, rebuilt, { diet: 'vegan' });
    const rescaled = applyPlanAction(KITCHEN, ledger, snapshot, { kind: 'servings', servings: 3 });
    expect(mealsWith(rescaled.plan, OWN)).toEqual([]);
    const where = own.map((m) => `${created.plan.days.find((d) => d.day === m.day)!.label} dinner`).join(', ');
    expect(rescaled.label).toBe(`serves 3; ${where} planned afresh (its recipe is gone)`);
    const locked = applyPlanAction(KITCHEN, ledger, snapshot, { kind: 'lock', day: own[0]!.day, slot: 'dinner', locked: true });
    expect(mealsWith(locked.plan, OWN)).toEqual(own);
  });
});
