/**
 * The living plan through the web app's routes: a plan made in chat is stored as version 1; buttons change it by
 * structured actions (each the next version, compare-and-set on the version the cook saw); the chat changes it too
 * ("swap Wednesday", a new allergy); ticks carry over; every version can be restored; the plan goes out as a calendar
 * file and a revocable read-only link. The real agent runs in built-in planner mode; the store is the embedded PGlite.
 */
import { randomUUID } from 'node:crypto';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { shareIdFromToken, shareTokenFor, storeAgentPlan } from '@/lib/plans';
import type { StoredPlan } from '@/lib/db/types';
import type { AgentPlanEvent, PlanView } from '@chef-chopsky/contract/plan-actions';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { applyPlanAction, catalogVersion } from '@chef-chopsky/kitchen/plan-actions';
import type { RecipeDraft } from '@chef-chopsky/contract/recipes';
import { dataDir, idParams, readEvents, request, SESSION_SECRET, withBuiltInPlannerRoutes, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

let routes: Routes;
withBuiltInPlannerRoutes((loaded) => (routes = loaded));

const recipes = (view: PlanView) => view.plan.days.map((d) => d.meals.map((m) => m.recipeId).join('+'));

async function say(owner: string, content: string, conversationId?: string) {
  const events = await readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { conversationId, clientMessageId: randomUUID(), content } })));
  const plans = events.filter((e) => e.event === 'plan').map((e) => (e.data as { view: PlanView }).view);
  return { events, conversationId: (events[0]!.data as { conversationId: string }).conversationId, plan: plans.at(-1), text: events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('') };
}

async function act(owner: string, planId: string, body: unknown) {
  const response = await routes.planActions.POST!(request(`/api/plans/${planId}/actions`, { owner, body }), idParams(planId));
  return { status: response.status, body: (await response.json()) as { plan?: PlanView; code?: string; message?: string; details?: { plan: PlanView } } };
}

async function planOf(owner: string, planId: string, version?: number) {
  const response = await routes.plan.GET!(request(`/api/plans/${planId}${version ? `?version=${version}` : ''}`, { owner }), idParams(planId));
  return { status: response.status, body: (await response.json()) as { plan: PlanView; code?: string } };
}

