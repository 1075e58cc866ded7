/**
 * The plan's shape and limits as a message says them: meal slots ("5 dinners", "3 meals a day", "and add snacks"),
 * days ("a week", "4 nights", "Monday to Friday", "the weekend", "tonight"), time per meal and in total ("under 30
 * minutes", "2 hours of prep in total"), nutrition targets per day or per meal ("2000 calories a day", "40 g protein per
 * meal") and units ("cups and ounces", "metric").
 */
import type { MealType } from '../types';
import { entry, scalarOf } from './merge';
import type { Token } from './normalize';
import type { ConstraintLedger, LedgerEntry, LedgerSource, TargetNutrient } from './types';

const SLOT_ORDER: MealType[] = ['breakfast', 'lunch', 'dinner', 'snack'];
const SLOT_RE: Array<[RegExp, MealType]> = [
  [/\b(breakfasts?|brunch(?:es)?)\b/, 'breakfast'],
  [/\blunch(?:es|eon)?\b/, 'lunch'],
  [/\b(dinners?|suppers?|teas)\b|\b(?:and|for|\+) tea\b|\btea ?time\b/, 'dinner'],
  [/\bsnacks?\b/, 'snack'],
];
const DAY_NAMES: Array<[RegExp, number]> = [
  [/^mon(day)?$/, 0],
  [/^tue(s|sday)?$/, 1],
  [/^wed(s|nesday)?$/, 2],
  [/^thu(r|rs|rsday)?$/, 3],
  [/^fri(day)?$/, 4],
  [/^sat(urday)?$/, 5],
  [/^sun(day)?$/, 6],
];
const DAY_WORD = '(mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';

function dayIndex(word: string): number | undefined {
  return DAY_NAMES.find(([re]) => re.test(word))?.[1];
}

/** Digits for number words ("five" → 5), joined; fractions of hours spelled out become minutes later. */
function numberText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.num !== undefined && !['couple', 'dozen', 'single', 'both'].includes(t.word) ? String(t.num) : t.word)).join(' ');
}

