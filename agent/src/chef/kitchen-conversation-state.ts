/**
 * Conversation state for built-in planner mode. The agent is stateless, so the current plan is rebuilt from the
 * conversation's own messages on every request: the user's turns are replayed in order through a deterministic
 * parser (a plan request starts a plan, a constraint change re-plans it, "swap Tuesday's dinner" appends a swap), and
 * the planner is deterministic, so the same conversation always yields the same plan. When the history the client
 * sends no longer reaches back to the plan request (a windowed history), the last `chopsky-plan` marker in an
 * assistant reply seeds the replay instead.
 */
import { findIngredientIds, findIngredientsInText, normalizeName, singularizePhrase, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { WEEKDAYS } from '@chef-chopsky/kitchen/plan-types';
import type { Allergen, Diet, MealType } from '@chef-chopsky/kitchen/types';
import { decodePlanRef, findPlanRef, type PlanRequest } from './kitchen-request';

export interface ParsedTurn {
  /** The turn asks for a new plan ("plan 5 dinners for 4"). */
  newPlan: boolean;
  days?: number;
  meals?: MealType[];
  servings?: number;
  diet?: Diet;
  allergens: Allergen[];
  dislikes: string[];
  useUp: string[];
  /**
   * Ingredients the turn asks to have ("plan 3 dinners with chicken", "lunches using chickpeas"): the planner prefers
   * recipes with them, but never past the diet, allergies or dislikes, and says which it could not include.
   */
  wanted: string[];
  maxMinutesPerMeal?: number;
  totalPrepMinutes?: number;
  kcalPerDay?: number;
  proteinGPerDay?: number;
  batchCooking?: boolean;
  /** A swap's `wanted` are for the new meal alone ("swap Tuesday's dinner for something with salmon"). */
  swap?: { day: number; slot: MealType } | { day: null; slot: MealType | null };
  grocery: boolean;
  nutrition: boolean;
  whatCanIMake?: string[];
  substitute?: string;
  search?: string;
  units?: 'metric' | 'us';
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, couple: 2, single: 1,
};
const PEOPLE_NUM = '(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple)';
const NUM = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|couple|single)';
const COUNT = '(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)';

