/**
 * The conversation's constraint ledger in the web app: read from each message before the agent is called and stored
 * with it, shown as chips, edited through `POST /api/conversations/:id/ledger`, sent to the agent, and kept when a
 * model's tool call adds to it. The real agent runs in a child process, in built-in planner mode and against a scripted
 * local OpenAI-compatible model; the store is the embedded PGlite.
 */
import { randomUUID } from 'node:crypto';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { DEFAULT_PROFILE } from '@/lib/profile';
import type { LedgerView } from '@chef-chopsky/contract/ledger';
import { startFakeOpenAI, type FakeOpenAI } from '../../agent/test/support/fake-openai';
import { startAgent, type AgentProcess } from './support/agent-process';
import { dataDir, GATEWAY_TOKEN, idParams, loadRoutes, readEvents, request, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

let plannerAgent: AgentProcess;
let modelAgent: AgentProcess;
let fake: FakeOpenAI;
let planner: Routes;
let model: Routes;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  [plannerAgent, modelAgent] = await Promise.all([
    startAgent({ GATEWAY_TOKEN }),
    startAgent({ GATEWAY_TOKEN, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, MODEL_ID: 'chef-model' }),
  ]);
  planner = await loadRoutes({ AGENT_URL: plannerAgent.url });
  model = await loadRoutes({ AGENT_URL: modelAgent.url });
});

afterAll(async () => {
  await Promise.all([plannerAgent?.stop(), modelAgent?.stop(), fake?.close()]);
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

type Plan = { allergensExcluded: string[]; exclude?: string[]; servings: number };

async function say(routes: Routes, owner: string, content: string, conversationId?: string) {
  const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { conversationId, clientMessageId: randomUUID(), content } })));
  const ids = events[0]!.data as { conversationId: string };
  return {
    events,
    conversationId: ids.conversationId,
    ledgers: events.filter((e) => e.event === 'ledger').map((e) => e.data as unknown as LedgerView),
    plan: (events.filter((e) => e.event === 'plan').at(-1)?.data as { view?: { plan: Plan } } | undefined)?.view?.plan,
  };
}

const idsOf = (view: LedgerView | undefined) => (view?.chips ?? []).map((c) => c.id);

async function chipsOf(routes: Routes, owner: string, conversationId: string): Promise<LedgerView> {
  const response = await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId));
  expect(response.status).toBe(200);
  return ((await response.json()) as { ledger: LedgerView }).ledger;
}

function edit(routes: Routes, owner: string, conversationId: string, body: unknown) {
  return routes.ledger.POST!(request(`/api/conversations/${conversationId}/ledger`, { owner, body }), idParams(conversationId));
}

