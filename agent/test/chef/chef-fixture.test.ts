/**
 * The chef's kitchen tools and planner brain through the real HTTP endpoint, over the small fixture kitchen (the full
 * corpus is exercised in chef-e2e.test.ts): every message goes through the offline model, the tool loop and SSE.
 */
import { createKitchenBrain } from '../../src/chef/kitchen-brain';
import { createKitchenToolFactory } from '../../src/chef/kitchen-tools';
import { createUnderstanding } from '../../src/chef/understand';
import { neededGramsByIngredient } from '@chef-chopsky/kitchen/grocery';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import type { CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import { chatTurn, type RunningAgent, startAgent } from '../support/agent';
import { fixtureCatalog as catalog } from '@chef-chopsky/kitchen/test/fixtures';

type Message = { role: 'user' | 'assistant'; content: string };

describe('chef with the kitchen (fixture kitchen)', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent({ brain: createKitchenBrain(catalog), toolFactory: createKitchenToolFactory({ catalog }), understand: createUnderstanding(catalog) });
  });
  afterAll(async () => {
    await agent.close();
  });

  const chat = (messages: Message[], profile: Record<string, unknown> = {}, plan?: CurrentPlan) => chatTurn(agent.url, messages, profile, undefined, plan);

  it('when a vegetarian cook with a peanut allergy asks for a plan, then the plan event honours both and the reply says what it is, briefly', async () => {
    const { plan, planEvent, text, events } = await chat([{ role: 'user', content: 'Plan 3 days for 4 people, vegetarian' }], { allergens: ['peanuts'] });
    expect(events.at(-1)!.event).toBe('done');
    expect(plan).toBeDefined();
    expect(plan!.servings).toBe(4);
    expect(plan!.allergensExcluded).toEqual(['peanuts']);
    expect(() => assertPlanSafe(catalog, plan!, { allergens: ['peanuts'], diet: 'vegetarian' })).not.toThrow();
    expect(planEvent).toMatchObject({ action: { kind: 'create' }, base: null, label: 'new 3-day plan', state: { kept: [], pantry: [] } });
    expect(text).toContain('Here is your 3-day plan');
    // The week itself is shown from the event, not repeated in the text; no plan marker is echoed either.
    expect(text).not.toContain('| Monday |');
    expect(text).not.toContain('chopsky-plan');
  });

  it('when the cook swaps Tuesday\'s dinner in a later message, then only that meal changes, as the next version of the plan the client sent', async () => {
    const first: Message = { role: 'user', content: 'Plan 3 days of dinners for 2' };
    const a = await chat([first]);
    const tuesday = a.plan!.days[1]!.meals[0]!;
    const b = await chat([first, { role: 'assistant', content: a.text }, { role: 'user', content: "Swap Tuesday's dinner" }], {}, a.currentPlan);
    expect(b.plan!.days[1]!.meals[0]!.recipeId).not.toBe(tuesday.recipeId);
    expect(b.plan!.days[0]!.meals[0]!.recipeId).toBe(a.plan!.days[0]!.meals[0]!.recipeId);
    expect(b.planEvent).toMatchObject({ action: { kind: 'swap', day: 2, slot: 'dinner' }, base: { id: a.currentPlan!.id, version: 1 }, label: 'swapped Tuesday dinner' });
    expect(b.text).toContain(`instead of ${tuesday.title}`);

    const c = await chat([first, { role: 'assistant', content: a.text }, { role: 'user', content: "Swap Tuesday's dinner" }, { role: 'assistant', content: b.text }, { role: 'user', content: 'grocery list please' }], {}, b.currentPlan);
    expect(c.plan).toBeUndefined();
    // The list is the swapped plan's: it buys what that plan's meals need.
    const needed = [...neededGramsByIngredient(b.plan!).values()].reduce((x, y) => x + y, 0);
    expect(c.grocery!.totalNeededGrams).toBeCloseTo(needed, 3);
    expect(c.text).toContain('**Grocery list**');
  });

  it('when the client sends the current plan, the chef answers about that plan whatever the history holds; without one there is no plan to change', async () => {
    const a = await chat([{ role: 'user', content: 'Plan 2 days of dinners for 2, no fish' }]);
    const b = await chat([{ role: 'user', content: 'how much protein?' }], {}, a.currentPlan);
    expect(b.text).toContain('**Average**');
    expect(b.text).toContain(`${Math.round(a.plan!.days[0]!.nutrition.proteinG)} g`);
    const none = await chat([{ role: 'user', content: "swap Tuesday's dinner" }]);
    expect(none.plan).toBeUndefined();
    expect(none.text).toMatch(/^There is no plan to change yet/);
  });

  it('"swap Wednesday" on a plan of dinners swaps Wednesday\'s dinner without asking which meal', async () => {
    const a = await chat([{ role: 'user', content: 'Plan 3 days of dinners for 2' }]);
    const b = await chat([{ role: 'user', content: 'swap wednesday' }], {}, a.currentPlan);
    expect(b.planEvent?.action).toEqual({ kind: 'swap', day: 3, slot: 'dinner' });
  });

  it('when a plan has one meal and its list one item, then the reply counts them in the singular, and in the plural from two', async () => {
    // Bread in the pantry makes the cheese toastie (bread and cheddar) the lunch, so cheddar is the one thing to buy.
    const one = await chat([{ role: 'user', content: 'Plan 1 lunch for 2' }], { pantry: ['bread'] });
    expect(one.plan!.days.flatMap((d) => d.meals).map((m) => m.recipeId)).toEqual(['cheese-toastie']);
    expect(one.grocery!.itemCount).toBe(1);
    expect(one.text).toContain('Here is your 1-day plan (1 meal) for 2 people');
    expect(one.text).toContain('Your grocery list for this plan is ready: 1 item, grouped by aisle');
    const list = await chat([{ role: 'user', content: 'Plan 1 lunch for 2 and give me the grocery list' }], { pantry: ['bread'] });
    expect(list.text).toContain('**Grocery list** (1 item, metric units)');
    const two = await chat([{ role: 'user', content: 'Plan 2 lunches for 2' }], { pantry: ['bread'] });
    expect(two.text).toContain('Here is your 2-day plan (2 meals)');
    expect(two.text).toMatch(/grocery list for this plan is ready: \d+ items,/);
  });

  it('answers what-can-I-make and substitutions without a plan', async () => {
    const make = await chat([{ role: 'user', content: 'What can I make with kale, lentils, tomatoes and onions?' }]);
    expect(make.text).toContain('Kale Lentil Stew');
    const sub = await chat([{ role: 'user', content: 'What can I use instead of peanut butter?' }], { allergens: ['sesame'] });
    expect(sub.text).toContain('Instead of **peanut butter**');
    expect(sub.text).not.toContain('tahini');
  });
});
