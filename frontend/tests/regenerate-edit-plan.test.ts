/**
 * Regenerate and edit with a plan (#15): the new reply changes the plan the cook had when they asked, not the replaced
 * reply's result. Through `POST /api/chat` with the real store (embedded PGlite) and the real agent in built-in planner
 * mode, in a child process.
 */
import { randomUUID } from 'node:crypto';
import type { PlanView } from '@chef-chopsky/contract/plan-actions';
import { idParams, readEvents, request, withBuiltInPlannerRoutes, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

let routes: Routes;
withBuiltInPlannerRoutes((loaded) => (routes = loaded));

type Ref = { planId: string; version: number; label: string };

async function say(owner: string, content: string, extra: Record<string, unknown> = {}) {
  const clientMessageId = (extra.clientMessageId as string | undefined) ?? randomUUID();
  const response = await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId, content, ...extra } }));
  expect(response.status).toBe(200);
  const events = await readEvents(response);
  expect(events.at(-1)!.event).toBe('done');
  const ids = events[0]!.data as { conversationId: string; userMessageId: string; assistantMessageId: string };
  const plans = events.filter((e) => e.event === 'plan').map((e) => e.data as { view: PlanView; ref: Ref });
  return { ...ids, clientMessageId, refs: plans.map((p) => p.ref), plan: plans.at(-1)?.view };
}

const dinners = (view: PlanView) => view.plan.days.map((d) => d.meals[0]!.recipeId);

async function currentPlan(owner: string, conversationId: string) {
  const response = await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId));
  return ((await response.json()) as { plan: PlanView }).plan;
}

test('regenerating a swap goes back to the plan before it, then swaps again: only that day differs from the plan the cook had', async () => {
  const owner = randomUUID();
  const first = await say(owner, 'Plan 4 dinners for 2');
  const { conversationId } = first;
  const before = dinners(first.plan!);
  const swap = await say(owner, "swap Tuesday's dinner", { conversationId });
  expect(swap.refs.map((r) => r.version)).toEqual([2]);
  const again = await say(owner, "swap Tuesday's dinner", { conversationId, clientMessageId: swap.clientMessageId, regenerate: swap.assistantMessageId });
  expect(again.refs.map((r) => [r.version, r.label])).toEqual([
    [3, 'restored v1'],
    [4, 'swapped Tuesday dinner'],
  ]);
  const after = dinners(again.plan!);
  expect(after[1]).not.toBe(before[1]);
  expect([after[0], after[2], after[3]]).toEqual([before[0], before[2], before[3]]);
  expect((await currentPlan(owner, conversationId)).version).toBe(4);
});

test('editing "swap Tuesday" into "swap Wednesday" leaves Tuesday as it was before the edit', async () => {
  const owner = randomUUID();
  const first = await say(owner, 'Plan 4 dinners for 2');
  const { conversationId } = first;
  const before = dinners(first.plan!);
  const swap = await say(owner, "swap Tuesday's dinner", { conversationId });
  expect(dinners(swap.plan!)[1]).not.toBe(before[1]);
  const edited = await say(owner, "swap Wednesday's dinner", { conversationId, editOf: swap.userMessageId });
  expect(edited.refs.map((r) => r.label)).toEqual(['restored v1', 'swapped Wednesday dinner']);
  const after = dinners(edited.plan!);
  expect(after[1]).toBe(before[1]);
  expect(after[2]).not.toBe(before[2]);
});

test('a change the cook made after the reply (the Swap button) stays: regenerating that reply does not go back', async () => {
  const owner = randomUUID();
  const first = await say(owner, 'Plan 4 dinners for 2');
  const { conversationId } = first;
  const swap = await say(owner, "swap Tuesday's dinner", { conversationId });
  const planId = swap.plan!.planId;
  const pressed = await routes.planActions.POST!(
    request(`/api/plans/${planId}/actions`, { owner, body: { baseVersion: 2, action: { kind: 'swap', day: 4, slot: 'dinner' } } }),
    idParams(planId),
  );
  expect(pressed.status).toBe(200);
  const byButton = dinners(((await pressed.json()) as { plan: PlanView }).plan);
  const again = await say(owner, "swap Tuesday's dinner", { conversationId, clientMessageId: swap.clientMessageId, regenerate: swap.assistantMessageId });
  expect(again.refs.map((r) => r.label)).toEqual(['swapped Tuesday dinner']);
  expect(dinners(again.plan!)[3]).toBe(byButton[3]);
});