/** Minutes in a time phrase: "30 minutes", "half an hour", "an hour and a half", "1.5 hours", "2 hours". */
function minutesIn(phrase: string): number | undefined {
  if (/\b(an|1|one) hour and a half\b|\b1\.5 hours?\b|\bhour and a half\b/.test(phrase)) return 90;
  if (/\bhalf an? hour\b|\bhalf hour\b/.test(phrase)) return 30;
  const hours = /\b(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b/.exec(phrase);
  if (hours) return Math.round(Number(hours[1]) * 60);
  if (/\b(an|a|one) hour\b/.test(phrase)) return 60;
  const minutes = /\b(\d+)\s*(?:minutes?|mins?|m)\b/.exec(phrase);
  if (minutes) return Number(minutes[1]);
  return undefined;
}

const TIME = '(?:\\d+(?:\\.\\d+)?\\s*(?:minutes?|mins?|hours?|hrs?)|half an? hour|half hour|an hour and a half|an? hour|one hour)';
const TOTAL_TAIL = '(?:in total|total|for the (?:whole )?week|a week|per week|this week|of (?:prep|cooking|kitchen time)|to (?:cook|prep)(?: everything)?|for (?:the )?(?:whole |entire )?plan|budget)';
const TOTAL_TIME = new RegExp(`(${TIME})(?:(?!\\b(?:meals?|dinners?|lunch(?:es)?|breakfasts?|each|per)\\b)[^.]){0,25}?\\b${TOTAL_TAIL}|\\b(?:total|budget)\\b[^.]{0,30}?(${TIME})|\\bhave (?:about |around )?(${TIME})\\b[^.]{0,30}\\b(?:to (?:cook|prep)|for the week|this week)`);
/** Time per meal, tried in order: "under 30 minutes", "30 minutes max", a bare "30 min". */
const PER_MEAL_TIME = [
  new RegExp(`\\b(?:under|less than|within|at most|max(?:imum)?|no more than|up to|in|below|nothing over|not over|more than|over)\\s+(?:about |around |roughly )?(${TIME})`),
  new RegExp(`\\b(${TIME})\\s*(?:max|tops|or less|or under|each|a meal|per meal|meals?|prep|cook|dinners?|lunch(?:es)?|breakfasts?|recipes?|in the morning)\\b`),
  /\b(\d+)\s*(?:minute|min)\b/,
];
/** Day patterns (matchAll, match and search ignore and reset lastIndex, so the global ones are safe to share). */
const DAY_SPAN = new RegExp(`\\b${DAY_WORD}\\s*(?:to|through|thru|till|until|-|/)\\s*${DAY_WORD}\\b`, 'g');
const DAY_RANGE = new RegExp(`\\b${DAY_WORD}\\s*(?:to|through|thru|till|until)\\s*${DAY_WORD}\\b`);
const DAY_WORDS = new RegExp(`\\b${DAY_WORD}\\b`, 'g');
const ADD_DAY = new RegExp(`\\badd\\s+${DAY_WORD}\\b`);
const ONE_DAY = new RegExp(`\\b(?:on|this|next|for)\\s+${DAY_WORD}\\b(?!s)|\\b${DAY_WORD}\\s+(?:lunch|dinner|breakfast|brunch|roast)\\b`);

export interface ShapeReading {
  adds: LedgerEntry[];
  lifts: string[];
}

/** `quote`: the message as the cook wrote it, which the shape's entries cite. */
export function readShape(sentences: readonly Token[][], turn: number, quote: string, before?: ConstraintLedger): ShapeReading {
  const adds: LedgerEntry[] = [];
  const text = sentences.map(numberText).join(' . ');
  const src: LedgerSource = { kind: 'message', turn, quote: quote.slice(0, 200) };
  const adding = /\b(add|also|too|as well|plus|extra)\b/.test(text);
  // "swap Tuesday's dinner" names a meal of the plan; it does not change which meals or days the plan has.
  const swapping = /\b(swap|replace|switch|change|instead of)\b/.test(text) && !/\b(plan|make it|for \d+)\b/.test(text);
  // A meal named in passing ("is the lamb dinner spicy") says nothing about the plan; said with a count, a time frame,
  // a plan word or a request it does ("5 dinners", "dinners for the week", "just dinners", "breakfast ideas").
  const planTalk =
    /\b(plan|menu|meal prep|prep|meals? for|for the week|weeks?|days?|nights?|weekend|weekdays?|weeknights?|tonight|tomorrow|fortnight|only|just|add|also|make it|instead|ideas?|options|need|want|please|pls|for|split|share|cook|cooking|actually|sorry|rather|too|drop|skip)\b|\bx\s*\d+\b|\d+\s+(?:[a-z]+\s+){0,2}(?:breakfasts?|lunch(?:es)?|dinners?|teas)|\b(?:mon|tues?|wed|thu|fri|sat|sun)[a-z]*\b/.test(text);

  // Meal slots.
  let meals: MealType[] = [];
  if (/\b3 meals\b|\ball (?:the )?meals\b|\bthree meals\b|\bbreakfast,? lunch,? and dinner\b|\bbreakfast,? lunch,? dinner\b|\bfull days?\b/.test(text)) meals = ['breakfast', 'lunch', 'dinner'];
  for (const [re, slot] of SLOT_RE) if (re.test(text) && !meals.includes(slot)) meals.push(slot);
  // "sorry not lunches, dinners": a slot said with "not" is taken out.
  meals = meals.filter((slot) => !new RegExp(`\\bnot (?:the )?${slot === 'dinner' ? '(?:dinners?|suppers?)' : slot === 'lunch' ? 'lunch(?:es)?' : `${slot}s?`}\\b`).test(text));
  // "drop breakfast", "dinners I'll wing", "we're out for lunch": a meal taken out.
  const dropped = (slot: MealType) => {
    const word = slot === 'dinner' ? '(?:dinners?|suppers?)' : slot === 'lunch' ? 'lunch(?:es)?' : `${slot}s?`;
    return new RegExp(`\\b(?:drop|skip|no|without|not|remove|forget)\\s+(?:the\\s+)?${word}\\b|\\b${word}\\s+(?:i'll|we'll)\\s+(?:wing|sort|handle|manage)\\b|\\bout for\\s+${word}\\b|\\b${word}\\s+(?:is|are)\\s+sorted\\b`).test(text);
  };
  const droppedAny = SLOT_ORDER.filter(dropped);
  meals = meals.filter((slot) => !droppedAny.includes(slot));
  if (swapping || !planTalk) meals = [];
  if (meals.length === 0 && droppedAny.length > 0) {
    const previous = scalarOf(before ?? { entries: [], lifted: [] }, 'meals')?.meals;
    if (previous) {
      const kept = previous.filter((m) => !droppedAny.includes(m));
      if (kept.length > 0 && kept.length < previous.length) adds.push(entry({ field: 'meals', meals: kept, source: src }));
    }
  }
  if (meals.length > 0) {
    const previous = scalarOf(before ?? { entries: [], lifted: [] }, 'meals')?.meals ?? [];
    const merged = adding && previous.length > 0 ? [...new Set([...previous, ...meals])] : meals;
    adds.push(entry({ field: 'meals', meals: SLOT_ORDER.filter((m) => merged.includes(m)), source: src }));
  }

  // Days.
  const days = swapping ? undefined : readDays(text, before, adding);
  if (days !== undefined) adds.push(entry({ field: 'days', days, source: src }));

  // Time.
  const total = TOTAL_TIME.exec(text);
  const totalMinutes = total ? minutesIn(total[1] ?? total[2] ?? total[3] ?? '') : undefined;
  if (totalMinutes !== undefined && totalMinutes >= 10) adds.push(entry({ field: 'totalMinutes', minutes: totalMinutes, source: src }));
  const perMealText = total ? text.replace(total[0], ' ') : text;
  const perMeal =
    PER_MEAL_TIME.reduce<RegExpExecArray | null>((found, re) => found ?? re.exec(perMealText), null);
  const perMealMinutes = perMeal ? minutesIn(perMeal[1]!.includes('minute') || perMeal[1]!.includes('hour') || perMeal[1]!.includes('min') ? perMeal[1]! : `${perMeal[1]} minutes`) : undefined;
  if (perMealMinutes !== undefined && perMealMinutes >= 5 && perMealMinutes <= 600) adds.push(entry({ field: 'maxMinutesPerMeal', minutes: perMealMinutes, source: src }));
  else if (/\b(quick|fast|speedy|super quick)\s+(?:[a-z]+\s+){0,2}?(?:meals?|dinners?|lunch(?:es)?|breakfasts?|snacks?|recipes?|food|ones)\b|\bsomething (?:quick|fast)\b|\b(?:meals?|dinners?|lunch(?:es)?|breakfasts?) (?:that are |that's |which are )?(?:quick|fast)\b/.test(text) && totalMinutes === undefined && !scalarOf(before ?? { entries: [], lifted: [] }, 'maxMinutesPerMeal')) {
    adds.push(entry({ field: 'maxMinutesPerMeal', minutes: 30, source: src }));
  }

  // Targets.
  const targets = readTargets(text);
  // "actually make it 1800": a new energy target, per day or per meal as the one before.
  const previousKcal = (before?.entries ?? []).find((e) => e.field === 'target' && e.nutrient === 'kcal');
  const newKcal = /\bmake (?:it|that) (\d{3,5})\b/.exec(text);
  if (newKcal && previousKcal?.field === 'target' && !targets.some((t) => t.nutrient === 'kcal')) targets.push({ nutrient: 'kcal', amount: Number(newKcal[1]), per: previousKcal.per });
  // "high-protein" with no figure asks for more protein than usual: 100 g a day per person, a soft target.
  if (/\bhigh[- ]protein\b/.test(text) && !targets.some((t) => t.nutrient === 'proteinG')) targets.push({ nutrient: 'proteinG', amount: 100, per: 'day' });
  for (const t of targets) adds.push(entry({ field: 'target', ...t, source: src }));

  // Units.
  if (/\b(us units|us measurements?|us measures|american (?:units|measurements?)|cups?|ounces|oz|pounds|lbs?|imperial)\b/.test(text) && !/\bmetric\b/.test(text)) adds.push(entry({ field: 'units', units: 'us', source: src }));
  else if (/\b(metric|grams|in grams|kilos?|kilograms|millilitres|milliliters)\b/.test(text)) adds.push(entry({ field: 'units', units: 'metric', source: src }));

  return { adds, lifts: [] };
}

function readDays(text: string, before: ConstraintLedger | undefined, adding: boolean): number | undefined {
  const clamp = (n: number) => Math.min(14, Math.max(1, n));
  const found: Array<{ at: number; days: number }> = [];
  const see = (at: number, days: number) => found.push({ at, days: clamp(days) });
  const previous = scalarOf(before ?? { entries: [], lifted: [] }, 'days')?.days;

  for (const m of text.matchAll(/\b(\d+)\s*(?:days?|day plan)\b/g)) see(m.index!, Number(m[1]));
  for (const m of text.matchAll(/\b(\d+)\s*(?:nights?|evenings?)\b/g)) {
    // "lamb one night", "at least one fish night": one of the nights, not a one-day plan.
    if (m[1] === '1' && !/\b(?:for|just|only|plan|a|over|the)\s*$/.test(text.slice(0, m.index!))) continue;
    see(m.index!, Number(m[1]));
  }
  for (const m of text.matchAll(/\b(\d+)\s*(?:weeks?|wks?)\b/g)) see(m.index!, 7 * Number(m[1]));
  for (const m of text.matchAll(/\b(?:a|one|the|this|next|whole|full|for a|entire|the whole)\s+(?:(?:low carb|keto|vegan|veggie|vegetarian|meat free|healthy|clean|paleo|halal|kosher|plant based|low fodmap)\s+)?weeks?\b(?!end)|\bweekly\b|\bweek's\b|\ba weeks\b|\bfor the week\b|\bweek of\b/g)) {
    // "CSA box this week" is when the box came, not how long the plan is; "twice a week" is how often.
    if (/\b(?:this|next) week\b/.test(m[0]) && !/\b(plan|dinners?|lunch(?:es)?|breakfasts?|meals?|menu|cook(?:ing)?|snacks?|eat|eating)\b/.test(text)) continue;
    if (/\b(?:once|twice|\d+ times|a couple of times|a few times|times)\s+$/.test(text.slice(0, m.index!))) continue;
    if (/\b(box|csa|work is|mad|busy|crazy)\b[^.]{0,20}$/.test(text.slice(0, m.index!))) continue;
    see(m.index!, 7);
  }
  for (const m of text.matchAll(/\bfortnight\b/g)) see(m.index!, 14);
  for (const m of text.matchAll(/\bweekdays?\b|\bweeknights?\b|\bwork ?week\b|\bworking week\b|\bschool week\b|\bschool days\b|\bschool nights\b/g)) see(m.index!, 5);
  for (const m of text.matchAll(/\bweekend\b/g)) {
    // "every other weekend" is how often, not how long.
    if (/\b(?:every|each|other)\s+$/.test(text.slice(0, m.index!))) continue;
    see(m.index!, 2);
  }
  for (const m of text.matchAll(DAY_SPAN)) {
    const a = dayIndex(m[1]!);
    const b = dayIndex(m[2]!);
    if (a !== undefined && b !== undefined) see(m.index!, b >= a ? b - a + 1 : b + 7 - a + 1);
  }
  for (const m of text.matchAll(/\bsaturday and sunday\b|\bsat and sun\b/g)) see(m.index!, 2);
  // "tues wed thurs", "monday, wednesday and friday": a list of days is that many days.
  const listed = text.match(DAY_WORDS) ?? [];
  const distinct = new Set(listed.map((w) => dayIndex(w)));
  if (distinct.size >= 2 && !DAY_RANGE.test(text) && !/\b(?:eat out|eating out|out on|away|swimming|practice|club|lessons?|training)\b/.test(text)) {
    see(text.search(DAY_WORDS), distinct.size);
  }
  // "5 dinners", "3 vegetarian lunches", "4 easy dinners": a count of one slot is that many days.
  for (const m of text.matchAll(/\b(\d+)\s+(?:(?!(?:for|of|on|per|calories|kcal|g|grams?|people|minutes?|pot|pan|tray|dish|bowl|sheet)\b)[a-z-]+\s+){0,2}?(?:dinners?|lunch(?:es)?|breakfasts?|suppers?|teas)\b(?!\s+(?:a|per|each) day)/g)) {
    if (adding && previous !== undefined) continue;
    if (/\b(?:\d+)\s+(?:days?|people|of us)\b/.test(m[0])) continue;
    see(m.index!, Number(m[1]));
  }
  // "make it 5, we eat out fri and sat": the number of days, when days are what the talk is about.
  const makeIt = /\bmake (?:it|that) (\d+)\b(?!\s*(?:people|of us|adults|kids|servings|portions|kcal|calories))/.exec(text) ?? (previous !== undefined ? /\bonly (\d+)\b(?!\s*(?:people|of us|adults|kids))/.exec(text) : null);
  const aboutPeople = /\bpeople\b|\bof us\b|\bfor \d+\b|\b(?:staying|joining|coming|visiting|moving in|guests?|brother|sister|mum|mom|dad|kids?|son|daughter|friends?|partner|wife|husband)\b/.test(text);
  if (makeIt && Number(makeIt[1]) <= 14 && (previous !== undefined || /\b(?:eat out|eating out|days?|nights?|dinners?|lunch(?:es)?)\b/.test(text)) && !aboutPeople) see(makeIt.index, Number(makeIt[1]));
  // "gluten free dinners x5".
  for (const m of text.matchAll(/\b(?:dinners?|lunch(?:es)?|breakfasts?|meals?)\s*x\s*(\d+)\b/g)) see(m.index!, Number(m[1]));
  if (found.length > 0) return found.sort((x, y) => x.at - y.at).at(-1)!.days;
  const addDay = ADD_DAY.exec(text);
  if (addDay && previous !== undefined) return clamp(previous + 1);
  if (/\btonight and tomorrow\b|\btoday and tomorrow\b/.test(text)) return 2;
  if (/\b(tonight|tomorrow|that day|one day|a day's|for the day)\b/.test(text) && !/\bper day\b|\ba day\b/.test(text.replace(/\bone day\b/, ''))) return 1;
  // "on saturday" is one day; "on sundays", "every sunday" is a habit.
  if (ONE_DAY.test(text)) return 1;
  return undefined;
}

function readTargets(text: string): Array<{ nutrient: TargetNutrient; amount: number; per: 'day' | 'meal' }> {
  const out: Array<{ nutrient: TargetNutrient; amount: number; per: 'day' | 'meal' }> = [];
  const perOf = (tail: string): 'day' | 'meal' =>
    /^\s*(?:each )?(?:per|a|an|each|\/)\s*(?:meal|dinner|lunch|breakfast|serving|portion|plate)\b|^\s*each\b(?!\s*(?:per|a|\/)\s*day)(?!\s*(?:per|a|\/)?\s*daily)|^\s*(?:dinners?|lunch(?:es)?|breakfasts?|meals?)\b/.test(tail) ? 'meal' : 'day';
  for (const m of text.matchAll(/\b(\d{3,5})\s*(?:kcal|calories|cals?|cal)\b(.{0,24})/g)) {
    const amount = Number(m[1]);
    if (amount >= 100 && amount <= 10_000) out.push({ nutrient: 'kcal', amount, per: perOf(m[2]!) });
  }
  for (const m of text.matchAll(/\b(\d{1,3})\s*g(?:rams?)?\s+(?:of\s+)?protein\b(.{0,24})/g)) out.push({ nutrient: 'proteinG', amount: Number(m[1]), per: perOf(m[2]!) });
  for (const m of text.matchAll(/\b(\d{1,3})\s*g(?:rams?)?\s+(?:of\s+)?(?:net\s+)?carbs?\b(.{0,24})/g)) out.push({ nutrient: 'carbsG', amount: Number(m[1]), per: perOf(m[2]!) });
  for (const m of text.matchAll(/\bcarbs?\s+(?:under|below|to|at|less than|max|maximum|at most)\s+(\d{1,3})\s*g(?:rams?)?\b(.{0,24})/g)) out.push({ nutrient: 'carbsG', amount: Number(m[1]), per: perOf(m[2]!) });
  const seen = new Set<string>();
  return out.filter((t) => (seen.has(`${t.nutrient}:${t.per}`) ? false : (seen.add(`${t.nutrient}:${t.per}`), true)));
}
