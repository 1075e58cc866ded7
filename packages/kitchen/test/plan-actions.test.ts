import { createCatalog } from '../src/catalog';
import { INGREDIENTS } from '../src/data/ingredients';
import { RECIPES } from '../src/data/recipes';
import { KITCHEN } from '../src/default-catalog';
import { addMessage } from '../src/ledger/derive';
import { EMPTY_LEDGER, type ConstraintLedger } from '../src/ledger/types';
import { applyPlanAction, catalogVersion, groceryFor, PlanActionError, planDrift, planFromSkeleton, skeletonOf, type PlanAction, type PlanSnapshot } from '../src/plan-actions';
import type { MealPlan } from '../src/plan-types';
import { assertPlanSafe } from '../src/safety';

const ledgerOf = (...messages: string[]): ConstraintLedger =>
  messages.reduce((ledger, text, turn) => addMessage(KITCHEN, ledger, undefined, text, turn).ledger, EMPTY_LEDGER);

const recipesOf = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.map((m) => `${d.day}:${m.slot}:${m.recipeId}`));
const recipeAt = (plan: MealPlan, day: number, slot: string) => plan.days.find((d) => d.day === day)?.meals.find((m) => m.slot === slot)?.recipeId;

function snapshot(result: { plan: MealPlan; state: PlanSnapshot['state'] }): PlanSnapshot {
  return { plan: result.plan, state: result.state, catalogVersion: catalogVersion(KITCHEN) };
}