describe('a plan made in chat is the conversation\'s plan, changed by buttons', () => {
  test('swap, keep and servings make the next versions; a change to an older version is a 409 with the current one; any version can be restored', async () => {
    const owner = randomUUID();
    const { plan: v1 } = await say(owner, 'Plan 4 dinners for 2, no peanuts');
    expect(v1).toMatchObject({ version: 1, label: 'new 4-day plan', versions: [{ version: 1, label: 'new 4-day plan' }] });

    const swap = await act(owner, v1!.planId, { baseVersion: 1, action: { kind: 'swap', day: 2, slot: 'dinner' } });
    expect(swap.status).toBe(200);
    const v2 = swap.body.plan!;
    expect(v2).toMatchObject({ version: 2, label: 'swapped Tuesday dinner' });
    expect(recipes(v2)[1]).not.toBe(recipes(v1!)[1]);
    expect([0, 2, 3].map((i) => recipes(v2)[i])).toEqual([0, 2, 3].map((i) => recipes(v1!)[i]));

    // Another tab still shows version 1: its change is refused, and it gets version 2 to show.
    const stale = await act(owner, v1!.planId, { baseVersion: 1, action: { kind: 'servings', servings: 6 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict:plan', details: { plan: { version: 2 } } });

    const kept = (await act(owner, v1!.planId, { baseVersion: 2, action: { kind: 'lock', day: 1, slot: 'dinner', locked: true } })).body.plan!;
    expect(kept.plan.days[0]!.meals[0]!.locked).toBe(true);
    const six = (await act(owner, v1!.planId, { baseVersion: 3, action: { kind: 'servings', servings: 6 } })).body.plan!;
    expect(six).toMatchObject({ version: 4, label: 'serves 6' });
    expect(recipes(six)).toEqual(recipes(kept));
    const replanned = (await act(owner, v1!.planId, { baseVersion: 4, action: { kind: 'replan' } })).body.plan!;
    expect(recipes(replanned)[0]).toBe(recipes(six)[0]);
    expect(recipes(replanned)[1]).toBe(recipes(six)[1]);

    const restored = (await act(owner, v1!.planId, { baseVersion: 5, action: { kind: 'restore', version: 1 } })).body.plan!;
    expect(restored).toMatchObject({ version: 6, label: 'restored v1' });
    expect(recipes(restored)).toEqual(recipes(v1!));
    expect(restored.versions.map((v) => `v${v.version} ${v.label}`)).toEqual([
      'v6 restored v1',
      'v5 re-planned the unlocked meals',
      'v4 serves 6',
      'v3 locked Monday dinner',
      'v2 swapped Tuesday dinner',
      'v1 new 4-day plan',
    ]);
    // Every version stays readable.
    expect((await planOf(owner, v1!.planId, 2)).body.plan).toMatchObject({ version: 2, label: 'swapped Tuesday dinner' });
  });

  test('ticks belong to the plan and stay ticked in the next version for what it still buys', async () => {
    const owner = randomUUID();
    const { plan } = await say(owner, 'Plan 3 dinners for 2');
    const items = plan!.grocery.sections.flatMap((s) => s.items.map((i) => i.ingredientId));
    const tick = await routes.planTicks.POST!(request(`/api/plans/${plan!.planId}/ticks`, { owner, body: { ingredientId: items[0], ticked: true } }), idParams(plan!.planId));
    expect(await tick.json()).toEqual({ ticks: [items[0]] });
    const next = (await act(owner, plan!.planId, { baseVersion: 1, action: { kind: 'servings', servings: 3 } })).body.plan!;
    expect(next.ticks).toEqual([items[0]]);
  });

  test('bad actions, versions and other owners get clear errors and change nothing', async () => {
    const owner = randomUUID();
    const { plan } = await say(owner, 'Plan 2 dinners for 2');
    const noDay = await act(owner, plan!.planId, { baseVersion: 1, action: { kind: 'swap', day: 9, slot: 'dinner' } });
    expect(noDay.status).toBe(400);
    expect(noDay.body).toMatchObject({ code: 'bad_request:plan_action', message: expect.stringMatching(/^The plan has no dinner on /) });
    const malformed = await act(owner, plan!.planId, { baseVersion: 1, action: { kind: 'teleport' } });
    expect(malformed.status).toBe(400);
    const noVersion = await act(owner, plan!.planId, { baseVersion: 1, action: { kind: 'restore', version: 7 } });
    expect(noVersion).toMatchObject({ status: 404, body: { code: 'not_found:plan_version' } });
    expect(await act(randomUUID(), plan!.planId, { baseVersion: 1, action: { kind: 'replan' } })).toMatchObject({ status: 404, body: { code: 'not_found:plan' } });
    expect((await planOf(randomUUID(), plan!.planId)).status).toBe(404);
    expect((await planOf(owner, 'not-a-plan')).status).toBe(404);
    expect((await planOf(owner, plan!.planId)).body.plan.version).toBe(1);
  });
});

describe('the chat changes the same plan', () => {
  test('"swap Wednesday" is the next version of the stored plan, and the reply keeps a line for it', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Plan 3 dinners for 2');
    const swapped = await say(owner, 'swap wednesday', first.conversationId);
    expect(swapped.plan).toMatchObject({ planId: first.plan!.planId, version: 2, label: 'swapped Wednesday dinner' });
    expect(recipes(swapped.plan!).slice(0, 2)).toEqual(recipes(first.plan!).slice(0, 2));
    const stored = (await (await routes.conversation.GET!(request(`/api/conversations/${first.conversationId}`, { owner }), idParams(first.conversationId))).json()) as {
      messages: Array<{ role: string; parts: unknown[] }>;
    };
    expect(stored.messages.filter((m) => m.role === 'assistant').map((m) => m.parts)).toEqual([
      [{ type: 'plan-version', planId: first.plan!.planId, version: 1, label: 'new 3-day plan' }],
      [{ type: 'plan-version', planId: first.plan!.planId, version: 2, label: 'swapped Wednesday dinner' }],
    ]);
  });

  test('a run relayed by two instances (the starter and a follower) stores each plan version once; a version another tab made meanwhile still gets the event re-applied after it', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Plan 3 dinners for 2');
    const swapped = await say(owner, 'swap wednesday', first.conversationId);
    const store = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
    const { planId } = first.plan!;
    const replies = (await store.listMessagesByConversation({ ownerId: owner, conversationId: first.conversationId, limit: 10 })).filter((m) => m.role === 'assistant');
    // The `plan` event each reply's run carried, as a follower reads it again from the agent.
    const eventOf = (stored: StoredPlan, base: AgentPlanEvent['base']): AgentPlanEvent => ({ plan: stored.plan, state: stored.state, action: stored.action, label: stored.label, catalogVersion: stored.catalogVersion, base });
    const [v1, v2] = await Promise.all([1, 2].map((version) => store.getPlan({ ownerId: owner, planId, version })));
    const follow = (event: AgentPlanEvent, since: string) =>
      storeAgentPlan(store, { ownerId: owner, conversationId: first.conversationId, tracked: null, event, ledger: v1!.ledger, catalog: KITCHEN, since });

    const created = await follow(eventOf(v1!, null), replies[0]!.createdAt);
    expect([created.planId, created.version]).toEqual([planId, 1]);
    const changed = await follow(eventOf(v2!, { id: planId, version: 1 }), replies[1]!.createdAt);
    expect([changed.planId, changed.version]).toEqual([planId, 2]);
    expect(await store.getCurrentPlan({ ownerId: owner, conversationId: first.conversationId })).toMatchObject({ planId, version: 2, versions: [{ version: 2 }, { version: 1 }] });
    expect(swapped.plan!.version).toBe(2);

    // A run's change to version 2 that nobody stored yet, while a button in another tab made version 3: both are kept.
    await act(owner, planId, { baseVersion: 2, action: { kind: 'lock', day: 1, slot: 'dinner', locked: true } });
    const made = applyPlanAction(KITCHEN, v2!.ledger, { plan: v2!.plan, state: v2!.state, catalogVersion: v2!.catalogVersion }, { kind: 'servings', servings: 4 });
    const event: AgentPlanEvent = { ...made, action: { kind: 'servings', servings: 4 }, catalogVersion: catalogVersion(KITCHEN), base: { id: planId, version: 2 } };
    const reapplied = await follow(event, replies[1]!.createdAt);
    expect(reapplied).toMatchObject({ planId, version: 4, action: { kind: 'servings', servings: 4 } });
    expect(reapplied.plan.servings).toBe(4);
    // The other tab's lock (version 3) is in the re-applied version.
    expect(reapplied.state.kept).toContainEqual({ day: 1, slot: 'dinner', why: 'locked' });
  });

  test('a reply that makes two new plans is stored as two, by the starter and by a follower that stores both events again later', async () => {
    const owner = randomUUID();
    const store = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
    const first = await say(owner, 'Plan 3 dinners for 2');
    const v1 = (await store.getPlan({ ownerId: owner, planId: first.plan!.planId, version: 1 }))!;
    const turn = await store.startChatTurn({ ownerId: owner, conversationId: first.conversationId, clientMessageId: randomUUID(), content: 'plan again' });
    const since = turn.reply!.createdAt;
    // The model planned twice in one reply: two `create` events, ids 3 and 7 of the run.
    const request = { ...(v1.action as { request: object }).request, days: 2 };
    const made = (days: number) => applyPlanAction(KITCHEN, v1.ledger, null, { kind: 'create', request: { ...request, days } } as never);
    const events = [3, 2].map((days): AgentPlanEvent => ({ ...made(days), action: { kind: 'create', request: { ...request, days } } as never, catalogVersion: catalogVersion(KITCHEN), base: null }));
    const store1 = (event: AgentPlanEvent, id: number) =>
      storeAgentPlan(store, { ownerId: owner, conversationId: first.conversationId, tracked: null, event, ledger: v1.ledger, catalog: KITCHEN, since, from: { messageId: turn.reply!.id, event: id } });

    const starter = [await store1(events[0]!, 3), await store1(events[1]!, 7)];
    const follower = [await store1(events[0]!, 3), await store1(events[1]!, 7)];
    expect(follower.map((p) => p.planId)).toEqual(starter.map((p) => p.planId));
    expect(new Set([first.plan!.planId, ...starter.map((p) => p.planId)]).size).toBe(3);
    await expect(store.getCurrentPlan({ ownerId: owner, conversationId: first.conversationId })).resolves.toMatchObject({ planId: starter[1]!.planId, version: 1 });
  });

  test('a new allergy said in chat updates the plan before the chef answers: meals with it are replaced, the rest stay', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Plan 7 dinners for 4');
    const withEgg = first.plan!.plan.days.filter((d) => d.meals.some((m) => m.allergens.includes('egg')));
    const next = await say(owner, 'oh, my son is allergic to eggs', first.conversationId);
    expect(next.plan).toMatchObject({ planId: first.plan!.planId, version: 2 });
    expect(next.plan!.plan.allergensExcluded).toContain('egg');
    expect(next.plan!.plan.days.flatMap((d) => d.meals).filter((m) => m.allergens.includes('egg'))).toEqual([]);
    for (const day of first.plan!.plan.days) {
      if (!withEgg.includes(day)) expect(next.plan!.plan.days[day.day - 1]!.meals[0]!.recipeId).toBe(day.meals[0]!.recipeId);
    }
  });

  test('removing a chip brings the plan up to date at once, without a chat message', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Plan 3 dinners for 2, no peanuts');
    const response = await routes.ledger.POST!(request(`/api/conversations/${first.conversationId}/ledger`, { owner, body: { op: 'remove', id: 'allergen:peanuts' } }), idParams(first.conversationId));
    const body = (await response.json()) as { plan: PlanView };
    expect(body.plan).toMatchObject({ version: 2, label: 'peanuts allowed again' });
    expect(body.plan.plan.allergensExcluded).not.toContain('peanuts');
    expect(recipes(body.plan)).toEqual(recipes(first.plan!));
  });
});