describe('a constraint said in chat', () => {
  test('becomes chips before the reply, with where it came from, and the plan leaves it out', async () => {
    const owner = randomUUID();
    const turn = await say(planner, owner, 'We have a shellfish and peanut allergy. Plan 5 dinners for 4.');
    expect(turn.events.map((e) => e.event).slice(0, 3)).toEqual(['conversation', 'ledger', 'start']);
    const view = turn.ledgers[0]!;
    expect(idsOf(view)).toEqual(expect.arrayContaining(['people', 'allergen:shellfish', 'allergen:peanuts']));
    const peanuts = view.chips.find((c) => c.id === 'allergen:peanuts')!;
    expect(peanuts).toMatchObject({ label: 'No peanuts', hard: true, sourceKind: 'message' });
    expect(peanuts.source).toBe("You said: “We have a shellfish and peanut allergy.”");
    expect(view.applied).toMatch(/^For 4 · no /);
    expect(turn.plan!.allergensExcluded).toEqual(expect.arrayContaining(['peanuts', 'shellfish']));
    // The page after a reload shows the same chips.
    expect(idsOf(await chipsOf(planner, owner, turn.conversationId))).toEqual(idsOf(view));
  });

  test('is kept for the rest of the conversation: a later message that does not repeat it still plans without it', async () => {
    const owner = randomUUID();
    const first = await say(planner, owner, 'my wife is celiac');
    const next = await say(planner, owner, 'Plan 3 dinners for 2', first.conversationId);
    expect(idsOf(next.ledgers[0])).toContain('allergen:gluten');
    expect(next.plan!.allergensExcluded).toContain('gluten');
  });

  test("a household member's allergy from the profile is a chip, and the agent plans without it", async () => {
    const owner = randomUUID();
    const saved = await planner.profile.PUT!(
      request('/api/profile', {
        owner,
        method: 'PUT',
        body: {
          ...DEFAULT_PROFILE,
          members: [
            { label: 'Maya', ageGroup: 'toddler', allergens: ['fish'], diet: 'omnivore' },
            { label: 'Sam', ageGroup: 'adult', allergens: [], diet: 'omnivore' },
            { label: 'Ana', ageGroup: 'adult', allergens: [], diet: 'omnivore' },
          ],
        },
      }),
    );
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { profile: { householdSize: number } }).profile.householdSize).toBe(3);
    const turn = await say(planner, owner, 'Plan 3 dinners');
    const fish = turn.ledgers[0]!.chips.find((c) => c.id === 'allergen:fish');
    expect(fish).toMatchObject({ label: 'No fish (Maya)', sourceKind: 'profile', source: 'From your household profile' });
    expect(turn.plan).toMatchObject({ servings: 3 });
    expect(turn.plan!.allergensExcluded).toContain('fish');
  });
});