describe('plan actions: a plan changed by structured actions, never re-derived from chat', () => {
  const ledger = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy');
  const created = applyPlanAction(KITCHEN, ledger, null, { kind: 'create' });
  const base = snapshot(created);
  const apply = (action: PlanAction, from: PlanSnapshot = base, under: ConstraintLedger = ledger) => applyPlanAction(KITCHEN, under, from, action);

  it('create plans the ledger: 5 dinners for 4 without peanuts', () => {
    expect(created.plan.days).toHaveLength(5);
    expect(created.plan.servings).toBe(4);
    expect(created.plan.meals).toEqual(['dinner']);
    expect(created.label).toBe('new 5-day plan');
    expect(() => assertPlanSafe(KITCHEN, created.plan, { allergens: ['peanuts'] })).not.toThrow();
  });

  it('swap changes that one meal, keeps every other one, and keeps the swapped meal through a re-plan', () => {
    const swapped = apply({ kind: 'swap', day: 3, slot: 'dinner' });
    expect(swapped.label).toBe('swapped Wednesday dinner');
    expect(recipeAt(swapped.plan, 3, 'dinner')).not.toBe(recipeAt(created.plan, 3, 'dinner'));
    for (const day of [1, 2, 4, 5]) expect(recipeAt(swapped.plan, day, 'dinner')).toBe(recipeAt(created.plan, day, 'dinner'));
    expect(swapped.state.kept).toEqual([{ day: 3, slot: 'dinner', why: 'swapped' }]);
    expect(swapped.plan.days[2]!.meals[0]!.locked).toBe(true);
    expect(swapped.swapped).toMatchObject({ day: 3, slot: 'dinner', from: created.plan.days[2]!.meals[0]!.title, to: swapped.plan.days[2]!.meals[0]!.title });

    const replanned = apply({ kind: 'replan' }, snapshot(swapped));
    expect(recipeAt(replanned.plan, 3, 'dinner')).toBe(recipeAt(swapped.plan, 3, 'dinner'));
    // The other meals are planned again, and none is the recipe it replaced.
    for (const day of [1, 2, 4, 5]) expect(recipeAt(replanned.plan, day, 'dinner')).not.toBe(recipeAt(swapped.plan, day, 'dinner'));
  });

  it('a swap with a wish takes a meal that has it, and says which wishes it met', () => {
    const swapped = apply({ kind: 'swap', day: 2, slot: 'dinner', wanted: ['salmon'] });
    expect(swapped.swapped).toMatchObject({ has: ['salmon'], missing: [] });
    const ids = KITCHEN.recipeById.get(recipeAt(swapped.plan, 2, 'dinner')!)!.ingredientIds;
    expect(ids.some((id) => id.includes('salmon'))).toBe(true);
  });

  it('lock keeps a meal through a re-plan; unlock lets it go', () => {
    const locked = apply({ kind: 'lock', day: 1, slot: 'dinner', locked: true });
    expect(recipesOf(locked.plan)).toEqual(recipesOf(created.plan));
    expect(locked.label).toBe('locked Monday dinner');
    const replanned = apply({ kind: 'replan' }, snapshot(locked));
    expect(recipeAt(replanned.plan, 1, 'dinner')).toBe(recipeAt(created.plan, 1, 'dinner'));
    const unlocked = apply({ kind: 'lock', day: 1, slot: 'dinner', locked: false }, snapshot(locked));
    expect(unlocked.state.kept).toEqual([]);
    expect(unlocked.plan.days[0]!.meals[0]!.locked).toBe(false);
  });

  it('servings rescale without re-picking: the same recipes everywhere, cooked for 6', () => {
    const six = apply({ kind: 'servings', servings: 6 });
    expect(six.label).toBe('serves 6');
    expect(recipesOf(six.plan)).toEqual(recipesOf(created.plan));
    expect(six.plan.servings).toBe(6);
    const grams = (plan: MealPlan) => plan.days.reduce((n, d) => n + d.meals.reduce((m, meal) => m + meal.ingredients.reduce((g, i) => g + i.grams, 0), 0), 0);
    expect(grams(six.plan) / grams(created.plan)).toBeCloseTo(1.5, 5);
  });

  it('servings set on the plan hold until the cook names a number of people again: then the later word wins', () => {
    const six = apply({ kind: 'servings', servings: 6 });
    // The same ledger: the plan's own servings stand.
    expect(planDrift(six.state, ledger)).toBe('none');
    // "we are 3 now", said after the stepper: the plan is out of date and follows the ledger.
    const three = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy', 'we are 3 now');
    expect(planDrift(six.state, three)).toBe('constraints');
    const followed = apply({ kind: 'ledger' }, snapshot(six), three);
    expect(followed.plan.servings).toBe(3);
    expect(followed.label).toContain('serves 3');
    expect(planDrift(followed.state, three)).toBe('none');
  });

  it('days and meal slots grow around the meals the plan has', () => {
    const seven = apply({ kind: 'days', days: 7 });
    expect(seven.plan.days).toHaveLength(7);
    for (const day of [1, 2, 3, 4, 5]) expect(recipeAt(seven.plan, day, 'dinner')).toBe(recipeAt(created.plan, day, 'dinner'));
    const three = apply({ kind: 'days', days: 3 });
    expect(recipesOf(three.plan)).toEqual(recipesOf(created.plan).slice(0, 3));
    const withLunch = apply({ kind: 'meals', meals: ['lunch', 'dinner'] });
    expect(withLunch.plan.meals).toEqual(['lunch', 'dinner']);
    for (const day of [1, 2, 3, 4, 5]) expect(withLunch.plan.days[day - 1]!.meals.map((m) => m.slot)).toContain('lunch');
  });

  it('a changed ledger replaces only the meals that break it; a lifted constraint changes no meal', () => {
    const withEgg = (plan: MealPlan) => plan.days.flatMap((d) => d.meals).filter((m) => m.allergens.includes('egg'));
    const stricter = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy', 'also no eggs');
    const updated = apply({ kind: 'ledger' }, base, stricter);
    expect(withEgg(updated.plan)).toEqual([]);
    expect(() => assertPlanSafe(KITCHEN, updated.plan, { allergens: ['peanuts', 'egg'] })).not.toThrow();
    for (const d of created.plan.days) {
      const meal = d.meals[0]!;
      if (!meal.allergens.includes('egg')) expect(recipeAt(updated.plan, d.day, 'dinner')).toBe(meal.recipeId);
    }
    expect(updated.label).toMatch(/^no egg( \(\d+ meals? replaced\))?$/);
    expect(updated.plan.allergensExcluded).toEqual(expect.arrayContaining(['peanuts', 'egg']));

    const lifted = apply({ kind: 'ledger' }, base, ledgerOf('Plan 5 dinners for 4'));
    expect(recipesOf(lifted.plan)).toEqual(recipesOf(created.plan));
    expect(lifted.plan.allergensExcluded).not.toContain('peanuts');
    expect(lifted.label).toBe('peanuts allowed again');
  });

  it('pantry notes change the grocery list, not the plan: what the cook has is not bought, and the list says so', () => {
    const before = groceryFor(KITCHEN, created.plan, created.state, ledger);
    const first = before.sections[0]!.items[0]!;
    const had = apply({ kind: 'pantry', have: [first.name] });
    expect(had.plan).toBe(created.plan);
    expect(had.state.pantry).toEqual([first.name.toLowerCase()]);
    expect(had.label).toBe(`you have ${first.name}`);
    const after = groceryFor(KITCHEN, had.plan, had.state, ledger);
    expect(after.sections.flatMap((s) => s.items).map((i) => i.ingredientId)).not.toContain(first.ingredientId);
    expect(after.fromPantry.map((p) => p.ingredientId)).toContain(first.ingredientId);
    expect(after.itemCount).toBe(before.itemCount - 1);
  });

  it('an action on a meal the plan does not have, or with no plan, is refused in words', () => {
    expect(() => apply({ kind: 'swap', day: 9, slot: 'dinner' })).toThrow(PlanActionError);
    expect(() => apply({ kind: 'swap', day: 1, slot: 'breakfast' })).toThrow('The plan has no breakfast on Monday.');
    expect(() => applyPlanAction(KITCHEN, ledger, null, { kind: 'replan' })).toThrow('There is no plan to change yet');
  });

  it('every action under every ledger keeps the hard constraints', () => {
    const actions: PlanAction[] = [
      { kind: 'swap', day: 1, slot: 'dinner' },
      { kind: 'servings', servings: 2 },
      { kind: 'days', days: 7 },
      { kind: 'meals', meals: ['breakfast', 'dinner'] },
      { kind: 'replan' },
      { kind: 'ledger' },
    ];
    for (const action of actions) {
      const result = apply(action);
      expect(() => assertPlanSafe(KITCHEN, result.plan, { allergens: ['peanuts'] })).not.toThrow();
    }
  });

  it('the catalog version is stable for the same data and changes with it; a plan from other data is marked re-derived', () => {
    expect(catalogVersion(KITCHEN)).toBe(catalogVersion(createCatalog(INGREDIENTS, RECIPES)));
    const changed = createCatalog(INGREDIENTS, RECIPES.map((r, i) => (i === 0 ? { ...r, title: `${r.title} (new)` } : r)));
    expect(catalogVersion(changed)).not.toBe(catalogVersion(KITCHEN));
    const old = { ...base, catalogVersion: 'k-older-data' };
    const result = apply({ kind: 'servings', servings: 3 }, old);
    expect(result.rederived).toBe(true);
    expect(result.label).toBe('serves 3 (with updated recipe data)');
  });

  it('a plan comes back the same from its skeleton (ids only), kept meals marked; a recipe the data lost is planned afresh', () => {
    const swapped = apply({ kind: 'swap', day: 2, slot: 'dinner' });
    const again = planFromSkeleton(KITCHEN, ledger, swapped.state, skeletonOf(swapped.plan));
    expect(again.days).toEqual(swapped.plan.days);
    const lost = skeletonOf(created.plan).map((m, i) => (i === 0 ? { ...m, recipeId: 'no-such-recipe' } : m));
    const rebuilt = planFromSkeleton(KITCHEN, ledger, created.state, lost);
    expect(recipeAt(rebuilt, 1, 'dinner')).toEqual(expect.any(String));
    expect(recipeAt(rebuilt, 1, 'dinner')).not.toBe('no-such-recipe');
    expect(recipesOf(rebuilt).slice(1)).toEqual(recipesOf(created.plan).slice(1));
  });

  it('knows when the ledger moved on from a plan: constraints (meals that break them are replaced) or wishes (the meals not kept are re-planned for them)', () => {
    expect(planDrift(created.state, ledger)).toBe('none');
    const noEggs = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy', 'no eggs');
    expect(planDrift(created.state, noEggs)).toBe('constraints');
    const forSix = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy', 'make it for 6 people');
    expect(planDrift(created.state, forSix)).toBe('constraints');
    const salmon = ledgerOf('Plan 5 dinners for 4, we have a peanut allergy', 'could you make it with salmon?');
    expect(planDrift(created.state, salmon)).toBe('wishes');
    const locked = snapshot(apply({ kind: 'lock', day: 1, slot: 'dinner', locked: true }));
    const updated = apply({ kind: 'ledger' }, locked, salmon);
    expect(recipeAt(updated.plan, 1, 'dinner')).toBe(recipeAt(created.plan, 1, 'dinner'));
    expect(updated.plan.wanted.used).toEqual(['salmon']);
    expect(planDrift(updated.state, salmon)).toBe('none');
  });
});
