/**
 * The constraint ledger through `POST /v1/chat`, in both modes: the built-in planner, and the real LangChain client
 * against a scripted local OpenAI-compatible model that behaves as real models do — forgets the allergy in its tool
 * call, calls a tool with arguments that do not fit, adds a constraint of its own, or answers in free text. Whatever
 * the model does, a plan never holds what the ledger rules out, and the model can add to the ledger but never drop.
 */
import path from 'node:path';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import { assertPlanSafe, type SafetyProfile } from '@chef-chopsky/kitchen/safety';
import type { LedgerEvent } from '@chef-chopsky/contract/ledger';
import { loadCorpus, type CorpusCase, type ExpectedLedger } from '../../../packages/kitchen/bench/ledger-eval';
import { startFakeOpenAI, type FakeOpenAI, type Script } from '../support/fake-openai';
import { chatTurn, startAgent, type RunningAgent, kitchenDeps } from '../support/agent';

jest.setTimeout(60_000);

type Body = { messages: Array<{ role: string; content: string | null }> };
const afterTool = (body: Record<string, unknown>) => (body as Body).messages.at(-1)?.role === 'tool';

let fake: FakeOpenAI;
let builtIn: RunningAgent;
let model: RunningAgent;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // The production wiring (compose.ts): the kitchen's understanding, tools and planner brain. The sample below sends
  // more chats in a minute than one cook may.
  const env = { RATE_LIMIT_REQUESTS: '100000' };
  const { brain, toolFactory, understand } = kitchenDeps();
  [builtIn, model] = await Promise.all([
    startAgent({ env, brain, toolFactory, understand }),
    startAgent({ env: { ...env, OPENAI_API_KEY: 'sk-test-provider-key', OPENAI_BASE_URL: fake.url, MODEL_ID: 'chef-model' }, brain, toolFactory, understand }),
  ]);
});

afterAll(async () => {
  await Promise.all([builtIn?.close(), model?.close()]);
  await fake?.close();
});

/** The model calls `plan_meals` with `args` first, then answers in words once the tool has answered. */
function modelPlansWith(args: Record<string, unknown>, words = ['Here', ' is', ' your', ' plan.']) {
  fake.setScript(({ body }): Script => (afterTool(body) ? { tokens: words } : { toolCalls: [{ id: 'call_plan', name: 'plan_meals', args }] }));
}

const ledgerEvents = (events: Array<{ event: string; data: Record<string, unknown> }>) =>
  events.filter((e) => e.event === 'ledger').map((e) => e.data as unknown as LedgerEvent);
const allergensOf = (event: LedgerEvent | undefined) =>
  (event?.ledger.entries ?? []).flatMap((e) => (e.field === 'allergen' ? [e.allergen] : [])).sort();
const ingredientsOf = (plan: MealPlan) =>
  plan.days.flatMap((d) => d.meals.flatMap((m) => KITCHEN.recipeById.get(m.recipeId)?.ingredientIds ?? []));

