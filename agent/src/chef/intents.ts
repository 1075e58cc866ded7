/**
 * What one user turn asks for, read from its text: a new plan, a swap (with what the new meal should have), the same
 * plan for more people, a note of what the cook already has, the grocery list, nutrition (of a day or a meal), "what
 * can I make with …", a substitute or a search. Constraints are not here: they are the ledger's (`TurnReading`).
 * Pure: the same text, catalog and plan shape always give the same reading. The plan shape (`TurnContext`) only fills
 * in what the words leave open ("swap Wednesday" on a dinners-only plan is Wednesday's dinner).
 */
import { findIngredientIds, findIngredientsInText, normalizeName, singularizePhrase, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { PLAN_LIMITS } from '@chef-chopsky/kitchen/planner';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import type { MealType, Nutrition } from '@chef-chopsky/kitchen/types';
import { wishWordsIn } from '@chef-chopsky/kitchen/wish';

export type Nutrient = keyof Nutrition;

export interface ParsedTurn {
  /** The turn asks for a new plan ("plan 5 dinners for 4"). */
  newPlan: boolean;
  /**
   * One meal to swap. A null day or slot is one the turn does not name and the plan's shape does not settle ("swap
   * Wednesday" on a plan with lunches and dinners).
   */
  swap?: { day: number | null; slot: MealType | null };
  /** What the swapped meal alone should have: foods ("salmon"), kinds ("fish", "seafood") or a diet ("vegetarian"). */
  swapWanted: string[];
  /** The same plan for another number of people ("for 6 instead", "double it"): no meal is chosen again. */
  rescale?: { servings: number } | { factor: number };
  /** What the cook already has, in their words ("I already have rice"): left off this plan's grocery list. */
  pantry?: string[];
  grocery: boolean;
  nutrition: boolean;
  /** What a nutrition question is about: a day, a meal, a nutrient ("how much protein on Tuesday?"). */
  nutritionAbout?: { day?: number; slot?: MealType; nutrient?: Nutrient };
  whatCanIMake?: string[];
  substitute?: string;
  search?: string;
  batchCooking?: boolean;
}

/** The current plan's shape, when there is one: a `MealPlan` (or its summary) fits. */
export interface TurnContext {
  /** The plan's meal slots. */
  meals?: readonly MealType[];
  /** Its days, with the meals each has (a day may lack a slot no recipe fitted). */
  days?: ReadonlyArray<{ day: number; meals: ReadonlyArray<{ slot: MealType }> }>;
}

const SLOT_WORDS: Array<[RegExp, MealType]> = [
  [/\bbreakfasts?\b/, 'breakfast'],
  [/\blunch(es)?\b/, 'lunch'],
  [/\b(dinners?|suppers?)\b/, 'dinner'],
  [/\bsnacks?\b/, 'snack'],
];

const COUNT = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|couple|single)';
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const PEOPLE_COUNT = `(\\d{1,2}|${NUMBER_WORDS.slice(1).join('|')})`;

function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word);
}

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

const slotsIn = (text: string) => SLOT_WORDS.filter(([re]) => re.test(text)).map(([, slot]) => slot);

/** The week a box or delivery came ("my CSA box this week", "this week's veg box"): no length of a plan. */
const BOX_THIS_WEEK = /\b(?:box|delivery|share|haul)\s+(?:this|for the|for this)\s+week\b|\b(?:this|the) week'?s\s+(?:csa\s+|veg\s+|vegetable\s+|farm\s+|produce\s+)?(?:box|delivery|share|haul)\b/g;

/** A length or a count of meals makes a plan request ("5 dinners", "a week", "3 vegetarian lunches"). */
function isSized(text: string): boolean {
  return (
    new RegExp(`\\b${COUNT}[- ](?:days?|nights?)\\b|\\b(?:a|the|this|next|another|whole|full) week\\b|\\bweekly\\b|\\bweekend\\b|\\bweekdays\\b|\\bfortnight\\b`).test(text) ||
    new RegExp(`\\b${COUNT} (?:[a-z-]+ ){0,2}?(breakfasts?|lunch(?:es)?|dinners?|suppers?|snacks?|meals?)\\b`).test(text.replace(/\ba (?:quick|easy|simple) (?:dinner|lunch|breakfast)\b/, ''))
  );
}

