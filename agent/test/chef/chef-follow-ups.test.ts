/**
 * Follow-ups people actually type after a plan (#15 item 4), in built-in planner mode over the full corpus, through
 * the real HTTP endpoint and SSE: a swap by day with a wish ("swap Wednesday for something with fish") or the reason it
 * cannot be met, the same plan for more people, "I already have rice", and nutrition of one day or meal.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { MealPlan, PlannedMeal } from '@chef-chopsky/kitchen/plan-types';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import type { CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import { type RunningAgent, startAgent, kitchenDeps, chatOk } from '../support/agent';

type Message = { role: 'user' | 'assistant'; content: string };

/** Fish as a main ingredient, named from the data rather than the wish code: fish sauce does not make a fish dish. */
const FISH = new Set(KITCHEN.ingredients.filter((i) => i.animal.includes('fish') && i.role === 'protein').map((i) => i.id));
const hasFish = (meal: PlannedMeal) => KITCHEN.recipeById.get(meal.recipeId)!.ingredientIds.some((id) => FISH.has(id));
const dinner = (plan: MealPlan, day: number) => plan.days[day - 1]!.meals.find((m) => m.slot === 'dinner')!;
const recipes = (plan: MealPlan) => plan.days.map((d) => d.meals.map((m) => m.recipeId));
const num = (n: number) => Math.round(n).toLocaleString('en-US');

