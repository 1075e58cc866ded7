/**
 * The cook's own recipes through the real agent over HTTP: sent with the chat, planned beside the kitchen's (and never
 * for a household their unmatched lines might harm), and "save this recipe: <link>" in both modes: the built-in
 * planner and a model (the scripted local OpenAI-compatible server) calling the `save_recipe` tool.
 */
import type { ChatLink } from '@chef-chopsky/contract/recipes';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import { buildDefaultDeps } from '../../src/compose';
import { captureLogger, chatTurn, postChat, readEvents, recordingReporter, startAgent, testEnv, type RunningAgent } from '../support/agent';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';

const RECIPE_ID = '6f1f4a2e-2b9c-4d8e-9a1b-3c4d5e6f7a8b';
const stew: CookRecipe = {
  id: RECIPE_ID,
  title: "Nana's chickpea stew",
  servings: 4,
  prepMinutes: 10,
  cookMinutes: 30,
  mealTypes: ['dinner'],
  cuisine: 'moroccan',
  tags: [],
  lines: [
    { text: '2 (14 oz) cans chickpeas', match: { ingredientId: 'chickpeas', quantity: 28, unit: 'oz', by: 'kitchen' } },
    { text: '2 tbsp olive oil', match: { ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp', by: 'kitchen' } },
    { text: '1 tbsp ras el hanout', match: null },
  ],
  steps: ['Simmer everything 30 minutes.'],
  mark: 'favourite',
};
const link: ChatLink = {
  url: 'https://recipes.example/curry',
  recipe: { title: 'Weeknight curry', servings: 4, totalMinutes: 35, lines: 9, unmatched: [{ text: '2-3 handfuls of greens', reason: 'Not sure what "greens" is' }] },
  problem: null,
};

const plannedIds = (events: Array<{ event: string; data: Record<string, unknown> }>) =>
  events.filter((e) => e.event === 'plan').flatMap((e) => (e.data.plan as MealPlan).days.flatMap((d) => d.meals.map((m) => m.recipeId)));

describe("the cook's recipes in built-in planner mode", () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    const deps = buildDefaultDeps(testEnv(), captureLogger().logger, recordingReporter().reporter);
    agent = await startAgent({ brain: deps.brain, toolFactory: deps.toolFactory, understand: deps.understand, cookbook: deps.cookbook });
  });
  afterAll(() => agent.close());

  test('a favourite sent with the chat is planned, with its unmatched line shown on the meal', async () => {
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: 'Plan 5 dinners for 2' }], recipes: [stew] }));
    expect(plannedIds(events)).toContain(`cook-${RECIPE_ID}`);
    const meal = events.filter((e) => e.event === 'plan').flatMap((e) => (e.data.plan as MealPlan).days.flatMap((d) => d.meals)).find((m) => m.recipeId === `cook-${RECIPE_ID}`);
    expect(meal?.cook).toEqual({ unmatched: ['1 tbsp ras el hanout'], sourceUrl: null, favourite: true });
    // The list card holds only matched ingredients: the reply names the line it could not hold.
    const grocery = events.find((e) => e.event === 'grocery')!.data.grocery as { unmatched?: Array<{ text: string }> };
    expect(grocery.unmatched?.map((u) => u.text)).toEqual(['1 tbsp ras el hanout']);
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toContain('Not on the list, from your own recipes (buy as the recipe says): 1 tbsp ras el hanout.');
  });

  test('a favourite that gives no time is planned and the reply says the cooking total leaves it out', async () => {
    const untimed: CookRecipe = { ...stew, prepMinutes: null, cookMinutes: null };
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: 'Plan 5 dinners for 2' }], recipes: [untimed] }));
    expect(plannedIds(events)).toContain(`cook-${RECIPE_ID}`);
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toMatch(/min of cooking in all \(not counting your recipe that gives no time\)\./);
  });

  test('with a sesame allergy it is never planned: its unmatched line may carry sesame', async () => {
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: 'Plan 5 dinners for 2, no sesame' }], recipes: [stew] }));
    expect(plannedIds(events).length).toBeGreaterThan(0);
    expect(plannedIds(events)).not.toContain(`cook-${RECIPE_ID}`);
  });

  test('"save this recipe: <link>" asks the web app to save it and says what needs a look', async () => {
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: `save this recipe: ${link.url}` }], links: [link] }));
    expect(events.filter((e) => e.event === 'recipe_save').map((e) => e.data)).toEqual([{ url: link.url }]);
    const text = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
    expect(text).toContain('Saved **Weeknight curry**');
    expect(text).toContain('2-3 handfuls of greens');
    expect(events.at(-1)?.event).toBe('done');
  });

  test('a link the web app found no recipe at is not saved, and the cook is told why', async () => {
    const none: ChatLink = { url: 'https://blog.example/tips', recipe: null, problem: 'No recipe found on that page — paste it instead.' };
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: `save this recipe ${none.url}` }], links: [none] }));
    expect(events.some((e) => e.event === 'recipe_save')).toBe(false);
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toContain('No recipe found on that page');
  });

  test('recipes beyond the contract\'s limit are refused as a bad request', async () => {
    const many = Array.from({ length: 61 }, () => stew);
    const response = await postChat(agent.url, { messages: [{ role: 'user', content: 'Plan dinner' }], recipes: many });
    expect(response.status).toBe(400);
  });
});