/**
 * The slot (or day) the plan's shape settles when the words leave it open: a day with one meal, a one-day plan.
 * "swap Wednesday" on a dinners-only plan is Wednesday's dinner; on a plan of lunches and dinners it stays open.
 */
export function resolveSwapTarget(swap: { day: number | null; slot: MealType | null }, plan: TurnContext | undefined): { day: number | null; slot: MealType | null } {
  if (!plan) return swap;
  let { day, slot } = swap;
  if (day === null && plan.days?.length === 1) day = plan.days[0]!.day;
  if (day !== null && slot === null) {
    const slots = plan.days?.find((d) => d.day === day)?.meals.map((m) => m.slot) ?? plan.meals ?? [];
    if (slots.length === 1) slot = slots[0]!;
  }
  return { day, slot };
}

/** Words a swap turns away from ("other than chicken", "I don't want fish again"): they are no wish. */
const TURNED_AWAY = /\b(?:other than|isn't|is not|aren't|are not|don't want(?: to have)?|do not want(?: to have)?|tired of|sick of|instead of|no|without|not)\s+(?:any\s+)?[a-z' -]+?(?=[,.;!?]|\band\b|\bor\b|$)/g;

/** The catalog's names in a phrase, or the phrase itself when it names a family ("cheese"). */
function ingredientPhrases(catalog: Catalog, part: string): string[] {
  const found = findIngredientsInText(catalog, part).map((f) => f.phrase);
  const family = singularizePhrase(normalizeName(part.replace(/^\s*(?:the|a|an|some|more)\s+/, '').replace(/\s+(?:dish|one|meal)$/, '')));
  if (found.length === 0 && family && findIngredientIds(catalog, family, 'family').length > 0) found.push(family);
  return found;
}

