/**
 * What a user turn asks for, in built-in planner mode: a new plan, a change to the current one (a swap), the grocery
 * list, nutrition, a search. What the household can and cannot eat lives in the constraint ledger, and the current
 * plan is a stored document the web app sends (kitchen-brain.ts turns this reading into the tools' actions); nothing
 * here replays the conversation.
 */
import { findIngredientIds, findIngredientsInText, normalizeName, singularizePhrase, type Catalog } from '@chef-chopsky/kitchen/catalog';
import type { ConstraintLedger, TurnReading } from '@chef-chopsky/kitchen/ledger/types';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import type { MealType } from '@chef-chopsky/kitchen/types';

/** What one user turn asks for. Constraints are not here: they are the ledger's (`TurnReading`). */
export interface ParsedTurn {
  /** The turn asks for a new plan ("plan 5 dinners for 4"). */
  newPlan: boolean;
  /** A swap's wished ingredients are for the new meal alone ("swap Tuesday's dinner for something with salmon"). */
  swap?: { day: number | null; slot: MealType | null };
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
    // "swap Wednesday" keeps its day: on a plan with one meal a day, that is the meal.
    out.swap = { day: dayMentioned, slot: slotsMentioned[0] ?? null };
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
