/**
 * The chef's kitchen tools and planner brain through the real HTTP endpoint, over the small fixture kitchen (the full
 * corpus is exercised in chef-e2e.test.ts): every message goes through the offline model, the tool loop and SSE.
 */
import { createKitchenBrain } from '../../src/chef/kitchen-brain';
import { findPlanRef } from '../../src/chef/kitchen-request';
import { createKitchenToolFactory } from '../../src/chef/kitchen-tools';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import { chatTurn, type RunningAgent, startAgent } from '../support/agent';
import { fixtureCatalog as catalog } from '@chef-chopsky/kitchen/test/fixtures';

type Message = { role: 'user' | 'assistant'; content: string };

describe('chef with the kitchen (fixture kitchen)', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent({ brain: createKitchenBrain(catalog), toolFactory: createKitchenToolFactory({ catalog }) });
  });
  afterAll(async () => {
    await agent.close();
  });

  const chat = (messages: Message[], profile: Record<string, unknown> = {}) => chatTurn(agent.url, messages, profile);

  it('when a vegetarian cook with a peanut allergy asks for a plan, then the plan event honours both and the reply shows it', async () => {
    const { plan, text, events } = await chat([{ role: 'user', content: 'Plan 3 days for 4 people, vegetarian' }], { allergens: ['peanuts'] });
    expect(events.at(-1)!.event).toBe('done');
    expect(plan).toBeDefined();
    expect(plan!.servings).toBe(4);
    expect(plan!.allergensExcluded).toEqual(['peanuts']);
    expect(() => assertPlanSafe(catalog, plan!, { allergens: ['peanuts'], diet: 'vegetarian' })).not.toThrow();
    expect(text).toContain('| Monday |');
    expect(text).toContain('✅ **No peanuts**');
    expect(findPlanRef(text)).toMatch(/^p1\./);
  });

  it('when the cook swaps Tuesday\'s dinner in a later message, then only that meal changes', async () => {
    const first: Message = { role: 'user', content: 'Plan 3 days of dinners for 2' };
    const a = await chat([first]);
    const tuesday = a.plan!.days[1]!.meals[0]!;
    const b = await chat([first, { role: 'assistant', content: a.text }, { role: 'user', content: "Swap Tuesday's dinner" }]);
    expect(b.plan!.days[1]!.meals[0]!.recipeId).not.toBe(tuesday.recipeId);
    expect(b.plan!.days[0]!.meals[0]!.recipeId).toBe(a.plan!.days[0]!.meals[0]!.recipeId);
    expect(b.text).toContain(`instead of ${tuesday.title}`);

    const c = await chat([first, { role: 'assistant', content: a.text }, { role: 'user', content: "Swap Tuesday's dinner" }, { role: 'assistant', content: b.text }, { role: 'user', content: 'grocery list please' }]);
    expect(c.grocery!.planId).toBe(b.plan!.id);
    expect(c.text).toContain('**Grocery list**');
  });

  it('when the history no longer holds the plan request, then the plan marker in the last reply carries the plan on', async () => {
    const first: Message = { role: 'user', content: 'Plan 2 days of dinners for 2, no fish' };
    const a = await chat([first]);
    const b = await chat([{ role: 'assistant', content: a.text }, { role: 'user', content: 'how much protein?' }]);
    expect(b.text).toContain('**Average**');
    const c = await chat([{ role: 'assistant', content: a.text }, { role: 'user', content: 'grocery list' }]);
    expect(c.grocery!.planId).toBe(a.plan!.id);
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
