import { createKitchenToolFactory } from '../../src/chef/kitchen-tools';
import type { Profile } from '@chef-chopsky/contract/profile';
import { createCatalog } from '@chef-chopsky/kitchen/catalog';
import { profileEntries } from '@chef-chopsky/kitchen/ledger/merge';
import type { ConstraintLedger, LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import { FIXTURE_INGREDIENTS, FIXTURE_RECIPES, fixtureCatalog } from '@chef-chopsky/kitchen/test/fixtures';

function toolsFor(profile: Profile, catalog = fixtureCatalog) {
  const emitted: Array<{ event: string; data: unknown }> = [];
  let ledger: ConstraintLedger = { entries: profileEntries(profile), lifted: [] };
  const added: LedgerEntry[] = [];
  const tools = createKitchenToolFactory({ catalog })({
    requestId: 'r1',
    profile,
    get ledger() {
      return ledger;
    },
    notes: [],
    unsure: [],
    addConstraints(entries) {
      added.push(...entries);
      ledger = { ...ledger, entries: [...ledger.entries, ...entries] };
    },
    signal: new AbortController().signal,
    emit: (event, data) => emitted.push({ event, data }),
  });
  const byName = (name: string) => tools.find((t) => t.name === name)!;
  return { emitted, byName, names: tools.map((t) => t.name), added };
}

describe('kitchen tools', () => {
  it('exposes the seven tools with their names', () => {
    expect(toolsFor({}).names).toEqual(['search_recipes', 'plan_meals', 'swap_meal', 'grocery_list', 'nutrition', 'substitutes', 'save_recipe']);
  });

  it('when the model asks for a plan that omits the profile allergy, then the profile still applies', async () => {
    const { emitted, byName } = toolsFor({ allergens: ['egg'], householdSize: 3 });
    const result = JSON.parse(String(await byName('plan_meals').invoke({ days: 2, meals: ['breakfast'], diet: 'omnivore' })));
    const plan = (emitted[0]!.data as { plan: MealPlan }).plan;
    expect(emitted.map((e) => e.event)).toEqual(['plan']);
    expect(plan.allergensExcluded).toEqual(['egg']);
    expect(plan.servings).toBe(3);
    expect(plan.days.flatMap((d) => d.meals).some((m) => m.recipeId === 'scrambled-eggs-toast')).toBe(false);
    expect(result.planRef).toMatch(/^p1\./);
  });

  it('when a derived label were wrong, then the safety gate stops the plan and nothing is emitted', async () => {
    const broken = createCatalog(FIXTURE_INGREDIENTS, FIXTURE_RECIPES);
    const peanutOats = broken.recipeById.get('peanut-oats')!;
    // Simulate a derivation bug: the recipe claims to be allergen-free, so the planner may pick it.
    peanutOats.allergens = [];
    peanutOats.allergenMask = 0;
    const { emitted, byName } = toolsFor({ allergens: ['peanuts', 'egg'] }, broken);
    const failure = byName('plan_meals').invoke({ days: 3, meals: ['breakfast'], batchCooking: false });
    await expect(failure).rejects.toThrow(/failed the kitchen's allergy and diet check, so it was not shown/);
    await expect(failure).rejects.toMatchObject({ name: 'UnsafePlanError', cause: { violations: expect.arrayContaining([expect.stringMatching(/peanut butter contains peanuts/i)]) } });
    expect(emitted).toEqual([]);
  });

  it('swaps a meal and lists groceries from the planRef alone', async () => {
    const { emitted, byName } = toolsFor({ householdSize: 2, units: 'us' });
    const first = JSON.parse(String(await byName('plan_meals').invoke({ days: 3, meals: ['dinner'] })));
    const swapped = JSON.parse(String(await byName('swap_meal').invoke({ planRef: first.planRef, day: 2, slot: 'dinner' })));
    expect(swapped.swapped.from).not.toBe(swapped.swapped.to);
    const grocery = JSON.parse(String(await byName('grocery_list').invoke({ planRef: swapped.planRef, pantry: ['salt'] })));
    expect(grocery.units).toBe('us');
    expect(emitted.map((e) => e.event)).toEqual(['plan', 'plan', 'grocery']);
    expect((emitted[2]!.data as { grocery: { planId: string } }).grocery.planId).toBe((emitted[1]!.data as { plan: MealPlan }).plan.id);
  });

  it('when the profile pantry holds kale, then the plan uses it and the grocery list does not buy it', async () => {
    const { emitted, byName } = toolsFor({ pantry: ['kale'] });
    await byName('plan_meals').invoke({ days: 3, meals: ['lunch', 'dinner'] });
    const plan = (emitted[0]!.data as { plan: MealPlan }).plan;
    expect(plan.useUp.used).toEqual(['kale']);
    await byName('grocery_list').invoke({ request: { days: 3, meals: ['lunch', 'dinner'] } });
    const grocery = (emitted[1]!.data as { grocery: { fromPantry: Array<{ ingredientId: string }>; sections: Array<{ items: Array<{ ingredientId: string }> }> } }).grocery;
    expect(grocery.fromPantry.map((p) => p.ingredientId)).toContain('kale');
    expect(grocery.sections.flatMap((s) => s.items).map((i) => i.ingredientId)).not.toContain('kale');
  });

  it('reports nutrition for a recipe and refuses a bad planRef', async () => {
    const { byName } = toolsFor({});
    const n = JSON.parse(String(await byName('nutrition').invoke({ recipe: 'cheese-toastie' })));
    expect(n.perServing.kcal).toBeGreaterThan(200);
    await expect(byName('grocery_list').invoke({ planRef: 'p1.garbage!!' })).rejects.toThrow(/planRef/);
  });
});
