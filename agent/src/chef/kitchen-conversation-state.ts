/**
 * Conversation state for built-in planner mode. What the household can and cannot eat, how many eat and the plan's
 * shape live in the constraint ledger (packages/kitchen/src/ledger); this module reads what each user turn *asks for*
 * — a new plan, a swap, the grocery list, nutrition, a search — and replays the turns so the current plan's swaps are
 * known: a plan request starts a plan, a change to the ledger re-plans it (dropping swaps), "swap Tuesday's dinner"
 * appends a swap. When the history the client sends no longer reaches back to the plan request, the last
 * `chopsky-plan` marker in an assistant reply seeds the replay.
 */
import { findIngredientIds, findIngredientsInText, normalizeName, singularizePhrase, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { readMessage } from '@chef-chopsky/kitchen/ledger/extract';
import { applyReading, withProfile, type LedgerProfile } from '@chef-chopsky/kitchen/ledger/merge';
import { EMPTY_LEDGER, type ConstraintLedger, type TurnReading } from '@chef-chopsky/kitchen/ledger/types';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import type { MealType } from '@chef-chopsky/kitchen/types';
import { decodePlanRef, findPlanRef, type PlanRequest } from './kitchen-request';

/** What one user turn asks for. Constraints are not here: they are the ledger's (`TurnReading`). */
export interface ParsedTurn {
  /** The turn asks for a new plan ("plan 5 dinners for 4"). */
  newPlan: boolean;
  /** A swap's wished ingredients are for the new meal alone ("swap Tuesday's dinner for something with salmon"). */
  swap?: { day: number; slot: MealType } | { day: null; slot: MealType | null };
  swapWanted: string[];
  grocery: boolean;
  nutrition: boolean;
  whatCanIMake?: string[];
  substitute?: string;
  search?: string;
  batchCooking?: boolean;
}

const SLOT_WORDS: Array<[RegExp, MealType]> = [
  [/\bbreakfasts?\b/, 'breakfast'],
  [/\blunch(es)?\b/, 'lunch'],
  [/\b(dinners?|suppers?)\b/, 'dinner'],
  [/\bsnacks?\b/, 'snack'],
];

const COUNT = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|couple|single)';

function weekdayOrDay(text: string): number | null {
  const dayN = /\bday\s*(\d{1,2})\b/.exec(text);
  if (dayN) return Number(dayN[1]);
  const ordinal = /\b(first|second|third|fourth|fifth|sixth|seventh)\s+day\b/.exec(text);
  if (ordinal) return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'].indexOf(ordinal[1]!) + 1;
  for (let i = 0; i < WEEKDAYS.length; i++) {
    const name = WEEKDAYS[i]!;
    if (new RegExp(`\\b(${name}|${name.slice(0, 3)})('s)?\\b`).test(text)) return i + 1;
  }
  if (/\btomorrow\b/.test(text)) return 2;
  return null;
}

