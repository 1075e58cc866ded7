/**
 * Built-in planner mode end to end: the production composition (compose.ts) over the full corpus, driven through the
 * real HTTP endpoint and SSE with the offline model, as the web app will drive it.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { neededGramsByIngredient } from '@chef-chopsky/kitchen/grocery';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import type { CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import { type RunningAgent, startAgent, kitchenDeps, chatOk } from '../support/agent';

type Message = { role: 'user' | 'assistant'; content: string };

describe('built-in planner mode over the full corpus, through POST /v1/chat', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent(kitchenDeps());
  });
  afterAll(async () => {
    await agent.close();
  });

  const chat = (messages: Message[], profile: Record<string, unknown> = {}, plan?: CurrentPlan) => chatOk(agent.url, messages, profile, plan);

  const family = { householdSize: 4, allergens: ['peanuts'], dislikes: ['mushroom'], units: 'us' };

  it('when a family of four with a peanut allergy plans a week and asks for the grocery list, then the SSE has a safe 21-meal plan and a list that adds up', async () => {
    const ask: Message = { role: 'user', content: 'Plan a week of breakfast, lunch and dinner for us, vegetarian please, and give me the grocery list' };
    const { names, text, plan, grocery } = await chat([ask], family);
    expect(names.filter((n) => n === 'plan' || n === 'grocery')).toEqual(['plan', 'grocery']);
    expect(names.indexOf('plan')).toBeLessThan(names.indexOf('delta'));
    expect(plan!.days).toHaveLength(7);
    expect(plan!.days.flatMap((d) => d.meals)).toHaveLength(21);
    expect(plan!.servings).toBe(4);
    expect(plan!.diet).toBe('vegetarian');
    expect(plan!.allergensExcluded).toEqual(['peanuts']);
    expect(() => assertPlanSafe(KITCHEN, plan!, { allergens: ['peanuts'], diet: 'vegetarian', dislikes: ['mushroom'] })).not.toThrow();
    expect(grocery!.planId).toBe(plan!.id);
    expect(grocery!.units).toBe('us');
    const needed = [...neededGramsByIngredient(plan!).values()].reduce((a, b) => a + b, 0);
    expect(grocery!.totalNeededGrams).toBeCloseTo(needed, 3);
    expect(text).toContain('Here is your 7-day plan (21 meals) for 4 people, vegetarian, no peanuts, without mushroom,');
    expect(text).toMatch(/On average [\d,]+ kcal and \d+ g protein per person per day from breakfast, lunch and dinner; [\d,]+ min of cooking in all\./);
    expect(text).toContain('**Grocery list**');
  });

  it('when the cook asks only for a plan, then its grocery list arrives with it as an event and the text just says so', async () => {
    const { names, text, plan, grocery } = await chat([{ role: 'user', content: 'Plan 3 dinners for 2, no nuts' }]);
    expect(names.filter((n) => n === 'plan' || n === 'grocery')).toEqual(['plan', 'grocery']);
    expect(grocery!.planId).toBe(plan!.id);
    expect(text).toContain(`Your grocery list for this plan is ready: ${grocery!.itemCount} items`);
    expect(text).not.toContain('**Grocery list**');
  });

  it('when the cook asks straight away for the grocery list of a few described meals, then they get the plan and its list, not a request to plan first', async () => {
    const { names, text, plan, grocery } = await chat([{ role: 'user', content: 'Make me a grocery list for 3 vegetarian lunches, no sesame' }]);
    expect(names.filter((n) => n === 'plan' || n === 'grocery')).toEqual(['plan', 'grocery']);
    expect(plan!.days).toHaveLength(3);
    expect(plan!.days.flatMap((d) => d.meals.map((m) => m.slot))).toEqual(['lunch', 'lunch', 'lunch']);
    expect(plan!.diet).toBe('vegetarian');
    expect(() => assertPlanSafe(KITCHEN, plan!, { allergens: ['sesame'], diet: 'vegetarian', dislikes: [] })).not.toThrow();
    expect(grocery!.planId).toBe(plan!.id);
    expect(text).toContain('**Grocery list**');
    expect(text).not.toContain('I need a meal plan');
  });

  it('when the cook swaps a meal, then the updated grocery list comes along and buys for the new recipe', async () => {
    const ask: Message = { role: 'user', content: 'Plan 3 dinners for 2, no nuts' };
    const first = await chat([ask]);
    const swapped = await chat([ask, { role: 'assistant', content: first.text }, { role: 'user', content: 'swap day 2 dinner' }], {}, first.currentPlan);
    expect(swapped.names.filter((n) => n === 'plan' || n === 'grocery')).toEqual(['plan', 'grocery']);
    const before = first.plan!.days[1]!.meals[0]!.recipeId;
    const after = swapped.plan!.days[1]!.meals[0]!.recipeId;
    expect(after).not.toBe(before);
    expect(swapped.grocery!.planId).toBe(swapped.plan!.id);
    const needed = [...neededGramsByIngredient(swapped.plan!).values()].reduce((a, b) => a + b, 0);
    expect(swapped.grocery!.totalNeededGrams).toBeCloseTo(needed, 3);
  });

  it("when the cook then swaps Tuesday's dinner and asks how much protein, then state carries across messages", async () => {
    const turns: Message[] = [{ role: 'user', content: 'Plan 5 dinners for 4, no nuts, dairy free, under 45 minutes' }];
    const first = await chat(turns);
    expect(first.plan!.allergensExcluded).toEqual(['milk', 'tree_nuts', 'peanuts']);
    expect(first.plan!.days.flatMap((d) => d.meals).every((m) => m.prepMinutes + m.cookMinutes <= 45 || m.leftoverOf)).toBe(true);
    turns.push({ role: 'assistant', content: first.text }, { role: 'user', content: "Swap Tuesday's dinner" });
    const second = await chat(turns, {}, first.currentPlan);
    const before = first.plan!.days[1]!.meals[0]!;
    const after = second.plan!.days[1]!.meals[0]!;
    expect(after.recipeId).not.toBe(before.recipeId);
    expect(second.plan!.allergensExcluded).toEqual(['milk', 'tree_nuts', 'peanuts']);
    expect(second.text).toContain(`Tuesday's dinner is now **${after.title}** instead of ${before.title}`);
    turns.push({ role: 'assistant', content: second.text }, { role: 'user', content: 'How much protein is that per day?' });
    const third = await chat(turns, {}, second.currentPlan);
    expect(third.plan).toBeUndefined();
    expect(third.text).toContain('**Protein and energy per person per day**');
    expect(third.text).toContain(`${Math.round(second.plan!.days[0]!.nutrition.proteinG)} g`);
  });

  it('when the cook has kale and tomatoes and wants gluten-free, then the plan uses them and has no gluten', async () => {
    const { plan, text } = await chat([{ role: 'user', content: 'I have kale and tomatoes. Plan 3 days of dinners for 2, gluten-free' }]);
    expect(plan!.allergensExcluded).toEqual(['wheat', 'gluten']);
    expect(plan!.useUp.used.length).toBeGreaterThan(0);
    expect(text).toContain('using up');
  });

  it("when the cook plans batch lunches from this week's CSA box, then the plan uses the box, is high-protein vegetarian, and the swap hint names a lunch", async () => {
    const { plan, text } = await chat([
      { role: 'user', content: 'Batch lunches from my CSA box: kale, beets, carrots and zucchini, 4 days, high protein vegetarian' },
    ]);
    expect(plan!.days.flatMap((d) => d.meals.map((m) => m.slot))).toEqual(['lunch', 'lunch', 'lunch', 'lunch']);
    expect(plan!.diet).toBe('vegetarian');
    expect(plan!.useUp.used.length).toBeGreaterThan(0);
    expect([...plan!.useUp.used, ...plan!.useUp.unused].sort()).toEqual(['beet', 'carrot', 'kale', 'zucchini']);
    expect(text).toContain('using up');
    expect(text).toContain('swap Tuesday\'s lunch');
    expect(text).not.toContain('swap Tuesday\'s dinner');
  });

  it('when the cook asks for a high-protein plant-based plan under two hours of prep, then five dinners keep to it, and a whole week says plainly that it cannot', async () => {
    const ask = (what: string) => chat([{ role: 'user', content: `A high-protein plant-based plan for ${what}, under two hours of prep in total` }]);
    const dinners = await ask('5 dinners');
    expect(dinners.plan!.diet).toBe('vegan');
    expect(dinners.plan!.totalMinutes).toBeLessThanOrEqual(120);
    expect(dinners.plan!.checks.find((c) => c.id === 'totalPrepMinutes')).toMatchObject({ met: true, goal: 120 });
    const protein = dinners.plan!.checks.find((c) => c.id === 'proteinGPerDay');
    // A check shown as met says what it promises: the planner allows 10% under a protein target, and the label says so.
    expect(protein!.label).toMatch(/^About \d+ g protein or more per person per day from dinner$/);

    // 21 meals do not fit in two hours: the budget is still the one asked for, and the reply says what would fix it.
    const week = await ask('the week');
    expect(week.plan!.checks.find((c) => c.id === 'totalPrepMinutes')).toMatchObject({ met: false, goal: 120 });
    expect(week.text).toContain('the budget is 120');
    expect(week.text).toMatch(/To fix: Allow \d+ minutes in total, or plan fewer meals/);
    expect(week.text).not.toContain('**totalPrepMinutes**');
  });

  it('when the cook has two allergies and two dislikes, then the summary puts one "no" and one "without" before each list, so nothing reads as wanted', async () => {
    const profile = { diet: 'vegetarian', allergens: ['milk', 'peanuts'], dislikes: ['cilantro', 'tofu'] };
    const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners for 2' }], profile);
    expect(plan!.allergensExcluded).toEqual(['milk', 'peanuts']);
    expect(text).toContain('Here is your 3-day plan (3 meals) for 2 people, vegetarian, no milk or peanuts, without cilantro or tofu, built from');
    expect(text).not.toMatch(/no milk, peanuts|no cilantro, tofu/);
  });

  describe('when a request conflicts with the profile, then the plan keeps the profile and the reply says what was set aside and why', () => {
    const profile = { diet: 'vegetarian', allergens: ['peanuts'] };

    it('chicken for a vegetarian', async () => {
      const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners with chicken' }], profile);
      expect(() => assertPlanSafe(KITCHEN, plan!, { allergens: ['peanuts'], diet: 'vegetarian', dislikes: [] })).not.toThrow();
      expect(text).toMatch(/^\*\*[^\n]+\*\*\n\nYour profile says vegetarian, so I left out chicken\.\n\nHere is your 3-day plan/);
    });

    it('peanut butter noodles for a peanut allergy: the allergen is named, the noodles are not set aside', async () => {
      const { plan, text } = await chat([{ role: 'user', content: 'Plan 3 dinners with peanut butter noodles' }], profile);
      expect(() => assertPlanSafe(KITCHEN, plan!, { allergens: ['peanuts'], diet: 'vegetarian', dislikes: [] })).not.toThrow();
      expect(text).toMatch(/^\*\*[^\n]+\*\*\n\nPeanuts are on your allergy list, so there is no peanut butter in this plan\.\n\nHere is your/);
      expect(text).not.toContain('noodle in this plan');
    });

    it('a diet asked for in the same message is the reason given, and an allergy stated as such is not read as a wish', async () => {
      const own = await chat([{ role: 'user', content: 'Plan 2 vegan dinners with cheese for a family with a peanut allergy' }]);
      expect(own.plan!.diet).toBe('vegan');
      expect(own.text).toMatch(/^\*\*[^\n]+\*\*\n\nYou asked for vegan meals, so I left out cheese\.\n\n/);
      expect(own.text).not.toContain('allergy list');
      const disliked = await chat([{ role: 'user', content: 'Plan 3 dinners with mushrooms' }], { dislikes: ['mushroom'] });
      expect(() => assertPlanSafe(KITCHEN, disliked.plan!, { allergens: [], diet: 'omnivore', dislikes: ['mushroom'] })).not.toThrow();
      expect(disliked.text).toMatch(/^\*\*[^\n]+\*\*\n\nYou would rather not have mushroom, so I left it out\.\n\n/);
      const plain = await chat([{ role: 'user', content: 'Plan 3 days for 2 with no peanuts' }], profile);
      expect(plain.text).toMatch(/^\*\*[^\n]+\*\*\n\nHere is your 3-day plan/);
    });
  });

  describe('substitutes for a cook allergic to milk and wheat come from the same culinary role', () => {
    const profile = { allergens: ['milk', 'wheat'] };
    const suggestions = (text: string) => [...text.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]!);

    it('flour: other flours and a starch for thickening, never sugar', async () => {
      const { text } = await chat([{ role: 'user', content: 'What can I use instead of flour?' }], profile);
      expect(suggestions(text)).toEqual(['Almond flour', 'Chickpea flour', 'Cornstarch']);
      expect(text).toMatch(/\*\*Cornstarch\*\*: to thicken a sauce or gravy/);
      expect(text).not.toMatch(/sugar|similar protein/i);
    });

    it('butter: oils, never egg yolk or almond milk', async () => {
      const { text } = await chat([{ role: 'user', content: 'What can I use instead of butter?' }], profile);
      expect(suggestions(text)).toEqual(['Olive oil', 'Coconut oil', 'Vegetable oil']);
    });

    it('milk: plant milks only; with a tree-nut allergy too, no almond milk', async () => {
      const { text } = await chat([{ role: 'user', content: 'What can I use instead of milk?' }], { allergens: ['milk', 'wheat', 'tree_nuts'] });
      const names = suggestions(text);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(/\bmilk\b/i);
      expect(names).not.toContain('Almond milk');
    });

    it('when nothing in the role fits, the reply says so instead of reaching into another role', async () => {
      const { text } = await chat([{ role: 'user', content: 'What can I use instead of bread?' }], { allergens: ['wheat', 'gluten'], dislikes: ['corn tortilla', 'gluten-free bread', 'lettuce'] });
      expect(suggestions(text)).toEqual([]);
      expect(text).toBe(
        'I know no other bread or wrap that fits your limits (no wheat and gluten · without corn tortilla, gluten-free bread and lettuce), so I have no safe substitute for sourdough bread.',
      );
    });
  });

  it('answers "what can I make with …" from the corpus: recipes using all four first, each saying which it uses and what is still to buy', async () => {
    const { text, plan } = await chat([{ role: 'user', content: 'What can I make with chickpeas, spinach, rice and onions?' }]);
    expect(plan).toBeUndefined();
    expect(text).toMatch(/^With chickpeas, spinach, rice and onions you can make:\n\n1\. \*\*Chickpea spinach coconut curry\*\* \(\d+ min\): uses chickpeas, spinach, rice and onions; still need garlic, /);
    expect(text).toMatch(/\n2\. \*\*[^*]+\*\* \(\d+ min\): uses [a-z, ]+ \(not (?:chickpeas|spinach|rice|onions)\); still need /);
  });

  it('when no recipe uses what the cook has, the reply names the limits it kept to, and none the cook never set', async () => {
    const limited = await chat([{ role: 'user', content: 'What can I make with okra?' }], { allergens: ['peanuts'], dislikes: ['onion'] });
    expect(limited.text).toBe('I found no recipe with okra that fits your limits (no peanuts · without onion).');
    const open = await chat([{ role: 'user', content: 'What can I make with okra?' }]);
    expect(open.text).toBe('I found no recipe with okra.');
  });

  it('when the cook asks what to make with kale, chickpeas and tomatoes, then it says no recipe uses all three and never claims the third', async () => {
    const { text } = await chat([{ role: 'user', content: 'what can I make with kale, chickpeas and tomatoes' }]);
    expect(text).toMatch(/^No recipe uses all of kale, chickpeas and tomatoes; these use the most of them:\n\n1\. /);
    const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/: uses [^;]+ \(not [^)]+\); (still need [^;]+|nothing else to buy)\.$/);
    expect(lines[0]).toContain('uses chickpeas and tomatoes (not kale)');
  });

  it('when the cook has leftover rice, then the fried rices are offered and say what else they need', async () => {
    const { text } = await chat([{ role: 'user', content: 'What can I make with leftover rice?' }]);
    expect(text).toMatch(/^With leftover rice you can make:\n/);
    expect(text).toMatch(/\*\*Egg fried rice with peas\*\* \(\d+ min\): uses leftover rice; still need [a-z]/);
    expect(text).toContain('**Kimchi fried rice with fried eggs**');
  });
});
