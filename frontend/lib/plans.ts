/**
 * The web app's side of the living plan (#15): a conversation's plan is stored with its versions (lib/db), changed by
 * the kitchen's structured actions (packages/kitchen/src/plan-actions.ts) — from a button in the plan panel, from the
 * chef's tools through the agent's `plan` events, or when the conversation's constraints change — and shown as a
 * `PlanView`. Every change is compare-and-set on the version it was made from, so two tabs cannot lose a change.
 * Every action runs over the owner's catalog (the kitchen's recipes and the cook's own: lib/recipes/cookbook.ts), the
 * same one the agent plans with, so a plan holding one of the cook's recipes is rebuilt with it.
 * Server-only: the kitchen's catalog is large.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { applyPlanAction, catalogVersion, groceryFor, PlanActionError, planDrift, skeletonOf, type PlanAction, type PlanSnapshot } from '@chef-chopsky/kitchen/plan-actions';
import { PlanInputError } from '@chef-chopsky/kitchen/planner';
import type { ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import type { AgentPlanEvent, CurrentPlan, PlanView, PlanVersionRef } from '@chef-chopsky/contract/plan-actions';
import type { PlanVersionInput, Store, StoredPlan } from './db/types';
import { AppError, isAppError } from './errors';

export function planViewOf(stored: StoredPlan): PlanView {
  return {
    planId: stored.planId,
    conversationId: stored.conversationId,
    version: stored.version,
    label: stored.label,
    plan: stored.plan,
    state: stored.state,
    grocery: stored.grocery,
    ticks: stored.ticks,
    versions: stored.versions,
    catalogOutdated: stored.catalogVersion !== catalogVersion(KITCHEN),
    shared: stored.shareId !== null,
  };
}

export function planRefOf(stored: StoredPlan): PlanVersionRef {
  return { planId: stored.planId, version: stored.version, label: stored.label };
}

/** What the agent receives of the current plan: its ids and state, not the recipes. */
export function currentPlanOf(stored: StoredPlan): CurrentPlan {
  return {
    id: stored.planId,
    version: stored.version,
    catalogVersion: stored.catalogVersion,
    state: stored.state,
    meals: skeletonOf(stored.plan),
    label: stored.label,
  };
}

function snapshotOf(stored: StoredPlan): PlanSnapshot {
  return { plan: stored.plan, state: stored.state, catalogVersion: stored.catalogVersion };
}

/** A version to store: the kitchen's result with its grocery list, under the ledger it was made with. */
function versionInput(catalog: Catalog, result: Pick<AgentPlanEvent, 'plan' | 'state' | 'label' | 'catalogVersion'>, action: PlanAction, ledger: ConstraintLedger): PlanVersionInput {
  return {
    plan: result.plan,
    state: result.state,
    ledger,
    grocery: groceryFor(catalog, result.plan, result.state, ledger),
    action,
    label: result.label.slice(0, 200),
    catalogVersion: result.catalogVersion,
  };
}

/** The next version of `stored` from an action, made here with the owner's catalog. */
export function versionFromAction(stored: StoredPlan, action: PlanAction, ledger: ConstraintLedger, catalog: Catalog): PlanVersionInput {
  let result: ReturnType<typeof applyPlanAction>;
  try {
    result = applyPlanAction(catalog, ledger, snapshotOf(stored), action);
  } catch (error) {
    // An action the plan cannot take (a day it does not have) is the caller's to fix, said in the kitchen's words.
    if (error instanceof PlanActionError || error instanceof PlanInputError) throw new AppError('bad_request:plan_action', error.message, { cause: error });
    throw error;
  }
  return versionInput(catalog, { ...result, catalogVersion: catalogVersion(catalog) }, action, ledger);
}

const MAX_ATTEMPTS = 3;

/**
 * Applies an action to a plan and stores the next version. `baseVersion` is the version the cook saw: when the plan
 * has moved on since, nothing is written and it throws `conflict:plan` with the current version as `details`, so the
 * page shows it (never a silent overwrite). Without a base (the chef's own follow-ups), it re-reads and applies to the
 * current version.
 */
export async function changePlan(
  store: Store,
  args: { ownerId: string; planId: string; baseVersion?: number; action: PlanAction | { kind: 'restore'; version: number }; ledger: ConstraintLedger; catalog: Catalog },
): Promise<StoredPlan> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await store.getPlan({ ownerId: args.ownerId, planId: args.planId });
    if (!current) throw new AppError('not_found:plan', 'That plan does not exist.');
    if (args.baseVersion !== undefined && args.baseVersion !== current.version) throw conflict(current);
    let version: PlanVersionInput;
    if (args.action.kind === 'restore') {
      const old = await store.getPlan({ ownerId: args.ownerId, planId: args.planId, version: args.action.version });
      if (!old) throw new AppError('not_found:plan_version', `That plan has no version ${args.action.version}.`);
      version = { plan: old.plan, state: old.state, ledger: old.ledger, grocery: old.grocery, action: old.action, label: `restored v${old.version}`, catalogVersion: old.catalogVersion };
    } else {
      version = versionFromAction(current, args.action, args.ledger, args.catalog);
    }
    try {
      return await store.addPlanVersion({ ownerId: args.ownerId, planId: args.planId, baseVersion: current.version, version });
    } catch (error) {
      if (!(isAppError(error) && error.code === 'conflict:plan')) throw error;
      if (args.baseVersion !== undefined || attempt >= MAX_ATTEMPTS) {
        const latest = await store.getPlan({ ownerId: args.ownerId, planId: args.planId });
        throw latest ? conflict(latest) : error;
      }
    }
  }
}

