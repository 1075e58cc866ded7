/**
 * The living plan with a language model: the real LangChain client against a scripted local OpenAI-compatible model
 * that calls the structured plan tools (or calls them wrongly). The client sends the current plan; the model changes it
 * with `change_plan`; each change is the next version of that plan, and the model sees the plan in its prompt.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import { startFakeOpenAI, type FakeOpenAI, type Script } from '../support/fake-openai';
import { chatTurn, startAgent, type RunningAgent, kitchenDeps } from '../support/agent';

jest.setTimeout(60_000);

type Body = { messages: Array<{ role: string; content: string | null }>; tools?: Array<{ function: { name: string } }> };

let fake: FakeOpenAI;
let agent: RunningAgent;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const { brain, toolFactory, understand } = kitchenDeps();
  agent = await startAgent({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, MODEL_ID: 'chef-model' }, brain, toolFactory, understand });
});

afterAll(async () => {
  await agent?.close();
  await fake?.close();
});

/** The model calls `name` with `args` first, then answers in words once the tool has answered. */
function modelCalls(name: string, args: Record<string, unknown>) {
  fake.setScript(({ body }): Script => ((body as Body).messages.at(-1)?.role === 'tool' ? { tokens: ['Done.'] } : { toolCalls: [{ id: 'call_1', name, args }] }));
}

describe('a model changes the stored plan through structured tools', () => {
  test('plan_meals makes version 1; change_plan swap on the plan the client sends is version 2 of it, every other meal kept', async () => {
    modelCalls('plan_meals', { days: 4, meals: ['dinner'] });
    const first = await chatTurn(agent.url, [{ role: 'user', content: 'Plan 4 dinners for 2, no peanuts' }]);
    expect(first.planEvent).toMatchObject({ action: { kind: 'create', request: { days: 4, meals: ['dinner'] } }, base: null, label: 'new 4-day plan' });
    expect(() => assertPlanSafe(KITCHEN, first.plan!, { allergens: ['peanuts'] })).not.toThrow();

    modelCalls('change_plan', { change: { kind: 'swap', day: 3, slot: 'dinner', wanted: ['salmon'] } });
    const before = fake.requests.length;
    const second = await chatTurn(agent.url, [{ role: 'user', content: 'Swap Wednesday for something with salmon' }], {}, first.ledger!.ledger, first.currentPlan);
    expect(second.planEvent).toMatchObject({ action: { kind: 'swap', day: 3, slot: 'dinner' }, base: { id: first.currentPlan!.id, version: 1 }, label: 'swapped Wednesday dinner', swapped: { has: ['salmon'] } });
    for (const day of [0, 1, 3]) expect(second.plan!.days[day]!.meals[0]!.recipeId).toBe(first.plan!.days[day]!.meals[0]!.recipeId);
    // The model was told the plan it changes.
    const system = (fake.requests[before]!.body as Body).messages[0]!.content!;
    expect(system).toContain('The cook\'s current plan (version 1, last change: new 4-day plan), for 2:');
    expect(system).toContain(`- Day 3 (Wednesday): dinner ${first.plan!.days[2]!.meals[0]!.title}`);
    // Seven tools, one of them change_plan; no plan marker to echo.
    expect((fake.requests[before]!.body as Body).tools!.map((t) => t.function.name)).toEqual(['search_recipes', 'plan_meals', 'change_plan', 'grocery_list', 'nutrition', 'substitutes', 'save_recipe']);
    expect(system).not.toContain('chopsky-plan');
  });

  test('change_plan servings rescales the same meals; a change the plan cannot take reaches the model as an error and no version is made', async () => {
    modelCalls('plan_meals', { days: 3, meals: ['dinner'] });
    const first = await chatTurn(agent.url, [{ role: 'user', content: 'Plan 3 dinners for 2' }]);
    modelCalls('change_plan', { change: { kind: 'servings', servings: 6 } });
    const six = await chatTurn(agent.url, [{ role: 'user', content: 'For 6 people please' }], {}, undefined, first.currentPlan);
    expect(six.plan!.servings).toBe(6);
    expect(six.plan!.days.map((d) => d.meals[0]!.recipeId)).toEqual(first.plan!.days.map((d) => d.meals[0]!.recipeId));

    modelCalls('change_plan', { change: { kind: 'swap', day: 9, slot: 'dinner' } });
    const wrong = await chatTurn(agent.url, [{ role: 'user', content: 'swap day 9' }], {}, undefined, first.currentPlan);
    expect(wrong.planEvent).toBeUndefined();
    const toolAnswer = (fake.requests.at(-1)!.body as Body).messages.at(-1)!;
    expect(toolAnswer.role).toBe('tool');
    expect(String(toolAnswer.content)).toContain('The plan has no dinner on');
    expect(wrong.names.at(-1)).toBe('done');
  });

  test('a change missing a field its kind needs reaches the model as an error naming the field; the corrected call makes the version', async () => {
    modelCalls('plan_meals', { days: 3, meals: ['dinner'] });
    const first = await chatTurn(agent.url, [{ role: 'user', content: 'Plan 3 dinners for 2' }]);
    // The model forgets `slot` on its first try, reads the error, then calls again with it.
    fake.setScript(({ body }): Script => {
      const tools = (body as Body).messages.filter((m) => m.role === 'tool');
      if (tools.length === 0) return { toolCalls: [{ id: 'call_1', name: 'change_plan', args: { change: { kind: 'swap', day: 2 } } }] };
      if (tools.length === 1) return { toolCalls: [{ id: 'call_2', name: 'change_plan', args: { change: { kind: 'swap', day: 2, slot: 'dinner' } } }] };
      return { tokens: ['Done.'] };
    });
    const before = fake.requests.length;
    const turn = await chatTurn(agent.url, [{ role: 'user', content: 'swap Tuesday' }], {}, undefined, first.currentPlan);
    const firstAnswer = (fake.requests[before + 1]!.body as Body).messages.at(-1)!;
    expect(firstAnswer.role).toBe('tool');
    expect(String(firstAnswer.content)).toMatch(/^The tool failed: change does not fit its kind: .*slot/s);
    expect(turn.planEvent).toMatchObject({ action: { kind: 'swap', day: 2, slot: 'dinner' }, base: { id: first.currentPlan!.id, version: 1 } });
    expect(turn.plan!.days[0]!.meals[0]!.recipeId).toBe(first.plan!.days[0]!.meals[0]!.recipeId);
  });

  test('change_plan without a plan sent tells the model to make one first', async () => {
    modelCalls('change_plan', { change: { kind: 'replan' } });
    const turn = await chatTurn(agent.url, [{ role: 'user', content: 'replan it' }]);
    expect(turn.planEvent).toBeUndefined();
    expect(String((fake.requests.at(-1)!.body as Body).messages.at(-1)!.content)).toContain('There is no plan yet: call plan_meals first.');
  });
});
