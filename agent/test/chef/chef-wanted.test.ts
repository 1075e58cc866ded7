/**
 * Built-in planner mode honours the ingredients a cook asks for ("plan 3 dinners with chicken"): through the real HTTP
 * endpoint and SSE over the full corpus, as the web app drives it. A wanted ingredient is a preference: the diet and
 * allergies still win, and what could not be included is said in the reply.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { MealPlan, PlannedMeal } from '@chef-chopsky/kitchen/plan-types';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import type { CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import { chatTurn, type RunningAgent, startAgent, kitchenDeps, chatOk } from '../support/agent';

type Message = { role: 'user' | 'assistant'; content: string };

/** The corpus's chicken meat, named independently of the planner (chicken broth is not "with chicken"). */
const CHICKEN = new Set(['chicken-breast', 'chicken-thigh', 'ground-chicken']);
const uses = (meal: PlannedMeal, ids: ReadonlySet<string>) => KITCHEN.recipeById.get(meal.recipeId)!.ingredientIds.some((id) => ids.has(id));
const allMeals = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.map((meal) => ({ label: d.label, meal })));
const mealName = (m: { label: string; meal: PlannedMeal }) => `${m.label}'s ${m.meal.slot}${m.meal.leftoverOf ? ' (leftovers)' : ''}`;
/** The bullet the reply gives one wanted ingredient: every meal that has it, in plan order. */
const askedForLine = (plan: MealPlan, term: string, ids: ReadonlySet<string>) => {
  const names = allMeals(plan).filter((m) => uses(m.meal, ids)).map(mealName);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `- **${term[0]!.toUpperCase()}${term.slice(1)}**: ${list}`;
};

