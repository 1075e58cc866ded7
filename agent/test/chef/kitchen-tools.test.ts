import { createKitchenToolFactory } from '../../src/chef/kitchen-tools';
import type { Profile } from '@chef-chopsky/contract/profile';
import { createCatalog } from '@chef-chopsky/kitchen/catalog';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { profileEntries } from '@chef-chopsky/kitchen/ledger/merge';
import type { ConstraintLedger, LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import type { GroceryList, MealPlan } from '@chef-chopsky/kitchen/plan-types';
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
    plan: null,
    signal: new AbortController().signal,
    emit: (event, data) => emitted.push({ event, data }),
  });
  const byName = (name: string) => tools.find((t) => t.name === name)!;
  return { emitted, byName, names: tools.map((t) => t.name), added };
}

describe('kitchen tools', () => {
  it('exposes the seven tools with their names', () => {
    expect(toolsFor({}).names).toEqual(['search_recipes', 'plan_meals', 'change_plan', 'grocery_list', 'nutrition', 'substitutes', 'save_recipe']);
  });

  it('when the model asks for a plan that omits the profile allergy, then the profile still applies', async () => {
    const { emitted, byName } = toolsFor({ allergens: ['egg'], householdSize: 3 });
    const result = JSON.parse(String(await byName('plan_meals').invoke({ days: 2, meals: ['breakfast'], diet: 'omnivore' })));
    const plan = (emitted[0]!.data as { plan: MealPlan }).plan;
    expect(emitted.map((e) => e.event)).toEqual(['plan']);
    expect(plan.allergensExcluded).toEqual(['egg']);
    expect(plan.servings).toBe(3);
    expect(plan.days.flatMap((d) => d.meals).some((m) => m.recipeId === 'scrambled-eggs-toast')).toBe(false);
    expect(result).toMatchObject({ version: 1, change: 'new 2-day plan', servings: 3 });
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

  it('changes the current plan through structured actions: each is the next version, made from the one before', async () => {
    const { emitted, byName } = toolsFor({ householdSize: 2, units: 'us' });
    await byName('plan_meals').invoke({ days: 3, meals: ['dinner'] });
    const swapped = JSON.parse(String(await byName('change_plan').invoke({ change: { kind: 'swap', day: 2, slot: 'dinner' } })));
    expect(swapped.swapped.from).not.toBe(swapped.swapped.to);
    expect(swapped).toMatchObject({ version: 2, change: 'swapped Tuesday dinner', action: { kind: 'swap', day: 2, slot: 'dinner' } });
    const six = JSON.parse(String(await byName('change_plan').invoke({ change: { kind: 'servings', servings: 6 } })));
    expect(six).toMatchObject({ version: 3, servings: 6 });
    const grocery = JSON.parse(String(await byName('grocery_list').invoke({ have: ['salt'] })));
    expect(grocery.units).toBe('us');
    expect(grocery.assumedPantry).toEqual(['salt']);
    expect(emitted.map((e) => e.event)).toEqual(['plan', 'plan', 'plan', 'plan', 'grocery']);
    const events = emitted.filter((e) => e.event === 'plan').map((e) => e.data as { action: { kind: string }; base: { version: number } | null });
    expect(events.map((e) => [e.action.kind, e.base?.version ?? null])).toEqual([['create', null], ['swap', 1], ['servings', 2], ['pantry', 3]]);
    const plans = emitted.filter((e) => e.event === 'plan').map((e) => (e.data as { plan: MealPlan }).plan);
    expect(plans[2]!.days.map((d) => d.meals[0]!.recipeId)).toEqual(plans[1]!.days.map((d) => d.meals[0]!.recipeId));
  });

  it('refuses to change or list a plan that does not exist, and a change the plan cannot take', async () => {
    const { byName } = toolsFor({});
    await expect(byName('change_plan').invoke({ change: { kind: 'replan' } })).rejects.toThrow('There is no plan yet: call plan_meals first.');
    await expect(byName('grocery_list').invoke({})).rejects.toThrow('There is no plan yet');
    await byName('plan_meals').invoke({ days: 2, meals: ['dinner'] });
    await expect(byName('change_plan').invoke({ change: { kind: 'swap', day: 5, slot: 'dinner' } })).rejects.toThrow(/The plan has no dinner on/);
  });

  it('answers "what can I make" ranked by the named ingredients each recipe uses, with what it does not use and what is missing', async () => {
    const { byName } = toolsFor({}, KITCHEN);
    const found = JSON.parse(String(await byName('search_recipes').invoke({ ingredients: ['kale', 'chickpeas', 'tomatoes'] })));
    expect(found.mode).toBe('what-can-i-make');
    expect(found.results.length).toBe(8);
    expect(found.results[0]).toMatchObject({ uses: ['chickpeas', 'tomatoes'], notUsed: ['kale'], missing: expect.any(Array) });
    for (const r of found.results) expect(r.uses.length + r.notUsed.length).toBe(3);
    const rice = JSON.parse(String(await byName('search_recipes').invoke({ ingredients: ['leftover rice'] })));
    expect(rice.results.map((r: { recipeId: string }) => r.recipeId)).toEqual(expect.arrayContaining(['egg-fried-rice-peas', 'kimchi-fried-rice']));
    const close = JSON.parse(String(await byName('search_recipes').invoke({ ingredients: ['leftover rice'], maxMissing: 6 })));
    for (const r of close.results) expect(r.missing.length).toBeLessThanOrEqual(6);
  });

  it('when the model swaps a meal for fish in a vegetarian plan, then the result says why there is none; the list says in the cook\'s words what it assumed', async () => {
    const { emitted, byName } = toolsFor({ diet: 'vegetarian' }, KITCHEN);
    await byName('plan_meals').invoke({ days: 3, meals: ['dinner'] });
    const swapped = JSON.parse(String(await byName('change_plan').invoke({ change: { kind: 'swap', day: 2, slot: 'dinner', wanted: ['fish'] } })));
    expect(swapped.swapped).toMatchObject({ has: [], missing: ['fish'], why: [{ term: 'fish', blocker: { kind: 'constraints', by: [{ constraint: 'diet', diet: 'vegetarian' }] } }] });
    await byName('grocery_list').invoke({ have: ['Rice'] });
    const grocery = (emitted.at(-1)!.data as { grocery: GroceryList }).grocery;
    expect(grocery.pantryAssumed).toEqual([{ said: 'rice', ingredientIds: ['white-rice'], used: expect.any(Boolean) }]);
  });

  it('when the profile pantry holds kale, then the plan uses it and the grocery list does not buy it', async () => {
    const { emitted, byName } = toolsFor({ pantry: ['kale'] });
    await byName('plan_meals').invoke({ days: 3, meals: ['lunch', 'dinner'] });
    const plan = (emitted[0]!.data as { plan: MealPlan }).plan;
    expect(plan.useUp.used).toEqual(['kale']);
    await byName('grocery_list').invoke({});
    const grocery = (emitted[1]!.data as { grocery: { fromPantry: Array<{ ingredientId: string }>; sections: Array<{ items: Array<{ ingredientId: string }> }> } }).grocery;
    expect(grocery.fromPantry.map((p) => p.ingredientId)).toContain('kale');
    expect(grocery.sections.flatMap((s) => s.items).map((i) => i.ingredientId)).not.toContain('kale');
  });

  it('reports nutrition for a recipe, and for one day of the current plan', async () => {
    const { byName } = toolsFor({});
    const n = JSON.parse(String(await byName('nutrition').invoke({ recipe: 'cheese-toastie' })));
    expect(n.perServing.kcal).toBeGreaterThan(200);
    await byName('plan_meals').invoke({ days: 3, meals: ['dinner'] });
    const tuesday = JSON.parse(String(await byName('nutrition').invoke({ day: 2 })));
    expect(tuesday.perPersonPerDay.map((d: { label: string }) => d.label)).toEqual(['Tuesday']);
  });
});