/** A swap: which meal, and what the new one should have ("swap Wednesday for something with fish"). */
function readSwap(catalog: Catalog, text: string, plan: TurnContext | undefined, sized: boolean, planWords: boolean): Pick<ParsedTurn, 'swap' | 'swapWanted'> {
  const verb = /\b(swap|change|replace|switch)\b/.test(text);
  const loose = /\b(different|another)\b/.test(text);
  const slots = slotsIn(text);
  const day = weekdayOrDay(text);
  // "plan another week starting Monday" asks for a plan; "another dinner on Tuesday" swaps one.
  if (!(verb || (loose && !planWords && !sized)) || (slots.length === 0 && day === null) || /\binstead of\b/.test(text)) return { swapWanted: [] };
  const swap = resolveSwapTarget({ day, slot: slots[0] ?? null }, plan);
  const swapWanted: string[] = [];
  if (/\b(?:without|no) meat\b|\bmeat-?free\b|\bmeatless\b/.test(text)) swapWanted.push('vegetarian');
  const kept = text.replace(TURNED_AWAY, ' , ');
  const wish =
    /\b(?:with|including|featuring|containing|using)\s+(.+?)(?=[,.;!?]|\bplease\b|$)/.exec(kept) ??
    /\b(?:swap|change|replace|switch)\b[^.;!?,]*?\b(?:breakfast|lunch|dinner|supper|snack|meal|day\s*\d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)(?:es|s|'s)?\b\s+(?:for|to|into)\s+(.+?)(?=[.;!?]|\bplease\b|$)/.exec(kept);
  for (const word of wishWordsIn(wish?.[1] ?? '', (part) => ingredientPhrases(catalog, part))) if (!swapWanted.includes(word)) swapWanted.push(word);
  return { swap, swapWanted };
}

/** "make it for 6 instead", "scale to 6 people", "make it serve 6", "double it". */
function readRescale(text: string, sized: boolean): ParsedTurn['rescale'] {
  if (sized) return undefined;
  const factor = /\b(double|triple|halve|half)\s+(?:it|that|this|the plan|the recipes?|everything|the quantities|the amounts|the portions|all of it)\b/.exec(text);
  if (factor) return { factor: { double: 2, triple: 3, halve: 0.5, half: 0.5 }[factor[1] as 'double' | 'triple' | 'halve' | 'half'] };
  const people = `${PEOPLE_COUNT}(?:\\s+(?:people|persons|servings|portions|of us|adults|eaters))?`;
  const forms = [
    new RegExp(`\\b(?:for|to serve|serve|serving|feed|feeding|cook for)\\s+${people}\\s+instead\\b`),
    new RegExp(`\\b${PEOPLE_COUNT}\\s+(?:people|persons|servings|portions)\\s+instead\\b`),
    new RegExp(`\\b(?:make|change|turn|scale|resize|adjust)\\s+(?:it|this|that|the plan|the meals|everything|them)?\\s*(?:up|down)?\\s*(?:for|to|to serve|serve|to feed|feed)\\s+${people}\\b`),
    new RegExp(`\\bscale\\s+(?:up\\s+|down\\s+)?(?:to|for)\\s+${people}\\b`),
    new RegExp(`\\b(?:we're|we are|there are|there's|there will be|it's|it is)\\s+${PEOPLE_COUNT}(?:\\s+of us|\\s+people)?\\s+now\\b`),
  ];
  for (const form of forms) {
    const m = form.exec(text);
    if (!m) continue;
    const servings = numberOf(m[1]!);
    if (servings >= 1 && servings <= PLAN_LIMITS.maxServings) return { servings };
  }
  return undefined;
}

/** "I already have rice", "we've got onions at home", "no need to buy rice": a note for the list, in the cook's words. */
function readPantry(catalog: Catalog, text: string): string[] | undefined {
  const forms = [
    /\b(?:i|we)(?:'ve| have)? already (?:have|got)\s+(.+?)(?=[.;!?]|\bso\b|\bplease\b|$)/,
    /\b(?:i|we) (?:have|'ve got|got|have got)\s+(.+?)\s+already\b/,
    /\b(?:i|we) (?:have|'ve got|got|have got)\s+(.+?)\s+(?:at home|in the (?:pantry|cupboard|fridge|freezer))\b(?=.*\b(?:already|buy|list)\b)/,
    /\bno need to buy\s+(?:any\s+)?(.+?)(?=[.;!?]|\bi\b|\bwe\b|$)/,
    /\b(?:don't|do not|dont) (?:need to |have to )?buy\s+(?:any\s+)?(.+?)(?=[.;!?]|\bi\b|\bwe\b|$)/,
  ];
  const words: string[] = [];
  for (const form of forms) {
    const m = form.exec(text);
    if (!m) continue;
    for (const said of namedAsSaid(catalog, m[1]!)) if (!words.includes(said)) words.push(said);
  }
  return words.length > 0 ? words : undefined;
}

const NUTRIENT_WORDS: Array<[RegExp, Nutrient]> = [
  [/\bprotein\b/, 'proteinG'],
  [/\b(?:calories|calorie|kcal|energy)\b/, 'kcal'],
  [/\b(?:carbs|carb|carbohydrates?)\b/, 'carbsG'],
  [/\b(?:fibre|fiber)\b/, 'fibreG'],
  [/\bsugars?\b/, 'sugarG'],
  [/\b(?:sodium|salt)\b/, 'sodiumMg'],
  [/\bfat\b/, 'fatG'],
];

/** "how much protein on Tuesday?", "how many calories in Wednesday's dinner?": the question and what it is about. */
function readNutrition(text: string): Pick<ParsedTurn, 'nutrition' | 'nutritionAbout'> {
  const nutrition =
    /\b(how much protein|how many calories|nutrition|nutritional|macros|how much (?:fat|fibre|fiber|sugar|sodium|salt|energy)|how many (?:carbs|grams of (?:protein|carbs|fat|fibre|fiber|sugar)|kcal))\b/.test(text) ||
    /\b(?:protein|calories|kcal|carbs)\s+(?:on|in|for)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|day\s*\d|the (?:plan|week|dinners?|lunch(?:es)?|breakfasts?))\b/.test(text);
  if (!nutrition) return { nutrition: false };
  const about: NonNullable<ParsedTurn['nutritionAbout']> = {};
  const day = weekdayOrDay(text);
  if (day !== null) about.day = day;
  const slot = slotsIn(text)[0];
  if (slot) about.slot = slot;
  const nutrient = NUTRIENT_WORDS.find(([re]) => re.test(text))?.[1];
  if (nutrient) about.nutrient = nutrient;
  return Object.keys(about).length > 0 ? { nutrition, nutritionAbout: about } : { nutrition };
}

/**
 * The ingredients named in a phrase, in the cook's own words ("chickpeas", "leftover rice"): the catalog's matcher
 * reads singular forms, so each match is found again among the words as typed.
 */
function namedAsSaid(catalog: Catalog, text: string): string[] {
  const words = normalizeName(text).split(' ').filter(Boolean);
  return findIngredientsInText(catalog, text).map(({ phrase }) => {
    const n = phrase.split(' ').length;
    for (let i = 0; i + n <= words.length; i++) {
      const run = words.slice(i, i + n);
      if (singularizePhrase(run.join(' ')) === phrase) return run.join(' ');
    }
    return phrase;
  });
}

/** "what can I make with kale, chickpeas and tomatoes", "I have leftover rice, what can I cook?". */
function readWhatCanIMake(catalog: Catalog, text: string): string[] | undefined {
  const make = /\bwhat (?:can|could|should) (?:i|we) (?:make|cook)(?: with)?\b(.*)$|\brecipes? (?:with|using)\b(.*)$|\bwhat to (?:make|cook) with\b(.*)$/.exec(text);
  if (!make) return undefined;
  const have = /\b(?:i have|i've got|i got|we have|we've got|got some|leftover|left over)(?=\W|$)(.*)$/.exec(text);
  const named = namedAsSaid(catalog, make[1] ?? make[2] ?? make[3] ?? '');
  if (named.length === 0 && have) return namedAsSaid(catalog, have[1]!);
  return named;
}

function readSubstitute(catalog: Catalog, text: string): string | undefined {
  const sub = /\b(?:substitute|substitution|replacement|alternative|swap out|instead of|replace)\s+(?:for\s+|to\s+)?(?:the\s+)?([a-z' -]+?)(?=[?.!,]|$| in\b| with\b| for\b)/.exec(text);
  const found = sub ? findIngredientsInText(catalog, sub[1]!) : [];
  return found[0]?.phrase;
}

/** Reads what one user turn asks for. `plan` is the current plan's shape, when there is one. */
export function parseTurn(catalog: Catalog, raw: string, plan?: TurnContext): ParsedTurn {
  const text = raw.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  const out: ParsedTurn = { newPlan: false, swapWanted: [], grocery: false, nutrition: false };
  const planWords = /\b(plan|re-?plan|meal plan|menu|week of|meals? for|ideas? for the week|prep)\b/.test(text);
  // "my CSA box this week has kale": the week is when the box came, not how long a plan should be.
  const sized = isSized(text.replace(BOX_THIS_WEEK, ' '));

  Object.assign(out, readSwap(catalog, text, plan, sized, planWords));
  if (/\b(no|without) (leftovers|batch cooking)\b/.test(text)) out.batchCooking = false;
  else if (/\bbatch[- ]cook/.test(text)) out.batchCooking = true;
  const whatCanIMake = readWhatCanIMake(catalog, text);
  if (whatCanIMake) out.whatCanIMake = whatCanIMake;
  const substitute = out.swap ? undefined : readSubstitute(catalog, text);
  if (substitute) out.substitute = substitute;
  out.grocery = /\b(grocery|groceries|shopping list|shopping|what (?:do|should) (?:i|we) (?:need to )?buy)\b/.test(text);
  Object.assign(out, readNutrition(text));
  const pantry = out.whatCanIMake ? undefined : readPantry(catalog, text);
  if (pantry) out.pantry = pantry;

  const asksForPlan = planWords || sized || (/\b(dinners?|meals?|breakfasts?|lunch(?:es)?)\s+for\b/.test(text) && !out.swap);
  // "the grocery list for this plan" and "how much protein is in the plan" are about the current plan, not a new one;
  // "plan a vegetarian menu and give me the grocery list" asks for a new plan and its list.
  const refersToPlan = /\b(?:this|the|that|my|our|current)\s+(?:meal\s+)?(?:plan|menu)\b/.test(text);
  const aboutCurrentPlan = (out.grocery || out.nutrition) && !sized && (refersToPlan || !planWords);
  const rescale = out.swap ? undefined : readRescale(text, sized);
  if (rescale) out.rescale = rescale;
  out.newPlan = !out.swap && !out.whatCanIMake && !out.substitute && !out.rescale && asksForPlan && !aboutCurrentPlan;
  const search = /\b(?:find|search|show me|suggest|looking for|recipe for|recipes for|give me)\s+(?:a |an |some )?(.+?)(?:\s+recipes?)?$/.exec(text);
  if (search && !out.newPlan && !out.swap && !out.whatCanIMake && !out.substitute && !out.grocery) out.search = search[1]!.replace(/[?.!]+$/, '');
  return out;
}