describe("the cook's recipes with a model", () => {
  let fake: FakeOpenAI;
  let agent: RunningAgent;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const env = { OPENAI_API_KEY: 'sk-test-provider-key', OPENAI_BASE_URL: fake.url, MODEL_ID: 'primary-model' };
    const deps = buildDefaultDeps(testEnv(env), captureLogger().logger, recordingReporter().reporter);
    agent = await startAgent({ env, toolFactory: deps.toolFactory, understand: deps.understand, cookbook: deps.cookbook });
  });
  afterAll(async () => {
    await agent.close();
    await fake.close();
  });

  test('the model calls save_recipe: the web app is asked to save, and the model is told what was saved', async () => {
    fake.setScript(({ callIndex }) =>
      callIndex === 0 ? { toolCalls: [{ id: 'call_1', name: 'save_recipe', args: { url: link.url } }] } : { tokens: ['Saved it to your recipe box.'] },
    );
    const before = fake.requests.length;
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: `please keep ${link.url} for later` }], links: [link] }));
    expect(events.filter((e) => e.event === 'recipe_save').map((e) => e.data)).toEqual([{ url: link.url }]);
    const second = fake.requests[before + 1]!.body as { messages: Array<{ role: string; content: string }>; tools: Array<{ function: { name: string } }> };
    expect(second.tools.map((t) => t.function.name)).toContain('save_recipe');
    const toolMessage = second.messages.find((m) => m.role === 'tool')!;
    expect(JSON.parse(toolMessage.content)).toMatchObject({ saved: true, title: 'Weeknight curry', unmatched: [{ text: '2-3 handfuls of greens' }] });
  });

  test('the model plans with the cook\'s recipes: plan_meals sees the favourite', async () => {
    fake.setScript(({ callIndex }) =>
      callIndex === 0 ? { toolCalls: [{ id: 'call_1', name: 'plan_meals', args: { days: 5, meals: ['dinner'], servings: 2 } }] } : { tokens: ['Here is your plan.'] },
    );
    const events = await readEvents(await postChat(agent.url, { messages: [{ role: 'user', content: 'Plan 5 dinners for 2' }], recipes: [stew] }));
    expect(plannedIds(events)).toContain(`cook-${RECIPE_ID}`);
  });

  test('a plan holding the cook\'s recipe is rebuilt with it on the next turn: change_plan servings keeps that meal; without the recipe it is planned afresh, never an error', async () => {
    const own = `cook-${RECIPE_ID}`;
    const slotsOf = (plan: MealPlan) => plan.days.flatMap((d) => d.meals.filter((m) => m.recipeId === own).map(() => d.day));
    const calls = (name: string, args: Record<string, unknown>) =>
      fake.setScript(({ body }) => ((body as { messages: Array<{ role: string }> }).messages.at(-1)?.role === 'tool' ? { tokens: ['Done.'] } : { toolCalls: [{ id: 'call_1', name, args }] }));
    calls('plan_meals', { days: 5, meals: ['dinner'], servings: 2 });
    const first = await chatTurn(agent.url, [{ role: 'user', content: 'Plan 5 dinners for 2' }], {}, undefined, undefined, { recipes: [stew] });
    const days = slotsOf(first.plan!);
    expect(days.length).toBeGreaterThan(0);

    calls('change_plan', { change: { kind: 'servings', servings: 4 } });
    const four = await chatTurn(agent.url, [{ role: 'user', content: 'For 4 please' }], {}, undefined, first.currentPlan, { recipes: [stew] });
    expect(four.planEvent).toMatchObject({ label: 'serves 4', base: { version: 1 } });
    expect(slotsOf(four.plan!)).toEqual(days);
    expect(four.plan!.days.map((d) => d.meals[0]!.recipeId)).toEqual(first.plan!.days.map((d) => d.meals[0]!.recipeId));

    // The recipe deleted from the box since: the web app no longer sends it.
    const gone = await chatTurn(agent.url, [{ role: 'user', content: 'For 4 please' }], {}, undefined, first.currentPlan);
    expect(gone.names.at(-1)).toBe('done');
    expect(slotsOf(gone.plan!)).toEqual([]);
    expect(gone.plan!.days.every((d) => d.meals.length === 1)).toBe(true);
  });
});