describe('taking the plan along', () => {
  test('the calendar file has one event per meal, on the plan\'s weekdays from the start date, with the recipe', async () => {
    const owner = randomUUID();
    const { plan } = await say(owner, 'Plan 3 dinners for 2');
    const response = await routes.planCalendar.GET!(request(`/api/plans/${plan!.planId}/calendar?start=2026-12-14`, { owner }), idParams(plan!.planId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="chef-chopsky-plan-2026-12-14.ics"');
    const ics = await response.text();
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('DTSTART:20261214T183000');
    expect(ics).toContain('DTSTART:20261216T183000');
    expect(ics).toContain(`SUMMARY:Dinner: ${plan!.plan.days[0]!.meals[0]!.title}`);
    expect(ics).toMatch(/DESCRIPTION:Serves 2/);
    const bad = await routes.planCalendar.GET!(request(`/api/plans/${plan!.planId}/calendar?start=monday`, { owner }), idParams(plan!.planId));
    expect(bad.status).toBe(400);
  });

  test('a share link is signed and revocable: a new link ends the old one, revoking ends it, a forged one is refused before any read', async () => {
    const owner = randomUUID();
    const { plan } = await say(owner, 'Plan 2 dinners for 2');
    const share = async () => (await (await routes.planShare.POST!(request(`/api/plans/${plan!.planId}/share`, { owner, body: {} }), idParams(plan!.planId))).json()) as { url: string; path: string };
    const first = await share();
    expect(first.path).toMatch(/^\/share\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
    const token = first.path.slice('/share/'.length);
    const shareId = shareIdFromToken(token, SESSION_SECRET)!;
    const store = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
    await expect(store.getSharedPlan({ shareId })).resolves.toMatchObject({ version: 1, plan: { id: plan!.plan.id } });
    expect(shareIdFromToken(`${shareId}.${'A'.repeat(22)}`, SESSION_SECRET)).toBeNull();
    expect(shareIdFromToken(shareTokenFor(shareId, 'another-secret-0123456789abcdef'), SESSION_SECRET)).toBeNull();

    const second = await share();
    expect(second.path).not.toBe(first.path);
    await expect(store.getSharedPlan({ shareId })).resolves.toBeNull();
    const revoke = await routes.planShare.DELETE!(request(`/api/plans/${plan!.planId}/share`, { owner, method: 'DELETE' }), idParams(plan!.planId));
    expect(await revoke.json()).toEqual({ shared: false });
    await expect(store.getSharedPlan({ shareId: shareIdFromToken(second.path.slice(7), SESSION_SECRET)! })).resolves.toBeNull();
    const notMine = await routes.planShare.POST!(request(`/api/plans/${plan!.planId}/share`, { owner: randomUUID(), body: {} }), idParams(plan!.planId));
    expect(notMine.status).toBe(404);
  });
});

describe("a plan that holds the cook's own recipe", () => {
  const stew: RecipeDraft = {
    title: "Nana's chickpea stew",
    servings: 4,
    prepMinutes: 10,
    cookMinutes: 30,
    mealTypes: ['dinner'],
    cuisine: 'moroccan',
    tags: [],
    lines: [
      { text: '2 (14 oz) cans chickpeas', group: null, match: { ingredientId: 'chickpeas', quantity: 28, unit: 'oz', by: 'kitchen' }, safe: null },
      { text: '1 onion, diced', group: null, match: { ingredientId: 'onion', quantity: 1, unit: 'piece', by: 'kitchen' }, safe: null },
      { text: '2 tbsp olive oil', group: null, match: { ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp', by: 'kitchen' }, safe: null },
    ],
    steps: ['Soften the onion in the oil.', 'Add the chickpeas; simmer 30 minutes.'],
    mark: 'favourite',
    sourceUrl: null,
    imageUrl: null,
  };

  test('is rebuilt with it: a swap of another meal (button or chat) and a rescale keep it; marked "never again" it stays; deleted, the next change plans it afresh and says so', async () => {
    const owner = randomUUID();
    const store = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
    const saved = (await store.saveRecipe({ ownerId: owner, recipe: stew }))!;
    const own = `cook-${saved.id}`;
    const daysWith = (view: PlanView) => view.plan.days.filter((d) => d.meals.some((m) => m.recipeId === own)).map((d) => d.day);

    const { plan: v1 } = await say(owner, 'Plan 5 vegan dinners for 2');
    const days = daysWith(v1!);
    expect(days.length).toBeGreaterThan(0);
    const other = v1!.plan.days.find((d) => !days.includes(d.day))!;

    const swapped = (await act(owner, v1!.planId, { baseVersion: 1, action: { kind: 'swap', day: other.day, slot: 'dinner' } })).body.plan!;
    expect(swapped).toMatchObject({ version: 2, label: `swapped ${other.label} dinner`, catalogOutdated: false });
    expect(daysWith(swapped)).toEqual(days);
    const four = (await act(owner, v1!.planId, { baseVersion: 2, action: { kind: 'servings', servings: 4 } })).body.plan!;
    expect(four).toMatchObject({ version: 3, label: 'serves 4' });
    expect(recipes(four)).toEqual(recipes(swapped));
    const chickpeas = (view: PlanView) => view.grocery.sections.flatMap((s) => s.items).find((i) => i.ingredientId === 'chickpeas')!.neededGrams;
    expect(chickpeas(four)).toBeCloseTo(chickpeas(swapped) * 2, 0);
    // The chat sends the plan's recipe to the agent, which rebuilds the plan with it: a chat change keeps it too.
    const chat = await say(owner, `Swap ${other.label}`, v1!.conversationId);
    expect(chat.plan).toMatchObject({ version: 4, label: `swapped ${other.label} dinner` });
    expect(daysWith(chat.plan!)).toEqual(days);

    await store.markRecipeById({ ownerId: owner, recipeId: saved.id, mark: 'never' });
    const never = (await act(owner, v1!.planId, { baseVersion: 4, action: { kind: 'servings', servings: 2 } })).body.plan!;
    expect(never).toMatchObject({ version: 5, label: 'serves 2' });
    expect(daysWith(never)).toEqual(days);

    expect(await store.deleteRecipeById({ ownerId: owner, recipeId: saved.id })).toBe(true);
    const gone = await act(owner, v1!.planId, { baseVersion: 5, action: { kind: 'servings', servings: 4 } });
    expect(gone.status).toBe(200);
    expect(daysWith(gone.body.plan!)).toEqual([]);
    const where = days.map((day) => `${v1!.plan.days[day - 1]!.label} dinner`).join(', ');
    expect(gone.body.plan!.label).toBe(`serves 4; ${where} planned afresh (its recipe is gone)`);
    // Earlier versions still show the recipe as planned, and restore brings it back as it was stored.
    expect(daysWith((await planOf(owner, v1!.planId, 3)).body.plan)).toEqual(days);
  });
});