function toNumber(word: string | undefined): number | undefined {
  if (!word) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

const SLOT_WORDS: Array<[RegExp, MealType]> = [
  [/\bbreakfasts?\b/, 'breakfast'],
  [/\blunch(es)?\b/, 'lunch'],
  [/\b(dinners?|suppers?)\b/, 'dinner'],
  [/\bsnacks?\b/, 'snack'],
];

/** Words for allergens, as a cook says them, after "no", "-free", "allergic to", "allergy". */
const ALLERGEN_WORDS: Array<[RegExp, Allergen[]]> = [
  [/^(tree ?nuts?)$/, ['tree_nuts']],
  [/^(peanuts?|peanut butter)$/, ['peanuts']],
  [/^(nuts?)$/, ['tree_nuts', 'peanuts']],
  [/^(dairy|milk|lactose|cheese)$/, ['milk']],
  [/^(gluten|coeliac|celiac)$/, ['gluten', 'wheat']],
  [/^(wheat)$/, ['wheat']],
  [/^(eggs?)$/, ['egg']],
  [/^(fish)$/, ['fish']],
  [/^(shellfish|shrimps?|prawns?|crabs?|lobsters?|crustaceans?)$/, ['shellfish']],
  [/^(soy|soya|soybeans?)$/, ['soy']],
  [/^(sesame)$/, ['sesame']],
];

function allergensFor(word: string): Allergen[] | null {
  for (const [re, list] of ALLERGEN_WORDS) if (re.test(word)) return list;
  return null;
}

const DIET_WORDS: Array<[RegExp, Diet]> = [
  [/\bvegan\b|\bplant[- ]based\b/, 'vegan'],
  [/\bvegetarian\b|\bveggie\b|\bmeat[- ]free\b|\bno meat\b/, 'vegetarian'],
  [/\bpesc[ae]tarian\b/, 'pescatarian'],
  [/\bomnivore\b|\beat (?:anything|everything)\b/, 'omnivore'],
];
const DIET_NAME = '(?:vegan|vegetarian|veggie|pesc[ae]tarian|plant[- ]based|meat[- ]free)';
// Only a plain negation lifts a diet: "not only vegetarian" and "no non-vegetarian meals" keep it, as does "vegan isn't
// optional".
const NEGATED_DIET = new RegExp(
  `(?<!\\b(?:no|not|nothing)[- ])\\b(?:not|non|no longer|doesn't have to be|don't have to be|doesn't need to be|don't need to be|no need (?:for|to be))[- ]+(?:an? )?${DIET_NAME}\\b` +
    `|\\b${DIET_NAME} (?:is |are )?(?:not needed|not necessary|not required|optional)\\b`,
  'g',
);

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

/** Reads one user turn. Pure: the same text and catalog always give the same result. */
export function parseTurn(catalog: Catalog, raw: string): ParsedTurn {
  const text = raw.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  const out: ParsedTurn = { newPlan: false, allergens: [], dislikes: [], useUp: [], wanted: [], grocery: false, nutrition: false };

  const swapMatch = /\b(swap|change|replace|switch|different|another)\b/.test(text);
  const slotsMentioned = SLOT_WORDS.filter(([re]) => re.test(text)).map(([, slot]) => slot);
  const dayMentioned = weekdayOrDay(text);
  const planWords = /\b(plan|meal plan|menu|week of|meals? for|ideas? for the week|prep)\b/.test(text);

  if (swapMatch && (slotsMentioned.length > 0 || dayMentioned !== null) && !/\binstead of\b/.test(text)) {
    out.swap = dayMentioned !== null && slotsMentioned.length > 0 ? { day: dayMentioned, slot: slotsMentioned[0]! } : { day: null, slot: slotsMentioned[0] ?? null };
  }

  const daysMatch = new RegExp(`\\b${NUM}[- ]days?\\b`).exec(text);
  // "5 dinners", and with up to two describing words after a count: "3 vegetarian lunches", "4 quick vegan dinners"
  // (not after "a": "a quick dinner recipe" is a search, not a one-day plan).
  const slotCount =
    new RegExp(`\\b${NUM} (breakfasts?|lunch(?:es)?|dinners?|suppers?|snacks?|meals?)\\b`).exec(text) ??
    new RegExp(`\\b${COUNT} (?:[a-z-]+ ){1,2}?(breakfasts?|lunch(?:es)?|dinners?|suppers?|snacks?|meals?)\\b`).exec(text);
  if (daysMatch) out.days = toNumber(daysMatch[1]);
  else if (/\b(a|the|this|next|whole|full) week\b|\bweekly\b|\b7 days\b/.test(text)) out.days = 7;
  else if (/\bweekend\b/.test(text)) out.days = 2;
  else if (slotCount && !out.swap) out.days = toNumber(slotCount[1]);
  if (out.days !== undefined) out.days = Math.min(14, Math.max(1, out.days));

  if (!out.swap && slotsMentioned.length > 0 && (planWords || out.days !== undefined)) out.meals = MEAL_ORDER.filter((m) => slotsMentioned.includes(m));
  if (/\b(3|three) meals a day\b|\ball meals\b|\bbreakfast, lunch and dinner\b/.test(text)) out.meals = ['breakfast', 'lunch', 'dinner'];

  const notAQuantity = '(?!\\s*-?\\s*(?:[a-z-]+ ){0,2}?(?:days?|nights?|weeks?|minutes?|mins?|hours?|hrs?|kcal|calories|cals?|g\\b|grams?|dinners?|lunch(?:es)?|breakfasts?|snacks?|meals?))';
  const people = new RegExp(`\\b(?:for|feeds?|serves?|serving)\\s+(?:a family of\\s+|the\\s+)?${PEOPLE_NUM}${notAQuantity}(?:\\s+(?:people|persons|of us|adults|servings|portions|kids|guests))?\\b`).exec(text);
  const familyOf = new RegExp(`\\bfamily of ${PEOPLE_NUM}\\b`).exec(text);
  const weAre = new RegExp(`\\b(?:we are|there are|we're)\\s+${PEOPLE_NUM}${notAQuantity}\\b`).exec(text);
  const servings = toNumber(familyOf?.[1]) ?? toNumber(people?.[1]) ?? toNumber(weAre?.[1]);
  if (servings !== undefined) out.servings = Math.min(20, Math.max(1, servings));
  if (/\bfor (me|myself|one)\b|\bjust me\b/.test(text)) out.servings = 1;
  if (/\bfor (the )?(two of us|us two|both of us)\b/.test(text)) out.servings = 2;

  // A diet the cook rules out ("we're not vegetarian", "non-vegan", "vegetarian is not needed") is not asked for: cut it
  // out first; if no other diet is named, the turn lifts the diet ("make it not vegetarian" after a vegetarian plan).
  const dietText = text.replace(NEGATED_DIET, ' ');
  for (const [re, diet] of DIET_WORDS) {
    if (re.test(dietText)) {
      out.diet = diet;
      break;
    }
  }
  if (!out.diet && dietText !== text) out.diet = 'omnivore';

  // Allergens and dislikes: "no nuts", "nut-free", "allergic to peanuts", "peanut allergy", "without mushrooms".
  const negatives: string[] = [];
  // What is left once every negative phrase is cut out: only there can a named ingredient be one the cook wants.
  let positiveText = text;
  const cut = (phrase: string) => {
    positiveText = positiveText.replace(phrase, ' , ');
  };
  for (const m of text.matchAll(/\b(?:nothing with|nothing containing|no|without|avoid|avoiding|exclude|excluding|skip|hold the|not|never|can't have|cannot have|can't eat|cannot eat|don't eat|doesn't eat|don't like|doesn't like|hate|hates|dislike|dislikes|allergic to|allergy to|intolerant to)\s+(?:any\s+)?([a-z' -]+?)(?=[,.;!?]|\band\b|\bor\b|\bfor\b|\bplease\b|\bin\b|\bwith\b|$)/g)) {
    negatives.push(...m[1]!.split(/,| or | and /).map((s) => s.trim()).filter(Boolean));
    cut(m[0]);
  }
  for (const m of text.matchAll(/\b([a-z]+(?: [a-z]+)?)[- ]free\b/g)) {
    negatives.push(m[1]!.split(' ').pop()!);
    cut(m[0]);
  }
  for (const m of text.matchAll(/\b([a-z]+(?: [a-z]+)?) (?:allergy|allergies|intolerance)\b/g)) {
    negatives.push(m[1]!.replace(/^(a|an|has|have|with|my|our|kid's|son's|daughter's)\s+/, ''));
    cut(m[0]);
  }
  const addWanted = (phrase: string) => {
    for (const part of phrase.split(/,| and | or /)) {
      const found = findIngredientsInText(catalog, part).map((f) => f.phrase);
      // "cheese" names no single ingredient but a family (cheddar, feta…), as a dislike does.
      const family = singularizePhrase(normalizeName(part.replace(/^\s*(?:the|a|an|some|more)\s+/, '')));
      if (found.length === 0 && family && findIngredientIds(catalog, family, 'family').length > 0) found.push(family);
      for (const f of found) if (!out.wanted.includes(f)) out.wanted.push(f);
    }
  };
  // What the cook turns away from is not a wish either ("something other than chicken", "I don't want to have chicken
  // again"), though it is no plan-wide dislike: it is cut, not recorded.
  for (const m of positiveText.matchAll(/\b(?:other than|isn't|is not|aren't|are not|don't want(?: to have)?|do not want(?: to have)?|tired of|sick of|instead of)\s+(?:any\s+)?[a-z' -]+?(?=[,.;!?]|\band\b|\bor\b|$)/g)) cut(m[0]);
  // A question about the plan ("is the one with chicken spicy?", "what wine goes with salmon?") asks for nothing; one
  // that asks for a change ("could you make it with salmon?") does.
  const asksAbout = /\?\s*$/.test(text) && !/\b(?:could|can|would|will) you\b|\bmake it\b|\bplan\b|\badd\b|\bswap\b/.test(text);
  // "using up" is produce on hand (useUp below), not a wish.
  for (const m of asksAbout ? [] : positiveText.matchAll(/\b(?:with|including|include|featuring|containing|made with|using(?! up\b)|lots of|some)\s+(.+?)(?=[,.;!?]|\bfor\b|\bplease\b|\bunder\b|\bin\b|$)/g)) addWanted(m[1]!);
  // "swap Tuesday's dinner for salmon": what a meal is swapped for is what the new one should have.
  const swappedFor = out.swap && out.wanted.length === 0 ? /\b(?:swap|change|replace|switch)\b[^.;!?,]*?\b(?:breakfast|lunch|dinner|supper|snack|meal)(?:es|s)?\b\s+(?:for|to|into)\s+(.+?)(?=[.;!?]|\bplease\b|$)/.exec(positiveText) : null;
  if (swappedFor) addWanted(swappedFor[1]!);
  for (const phrase of negatives) {
    const cleaned = phrase.replace(/^(the|any|some|more|a|an)\s+/, '').trim();
    if (!cleaned || /^(meat|repeats?|leftovers?|batch cooking)$/.test(cleaned)) continue;
    const allergens = allergensFor(cleaned) ?? allergensFor(cleaned.split(' ').pop()!);
    if (allergens) {
      for (const a of allergens) if (!out.allergens.includes(a)) out.allergens.push(a);
      continue;
    }
    const found = findIngredientsInText(catalog, cleaned).map((f) => f.phrase);
    // "mushrooms" names no single ingredient but a family (button, shiitake…): a dislike covers all of them.
    if (found.length === 0 && findIngredientIds(catalog, cleaned, 'family').length > 0) found.push(singularizePhrase(normalizeName(cleaned)));
    for (const f of found) if (!out.dislikes.includes(f)) out.dislikes.push(f);
  }
  if (/\b(no|without) (repeats|leftovers|batch cooking)\b/.test(text)) out.batchCooking = /\b(no|without) (leftovers|batch cooking)\b/.test(text) ? false : out.batchCooking;
  if (/\bbatch[- ]cook/.test(text) && !/\bno batch/.test(text)) out.batchCooking = true;

  // Time: "under 30 minutes", "30-minute meals", "quick" (30), "3 hours total", "under two hours of prep in total".
  const perMeal = /\b(?:under|less than|within|at most|max(?:imum)?|no more than|in|up to)\s+(\d{1,3})\s*(?:-|\s)?(?:minutes?|mins?)\b/.exec(text) ?? /\b(\d{1,3})[- ]?(?:minute|min)\b/.exec(text);
  // "of prep" (or cooking, kitchen time) makes an amount of time the plan's total, as "in total" or "a week" do.
  const ofWork = '(?:of (?:cooking|prep(?:aration)?|prep time|kitchen time|work)\\b)';
  const totalTail = `(?:\\s+${ofWork})?\\s+(?:in total|total|a week|per week|for the week)\\b|\\s+${ofWork}`;
  const hours = new RegExp(`\\b(\\d{1,2}(?:\\.\\d)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\\s*hours?\\b(?:${totalTail})`).exec(text);
  const totalMinutes = new RegExp(`\\b(\\d{2,4})\\s*(?:minutes?|mins?)\\b(?:${totalTail})`).exec(text);
  if (totalMinutes) out.totalPrepMinutes = Number(totalMinutes[1]);
  else if (hours) {
    const amount = /^\d/.test(hours[1]!) ? Number(hours[1]) : toNumber(hours[1]);
    if (amount !== undefined) out.totalPrepMinutes = Math.round(amount * 60);
  }
  if (perMeal && !(totalMinutes && totalMinutes[1] === perMeal[1])) out.maxMinutesPerMeal = Math.max(5, Number(perMeal[1]));
  else if (/\b(quick|fast|speedy|weeknight)\b/.test(text) && out.maxMinutesPerMeal === undefined && !totalMinutes) out.maxMinutesPerMeal = 30;

  const kcal = /\b(\d{3,5})\s*(?:kcal|calories|cals?)\b/.exec(text);
  if (kcal) out.kcalPerDay = Number(kcal[1]);
  const protein = /\b(\d{2,3})\s*g(?:rams?)?\s+(?:of\s+)?protein\b/.exec(text);
  if (protein) out.proteinGPerDay = Number(protein[1]);
  else if (/\bhigh[- ]protein\b/.test(text)) out.proteinGPerDay = 100;

  // Ingredients on hand: "I have kale and tomatoes", "use up the spinach", "my CSA box has …", "from my CSA box: …".
  const haveMatch =
    /\b(?:i have|i've got|i got|we have|we've got|got some|use up|using up|leftover|left over|(?:csa|farm|veg|veggie|vegetable|produce) box(?:es)?(?: has| with| of| contents)?|box has|in my fridge|in the fridge|pantry has)(?=\W|$)(.*)$/.exec(text);
  const makeMatch = /\bwhat (?:can|could|should) (?:i|we) (?:make|cook)(?: with)?\b(.*)$|\brecipes? (?:with|using)\b(.*)$|\bwhat to (?:make|cook) with\b(.*)$/.exec(text);
  if (makeMatch) {
    const tail = makeMatch[1] ?? makeMatch[2] ?? makeMatch[3] ?? '';
    out.whatCanIMake = findIngredientsInText(catalog, tail).map((f) => f.phrase);
    if (out.whatCanIMake.length === 0 && haveMatch) out.whatCanIMake = findIngredientsInText(catalog, haveMatch[1]!).map((f) => f.phrase);
  } else if (haveMatch) {
    out.useUp = findIngredientsInText(catalog, haveMatch[1]!.replace(/\b(?:plan|for|days?|people|dinners?|lunch(?:es)?|breakfasts?|meals?)\b.*$/, '')).map((f) => f.phrase);
    if (out.useUp.length === 0) out.useUp = findIngredientsInText(catalog, haveMatch[1]!).map((f) => f.phrase);
  }

  const sub = /\b(?:substitute|substitution|replacement|alternative|swap out|instead of|replace)\s+(?:for\s+|to\s+)?(?:the\s+)?([a-z' -]+?)(?=[?.!,]|$| in\b| with\b| for\b)/.exec(text);
  if (sub && !out.swap) {
    const found = findIngredientsInText(catalog, sub[1]!);
    if (found.length > 0) out.substitute = found[0]!.phrase;
  }

  out.grocery = /\b(grocery|groceries|shopping list|shopping|what (?:do|should) (?:i|we) (?:need to )?buy)\b/.test(text);
  out.nutrition = /\b(how much protein|how many calories|calories|nutrition|nutritional|macros|kcal|how much (?:fat|fibre|fiber|sugar|sodium|salt))\b/.test(text) && kcal === null;
  if (/\b(us units|cups|ounces|imperial|pounds|oz\b|lbs?\b)/.test(text)) out.units = 'us';
  else if (/\b(metric|grams|kilos?)\b/.test(text)) out.units = 'metric';

  const asksForPlan = planWords || out.days !== undefined || (/\b(dinners?|meals?|breakfasts?|lunch(?:es)?)\s+for\b/.test(text) && !out.swap);
  // "the grocery list for this plan" and "how much protein is in the plan" are about the current plan, not a new one;
  // "plan a vegetarian menu and give me the grocery list" asks for a new plan and its list.
  const refersToPlan = /\b(?:this|the|that|my|our|current)\s+(?:meal\s+)?(?:plan|menu)\b/.test(text);
  const aboutCurrentPlan = (out.grocery || out.nutrition) && out.days === undefined && (refersToPlan || !planWords);
  out.newPlan = !out.swap && !out.whatCanIMake && !out.substitute && asksForPlan && !aboutCurrentPlan;
  const search = /\b(?:find|search|show me|suggest|looking for|recipe for|recipes for|give me)\s+(?:a |an |some )?(.+?)(?:\s+recipes?)?$/.exec(text);
  if (search && !out.newPlan && !out.swap && !out.whatCanIMake && !out.substitute && !out.grocery) out.search = search[1]!.replace(/[?.!]+$/, '');
  return out;
}

const MEAL_ORDER: MealType[] = ['breakfast', 'lunch', 'dinner', 'snack'];

/**
 * A change to the plan's constraints without asking for a new plan ("make it vegan", "no mushrooms please", "make it
 * with salmon"). An ingredient named in a search or a question about the plan ("find a recipe with chicken", "how
 * much protein is in the dinner with chicken?") asks for recipes or facts, not a new plan.
 */
export function changesConstraints(t: ParsedTurn): boolean {
  return (
    t.diet !== undefined ||
    t.allergens.length > 0 ||
    t.dislikes.length > 0 ||
    t.servings !== undefined ||
    t.maxMinutesPerMeal !== undefined ||
    t.totalPrepMinutes !== undefined ||
    t.kcalPerDay !== undefined ||
    t.proteinGPerDay !== undefined ||
    t.batchCooking !== undefined ||
    (t.useUp.length > 0 && !t.whatCanIMake) ||
    (t.wanted.length > 0 && t.search === undefined && !t.grocery && !t.nutrition)
  );
}

function applyTurn(base: PlanRequest, t: ParsedTurn): PlanRequest {
  const next: PlanRequest = { ...base };
  if (t.days !== undefined) next.days = t.days;
  if (t.meals) next.meals = t.meals;
  if (t.servings !== undefined) next.servings = t.servings;
  if (t.diet) next.diet = t.diet;
  if (t.allergens.length > 0) next.allergens = [...new Set([...(base.allergens ?? []), ...t.allergens])];
  if (t.dislikes.length > 0) next.dislikes = [...new Set([...(base.dislikes ?? []), ...t.dislikes])];
  if (t.useUp.length > 0) next.useUp = [...new Set([...(base.useUp ?? []), ...t.useUp])];
  if (t.wanted.length > 0) next.wanted = [...new Set([...(base.wanted ?? []), ...t.wanted])];
  if (t.maxMinutesPerMeal !== undefined) next.maxMinutesPerMeal = t.maxMinutesPerMeal;
  if (t.totalPrepMinutes !== undefined) next.totalPrepMinutes = t.totalPrepMinutes;
  if (t.kcalPerDay !== undefined || t.proteinGPerDay !== undefined) {
    next.targets = { ...(base.targets ?? {}) };
    if (t.kcalPerDay !== undefined) next.targets.kcalPerDay = t.kcalPerDay;
    if (t.proteinGPerDay !== undefined) next.targets.proteinGPerDay = t.proteinGPerDay;
  }
  if (t.batchCooking !== undefined) next.batchCooking = t.batchCooking;
  return next;
}

export interface ConversationState {
  /** The current plan's request with its swaps; null before any plan was asked for. */
  request: PlanRequest | null;
  /** Unit system the cook last asked for. */
  units?: 'metric' | 'us';
  /** Constraints stated before any plan (e.g. "we're vegan" in the first message), applied to the next plan. */
  pending: ParsedTurn[];
  /** The latest turn, parsed. */
  last: ParsedTurn | null;
}

const DEFAULT_DAYS = 7;

/**
 * Replays the user's turns in order. Each turn either starts a plan, changes the current plan's constraints (which
 * re-plans and drops earlier swaps), swaps one meal, or only asks about the plan (grocery list, nutrition).
 */
export function conversationState(catalog: Catalog, turns: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>): ConversationState {
  const state: ConversationState = { request: null, pending: [], last: null };
  const lastUser = turns.map((t) => t.role).lastIndexOf('user');
  const firstPlanTurn = turns.findIndex((t) => t.role === 'user' && parseTurn(catalog, t.content).newPlan);
  // A windowed history that starts after the plan request: seed from the last marker before the replayed turns.
  if (firstPlanTurn < 0 || turns.slice(0, firstPlanTurn).some((t) => t.role === 'assistant' && findPlanRef(t.content))) {
    for (let i = (firstPlanTurn < 0 ? lastUser : firstPlanTurn) - 1; i >= 0; i--) {
      const ref = turns[i]!.role === 'assistant' ? findPlanRef(turns[i]!.content) : null;
      if (ref) {
        state.request = decodePlanRef(ref);
        if (state.request) {
          replay(catalog, state, turns.slice(i + 1));
          return state;
        }
      }
    }
  }
  replay(catalog, state, turns);
  return state;
}

function replay(catalog: Catalog, state: ConversationState, turns: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>): void {
  for (const turn of turns) {
    if (turn.role !== 'user') continue;
    const t = parseTurn(catalog, turn.content);
    state.last = t;
    if (t.units) state.units = t.units;
    if (t.newPlan) {
      let request: PlanRequest = { days: t.days ?? state.request?.days ?? DEFAULT_DAYS };
      for (const p of state.pending) request = applyTurn(request, p);
      if (state.request && t.days === undefined && !t.meals) request = { ...state.request, swaps: [] };
      state.request = applyTurn(request, t);
      delete state.request.swaps;
      state.pending = [];
    } else if (t.swap && state.request) {
      if (t.swap.day !== null && t.swap.slot !== null) {
        const swap = { day: t.swap.day, slot: t.swap.slot, ...(t.wanted.length > 0 ? { wanted: t.wanted } : {}) };
        state.request = { ...state.request, swaps: [...(state.request.swaps ?? []), swap] };
      }
    } else if (changesConstraints(t) && !t.whatCanIMake && !t.substitute) {
      if (state.request) {
        state.request = applyTurn(state.request, t);
        delete state.request.swaps;
      } else state.pending.push(t);
    }
  }
}