describe('in model mode, a plan never holds what the ledger rules out', () => {
  test('when the model forgets the allergies in its tool call, then the plan still leaves out shellfish and peanuts, and the system prompt carried them', async () => {
    modelPlansWith({ days: 5, servings: 4, meals: ['dinner'], allergens: [], diet: 'omnivore' });
    const before = fake.requests.length;
    const turn = await chatTurn(model.url, [{ role: 'user', content: 'We have a shellfish and peanut allergy. Plan 5 dinners for 4.' }]);

    expect(turn.names.slice(0, 2)).toEqual(['start', 'ledger']);
    expect(allergensOf(ledgerEvents(turn.events)[0])).toEqual(['peanuts', 'shellfish']);
    expect(turn.plan).toBeDefined();
    expect(turn.plan!.allergensExcluded).toEqual(expect.arrayContaining(['peanuts', 'shellfish']));
    expect(() => assertPlanSafe(KITCHEN, turn.plan!, { allergens: ['peanuts', 'shellfish'], diet: 'omnivore' })).not.toThrow();
    // Kimchi carries shrimp in our data: the dish the cook was once served is not in the plan.
    expect(ingredientsOf(turn.plan!).some((id) => KITCHEN.ingredientById.get(id)!.allergens.includes('shellfish'))).toBe(false);

    const system = (fake.requests[before]!.body as Body).messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toMatch(/peanuts/);
    expect(system.content).toMatch(/shellfish/);
  });

  test('when the model adds a constraint in its tool call, then the ledger gains it (source: the model) and the plan honours it', async () => {
    modelPlansWith({ days: 3, meals: ['dinner'], allergens: ['sesame'] });
    const turn = await chatTurn(model.url, [{ role: 'user', content: 'Plan 3 dinners for 2, no peanuts.' }]);

    const ledgers = ledgerEvents(turn.events);
    expect(ledgers).toHaveLength(2);
    expect(allergensOf(ledgers[0])).toEqual(['peanuts']);
    expect(allergensOf(ledgers[1])).toEqual(['peanuts', 'sesame']);
    expect(ledgers[1]!.ledger.entries.find((e) => e.id === 'allergen:sesame')?.source).toEqual({ kind: 'model' });
    expect(() => assertPlanSafe(KITCHEN, turn.plan!, { allergens: ['peanuts', 'sesame'], diet: 'omnivore' })).not.toThrow();
  });

  test('when the client sends a ledger and the model plans with a looser diet, then the ledger diet stands', async () => {
    modelPlansWith({ days: 2, diet: 'omnivore', meals: ['dinner'] });
    const ledger = {
      entries: [{ id: 'diet', field: 'diet' as const, diet: 'vegan' as const, source: { kind: 'edit' as const } }],
      lifted: [],
    };
    const turn = await chatTurn(model.url, [{ role: 'user', content: 'Plan 2 dinners.' }], {}, ledger);
    expect(turn.plan!.diet).toBe('vegan');
    expect(() => assertPlanSafe(KITCHEN, turn.plan!, { allergens: [], diet: 'vegan' })).not.toThrow();
  });

  test('when the model calls the plan tool with arguments that do not fit, then nothing is planned, the model hears why, and the reply still ends', async () => {
    fake.setScript(({ body }): Script =>
      afterTool(body) ? { tokens: ['Sorry,', ' let', ' me', ' try', ' again', ' later.'] } : { toolCalls: [{ id: 'bad', name: 'plan_meals', args: { days: 'five', allergens: ['nuts'] } }] },
    );
    const before = fake.requests.length;
    const turn = await chatTurn(model.url, [{ role: 'user', content: 'Peanut allergy here. Plan five dinners.' }]);

    expect(turn.status).toBe(200);
    expect(turn.plan).toBeUndefined();
    expect(turn.names.at(-1)).toBe('done');
    expect(turn.text).toBe('Sorry, let me try again later.');
    const toolAnswer = (fake.requests.at(-1)!.body as Body).messages.at(-1)!;
    expect(fake.requests.length - before).toBe(2);
    expect(toolAnswer.role).toBe('tool');
    expect(String(toolAnswer.content)).toMatch(/days|allergens/);
  });

  test('when the model answers in free text without a tool, then the cook still gets the ledger before the words and a finished reply', async () => {
    fake.setScript({ 'chef-model': { tokens: ['Try', ' a', ' lentil', ' soup', ' tonight.'] } });
    const turn = await chatTurn(model.url, [{ role: 'user', content: 'my wife is celiac, what should we cook tonight?' }]);
    expect(turn.names[1]).toBe('ledger');
    expect(allergensOf(ledgerEvents(turn.events)[0])).toEqual(expect.arrayContaining(['gluten']));
    expect(turn.plan).toBeUndefined();
    expect(turn.text).toBe('Try a lentil soup tonight.');
    expect(turn.names.at(-1)).toBe('done');
  });
});

/** What the cook's words rule out, as the safety gate checks it (the corpus's expected ledger). */
function expectedSafety(expect: ExpectedLedger): SafetyProfile {
  return {
    allergens: expect.allergens ?? [],
    diet: expect.diet ?? 'omnivore',
    patterns: expect.patterns ?? [],
    exclude: [...(expect.exclude ?? []), ...(expect.dislikes ?? [])],
  };
}

describe('a sample of the phrase corpus over HTTP, in both modes, with no ledger sent (the agent derives it)', () => {
  const corpora = ['ledger-corpus', 'ledger-corpus-b', 'ledger-corpus-c'].map((dir) => path.join(__dirname, '../../../packages/kitchen/test', dir));
  // Every 12th case of the 730: single and multi-turn, every file of every corpus.
  const sample: CorpusCase[] = corpora.flatMap((dir) => loadCorpus(dir)).filter((_, i) => i % 12 === 0);

  async function planFor(url: string, c: CorpusCase) {
    const messages = [...c.turns, 'Plan 2 days of dinners.'].map((content) => ({ role: 'user' as const, content }));
    return chatTurn(url, messages, { ...c.profile });
  }

  /** Plans every sampled case through the agent at `url`: none breaks what the cook ruled out, and most get a plan. */
  async function expectEveryPlanSafe(url: string) {
    const unsafe: string[] = [];
    let plans = 0;
    for (const c of sample) {
      const turn = await planFor(url, c);
      expect(turn.status).toBe(200);
      if (!turn.plan) continue;
      plans += 1;
      try {
        assertPlanSafe(KITCHEN, turn.plan, expectedSafety(c.expect));
      } catch (error) {
        unsafe.push(`${c.id}: ${(error as Error).message}`);
      }
    }
    expect(unsafe).toEqual([]);
    expect(plans).toBeGreaterThan(sample.length / 2);
  }

  test('the sample spans the corpora and has multi-turn cases', () => {
    expect(sample.length).toBeGreaterThanOrEqual(55);
    expect(sample.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(5);
  });

  test('built-in planner: every plan leaves out what the cook ruled out', async () => {
    await expectEveryPlanSafe(builtIn.url);
  });

  test('a model that forgets every constraint in its tool call: every plan still leaves out what the cook ruled out', async () => {
    modelPlansWith({ days: 2, meals: ['dinner'], allergens: [], diet: 'omnivore', dislikes: [] });
    await expectEveryPlanSafe(model.url);
  });
});