describe('POST /api/conversations/:id/ledger', () => {
  test('removing a chip lifts it for this conversation: it says the plan changes, and the next plan includes it again', async () => {
    const owner = randomUUID();
    const { conversationId } = await say(planner, owner, 'Plan 3 dinners for 2, we have a peanut allergy');
    const response = await edit(planner, owner, conversationId, { op: 'remove', id: 'allergen:peanuts' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ledger: LedgerView; changesPlan: boolean };
    expect(idsOf(body.ledger)).not.toContain('allergen:peanuts');
    expect(body.changesPlan).toBe(true);
    expect(idsOf(await chipsOf(planner, owner, conversationId))).not.toContain('allergen:peanuts');

    const replan = await say(planner, owner, 'Update the plan for the changed constraints.', conversationId);
    expect(idsOf(replan.ledgers[0])).not.toContain('allergen:peanuts');
    expect(replan.plan!.allergensExcluded).not.toContain('peanuts');
  });

  test('adding words adds the constraint they say ("mushrooms" alone means leave them out), marked as the cook\'s edit', async () => {
    const owner = randomUUID();
    const { conversationId } = await say(planner, owner, 'Plan 2 dinners');
    for (const [text, id] of [
      ['mushrooms', 'exclude:mushroom'],
      ['my son is allergic to eggs', 'allergen:egg'],
      ['halal', 'pattern:halal'],
    ] as const) {
      const response = await edit(planner, owner, conversationId, { op: 'add', text });
      expect(response.status).toBe(200);
      const { ledger, changesPlan } = (await response.json()) as { ledger: LedgerView; changesPlan: boolean };
      expect(ledger.chips.find((c) => c.id === id)).toMatchObject({ sourceKind: 'edit', source: 'You added this', hard: true });
      expect(changesPlan).toBe(true);
    }
    const replan = await say(planner, owner, 'Update the plan for the changed constraints.', conversationId);
    expect(replan.plan!.allergensExcluded).toContain('egg');
    expect(replan.plan!.exclude).toEqual(expect.arrayContaining(['mushroom']));
  });

  test('concurrent edits from two tabs and a send are all kept (compare-and-set, read again on conflict)', async () => {
    const owner = randomUUID();
    const { conversationId } = await say(planner, owner, 'Plan 2 dinners');
    const results = await Promise.all([
      edit(planner, owner, conversationId, { op: 'add', text: 'no pork' }),
      edit(planner, owner, conversationId, { op: 'add', text: 'sesame allergy' }),
      say(planner, owner, 'also no shellfish', conversationId),
    ]);
    expect(results.slice(0, 2).map((r) => (r as Response).status)).toEqual([200, 200]);
    expect(idsOf(await chipsOf(planner, owner, conversationId))).toEqual(expect.arrayContaining(['exclude:pork', 'allergen:sesame', 'allergen:shellfish']));
  });

  test('bad edits get a clear 4xx and change nothing', async () => {
    const owner = randomUUID();
    const { conversationId } = await say(planner, owner, 'no peanuts please');
    const before = idsOf(await chipsOf(planner, owner, conversationId));

    const nothing = await edit(planner, owner, conversationId, { op: 'add', text: 'the weather is lovely' });
    expect(nothing.status).toBe(400);
    expect(await nothing.json()).toMatchObject({ code: 'bad_request:ledger', message: expect.stringMatching(/^I couldn't read a constraint in “the weather is lovely”/) });

    const unknown = await edit(planner, owner, conversationId, { op: 'remove', id: 'allergen:sesame' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found:constraint' });

    const malformed = await edit(planner, owner, conversationId, { op: 'zap', text: 'x'.repeat(400) });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['op']);
    const tooLong = await edit(planner, owner, conversationId, { op: 'add', text: 'x'.repeat(301) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['text']);

    const someoneElse = await edit(planner, randomUUID(), conversationId, { op: 'remove', id: 'allergen:peanuts' });
    expect(someoneElse.status).toBe(404);
    expect(await someoneElse.json()).toMatchObject({ code: 'not_found:conversation' });
    const crossSite = await planner.ledger.POST!(
      request(`/api/conversations/${conversationId}/ledger`, { owner, body: { op: 'remove', id: 'allergen:peanuts' }, origin: 'https://evil.example' }),
      idParams(conversationId),
    );
    expect(crossSite.status).toBe(403);

    expect(idsOf(await chipsOf(planner, owner, conversationId))).toEqual(before);
  });
});

describe('with a language model', () => {
  test('the agent receives the ledger with the chat, and a constraint the model adds in its tool call is kept for the conversation', async () => {
    fake.setScript(({ body }) =>
      (body.messages as Array<{ role: string }>).at(-1)?.role === 'tool'
        ? { tokens: ['Planned', ' without', ' sesame', ' too.'] }
        : { toolCalls: [{ id: 'call_plan', name: 'plan_meals', args: { days: 2, meals: ['dinner'], allergens: ['sesame'] } }] },
    );
    const owner = randomUUID();
    const before = fake.requests.length;
    const turn = await say(model, owner, 'Plan 2 dinners, no peanuts');
    expect(turn.events.at(-1)!.event).toBe('done');
    // The system prompt the model got carries the ledger the web app read.
    const system = (fake.requests[before]!.body.messages as Array<{ role: string; content: string }>)[0]!;
    expect(system.content).toMatch(/peanuts/);
    // The web app's chips, then the model's addition.
    expect(turn.ledgers.map(idsOf)).toEqual([
      expect.not.arrayContaining(['allergen:sesame']),
      expect.arrayContaining(['allergen:peanuts', 'allergen:sesame']),
    ]);
    expect(turn.ledgers[1]!.chips.find((c) => c.id === 'allergen:sesame')).toMatchObject({ sourceKind: 'model' });
    expect(turn.plan!.allergensExcluded).toEqual(expect.arrayContaining(['peanuts', 'sesame']));
    // Stored off the reply's path: read until it is there.
    const deadline = Date.now() + 5_000;
    let stored = await chipsOf(model, owner, turn.conversationId);
    while (!idsOf(stored).includes('allergen:sesame') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await chipsOf(model, owner, turn.conversationId);
    }
    expect(idsOf(stored)).toEqual(expect.arrayContaining(['allergen:peanuts', 'allergen:sesame']));
  });
});


