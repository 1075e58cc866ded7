/**
 * Built-in planner mode's brain: a pure, deterministic stand-in for a language model. It reads what the latest turn
 * asks for (kitchen-conversation-state.ts), looks at the conversation's current plan (the stored document the client
 * sent, `context.plan`), and acts like a model would: first it asks for the kitchen tools it needs — a new plan, or a
 * structured change to the current one — then, once their results are in the history, it writes a short answer from
 * them (the plan itself is shown by the client from the `plan` event). Plans therefore reach the client through the
 * same tools, safety gate and SSE events as with a real model.
 */
import type { BaseMessage } from '@langchain/core/messages';
import { dietAllows, dietOfAnimalProducts, findIngredientIds, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { dayLabel, exclusionLabel, perPersonPerDay, PLAN_LIMITS, type HardBlock, type WishBlocker } from '@chef-chopsky/kitchen/planner';
import { PATTERN_LABEL, type Allergen, type Ingredient, type MealType } from '@chef-chopsky/kitchen/types';
import { wishDietOf, wishIngredientIds } from '@chef-chopsky/kitchen/wish';
import { countOf } from '@chef-chopsky/kitchen/units';
import { patternEffect } from '@chef-chopsky/kitchen/exclusions';
import { appliedLine, entryLabel, foodLimitsLine, noteLines } from '@chef-chopsky/kitchen/ledger/format';
import { entriesOf, scalarOf } from '@chef-chopsky/kitchen/ledger/merge';
import { EMPTY_LEDGER, type ConstraintLedger, type TurnReading } from '@chef-chopsky/kitchen/ledger/types';
import { lowLactoseDairy } from '@chef-chopsky/kitchen/exclusions';
import { readMessage } from '@chef-chopsky/kitchen/ledger/extract';
import { planMatchesLedger } from '@chef-chopsky/kitchen/plan-actions';
import { parseTurn, type Nutrient, type ParsedTurn } from './kitchen-conversation-state';
import type { PlanChange } from '@chef-chopsky/contract/plan-actions';
import type { PlanSummary } from './kitchen-tools';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import type { BrainContext, BrainReply, BrainToolCall, OfflineBrain } from './types';

type Turn = { role: 'user' | 'assistant'; content: string };

interface ToolResult {
  name: string;
  ok: boolean;
  data: unknown;
  text: string;
}

function messageType(message: BaseMessage): string {
  return (message as { type?: string }).type ?? '';
}

/** Splits the history into the chat turns so far and the tool results of the reply being written. */
function readHistory(messages: BaseMessage[]): { turns: Turn[]; results: ToolResult[] } {
  let lastHuman = -1;
  messages.forEach((m, i) => {
    if (messageType(m) === 'human') lastHuman = i;
  });
  const turns: Turn[] = [];
  for (const m of messages.slice(0, lastHuman + 1)) {
    const type = messageType(m);
    if (type === 'human') turns.push({ role: 'user', content: m.text });
    else if (type === 'ai') turns.push({ role: 'assistant', content: m.text });
  }
  const names = new Map<string, string>();
  const results: ToolResult[] = [];
  for (const m of messages.slice(lastHuman + 1)) {
    const type = messageType(m);
    if (type === 'ai') for (const call of (m as { tool_calls?: Array<{ id?: string; name: string }> }).tool_calls ?? []) names.set(call.id ?? '', call.name);
    if (type === 'tool') {
      const toolMessage = m as BaseMessage & { tool_call_id: string; name?: string; status?: string };
      const name = toolMessage.name ?? names.get(toolMessage.tool_call_id) ?? 'unknown';
      let data: unknown;
      try {
        data = JSON.parse(m.text);
      } catch {
        data = null;
      }
      results.push({ name, ok: toolMessage.status !== 'error' && data !== null, data, text: m.text });
    }
  }
  return { turns, results };
}

const num = (n: number) => Math.round(n).toLocaleString('en-US');

function call(name: string, args: Record<string, unknown>, index: number): BrainToolCall {
  return { id: `call_${name}_${index}`, name, args };
}

/** What the latest turn asks for, and what it said about the household (its reading against the ledger). */
interface LatestTurn {
  asks: ParsedTurn;
  reading: TurnReading;
}

/** Fields a plan is made from: a turn that names one only tells the chef something ("we're vegan now"). */
const PLAN_FIELDS = new Set(['people', 'allergen', 'diet', 'pattern', 'exclude', 'dislike', 'want', 'useUp', 'meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'target']);

/** The question for a swap whose day or meal neither the words nor the plan settle. */
function whichMeal(day: number | null, plan: MealPlan): string {
  if (day === null) return 'Which meal should I swap? Say the day and the meal, for example _"swap Tuesday\'s dinner"_ or _"swap day 2 lunch"_.';
  const name = plan.days.find((d) => d.day === day)?.label ?? dayLabel(day, 'monday');
  const slots = plan.days.find((d) => d.day === day)?.meals.map((m) => m.slot) ?? plan.meals;
  return `Which meal on ${name} should I swap: ${listOf(slots, 'or')}? For example _"swap ${name}'s ${slots.at(-1)}"_.`;
}

/** Which tools to call for the latest turn, or a direct answer when no tool is needed. */
function decide(latest: LatestTurn, available: ReadonlySet<string>, context: BrainContext): BrainReply {
  const t = latest.asks;
  const calls: BrainToolCall[] = [];
  const has = (name: string) => available.has(name);
  const ledgerUnits = scalarOf(context.ledger, 'units');
  const units = ledgerUnits ? { units: ledgerUnits.units } : {};
  const current = context.plan;
  const told = latest.reading.lifts.length > 0 || latest.reading.adds.some((e) => PLAN_FIELDS.has(e.field));
  // This turn changed what the plan is made from, and the plan does not follow it yet (a client that keeps the ledger
  // brings its plan up to date itself; one that sends only the plan gets it done here).
  const outdated = told && current !== null && !planMatchesLedger(current.state, context.ledger);

  if (t.swap) {
    if (!current) return { text: 'There is no plan to change yet. Ask me to plan some meals first, for example: _"Plan 5 dinners for 4, no nuts"_.' };
    // parseTurn had the plan's shape: "swap Wednesday" on a plan with one meal that day is that meal.
    const { slot } = t.swap;
    if (t.swap.day === null || slot === null) return { text: whichMeal(t.swap.day, current.plan) };
    const swapping = has('change_plan');
    if (swapping) calls.push(call('change_plan', { change: { kind: 'swap', day: t.swap.day, slot, ...(t.swapWanted.length > 0 ? { wanted: t.swapWanted } : {}) } }, calls.length));
    // The swapped recipe changes what to buy, so the list comes along updated.
    if ((t.grocery || swapping) && has('grocery_list')) calls.push(call('grocery_list', { ...units }, calls.length));
  } else if (t.rescale) {
    if (!current) return { text: 'There is no plan to scale yet. Ask me to plan some meals first, for example: _"Plan 5 dinners for 4"_.' };
    const servings = 'servings' in t.rescale ? t.rescale.servings : Math.min(PLAN_LIMITS.maxServings, Math.max(1, Math.round(current.plan.servings * t.rescale.factor)));
    // The web app may have brought the plan up to the new number of people already (it read "for 6" into the ledger
    // and made that version before calling): then there is nothing to change.
    if (servings === current.plan.servings && planMatchesLedger(current.state, context.ledger)) return { text: `Your plan serves ${servings} now: the same meals, with the quantities and the grocery list for ${servings}.` };
    // The same meals for more or fewer people (swaps and locks kept), and the list for them.
    if (has('change_plan')) calls.push(call('change_plan', { change: { kind: 'servings', servings } }, calls.length));
    if (has('grocery_list')) calls.push(call('grocery_list', { ...units }, calls.length));
  } else if (t.pantry && !t.newPlan) {
    if (!current) return { text: `Noted: you have ${listOf(t.pantry, 'and')}. Once we have a plan I will leave ${t.pantry.length === 1 ? 'it' : 'them'} off its grocery list; ask me to _"plan 5 dinners"_ whenever you are ready.` };
    // A note on this plan, not a re-plan around it: the list is shown without it.
    if (has('grocery_list')) calls.push(call('grocery_list', { ...units, have: t.pantry }, calls.length));
  } else if (t.whatCanIMake) {
    if (t.whatCanIMake.length === 0) return { text: 'Tell me what you have, for example _"What can I make with chickpeas, spinach and rice?"_' };
    if (has('search_recipes')) calls.push(call('search_recipes', { ingredients: t.whatCanIMake }, 0));
  } else if (t.substitute) {
    if (has('substitutes')) calls.push(call('substitutes', { ingredient: t.substitute }, 0));
  } else if (t.newPlan) {
    if (has('plan_meals')) calls.push(call('plan_meals', t.batchCooking !== undefined ? { batchCooking: t.batchCooking } : {}, 0));
    // A new plan brings its grocery list along: the cook shops from the plan they were just shown.
    if (has('grocery_list')) calls.push(call('grocery_list', { ...units }, calls.length));
  } else if (current && (t.grocery || t.nutrition || outdated || t.batchCooking !== undefined)) {
    if (outdated && has('change_plan')) calls.push(call('change_plan', { change: { kind: 'ledger' } }, calls.length));
    if (t.grocery && has('grocery_list')) calls.push(call('grocery_list', { ...units }, calls.length));
    if (t.nutrition && has('nutrition')) calls.push(call('nutrition', {}, calls.length));
    if (t.batchCooking !== undefined && !outdated && !t.grocery && !t.nutrition && has('plan_meals')) calls.push(call('plan_meals', { batchCooking: t.batchCooking }, calls.length));
  } else if (t.grocery || t.nutrition) {
    return { text: 'I need a meal plan before I can do that. Ask me to plan some meals first, for example: _"Plan a week of dinners for 4, dairy free"_.' };
  } else if (t.search) {
    if (has('search_recipes')) calls.push(call('search_recipes', { query: t.search }, 0));
  } else if (told) {
    return { text: noted(latest.reading, context) };
  }
  if (calls.length > 0) return { toolCalls: calls };
  return { text: HELP };
}

/** "a", "a or b", "a, b or c": one "no" in front of the whole list, so no item reads as wanted ("no milk, peanuts"). */
function listOf(items: readonly string[], conjunction: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

const allergenWords = (allergens: readonly string[]) => allergens.map((a) => a.replace('_', ' '));

/** A constraint a plan could not keep, as the chat says it (the reason is written for the cook). */
const unmetLine = (u: { reason: string; relax: string }) => `- ❌ ${u.reason} _To fix: ${u.relax}._`;

/**
 * The answer to a turn that only tells the chef something ("we're vegan", "my son is allergic to peanuts"): what it now
 * holds, what it dropped, what it could not check, and how to go on.
 */
function noted(reading: TurnReading, context: BrainContext): string {
  const held = new Set(context.ledger.entries.map((e) => e.id));
  // A chip's "For 3" reads "for 3 people" in a sentence.
  const added = reading.adds
    .filter((e) => held.has(e.id) && e.field !== 'member')
    .map((e) => (e.field === 'people' ? `For ${e.count} ${e.count === 1 ? 'person' : 'people'}` : entryLabel(e)));
  const lifted = reading.lifts.filter((id) => !held.has(id) && context.ledger.lifted.some((l) => l.id === id));
  const parts: string[] = [];
  if (added.length) parts.push(`Noted: ${listOf(added.map((a) => a[0]!.toLowerCase() + a.slice(1)), 'and')}.`);
  if (lifted.length) parts.push(`I have taken ${lifted.length === 1 ? 'that' : 'those'} off the list.`);
  parts.push(...noteLines({ entries: [...context.unsure], lifted: [] }, context.notes));
  if (!context.plan) {
    parts.push('I will use that when I plan; ask me to _"plan 5 dinners"_ or _"plan the week"_ whenever you are ready.');
    return parts.join(' ');
  }
  // The plan was remade for this (by the web app, or the change_plan this turn did not need): what it could not keep is
  // said here too, not only on the plan ("use up kale" may cost the two-hour limit).
  const { unmet } = context.plan.plan;
  const said = [...parts, unmet.length === 0 ? 'Your plan follows it now.' : 'Your plan follows it now, except:'].join(' ');
  return unmet.length === 0 ? said : [said, '', ...unmet.map(unmetLine)].join('\n');
}

const HELP = [
  "I'm Chef Chopsky, running in built-in planner mode: without a language model, so I understand the common requests below and compute every answer from the kitchen's recipe and nutrition data. I can:",
  '',
  '- **Plan meals**: _"Plan 5 dinners for 4 people, vegetarian, no nuts, under 30 minutes"_',
  '- **Use what you have**: _"I have kale and tomatoes, plan 3 days"_ or _"What can I make with chickpeas and spinach?"_',
  '- **Change one meal**: _"Swap Tuesday\'s dinner"_',
  '- **Shop**: _"Grocery list"_ (add _"in US units"_ for cups and ounces)',
  '- **Check nutrition**: _"How much protein is in the plan?"_',
  '- **Substitute**: _"What can I use instead of butter?"_',
].join('\n');

function planIntro(plan: PlanSummary): string {
  const facts: string[] = [`${plan.servings} ${plan.servings === 1 ? 'person' : 'people'}`];
  if (plan.diet !== 'omnivore') facts.push(plan.diet);
  if (plan.allergensExcluded.length) facts.push(`no ${listOf(allergenWords(plan.allergensExcluded), 'or')}`);
  if (plan.exclude.length) facts.push(`no ${listOf(plan.exclude.map((e) => e.replace('-', ' ')), 'or')}`);
  if (plan.dislikes.length) facts.push(`without ${listOf(plan.dislikes, 'or')}`);
  if (plan.useUp.used.length) facts.push(`using up ${listOf(plan.useUp.used, 'and')}`);
  const mealCount = plan.days.reduce((n, d) => n + d.meals.length, 0);
  return `Here is your ${plan.days.length}-day plan (${countOf(mealCount, 'meal')}) for ${facts.join(', ')}, built from real recipes with nutrition from USDA data.`;
}

const ALLERGEN_SAYING: Record<Allergen, [string, 'is' | 'are']> = {
  milk: ['Milk', 'is'], egg: ['Eggs', 'are'], fish: ['Fish', 'is'], shellfish: ['Shellfish', 'is'], tree_nuts: ['Tree nuts', 'are'],
  peanuts: ['Peanuts', 'are'], wheat: ['Wheat', 'is'], soy: ['Soy', 'is'], sesame: ['Sesame', 'is'], gluten: ['Gluten', 'is'],
  molluscs: ['Molluscs', 'are'], mustard: ['Mustard', 'is'], celery: ['Celery', 'is'], lupin: ['Lupin', 'is'], sulphites: ['Sulphites', 'are'],
};

/**
 * Says why an ingredient the cook asked for is not in the plan: the diet, an allergy or a dislike rules it out
 * ("Peanuts are on your allergy list, so there is no peanut butter in this plan."), no recipe for the plan's meals has
 * it, or the plan had no room for it. A word stands for every ingredient it names as the planner reads it ("noodles":
 * egg, rice and wheat noodles); it is ruled out only when all of them are, and the allergen named is one they all carry.
 * With `swapped`, the phrases are those one swapped meal was asked to have, and the notes speak of that meal.
 */
function wantedNotes(catalog: Catalog, plan: PlanSummary, ledger: ConstraintLedger, swapped?: { slot: MealType; missing: readonly string[] }): string[] {
  const saidInChat = (id: string) => ledger.entries.find((e) => e.id === id)?.source.kind === 'message';
  const byAllergen = new Map<Allergen, string[]>();
  const byDiet: string[] = [];
  const byDislike = new Map<string, string[]>();
  const noRecipe: string[] = [];
  const noRoom: string[] = [];
  const where = swapped ? `the new ${swapped.slot}` : 'this plan';
  for (const phrase of swapped ? swapped.missing : plan.wanted.unused) {
    if (!swapped && !plan.wanted.unavailable.includes(phrase)) {
      noRoom.push(phrase);
      continue;
    }
    const named = wishIngredientIds(catalog, phrase).map((id) => catalog.ingredientById.get(id)).filter((i): i is Ingredient => i !== undefined);
    if (named.length === 0) {
      noRecipe.push(phrase);
      continue;
    }
    const allergen = plan.allergensExcluded.find((a) => named.every((i) => i.allergens.includes(a)));
    if (allergen) {
      byAllergen.set(allergen, [...(byAllergen.get(allergen) ?? []), phrase]);
      continue;
    }
    if (named.every((i) => !dietAllows(plan.diet, dietOfAnimalProducts(i.animal)))) {
      byDiet.push(phrase);
      continue;
    }
    const dislike = plan.dislikes.find((d) => {
      const family = new Set(findIngredientIds(catalog, d, 'family'));
      return named.every((i) => family.has(i.id));
    });
    if (dislike) byDislike.set(dislike, [...(byDislike.get(dislike) ?? []), phrase]);
    else noRecipe.push(phrase);
  }
  const notes: string[] = [];
  for (const [allergen, phrases] of byAllergen) {
    const [word, verb] = ALLERGEN_SAYING[allergen];
    const why = saidInChat(`allergen:${allergen}`) ? `You asked for no ${word.toLowerCase()}` : `${word} ${verb} on your allergy list`;
    notes.push(`${why}, so there is no ${listOf(phrases, 'or')} in ${where}.`);
  }
  if (byDiet.length) {
    const why = saidInChat('diet') ? `You asked for ${plan.diet} meals` : `Your profile says ${plan.diet}`;
    notes.push(`${why}, so I left out ${listOf(byDiet, 'and')}.`);
  }
  for (const [dislike, phrases] of byDislike) {
    notes.push(`You would rather not have ${dislike}, so I left ${phrases.every((p) => p === dislike) ? 'it' : listOf(phrases, 'and')} out.`);
  }
  if (noRecipe.length && swapped) {
    // The meal swapped out is never its own replacement, so it may be the one recipe with it: hence "other".
    notes.push(`I found no other ${swapped.slot} recipe with ${listOf(noRecipe, 'or')} that fits this plan, so ${noRecipe.length === 1 ? 'it is' : 'they are'} not in ${where}.`);
  } else if (noRecipe.length) {
    notes.push(`I found no ${listOf(plan.meals, 'or')} recipe with ${listOf(noRecipe, 'or')} that fits this plan, so ${noRecipe.length === 1 ? 'it is' : 'they are'} not in it.`);
  }
  if (noRoom.length) notes.push(`There was no room for ${listOf(noRoom, 'or')} in this plan alongside everything else you asked for.`);
  return notes;
}

/** How the cook hears one hard constraint that keeps a wished food out of a meal. */
function blockSaid(block: HardBlock, plan: PlanSummary, ledger: ConstraintLedger, slot: MealType, term: string): string {
  const saidInChat = (id: string) => ledger.entries.find((e) => e.id === id)?.source.kind === 'message';
  switch (block.constraint) {
    case 'allergens':
      return listOf(
        block.allergens.map((a) => {
          const [word, verb] = ALLERGEN_SAYING[a];
          return saidInChat(`allergen:${a}`) ? `you asked for no ${word.toLowerCase()}` : `${word.toLowerCase()} ${verb} on your allergy list`;
        }),
        'and',
      );
    case 'diet':
      if (block.diet !== plan.diet) return `you asked for a ${block.diet} ${slot}`;
      return saidInChat('diet') ? `you asked for ${block.diet} meals` : `your profile says ${block.diet}`;
    case 'exclusions':
      return `you asked for no ${listOf(block.terms.map(exclusionLabel), 'or')}`;
    case 'patterns':
      return `the plan is ${listOf(block.patterns.map((p) => PATTERN_LABEL[p]), 'and')}`;
    case 'dislikes':
      return `you would rather not have ${listOf(block.terms, 'or')}`;
    case 'maxCarbsPerServing':
      return `every ${slot} with ${term} has more than ${block.grams} g of carbs a serving`;
    case 'maxMinutesPerMeal':
      return `every ${slot} with ${term} takes longer than your ${block.minutes} minutes`;
  }
}

/**
 * Why a swapped meal lacks what the cook wished for it, from the kitchen's reasons: the constraint every recipe with
 * it breaks ("Fish is on your allergy list, so there is no salmon in the new dinner."), no recipe for that meal having
 * it, or the only one being the meal swapped out. Nothing is said of a wish the meal met another way.
 */
function wishNotes(plan: PlanSummary, ledger: ConstraintLedger, slot: MealType, why: ReadonlyArray<{ term: string; blocker: WishBlocker }>): string[] {
  const notes: string[] = [];
  const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);
  for (const { term, blocker } of why) {
    const isDiet = wishDietOf(term) !== null;
    const without = isDiet ? `the new ${slot} is not ${term}` : `there is no ${term} in the new ${slot}`;
    if (blocker.kind === 'constraints') notes.push(`${capital(listOf(blocker.by.map((b) => blockSaid(b, plan, ledger, slot, term)), 'and'))}, so ${without}.`);
    else if (blocker.kind === 'no-recipe' && isDiet) notes.push(`I have no ${term} ${slot} recipe, so ${without}.`);
    else if (blocker.kind === 'no-recipe') notes.push(`I found no other ${slot} recipe with ${term} that fits this plan, so it is not in the new ${slot}.`);
    else if (blocker.kind === 'swapped-out') notes.push(`The only ${slot} with ${term} that fits this plan is the one you swapped out (${listOf(blocker.titles, 'and')}), so ${without}.`);
    else if (blocker.kind === 'unknown') notes.push(`I don't know "${term}" as an ingredient, so I could not look for it.`);
  }
  return notes;
}

/** Which meals have the ingredients the cook asked for: one line per ingredient, every meal with it in plan order. */
function askedFor(plan: PlanSummary): string | null {
  if (plan.wanted.used.length === 0) return null;
  const lines = plan.wanted.used.map((term) => {
    const meals = plan.days.flatMap((d) => d.meals.filter((m) => m.wanted?.includes(term)).map((m) => `${d.label}'s ${m.slot}${m.leftoverOf ? ' (leftovers)' : ''}`));
    return `- **${term[0]!.toUpperCase()}${term.slice(1)}**: ${listOf(meals, 'and')}`;
  });
  return ['**What you asked for**', ...lines].join('\n');
}

/** Only what did not work out: the plan itself, with every check, is on the cook's screen (the `plan` event). */
function planProblems(plan: PlanSummary): string[] {
  return [...plan.checks.filter((c) => !c.met).map((c) => `- ⚠️ **${c.label}**: ${c.detail}`), ...plan.unmet.map(unmetLine)];
}

/**
 * A plan's answer in the chat is short: what it is or what changed, what the cook asked for, the day's average, and
 * only the checks that were not met. The week view, the recipes and the grocery list are shown from the events.
 */
function renderPlan(plan: PlanSummary, intro: string): string {
  const a = plan.averagePerPersonPerDay;
  const wanted = askedFor(plan);
  const problems = planProblems(plan);
  return [
    intro,
    ...(wanted ? ['', wanted] : []),
    '',
    `On average ${num(a.kcal)} kcal and ${num(a.proteinG)} g protein ${perPersonPerDay(plan.meals)}; ${num(plan.totalMinutes)} min of cooking in all${untimedNote(plan)}.`,
    ...(problems.length ? ['', ...problems] : ['', 'Every constraint is met.']),
  ].join('\n');
}

interface GroceryResult {
  itemCount: number;
  units: string;
  sections: Array<{ section: string; items: string[] }>;
  fromPantry: string[];
  /** Lines of the cook's own recipes not matched to an ingredient: not on the list. */
  asWritten?: string[];
  /** What the cook said they have for this plan ("I already have rice"), in their words. */
  assumedPantry?: string[];
}

/** The cook's own lines the list could not hold, said in the reply (the list card shows only what it holds). */
function asWrittenLine(g: GroceryResult): string {
  const lines = g.asWritten ?? [];
  if (lines.length === 0) return '';
  return `Not on the list, from your own recipes (buy as the recipe says): ${lines.join('; ')}.`;
}

function renderGrocery(g: GroceryResult): string {
  const lines = [`**Grocery list** (${countOf(g.itemCount, 'item')}, ${g.units === 'us' ? 'US' : 'metric'} units)`, ''];
  for (const s of g.sections) {
    lines.push(`_${s.section}_`);
    for (const item of s.items) lines.push(`- [ ] ${item}`);
    lines.push('');
  }
  if (g.assumedPantry?.length) lines.push(`Not on the list, as you have ${listOf(g.assumedPantry, 'and')}.`);
  else if (g.fromPantry.length) lines.push(`Already in your pantry: ${g.fromPantry.join(', ')}.`);
  if (g.asWritten?.length) lines.push(asWrittenLine(g));
  return lines.join('\n').trim();
}

type Figures = { kcal: number; proteinG: number; carbsG: number; fatG: number; fibreG: number };

interface NutritionResult {
  perPersonPerDay?: Array<{ label: string } & Figures>;
  /** One serving of each meal; absent from results of before it existed. */
  perMeal?: Array<{ day: number; label: string; slot: MealType; title: string } & Figures>;
  averagePerPersonPerDay?: Figures;
  targets?: Array<{ label: string; met: boolean; detail: string }>;
  title?: string;
  perServing?: Figures;
}

const FIGURES: Array<[keyof Figures, (n: number) => string]> = [
  ['kcal', (n) => `${num(n)} kcal`],
  ['proteinG', (n) => `${num(n)} g protein`],
  ['carbsG', (n) => `${num(n)} g carbs`],
  ['fatG', (n) => `${num(n)} g fat`],
  ['fibreG', (n) => `${num(n)} g fibre`],
];

/** "**32 g protein** · 620 kcal · …": the nutrient asked about first, in bold. */
function figuresLine(f: Figures, asked?: Nutrient): string {
  const first = FIGURES.find(([k]) => k === asked);
  const rest = FIGURES.filter(([k]) => k !== asked).map(([k, say]) => say(f[k]));
  return first ? [`**${first[1](f[first[0]])}**`, ...rest].join(' · ') : rest.join(' · ');
}

/**
 * A question about one day or meal of the plan ("how much protein on Tuesday?", "calories in Wednesday's dinner"):
 * that day's or meal's figures per person; null when the question is about the whole plan.
 */
function nutritionOfPart(n: NutritionResult, about: NonNullable<ParsedTurn['nutritionAbout']>): string | null {
  if (about.day === undefined && about.slot === undefined) return null;
  const meals = (n.perMeal ?? []).filter((m) => (about.day === undefined || m.day === about.day) && (about.slot === undefined || m.slot === about.slot));
  const dayName = about.day !== undefined ? (n.perPersonPerDay?.[about.day - 1]?.label ?? dayLabel(about.day, 'monday')) : null;
  if (about.day !== undefined && about.slot === undefined) {
    const day = n.perPersonPerDay?.[about.day - 1];
    if (!day) return `This plan has no ${dayName}: it has ${countOf(n.perPersonPerDay?.length ?? 0, 'day')}.`;
    return `**${day.label}**, per person (one serving of each meal${meals.length ? `: ${listOf(meals.map((m) => m.title), 'and')}` : ''}): ${figuresLine(day, about.nutrient)}.`;
  }
  if (meals.length === 0) return `This plan has no ${about.slot}${dayName ? ` on ${dayName}` : ''}.`;
  if (about.day !== undefined) {
    const m = meals[0]!;
    return `**${m.label}'s ${m.slot}**, ${m.title}, per serving: ${figuresLine(m, about.nutrient)}.`;
  }
  return [`**The ${about.slot}s**, per serving:`, '', ...meals.map((m) => `- ${m.label}: ${m.title}: ${figuresLine(m, about.nutrient)}`)].join('\n');
}

function renderNutrition(n: NutritionResult, about?: ParsedTurn['nutritionAbout']): string {
  if (n.perServing && n.title) return `**${n.title}** per serving: ${num(n.perServing.kcal)} kcal · ${num(n.perServing.proteinG)} g protein · ${num(n.perServing.carbsG)} g carbs · ${num(n.perServing.fatG)} g fat.`;
  const part = about ? nutritionOfPart(n, about) : null;
  if (part) return part;
  const days = n.perPersonPerDay ?? [];
  const a = n.averagePerPersonPerDay!;
  const lines = [
    `**Protein and energy per person per day** (computed from the ingredients):`,
    '',
    '| Day | kcal | Protein | Carbs | Fat | Fibre |',
    '|---|---:|---:|---:|---:|---:|',
    ...days.map((d) => `| ${d.label} | ${num(d.kcal)} | ${num(d.proteinG)} g | ${num(d.carbsG)} g | ${num(d.fatG)} g | ${num(d.fibreG)} g |`),
    `| **Average** | **${num(a.kcal)}** | **${num(a.proteinG)} g** | ${num(a.carbsG)} g | ${num(a.fatG)} g | ${num(a.fibreG)} g |`,
  ];
  for (const t of n.targets ?? []) lines.push('', `${t.met ? '✅' : '⚠️'} ${t.label}: ${t.detail}`);
  return lines.join('\n');
}

interface SearchResult {
  mode: 'search' | 'what-can-i-make';
  ingredients?: string[];
  query?: string;
  results: Array<{ title: string; minutes: number; diet: string; uses?: string[]; notUsed?: string[]; missing?: string[]; perServing?: { kcal: number; proteinG: number } }>;
}

/**
 * "What can I make with …": each recipe with which of the named ingredients it uses (and which not) and what is
 * still to buy; said plainly when no recipe uses them all.
 */
function renderMakeable(s: SearchResult, ledger: ConstraintLedger): string {
  const named = s.ingredients ?? [];
  if (s.results.length === 0) return `I found no recipe with ${listOf(named, 'or')}${fitsLimits(ledger)}.`;
  const all = named.length === 2 ? 'both' : 'all';
  const best = s.results[0]!.uses?.length ?? named.length;
  const intro = best >= named.length ? `With ${listOf(named, 'and')} you can make:` : `No recipe uses ${all} of ${listOf(named, 'and')}; these use the most of them:`;
  return [
    intro,
    '',
    ...s.results.map((r, i) => {
      const uses = r.uses ?? named;
      const not = r.notUsed?.length ? ` (not ${listOf(r.notUsed, 'or')})` : '';
      const buy = r.missing?.length ? `still need ${listOf(r.missing.map((m) => m[0]!.toLowerCase() + m.slice(1)), 'and')}` : 'nothing else to buy';
      return `${i + 1}. **${r.title}** (${r.minutes} min): uses ${listOf(uses, 'and')}${not}; ${buy}.`;
    }),
  ].join('\n');
}

/** " that fits your limits (no onion · vegetarian)", or nothing when the cook set none: a search is held to them. */
function fitsLimits(ledger: ConstraintLedger): string {
  const limits = foodLimitsLine(ledger);
  return limits ? ` that fits your limits (${limits})` : '';
}

function renderSearch(s: SearchResult, ledger: ConstraintLedger): string {
  if (s.mode === 'what-can-i-make') return renderMakeable(s, ledger);
  if (s.results.length === 0) return `No recipe matches "${s.query}"${fitsLimits(ledger)}.`;
  return [`Recipes for "${s.query}":`, '', ...s.results.map((r, i) => `${i + 1}. **${r.title}** (${r.minutes} min, ${r.diet}${r.perServing ? `, ${num(r.perServing.kcal)} kcal and ${num(r.perServing.proteinG)} g protein per serving` : ''})`)].join('\n');
}

/** An example swap the cook can say, from a meal the plan they see has: "swap Tuesday's lunch" for a lunch plan. */
function swapExample(plan: PlanSummary | null): string {
  const day = plan?.days[1] ?? plan?.days[0];
  const meal = day?.meals.at(-1);
  return day && meal ? `swap ${day.label}'s ${meal.slot}` : "swap Tuesday's dinner";
}

/** Writes the answer from the tools' results. */
/**
 * What a plan reply says before the plan: the line of what it applied, what was applied on the safe side or could not
 * be checked, and what each regime can only approximate. Said once per reply.
 */
function understood(catalog: Catalog, context: BrainContext, servings: number): string[] {
  const lines: string[] = [];
  const applied = appliedLine(context.ledger, servings);
  if (applied) lines.push(`**${applied}**`);
  lines.push(...noteLines({ entries: [...context.unsure], lifted: [] }, context.notes));
  for (const p of entriesOf(context.ledger, 'pattern')) lines.push(patternEffect(catalog, p.pattern).caveat);
  if (entriesOf(context.ledger, 'exclude').some((e) => e.term === 'lactose')) {
    const kept = lowLactoseDairy(catalog).map((i) => i.name.toLowerCase());
    lines.push(`For lactose I left out milk, cream, yogurt and soft cheese, and kept ${listOf(kept, 'and')}, which have almost none; say "no dairy" to leave those out too.`);
  }
  return lines;
}

/** A plan the constraints leave empty is not a plan: say which constraint to relax. */
function noMealsAnswer(data: { applied?: string; unmet?: Array<{ reason: string; relax: string }> }): string {
  const lines = [`I couldn't plan any meals that fit${data.applied ? ` **${data.applied}**` : ' everything you asked for'}.`];
  for (const u of data.unmet ?? []) lines.push(`- ${u.reason} _To fix: ${u.relax}._`);
  lines.push('', 'Tell me which of these to relax and I will plan again.');
  return lines.join('\n');
}

type ChangeResult = PlanSummary & {
  action: PlanChange;
  swapped?: { label: string; slot: MealType; from: string; to: string | null; has?: string[]; missing?: string[]; why?: Array<{ term: string; blocker: WishBlocker }> };
};

/** What a change did, in one line. */
function changeLine(data: ChangeResult): string {
  const a = data.action;
  const replaced = /\((\d+) meals? replaced\)/.exec(data.change ?? '')?.[1];
  switch (a.kind) {
    case 'swap': {
      const s = data.swapped!;
      // "vegetarian as you asked", "with fish as you asked": a diet wished for the meal is said as what it is.
      const diets = (s.has ?? []).filter((w) => wishDietOf(w) !== null);
      const foods = (s.has ?? []).filter((w) => wishDietOf(w) === null);
      const wished = [...diets, ...(foods.length ? [`with ${listOf(foods, 'and')}`] : [])];
      const has = wished.length ? `, ${listOf(wished, 'and')} as you asked` : '';
      return s.to ? `Done: ${s.label}'s ${s.slot} is now **${s.to}** instead of ${s.from}${has}. Everything else stays as it was.` : `I could not find another ${s.slot} for ${s.label} that fits every constraint.`;
    }
    case 'lock':
      return a.locked ? `Locked ${data.days.find((d) => d.day === a.day)?.label ?? `day ${a.day}`}'s ${a.slot}: re-plans keep it.` : `Unlocked ${data.days.find((d) => d.day === a.day)?.label ?? `day ${a.day}`}'s ${a.slot}.`;
    case 'servings':
      return `Your plan now serves ${a.servings}: the same meals, with the quantities and the grocery list rescaled.`;
    case 'days':
      return `Your plan now has ${countOf(a.days, 'day')}; the meals you had stay.`;
    case 'meals':
      return `Your plan now has ${listOf(a.meals, 'and')} each day; the meals you had stay.`;
    case 'replan':
      return 'I re-planned the meals you had not kept; locked and swapped meals stay.';
    case 'ledger':
      return replaced ? `I updated your plan for your constraints: ${countOf(Number(replaced), 'meal')} replaced, the rest stay.` : 'Your plan follows your constraints now; every meal still fits, so none was replaced.';
    case 'pantry':
      return `Noted: you have ${listOf(a.have, 'and')}, so ${a.have.length === 1 ? 'it is' : 'they are'} off the grocery list.`;
  }
}

function compose(results: ToolResult[], catalog: Catalog, latest: LatestTurn | null, context: BrainContext): string {
  const groceryAskedFor = latest?.asks.grocery === true;
  const parts: string[] = [];
  let said = false;
  const header = (servings: number) => {
    if (said) return;
    said = true;
    const lines = understood(catalog, context, servings);
    if (lines.length) parts.push(lines.join('\n\n'));
  };
  let shown: PlanSummary | null = null;
  let groceryShown = false;
  let noMeals = false;
  for (const r of results) {
    if (!r.ok) {
      // A plan that could not be made already said why; the grocery list that came with it has nothing to add.
      if (noMeals) continue;
      parts.push(`I could not do that: ${r.text.replace(/^The tool failed: /, '').replace('call plan_meals first.', 'ask me to plan some meals first.')}`);
      continue;
    }
    if ((r.name === 'plan_meals' || r.name === 'change_plan') && (r.data as { noMeals?: boolean }).noMeals) {
      noMeals = true;
      parts.push(noMealsAnswer(r.data as { applied?: string; unmet?: Array<{ reason: string; relax: string }> }));
      continue;
    }
    if (r.name === 'plan_meals') {
      const plan = r.data as PlanSummary;
      header(plan.servings);
      shown = plan;
      const notes = wantedNotes(catalog, plan, context.ledger);
      if (notes.length) parts.push(notes.join(' '));
      parts.push(renderPlan(plan, planIntro(plan)));
    } else if (r.name === 'change_plan') {
      const data = r.data as ChangeResult;
      if (data.action.kind !== 'lock' && data.action.kind !== 'pantry') header(data.servings);
      shown = data;
      const s = data.swapped;
      const notes = !s?.to ? [] : s.why ? wishNotes(data, context.ledger, s.slot, s.why) : s.missing?.length ? wantedNotes(catalog, data, context.ledger, { slot: s.slot, missing: s.missing }) : [];
      if (notes.length) parts.push(notes.join(' '));
      parts.push(renderPlan(data, changeLine(data)));
    } else if (r.name === 'grocery_list') {
      const grocery = r.data as GroceryResult;
      const noted = !shown ? (latest?.asks.pantry ?? []) : [];
      if (noted.length) parts.push(`Noted: you have ${listOf(noted, 'and')}. Here is this plan's grocery list without ${noted.length === 1 ? 'it' : 'them'}.`);
      // Next to a plan the checklist carries the list; the text only says it is there.
      parts.push(
        shown && !groceryAskedFor
          ? [`Your grocery list for this plan is ready: ${countOf(grocery.itemCount, 'item')}, grouped by aisle, to tick off as you shop.`, asWrittenLine(grocery)].filter(Boolean).join(' ')
          : renderGrocery(grocery),
      );
      groceryShown = true;
    }
    else if (r.name === 'save_recipe') parts.push(renderSaved(r.data as SavedRecipeResult));
    else if (r.name === 'nutrition') parts.push(renderNutrition(r.data as NutritionResult, latest?.asks.nutritionAbout));
    else if (r.name === 'search_recipes') parts.push(renderSearch(r.data as SearchResult, context.ledger));
    else if (r.name === 'substitutes') {
      const s = r.data as { ingredient: string; role?: string | null; substitutes: Array<{ name: string; reason: string }> };
      // Nothing from another role stands in when the role has nothing safe: the cook is told so plainly.
      const fits = fitsLimits(context.ledger);
      const none = s.role
        ? `I know no other ${s.role}${fits}, so I have no ${fits ? 'safe ' : ''}substitute for ${s.ingredient.toLowerCase()}.`
        : `I have no ${fits ? 'safe ' : ''}substitute for ${s.ingredient.toLowerCase()}${fits}.`;
      const each = fits ? ['', `Each suggestion fits your limits (${foodLimitsLine(context.ledger)}).`] : [];
      parts.push(s.substitutes.length ? [`Instead of **${s.ingredient}**, try:`, '', ...s.substitutes.map((x) => `- **${x.name}**: ${x.reason}`), ...each].join('\n') : none);
    }
  }
  if (shown) {
    const swap = swapExample(shown);
    parts.push(groceryShown ? `Say _"${swap}"_ to change a meal.` : `Say _"${swap}"_ to change a meal, or ask for the _grocery list_.`);
  }
  return parts.join('\n\n');
}

interface SavedRecipeResult {
  saved: boolean;
  url: string;
  problem?: string | null;
  title?: string;
  lines?: number;
  unmatched?: Array<{ text: string; reason: string }>;
}

/** What saving a link's recipe gave the cook, and what its unmatched lines mean until they are resolved. */
function renderSaved(r: SavedRecipeResult): string {
  if (!r.saved) return `I could not save a recipe from that link: ${r.problem ?? 'the page could not be read.'}`;
  const unmatched = r.unmatched ?? [];
  const lines = [`Saved **${r.title}** to your [recipe box](/recipes): ${countOf(r.lines ?? 0, 'ingredient line')}, ${unmatched.length === 0 ? 'every one matched to an ingredient I know' : `${(r.lines ?? 0) - unmatched.length} matched`}.`];
  if (unmatched.length > 0) {
    lines.push('', `${unmatched.length === 1 ? 'This line needs' : 'These lines need'} a look:`, ...unmatched.map((u) => `- ${u.text} (${u.reason})`));
    lines.push('', 'Until you pick an ingredient for each (or mark what it is free of) in the recipe box, I keep this recipe out of plans for anyone with an allergy or a diet.');
  }
  lines.push('', 'I will plan with it from now on; ask me to _"plan 5 dinners"_.');
  return lines.join('\n');
}

/** "save this recipe: https://…": the first link of a message that asks to save, add or import one. */
export function linkToSave(text: string): string | null {
  if (!/\b(save|add|import|keep|bookmark)\b/i.test(text)) return null;
  return /https?:\/\/[^\s<>"'`]+/i.exec(text)?.[0].replace(/[.,;:!?)\]]+$/, '') ?? null;
}

/** The planner brain over a catalog. Pure: the same messages, tools and context always give the same reply. */
export function createKitchenBrain(catalog: Catalog): OfflineBrain {
  return (messages, tools, context = { ledger: EMPTY_LEDGER, notes: [], unsure: [], profile: {}, plan: null }) => {
    const { turns, results } = readHistory(messages);
    const text = turns.filter((t) => t.role === 'user').at(-1)?.content;
    // The current plan's shape settles what the words leave open ("swap Wednesday" on a dinners-only plan).
    const latest: LatestTurn | null = text === undefined ? null : { asks: parseTurn(catalog, text, context.plan?.plan), reading: readMessage({ catalog, turn: 0, before: context.ledger }, text) };
    if (results.length > 0) return { text: compose(results, catalog, latest, context) };
    if (!latest) return { text: HELP };
    const available = new Set(tools.map((t) => t.name));
    const link = linkToSave(turns.at(-1)?.role === 'user' ? turns.at(-1)!.content : '');
    if (link && available.has('save_recipe')) return { toolCalls: [call('save_recipe', { url: link }, 0)] };
    if (!available.has('plan_meals')) {
      return { text: 'Chef Chopsky is running in built-in planner mode, but the kitchen tools are not available for this reply.' };
    }
    return decide(latest, available, context);
  };
}

/** Said beside the plan's cooking time when some of the cook's own recipes give no time: the total leaves them out. */
function untimedNote(plan: { days: Array<{ meals: Array<{ recipeId: string; minutes: number | null }> }> }): string {
  const untimed = new Set(plan.days.flatMap((d) => d.meals.filter((m) => m.minutes === null).map((m) => m.recipeId))).size;
  return untimed === 0 ? '' : ` (not counting ${untimed === 1 ? 'your recipe' : `${untimed} of your recipes`} that ${untimed === 1 ? 'gives' : 'give'} no time)`;
}