describe('built-in planner mode answers the follow-ups people type', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent(kitchenDeps());
  });
  afterAll(async () => {
    await agent.close();
  });

  const chat = (messages: Message[], profile: Record<string, unknown> = {}, plan?: CurrentPlan) => chatOk(agent.url, messages, profile, plan);

  /** A plan, the turns so far and the plan the web app keeps; `say` is the cook's next message about it. */
  async function planned(ask: string, profile: Record<string, unknown> = {}) {
    const first = await chat([{ role: 'user', content: ask }], profile);
    const turns: Message[] = [{ role: 'user', content: ask }, { role: 'assistant', content: first.text }];
    return { plan: first.plan!, turns, current: first.currentPlan, say: (content: string) => chat([...turns, { role: 'user', content }], profile, first.currentPlan) };
  }

  it('when the cook says "swap Wednesday for something with fish" on a dinners-only plan, then Wednesday\'s dinner gets fish without asking which meal, and nothing else changes', async () => {
    const { plan, say } = await planned('Plan 5 nut-free dinners for a family of 4');
    expect(hasFish(dinner(plan, 3))).toBe(false);
    const swapped = await say('Swap Wednesday for something with fish');
    const after = swapped.plan!;
    expect(hasFish(dinner(after, 3))).toBe(true);
    for (const day of [1, 2, 4, 5]) expect(dinner(after, day).recipeId).toBe(dinner(plan, day).recipeId);
    expect(() => assertPlanSafe(KITCHEN, after, { allergens: ['peanuts', 'tree_nuts'] })).not.toThrow();
    expect(swapped.text).toContain(`Done: Wednesday's dinner is now **${dinner(after, 3).title}** instead of ${dinner(plan, 3).title}, with fish as you asked.`);
    expect(swapped.text).not.toContain('Which meal');

    const plain = await say('swap Wednesday');
    expect(dinner(plain.plan!, 3).recipeId).not.toBe(dinner(plan, 3).recipeId);
    expect(plain.text).toContain("Done: Wednesday's dinner is now");
  });

  it('when a constraint said in chat was already applied to the plan and the plan breaks a limit for it, then the reply says what the plan could not keep, not only that it follows', async () => {
    const { turns, say } = await planned('High-protein plant-based lunches for the work week, under two hours of prep in total');
    const ask = 'my CSA box this week has kale, beets and zucchini, use them up';
    // The first time, the chef remakes the plan for the use-ups; the second, the plan it is sent already has them, as
    // when the web app updated it before calling (the "noted" answer).
    const updated = await say(ask);
    expect(updated.plan!.unmet.length).toBeGreaterThan(0);
    const again = await chat([...turns, { role: 'user', content: ask }, { role: 'assistant', content: updated.text }, { role: 'user', content: ask }], {}, updated.currentPlan);
    expect(again.plan).toBeUndefined();
    expect(again.text).toContain('Your plan follows it now, except:');
    for (const u of updated.plan!.unmet) expect(again.text).toContain(`- ❌ ${u.reason} _To fix: ${u.relax}._`);
  });

  it('when the plan it is sent already serves the new number of people, then the note says "for 3 people", not the chip\'s "for 3"', async () => {
    const { turns, say } = await planned('Plan 5 dinners for 2');
    const ask = 'make it 3 servings';
    const updated = await say(ask);
    const again = await chat([...turns, { role: 'user', content: ask }, { role: 'assistant', content: updated.text }, { role: 'user', content: ask }], {}, updated.currentPlan);
    expect(again.text).toBe('Noted: for 3 people. Your plan follows it now.');
  });

  it('when a whole plan asks for fish, then every dinner has fish as a main ingredient, not fish sauce; a vegetarian plan says why it has none', async () => {
    const fish = await chat([{ role: 'user', content: 'Plan 3 dinners with fish' }]);
    expect(fish.plan!.days.map((d) => hasFish(dinner(fish.plan!, d.day)))).toEqual([true, true, true]);
    expect(fish.text).toContain("- **Fish**: Monday's dinner, Tuesday's dinner and Wednesday's dinner");
    const veg = await chat([{ role: 'user', content: 'Plan 3 vegetarian dinners with seafood' }]);
    expect(() => assertPlanSafe(KITCHEN, veg.plan!, { diet: 'vegetarian' })).not.toThrow();
    expect(veg.text).toContain('You asked for vegetarian meals, so I left out seafood.');
  });

  it('when a plan has lunches and dinners, then "swap Wednesday" asks which of the two', async () => {
    const { say } = await planned('Plan 3 days of lunch and dinner for 2');
    const asked = await say('swap Wednesday');
    expect(asked.plan).toBeUndefined();
    expect(asked.text).toBe('Which meal on Wednesday should I swap: lunch or dinner? For example _"swap Wednesday\'s dinner"_.');
  });

  it('when the plan is vegetarian and the cook asks for a fish dish, then the new dinner is vegetarian and the reply says why there is no fish, before "Done"', async () => {
    const { plan, say } = await planned('Plan 5 vegetarian dinners for 4');
    const swapped = await say('replace wednesday dinner with a fish dish');
    const after = swapped.plan!;
    expect(hasFish(dinner(after, 3))).toBe(false);
    expect(() => assertPlanSafe(KITCHEN, after, { diet: 'vegetarian' })).not.toThrow();
    expect(swapped.text).toMatch(/^\*\*[^\n]+\*\*\n\nYou asked for vegetarian meals, so there is no fish in the new dinner\.\n\nDone: Wednesday's dinner is now \*\*/);
    expect(swapped.text).not.toContain('with fish as you asked');
    expect(dinner(after, 3).recipeId).not.toBe(dinner(plan, 3).recipeId);
  });

  it('when a fish allergy is in the profile and the cook asks for salmon, then the reply names the allergy; a seafood wish in a 20-minute plan names the time', async () => {
    const fishAllergy = await planned('Plan 3 dinners for 2', { allergens: ['fish'] });
    const salmon = await fishAllergy.say('swap Tuesday for salmon');
    expect(salmon.text).toMatch(/\n\nFish is on your allergy list, so there is no salmon in the new dinner\.\n\nDone: /);
    expect(() => assertPlanSafe(KITCHEN, salmon.plan!, { allergens: ['fish'] })).not.toThrow();

    const quick = await planned('Plan 3 dinners for 2, 20 minutes max each');
    const seafood = await quick.say('swap Tuesday for some seafood');
    expect(seafood.text).toContain('Every dinner with seafood takes longer than your 20 minutes, so there is no seafood in the new dinner.');
  });

  it('when the cook asks for something vegetarian for one night, then that dinner is vegetarian and the household stays as it was', async () => {
    const { plan, say } = await planned('Plan 3 dinners with chicken for 2');
    const swapped = await say('swap Tuesday for something vegetarian');
    expect(['vegan', 'vegetarian']).toContain(KITCHEN.recipeById.get(dinner(swapped.plan!, 2).recipeId)!.diet);
    expect(swapped.plan!.diet).toBe('omnivore');
    expect(dinner(swapped.plan!, 1).recipeId).toBe(dinner(plan, 1).recipeId);
    expect(swapped.text).toContain(', vegetarian as you asked. Everything else stays as it was.');
  });

  it('when the cook says "make it for 6 people instead" after a swap, then the swap stays, every meal is kept and the amounts and list are for 6', async () => {
    const ask = 'Plan 4 dinners for 4';
    const first = await chat([{ role: 'user', content: ask }]);
    const turns: Message[] = [{ role: 'user', content: ask }, { role: 'assistant', content: first.text }, { role: 'user', content: "Swap Tuesday's dinner" }];
    const swapped = await chat(turns, {}, first.currentPlan);
    expect(dinner(swapped.plan!, 2).recipeId).not.toBe(dinner(first.plan!, 2).recipeId);
    const next = (content: string) => chat([...turns, { role: 'assistant', content: swapped.text }, { role: 'user', content }], {}, swapped.currentPlan);
    const six = await next('Make it for 6 people instead');
    expect(six.planEvent!.action).toEqual({ kind: 'servings', servings: 6 });
    expect(six.plan!.servings).toBe(6);
    expect(recipes(six.plan!)).toEqual(recipes(swapped.plan!));
    six.plan!.days.forEach((d, i) => expect(d.nutrition).toEqual(swapped.plan!.days[i]!.nutrition));
    const gramsOf = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.flatMap((m) => m.ingredients.map((l) => l.grams))).reduce((a, b) => a + b, 0);
    expect(gramsOf(six.plan!)).toBeCloseTo(gramsOf(swapped.plan!) * 1.5, 3);
    expect(six.grocery!.planId).toBe(six.plan!.id);
    expect(six.text).toContain('Your plan now serves 6: the same meals, with the quantities and the grocery list rescaled.');

    for (const [said, servings] of [['double it', 8], ['scale to 6 people', 6], ['make it serve 3', 3]] as const) {
      const scaled = await next(said);
      expect(scaled.planEvent!.action).toEqual({ kind: 'servings', servings });
      expect(recipes(scaled.plan!)).toEqual(recipes(swapped.plan!));
    }

    // A plan the web app already brought to 6 (it read "for 6" into the ledger) is not changed again.
    const already = await chat([...turns, { role: 'assistant', content: swapped.text }, { role: 'user', content: 'for 6 instead' }], {}, six.currentPlan);
    expect(already.planEvent).toBeUndefined();
    expect(already.text).toBe('Your plan serves 6 now: the same meals, with the quantities and the grocery list for 6.');
  });

  it('when the cook says "I already have rice", then the plan keeps its meals, the list leaves rice off and says it assumed it, and later lists do too', async () => {
    const { plan, turns, current } = await planned('Plan 3 dinners with rice for 2');
    const rice = new Set(['white-rice', 'brown-rice', 'cooked-rice']);
    expect(plan.days.some((d) => d.meals.some((m) => m.ingredients.some((l) => rice.has(l.ingredientId))))).toBe(true);
    const said: Message[] = [...turns, { role: 'user', content: 'I already have rice' }];
    const noted = await chat(said, {}, current);
    // A pantry note is a new version of the same plan: the same meals, the pantry noted.
    expect(noted.planEvent!.action).toEqual({ kind: 'pantry', have: ['rice'] });
    expect(recipes(noted.plan!)).toEqual(recipes(plan));
    const items = noted.grocery!.sections.flatMap((s) => s.items.map((i) => i.ingredientId));
    expect(items).not.toContain('white-rice');
    expect(noted.grocery!.pantryAssumed).toEqual([{ said: 'rice', ingredientIds: ['white-rice'], used: true }]);
    expect(noted.text).toMatch(/^Noted: you have rice\. Here is this plan's grocery list without it\.\n\n\*\*Grocery list\*\*/);
    expect(noted.text).toContain('Not on the list, as you have rice.');
    // Rice is not planned around: no ledger entry says to use it up.
    expect(noted.ledger?.ledger.entries.some((e) => e.field === 'useUp')).toBeFalsy();

    const later = await chat([...said, { role: 'assistant', content: noted.text }, { role: 'user', content: 'Grocery list please' }], {}, noted.currentPlan);
    expect(later.grocery!.sections.flatMap((s) => s.items.map((i) => i.ingredientId))).not.toContain('white-rice');
  });

  it('when the cook asks how much protein on Tuesday, or the calories of Wednesday\'s dinner, then the reply gives that day or meal of the plan shown', async () => {
    const { plan, say } = await planned('Plan 3 days of lunch and dinner for 2');
    const tuesday = await say('how much protein on Tuesday?');
    const day = plan.days[1]!;
    expect(tuesday.plan).toBeUndefined();
    expect(tuesday.text).toBe(
      `**Tuesday**, per person (one serving of each meal: ${day.meals.map((m) => m.title).join(' and ')}): **${num(day.nutrition.proteinG)} g protein** · ${num(day.nutrition.kcal)} kcal · ${num(day.nutrition.carbsG)} g carbs · ${num(day.nutrition.fatG)} g fat · ${num(day.nutrition.fibreG)} g fibre.`,
    );
    const wednesday = await say("how many calories in Wednesday's dinner?");
    const meal = dinner(plan, 3);
    expect(wednesday.text).toBe(
      `**Wednesday's dinner**, ${meal.title}, per serving: **${num(meal.nutrition.kcal)} kcal** · ${num(meal.nutrition.proteinG)} g protein · ${num(meal.nutrition.carbsG)} g carbs · ${num(meal.nutrition.fatG)} g fat · ${num(meal.nutrition.fibreG)} g fibre.`,
    );
    expect((await say('how much protein on Sunday?')).text).toBe('This plan has no Sunday: it has 3 days.');
  });

  it('when no meal fits, then the reply says which constraint to relax and nothing meant for the model ("call plan_meals first")', async () => {
    const turn = await chat([{ role: 'user', content: "We're two adults and a toddler. The toddler is allergic to fish and eggs, and we're vegetarian. Plan lunches for the week, low FODMAP if you can" }]);
    expect(turn.plan).toBeUndefined();
    expect(turn.text).toContain("I couldn't plan any meals that fit");
    expect(turn.text).toContain('Tell me which of these to relax and I will plan again.');
    expect(turn.text).not.toMatch(/plan_meals|I could not do that/);
  });
});
