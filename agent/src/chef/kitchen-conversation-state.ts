/**
 * Conversation state for built-in planner mode. What the household can and cannot eat, how many eat and the plan's
 * shape live in the constraint ledger (packages/kitchen/src/ledger); intents.ts reads what each user turn *asks for*
 * — a new plan, a swap, the grocery list, nutrition, a search — and this module replays the turns so the current
 * plan's swaps are known: a plan request starts a plan, a change to the ledger re-plans it (dropping swaps), "swap
 * Tuesday's dinner" appends a swap, "for 6 instead" keeps the swaps at the new servings, "I already have rice" notes
 * the pantry for this plan. When the history the client sends no longer reaches back to the plan request, the last
 * `chopsky-plan` marker in an assistant reply seeds the replay.
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { readMessage } from '@chef-chopsky/kitchen/ledger/extract';
import { applyReading, withProfile, type LedgerProfile } from '@chef-chopsky/kitchen/ledger/merge';
import { planInputFromLedger } from '@chef-chopsky/kitchen/ledger/plan-input';
import { EMPTY_LEDGER, type ConstraintLedger, type TurnReading } from '@chef-chopsky/kitchen/ledger/types';
import { PLAN_LIMITS } from '@chef-chopsky/kitchen/planner';
import { parseTurn, type ParsedTurn } from './intents';
import { decodePlanRef, findPlanRef, type PlanRequest } from './kitchen-request';

// What a turn asks for is read in intents.ts; kept importable from here for the callers that know this module.
export { parseTurn, resolveSwapTarget, type ParsedTurn, type TurnContext } from './intents';

/** Fields a plan is made from: a turn that changes one of them re-plans the current plan. */
const PLAN_FIELDS = new Set(['people', 'allergen', 'diet', 'pattern', 'exclude', 'dislike', 'want', 'useUp', 'meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'target']);

/** Whether a turn's reading changes what the plan is made from. */
export function changesPlan(reading: TurnReading, before: ConstraintLedger): boolean {
  if (reading.lifts.some((id) => before.entries.some((e) => e.id === id))) return true;
  return reading.adds.some((e) => {
    if (!PLAN_FIELDS.has(e.field)) return false;
    const held = before.entries.find((h) => h.id === e.id);
    return !held || JSON.stringify({ ...held, source: null, unsure: null }) !== JSON.stringify({ ...e, source: null, unsure: null });
  });
}

export interface ConversationState {
  /** The current plan's request with its swaps; null before any plan was asked for. */
  request: PlanRequest | null;
  /** The latest turn, parsed, and what it changed in the ledger. */
  last: ParsedTurn | null;
  lastReading: TurnReading | null;
  /** Whether the latest turn changed what a plan is made from. */
  lastChanged: boolean;
  /** What the cook said they already have for the current plan ("I already have rice"), in their words. */
  pantry: string[];
}

/**
 * Replays the user's turns in order against the ledger as each turn left it (from the profile and the turns; the
 * chips a client edited are the ledger the tools are given, not this replay's). Each turn either starts a plan,
 * changes what it is made from (which re-plans and drops earlier swaps), swaps one meal, or only asks about the plan.
 */
export function conversationState(catalog: Catalog, turns: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>, profile?: LedgerProfile): ConversationState {
  const state: ConversationState = { request: null, last: null, lastReading: null, lastChanged: false, pantry: [] };
  const lastUser = turns.map((t) => t.role).lastIndexOf('user');
  const firstPlanTurn = turns.findIndex((t) => t.role === 'user' && parseTurn(catalog, t.content).newPlan);
  let from = 0;
  // A windowed history that starts after the plan request: seed from the last marker before the replayed turns.
  if (firstPlanTurn < 0 || turns.slice(0, firstPlanTurn).some((t) => t.role === 'assistant' && findPlanRef(t.content))) {
    for (let i = (firstPlanTurn < 0 ? lastUser : firstPlanTurn) - 1; i >= 0; i--) {
      const ref = turns[i]!.role === 'assistant' ? findPlanRef(turns[i]!.content) : null;
      const request = ref ? decodePlanRef(ref) : null;
      if (request) {
        state.request = request;
        from = i + 1;
        break;
      }
    }
  }
  let ledger = withProfile(EMPTY_LEDGER, profile);
  let turn = 0;
  turns.forEach((t, i) => {
    if (t.role !== 'user') return;
    const reading = readMessage({ catalog, turn, before: ledger }, t.content);
    const before = ledger;
    ledger = withProfile(applyReading(ledger, reading, { kind: 'message', turn, quote: '' }).ledger, profile);
    turn++;
    if (i < from) return;
    // With a plan, its shape settles what the words leave open ("swap Wednesday" on a dinners-only plan).
    const parsed = parseTurn(catalog, t.content, state.request ? { meals: planInputFromLedger(ledger, state.request).meals } : undefined);
    state.last = parsed;
    state.lastReading = reading;
    state.lastChanged = changesPlan(reading, before);
    if (parsed.newPlan) {
      if (state.request) state.pantry = [];
      state.request = parsed.batchCooking !== undefined ? { batchCooking: parsed.batchCooking } : {};
    } else if (parsed.rescale && state.request) {
      // The same meals for another number of people: swaps stay (the planner's choices do not depend on servings).
      const now = planInputFromLedger(ledger, state.request).servings ?? 2;
      const servings = 'servings' in parsed.rescale ? parsed.rescale.servings : Math.round(now * parsed.rescale.factor);
      state.request = { ...state.request, servings: Math.min(PLAN_LIMITS.maxServings, Math.max(1, servings)) };
    } else if (parsed.swap && state.request) {
      if (parsed.swap.day !== null && parsed.swap.slot !== null) {
        const swap = { day: parsed.swap.day, slot: parsed.swap.slot, ...(parsed.swapWanted.length > 0 ? { wanted: parsed.swapWanted } : {}) };
        state.request = { ...state.request, swaps: [...(state.request.swaps ?? []), swap] };
      }
    } else if (state.request && (state.lastChanged || parsed.batchCooking !== undefined) && !parsed.whatCanIMake && !parsed.substitute) {
      const { swaps: _dropped, ...rest } = state.request;
      // A number of people said again is the ledger's to keep, not an earlier rescale's.
      if (reading.adds.some((e) => e.field === 'people')) delete rest.servings;
      state.request = parsed.batchCooking !== undefined ? { ...rest, batchCooking: parsed.batchCooking } : rest;
    }
    if (parsed.pantry) state.pantry = [...new Set([...state.pantry, ...parsed.pantry])];
  });
  return state;
}