function conflict(current: StoredPlan): AppError {
  return new AppError('conflict:plan', 'The plan was changed meanwhile, in another tab or by the chef. Here is the current version.', {
    details: { plan: planViewOf(current) },
    exposeDetails: true,
  });
}

/**
 * Brings the conversation's current plan up to date with its ledger (a constraint said in chat or a chip edit): the
 * meals that break a new constraint are replaced, the rest stay. Null when there is no plan or it already follows.
 */
export async function planFollowingLedger(store: Store, args: { ownerId: string; conversationId: string; ledger: ConstraintLedger; catalog: Catalog }): Promise<StoredPlan | null> {
  const current = await store.getCurrentPlan({ ownerId: args.ownerId, conversationId: args.conversationId });
  if (!current || planDrift(current.state, args.ledger) === 'none') return null;
  return changePlan(store, { ownerId: args.ownerId, planId: current.planId, action: { kind: 'ledger' }, ledger: args.ledger, catalog: args.catalog });
}

/**
 * Stores what the agent's `plan` event made: a new plan, or the next version of the one being tracked for this reply.
 * When the plan moved on meanwhile (a button in another tab), the event's action is applied again to the current
 * version, so neither change is lost.
 *
 * Once per run: every web instance that relays a run stores its plan events in order (the one that started it, and one
 * that follows it after a reload or because the first died), so a version another relayer already stored for the same
 * event is found and returned instead of being stored again. A new plan is keyed by `from`, the reply and the event's
 * `id:` (the store creates it once); a next version, and a new plan from an event without an id, is matched: `since` is
 * when the reply began, and only a version made since then, with the same action, label and plan, can be that event's.
 * `tracked` null with an event made from a stored plan (a follower) starts from the version the event names as its base.
 */
export async function storeAgentPlan(
  store: Store,
  args: {
    ownerId: string;
    conversationId: string;
    tracked: StoredPlan | null;
    event: AgentPlanEvent;
    ledger: ConstraintLedger;
    catalog: Catalog;
    since: string;
    from?: { messageId: string; event: number };
  },
): Promise<StoredPlan> {
  const { event, ownerId, since } = args;
  let tracked = args.tracked;
  if (!tracked && event.action.kind !== 'create' && event.base?.id) {
    tracked = await store.getPlan({ ownerId, planId: event.base.id, version: event.base.version });
  }
  if (event.action.kind === 'create' || !tracked) {
    const version = versionInput(args.catalog, event, event.action, args.ledger);
    if (args.from) return store.createPlan({ ownerId, conversationId: args.conversationId, version, from: args.from });
    const current = await store.getCurrentPlan({ ownerId, conversationId: args.conversationId });
    const first = current && (current.version === 1 ? current : await store.getPlan({ ownerId, planId: current.planId, version: 1 }));
    if (first && isVersionOf(first, event, since)) return first;
    return store.createPlan({ ownerId, conversationId: args.conversationId, version });
  }
  try {
    return await store.addPlanVersion({ ownerId, planId: tracked.planId, baseVersion: tracked.version, version: versionInput(args.catalog, event, event.action, args.ledger) });
  } catch (error) {
    if (!(isAppError(error) && error.code === 'conflict:plan')) throw error;
    const latest = await store.getPlan({ ownerId, planId: tracked.planId });
    for (const summary of latest?.versions ?? []) {
      if (summary.version <= tracked.version || summary.label !== event.label.slice(0, 200) || Date.parse(summary.createdAt) < Date.parse(since)) continue;
      const candidate = await store.getPlan({ ownerId, planId: tracked.planId, version: summary.version });
      if (candidate && isVersionOf(candidate, event, since)) return candidate;
    }
    return changePlan(store, { ownerId, planId: tracked.planId, action: event.action, ledger: args.ledger, catalog: args.catalog });
  }
}

/** Whether a stored version is what this `plan` event made (stored by another instance relaying the same run). */
function isVersionOf(stored: StoredPlan, event: AgentPlanEvent, since: string): boolean {
  return (
    Date.parse(stored.createdAt) >= Date.parse(since) &&
    stored.label === event.label.slice(0, 200) &&
    stored.plan.id === event.plan.id &&
    isDeepStrictEqual(stored.action, event.action)
  );
}

// Share links: `/share/<shareId>.<signature>`. The id is random and stored with the plan (revoking clears it); the
// signature, keyed by the session secret, lets a forged or mistyped link be refused without a database read.

function signature(shareId: string, secret: string): string {
  return createHmac('sha256', secret).update(`share:${shareId}`).digest('base64url').slice(0, 22);
}

export function shareTokenFor(shareId: string, secret: string): string {
  return `${shareId}.${signature(shareId, secret)}`;
}

/** The share id a token names, or null when it is not one this app signed. */
export function shareIdFromToken(token: string, secret: string): string | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/i.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(match[1]!.toLowerCase(), secret));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]!.toLowerCase() : null;
}

export function newShareId(): string {
  return randomUUID();
}

/** A plan route's context (`/api/plans/:id/...`). */
export type PlanContext = { params: Promise<{ id: string }> };

export const notFoundPlan = () => new AppError('not_found:plan', 'That plan does not exist.');

/** The plan id of a route, or not found (a malformed id looks like someone else's plan). */
export async function planIdOf(context: PlanContext): Promise<string> {
  const { id } = await context.params;
  if (!z.uuid().safeParse(id).success) throw notFoundPlan();
  return id;
}