describe('built-in planner mode plans with the ingredients the cook asks for', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent(kitchenDeps());
  });
  afterAll(async () => {
    await agent.close();
  });

  async function chat(messages: Message[], profile: Record<string, unknown> = {}, plan?: CurrentPlan) {
    const turn = await chatOk(agent.url, messages, profile, plan);
    return { ...turn, plan: turn.plan! };
  }

  it('when the cook asks for 3 dinners with chicken, then every dinner has chicken and the reply says where', async () => {
    const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners with chicken' }]);
    expect(allMeals(plan)).toHaveLength(3);
    expect(allMeals(plan).filter((m) => uses(m.meal, CHICKEN))).toHaveLength(3);
    expect(plan.wanted).toEqual({ used: ['chicken'], unused: [], unavailable: [] });
    expect(plan.checks.find((c) => c.id === 'wanted')).toMatchObject({ met: true, actual: 1, goal: 1 });
    expect(text).toContain(`**What you asked for**\n- **Chicken**: Monday's dinner, Tuesday's dinner and Wednesday's dinner\n\nOn average`);
  });

  it('when the cook asks for a week of lunches using chickpeas and spinach, then both are in it, each meal named, and neither counts as already bought', async () => {
    const chickpeas = new Set(['chickpeas', 'dried-chickpeas']);
    const spinach = new Set(['spinach']);
    const { plan, text } = await chat([{ role: 'user', content: 'A week of lunches using chickpeas and spinach' }]);
    expect(allMeals(plan).map((m) => m.meal.slot)).toEqual(Array(7).fill('lunch'));
    expect(plan.wanted).toEqual({ used: ['chickpea', 'spinach'], unused: [], unavailable: [] });
    const cooked = allMeals(plan).filter((m) => !m.meal.leftoverOf);
    // A preference, not a coin toss: most cooked lunches carry one of them.
    expect(cooked.filter((m) => uses(m.meal, chickpeas) || uses(m.meal, spinach)).length).toBeGreaterThanOrEqual(cooked.length - 1);
    expect(text).toContain(askedForLine(plan, 'chickpea', chickpeas));
    expect(text).toContain(askedForLine(plan, 'spinach', spinach));
    // Asked for is not the same as on hand: unlike "use up", the plan does not claim the cook has them.
    expect(plan.useUp).toEqual({ used: [], unused: [] });
    expect(text).not.toContain('using up');
  });

  it('when a wanted ingredient breaks the profile allergy, then it is never used, the reply says why, and the other wanted ingredient is still honoured', async () => {
    const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners with peanut butter and chicken' }], { allergens: ['peanuts'] });
    expect(() => assertPlanSafe(KITCHEN, plan, { allergens: ['peanuts'], diet: 'omnivore', dislikes: [] })).not.toThrow();
    expect(allMeals(plan).filter((m) => uses(m.meal, new Set(['peanut-butter'])))).toEqual([]);
    expect(allMeals(plan).filter((m) => uses(m.meal, CHICKEN))).toHaveLength(3);
    expect(plan.wanted).toEqual({ used: ['chicken'], unused: ['peanut butter'], unavailable: ['peanut butter'] });
    expect(text).toMatch(/^\*\*[^\n]+\*\*\n\nPeanuts are on your allergy list, so there is no peanut butter in this plan\.\n\nHere is your 3-day plan/);
    expect(text).toContain("- **Chicken**: Monday's dinner, Tuesday's dinner and Wednesday's dinner");
    expect(text).not.toContain('**Peanut butter**:');
  });

  it('when a wanted ingredient breaks the diet asked for, then the plan keeps the diet and uses the rest of what was asked for', async () => {
    const chickpeas = new Set(['chickpeas', 'dried-chickpeas']);
    const { plan, text } = await chat([{ role: 'user', content: 'Plan 4 dinners with chicken and chickpeas, vegetarian' }]);
    expect(() => assertPlanSafe(KITCHEN, plan, { allergens: [], diet: 'vegetarian', dislikes: [] })).not.toThrow();
    expect(plan.wanted).toEqual({ used: ['chickpea'], unused: ['chicken'], unavailable: ['chicken'] });
    expect(text).toMatch(/^\*\*[^\n]+\*\*\n\nYou asked for vegetarian meals, so I left out chicken\.\n\nHere is your 4-day plan/);
    expect(text).toContain(askedForLine(plan, 'chickpea', chickpeas));
  });

  it('when no recipe for the plan has a wanted ingredient, then the plan still comes and the reply names what could not be included', async () => {
    const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners with chicken and watercress' }]);
    expect(allMeals(plan)).toHaveLength(3);
    expect(plan.wanted).toEqual({ used: ['chicken'], unused: ['watercress'], unavailable: ['watercress'] });
    expect(plan.checks.find((c) => c.id === 'wanted')).toMatchObject({ met: false, actual: 1, goal: 2 });
    expect(text).toMatch(/^\*\*[^\n]+\*\*\n\nI found no dinner recipe with watercress that fits this plan, so it is not in it\.\n\nHere is your 3-day plan/);
    expect(text).toContain("- **Chicken**: Monday's dinner, Tuesday's dinner and Wednesday's dinner");

    // Shrimp is in dinners only: a lunch plan says so rather than quietly leaving it out.
    const lunches = await chat([{ role: 'user', content: 'Plan 3 lunches with shrimp' }]);
    expect(allMeals(lunches.plan)).toHaveLength(3);
    expect(lunches.plan.wanted).toEqual({ used: [], unused: ['shrimp'], unavailable: ['shrimp'] });
    expect(lunches.text).toMatch(/^\*\*[^\n]+\*\*\n\nI found no lunch recipe with shrimp that fits this plan, so it is not in it\.\n\n/);
    expect(lunches.text).not.toContain('**What you asked for**');
  });

  it("when the cook then swaps Tuesday's dinner, then the new dinner has chicken too, and the same conversation gives the same plan", async () => {
    const ask: Message = { role: 'user', content: 'Plan 3 dinners with chicken' };
    const first = await chat([ask]);
    const turns: Message[] = [ask, { role: 'assistant', content: first.text }, { role: 'user', content: "Swap Tuesday's dinner" }];
    const swapped = await chat(turns, {}, first.currentPlan);
    const before = first.plan.days[1]!.meals[0]!;
    const after = swapped.plan.days[1]!.meals[0]!;
    expect(after.recipeId).not.toBe(before.recipeId);
    expect(uses(after, CHICKEN)).toBe(true);
    expect(swapped.plan.days[0]!.meals[0]!.recipeId).toBe(first.plan.days[0]!.meals[0]!.recipeId);
    expect(swapped.plan.wanted.used).toEqual(['chicken']);
    expect(swapped.text).toContain(`Tuesday's dinner is now **${after.title}** instead of ${before.title}`);
    expect(swapped.text).toContain("- **Chicken**: Monday's dinner, Tuesday's dinner and Wednesday's dinner");

    const again = await chat(turns, {}, first.currentPlan);
    expect(again.plan).toEqual(swapped.plan);
    expect(again.text).toBe(swapped.text);
    // A history that no longer reaches the request: the ledger and the plan the client keeps (as the web app does)
    // carry the wish and the plan.
    const windowed = await chatTurn(agent.url, turns.slice(2), {}, first.ledger!.ledger, first.currentPlan);
    expect(windowed.plan).toEqual(swapped.plan);
  });

  it('when the cook changes a constraint after asking for chicken, then the new plan still has it', async () => {
    const ask: Message = { role: 'user', content: 'Plan 3 dinners for 2 with chicken' };
    const first = await chat([ask]);
    const bigger = await chat([ask, { role: 'assistant', content: first.text }, { role: 'user', content: 'Make it for 4 people' }], {}, first.currentPlan);
    expect(bigger.plan.servings).toBe(4);
    expect(allMeals(bigger.plan).filter((m) => uses(m.meal, CHICKEN))).toHaveLength(3);
    // The same dinners, for more people: nothing is picked again.
    expect(allMeals(bigger.plan).map((m) => m.meal.recipeId)).toEqual(allMeals(first.plan).map((m) => m.meal.recipeId));
  });

  it("when the cook swaps Tuesday's dinner for something with salmon, then only that dinner changes and has salmon, the plan wants nothing more, and a second swap asks for its own", async () => {
    const salmon = new Set(['salmon']);
    const ask: Message = { role: 'user', content: 'Plan 3 dinners for 2' };
    const first = await chat([ask]);
    expect(uses(first.plan.days[1]!.meals[0]!, salmon)).toBe(false);
    const turns: Message[] = [ask, { role: 'assistant', content: first.text }, { role: 'user', content: "Swap Tuesday's dinner for something with salmon" }];
    const swapped = await chat(turns, {}, first.currentPlan);
    const before = first.plan.days[1]!.meals[0]!;
    const after = swapped.plan.days[1]!.meals[0]!;
    expect(uses(after, salmon)).toBe(true);
    expect([0, 2].map((d) => swapped.plan.days[d]!.meals[0]!.recipeId)).toEqual([0, 2].map((d) => first.plan.days[d]!.meals[0]!.recipeId));
    // Salmon was asked of one meal, not the plan: nothing else is steered towards it.
    expect(swapped.plan.wanted).toEqual({ used: [], unused: [], unavailable: [] });
    expect(swapped.text).toContain(`Done: Tuesday's dinner is now **${after.title}** instead of ${before.title}, with salmon as you asked. Everything else stays as it was.`);
    expect(swapped.text).not.toContain('**What you asked for**');

    const again = await chat(turns, {}, first.currentPlan);
    expect(again.plan).toEqual(swapped.plan);
    expect(again.text).toBe(swapped.text);

    const second = await chat([...turns, { role: 'assistant', content: swapped.text }, { role: 'user', content: "Now swap Wednesday's dinner for chicken" }], {}, swapped.currentPlan);
    expect(uses(second.plan.days[2]!.meals[0]!, CHICKEN)).toBe(true);
    expect(second.plan.days[1]!.meals[0]!.recipeId).toBe(after.recipeId);
    expect(second.plan.days[0]!.meals[0]!.recipeId).toBe(first.plan.days[0]!.meals[0]!.recipeId);
  });

  it('when the cook asks a swapped meal for an ingredient the profile allergy or the recipes rule out, then the meal is swapped anyway and the reply says plainly why it is not in it', async () => {
    const salmon = new Set(['salmon']);
    const ask: Message = { role: 'user', content: 'Plan 3 dinners for 2' };
    const profile = { allergens: ['fish'] };
    const first = await chat([ask], profile);
    const swapped = await chat([ask, { role: 'assistant', content: first.text }, { role: 'user', content: "Swap Tuesday's dinner for something with salmon" }], profile, first.currentPlan);
    const after = swapped.plan.days[1]!.meals[0]!;
    expect(after.recipeId).not.toBe(first.plan.days[1]!.meals[0]!.recipeId);
    expect(uses(after, salmon)).toBe(false);
    expect(() => assertPlanSafe(KITCHEN, swapped.plan, { allergens: ['fish'], diet: 'omnivore', dislikes: [] })).not.toThrow();
    expect(swapped.text).toMatch(/^\*\*[^\n]+\*\*\n\nFish is on your allergy list, so there is no salmon in the new dinner\.\n\nDone: Tuesday's dinner is now \*\*[^*]+\*\* instead of [^,]+?\. Everything else/);

    // Shrimp is in dinners only: no lunch can have it.
    const lunches: Message = { role: 'user', content: 'Plan 3 lunches for 2' };
    const lunchPlan = await chat([lunches]);
    const noShrimp = await chat([lunches, { role: 'assistant', content: lunchPlan.text }, { role: 'user', content: "Swap Tuesday's lunch for something with shrimp" }], {}, lunchPlan.currentPlan);
    expect(noShrimp.plan.days[1]!.meals[0]!.recipeId).not.toBe(lunchPlan.plan.days[1]!.meals[0]!.recipeId);
    expect(noShrimp.text).toMatch(/^\*\*[^\n]+\*\*\n\nI found no other lunch recipe with shrimp that fits this plan, so it is not in the new lunch\.\n\nDone: Tuesday's lunch is now/);
  });

  it('when the cook has chicken to use up but would rather not have thighs, then chicken breast or mince uses it up', async () => {
    const profile = { dislikes: ['chicken thigh'] };
    const { plan, text } = await chat([{ role: 'user', content: 'Use up the chicken, plan 3 dinners for 2' }], profile);
    expect(() => assertPlanSafe(KITCHEN, plan, { allergens: [], diet: 'omnivore', dislikes: ['chicken thigh'] })).not.toThrow();
    expect(allMeals(plan).some((m) => uses(m.meal, CHICKEN))).toBe(true);
    expect(plan.useUp).toEqual({ used: ['chicken'], unused: [] });
    expect(plan.checks.find((c) => c.id === 'useUp')).toMatchObject({ met: true, actual: 1, goal: 1 });
    expect(text).toContain('for 2 people, without chicken thigh, using up chicken,');
  });

  it('when the chicken to use up is cooked as breasts, then the grocery list does not buy chicken, and says it is on hand', async () => {
    const profile = { dislikes: ['chicken thigh'] };
    const { plan, grocery } = await chat([{ role: 'user', content: 'Use up the chicken, plan 3 dinners for 2, with the grocery list' }], profile);
    const cookedChicken = allMeals(plan).flatMap((m) => m.meal.ingredients).map((l) => l.ingredientId).filter((id) => CHICKEN.has(id));
    expect(cookedChicken.length).toBeGreaterThan(0);
    expect(cookedChicken).not.toContain('chicken-thigh');
    expect(grocery!.sections.flatMap((s) => s.items).map((i) => i.ingredientId).filter((id) => CHICKEN.has(id))).toEqual([]);
    expect(grocery!.fromPantry.map((p) => p.ingredientId)).toEqual(expect.arrayContaining([...new Set(cookedChicken)]));
  });

  it('when the profile pantry says "beans", then the list still buys green beans and tofu, which are not those beans', async () => {
    const { plan, grocery } = await chat([{ role: 'user', content: 'Plan a week of lunches and dinners for 2, with the grocery list' }], { pantry: ['beans'] });
    const cooked = new Set(allMeals(plan).flatMap((m) => m.meal.ingredients).map((l) => l.ingredientId));
    const bought = new Set(grocery!.sections.flatMap((s) => s.items).map((i) => i.ingredientId));
    const others = ['green-beans', 'tofu-firm', 'bean-sprouts'].filter((id) => cooked.has(id));
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) expect(bought.has(id)).toBe(true);
  });

  it('when the cook asks for salmon after the plan was made, then the meals not kept are planned again with it', async () => {
    const ask: Message = { role: 'user', content: 'Plan 3 dinners for 2' };
    const first = await chat([ask]);
    const salmon = new Set(['salmon']);
    const withSalmon = await chat([ask, { role: 'assistant', content: first.text }, { role: 'user', content: 'Could you make it with salmon?' }], {}, first.currentPlan);
    expect(withSalmon.plan.wanted.used).toEqual(['salmon']);
    expect(allMeals(withSalmon.plan).some((m) => uses(m.meal, salmon))).toBe(true);
    expect(withSalmon.text).toContain(askedForLine(withSalmon.plan, 'salmon', salmon));
  });
});