/** Reads what one user turn asks for. Pure: the same text and catalog always give the same result. */
export function parseTurn(catalog: Catalog, raw: string): ParsedTurn {
  const text = raw.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  const out: ParsedTurn = { newPlan: false, swapWanted: [], grocery: false, nutrition: false };

  const swapMatch = /\b(swap|change|replace|switch|different|another)\b/.test(text);
  const slotsMentioned = SLOT_WORDS.filter(([re]) => re.test(text)).map(([, slot]) => slot);
  const dayMentioned = weekdayOrDay(text);
  const planWords = /\b(plan|re-?plan|meal plan|menu|week of|meals? for|ideas? for the week|prep)\b/.test(text);
  if (swapMatch && (slotsMentioned.length > 0 || dayMentioned !== null) && !/\binstead of\b/.test(text)) {
    out.swap = dayMentioned !== null && slotsMentioned.length > 0 ? { day: dayMentioned, slot: slotsMentioned[0]! } : { day: null, slot: slotsMentioned[0] ?? null };
  }
  // A length or a count of meals makes a plan request ("5 dinners", "a week", "3 vegetarian lunches").
  const sized =
    new RegExp(`\\b${COUNT}[- ](?:days?|nights?)\\b|\\b(?:a|the|this|next|whole|full) week\\b|\\bweekly\\b|\\bweekend\\b|\\bweekdays\\b|\\bfortnight\\b`).test(text) ||
    new RegExp(`\\b${COUNT} (?:[a-z-]+ ){0,2}?(breakfasts?|lunch(?:es)?|dinners?|suppers?|snacks?|meals?)\\b`).test(text.replace(/\ba (?:quick|easy|simple) (?:dinner|lunch|breakfast)\b/, ''));

  if (/\b(no|without) (leftovers|batch cooking)\b/.test(text)) out.batchCooking = false;
  else if (/\bbatch[- ]cook/.test(text)) out.batchCooking = true;

  // What a swapped meal should have: "swap Tuesday's dinner for something with salmon", "…for salmon".
  if (out.swap) {
    const turnedAway = text.replace(/\b(?:other than|isn't|is not|aren't|are not|don't want(?: to have)?|do not want(?: to have)?|tired of|sick of|instead of|no|without|not)\s+(?:any\s+)?[a-z' -]+?(?=[,.;!?]|\band\b|\bor\b|$)/g, ' , ');
    const wish = /\b(?:with|including|featuring|containing|using)\s+(.+?)(?=[,.;!?]|\bplease\b|$)/.exec(turnedAway) ?? /\b(?:swap|change|replace|switch)\b[^.;!?,]*?\b(?:breakfast|lunch|dinner|supper|snack|meal)(?:es|s)?\b\s+(?:for|to|into)\s+(.+?)(?=[.;!?]|\bplease\b|$)/.exec(turnedAway);
    for (const part of (wish?.[1] ?? '').split(/,| and | or /)) {
      const found = findIngredientsInText(catalog, part).map((f) => f.phrase);
      const family = singularizePhrase(normalizeName(part.replace(/^\s*(?:the|a|an|some|more)\s+/, '').replace(/\s+(?:dish|one|meal)$/, '')));
      if (found.length === 0 && family && findIngredientIds(catalog, family, 'family').length > 0) found.push(family);
      for (const f of found) if (!out.swapWanted.includes(f)) out.swapWanted.push(f);
    }
  }

  const makeMatch = /\bwhat (?:can|could|should) (?:i|we) (?:make|cook)(?: with)?\b(.*)$|\brecipes? (?:with|using)\b(.*)$|\bwhat to (?:make|cook) with\b(.*)$/.exec(text);
  const haveMatch = /\b(?:i have|i've got|i got|we have|we've got|got some|leftover|left over)(?=\W|$)(.*)$/.exec(text);
  if (makeMatch) {
    const tail = makeMatch[1] ?? makeMatch[2] ?? makeMatch[3] ?? '';
    out.whatCanIMake = findIngredientsInText(catalog, tail).map((f) => f.phrase);
    if (out.whatCanIMake.length === 0 && haveMatch) out.whatCanIMake = findIngredientsInText(catalog, haveMatch[1]!).map((f) => f.phrase);
  }

  const sub = /\b(?:substitute|substitution|replacement|alternative|swap out|instead of|replace)\s+(?:for\s+|to\s+)?(?:the\s+)?([a-z' -]+?)(?=[?.!,]|$| in\b| with\b| for\b)/.exec(text);
  if (sub && !out.swap) {
    const found = findIngredientsInText(catalog, sub[1]!);
    if (found.length > 0) out.substitute = found[0]!.phrase;
  }

  out.grocery = /\b(grocery|groceries|shopping list|shopping|what (?:do|should) (?:i|we) (?:need to )?buy)\b/.test(text);
  out.nutrition = /\b(how much protein|how many calories|nutrition|nutritional|macros|how much (?:fat|fibre|fiber|sugar|sodium|salt))\b/.test(text);

  const asksForPlan = planWords || sized || (/\b(dinners?|meals?|breakfasts?|lunch(?:es)?)\s+for\b/.test(text) && !out.swap);
  // "the grocery list for this plan" and "how much protein is in the plan" are about the current plan, not a new one;
  // "plan a vegetarian menu and give me the grocery list" asks for a new plan and its list.
  const refersToPlan = /\b(?:this|the|that|my|our|current)\s+(?:meal\s+)?(?:plan|menu)\b/.test(text);
  const aboutCurrentPlan = (out.grocery || out.nutrition) && !sized && (refersToPlan || !planWords);
  out.newPlan = !out.swap && !out.whatCanIMake && !out.substitute && asksForPlan && !aboutCurrentPlan;
  const search = /\b(?:find|search|show me|suggest|looking for|recipe for|recipes for|give me)\s+(?:a |an |some )?(.+?)(?:\s+recipes?)?$/.exec(text);
  if (search && !out.newPlan && !out.swap && !out.whatCanIMake && !out.substitute && !out.grocery) out.search = search[1]!.replace(/[?.!]+$/, '');
  return out;
}

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
}

/**
 * Replays the user's turns in order against the ledger as each turn left it (from the profile and the turns; the
 * chips a client edited are the ledger the tools are given, not this replay's). Each turn either starts a plan,
 * changes what it is made from (which re-plans and drops earlier swaps), swaps one meal, or only asks about the plan.
 */
export function conversationState(catalog: Catalog, turns: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>, profile?: LedgerProfile): ConversationState {
  const state: ConversationState = { request: null, last: null, lastReading: null, lastChanged: false };
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
    const parsed = parseTurn(catalog, t.content);
    state.last = parsed;
    state.lastReading = reading;
    state.lastChanged = changesPlan(reading, before);
    if (parsed.newPlan) {
      state.request = parsed.batchCooking !== undefined ? { batchCooking: parsed.batchCooking } : {};
    } else if (parsed.swap && state.request) {
      if (parsed.swap.day !== null && parsed.swap.slot !== null) {
        const swap = { day: parsed.swap.day, slot: parsed.swap.slot, ...(parsed.swapWanted.length > 0 ? { wanted: parsed.swapWanted } : {}) };
        state.request = { ...state.request, swaps: [...(state.request.swaps ?? []), swap] };
      }
    } else if (state.request && (state.lastChanged || parsed.batchCooking !== undefined) && !parsed.whatCanIMake && !parsed.substitute) {
      const { swaps: _dropped, ...rest } = state.request;
      state.request = parsed.batchCooking !== undefined ? { ...rest, batchCooking: parsed.batchCooking } : rest;
    }
  });
  return state;
}
