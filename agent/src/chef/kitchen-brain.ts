/**
 * Built-in planner mode's brain: a pure, deterministic stand-in for a language model. It reads the conversation,
 * rebuilds the current plan from it (kitchen-conversation-state.ts), and acts like a model would: first it asks for
 * the kitchen tools it needs, then, once their results are in the history, it writes the markdown answer from them.
 * Plans and grocery lists therefore reach the client through the same tools, safety gate and SSE events as with a
 * real model.
 */
import type { BaseMessage } from '@langchain/core/messages';
import { dietAllows, dietOfAnimalProducts, findIngredientIds, wantedIngredientIds, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { perPersonPerDay } from '@chef-chopsky/kitchen/planner';
import type { Allergen, Ingredient, MealType } from '@chef-chopsky/kitchen/types';
import { countOf } from '@chef-chopsky/kitchen/units';
import { patternEffect } from '@chef-chopsky/kitchen/exclusions';
import { appliedLine, entryLabel, noteLines } from '@chef-chopsky/kitchen/ledger/format';
import { entriesOf, scalarOf } from '@chef-chopsky/kitchen/ledger/merge';
import { EMPTY_LEDGER, type ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import { lowLactoseDairy } from '@chef-chopsky/kitchen/exclusions';
import { conversationState, type ConversationState } from './kitchen-conversation-state';
import { planRefMarker, type PlanRequest } from './kitchen-request';
import type { PlanSummary } from './kitchen-tools';
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

const SLOT_LABEL: Record<MealType, string> = { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack' };
const num = (n: number) => Math.round(n).toLocaleString('en-US');

function call(name: string, args: Record<string, unknown>, index: number): BrainToolCall {
  return { id: `call_${name}_${index}`, name, args };
}

function withoutLastSwap(request: PlanRequest): PlanRequest {
  const swaps = (request.swaps ?? []).slice(0, -1);
  const copy: PlanRequest = { ...request };
  if (swaps.length > 0) copy.swaps = swaps;
  else delete copy.swaps;
  return copy;
}

/** Which tools to call for the latest turn, or a direct answer when no tool is needed. */
function decide(state: ConversationState, available: ReadonlySet<string>, context: BrainContext): BrainReply {
  const t = state.last;
  if (!t) return { text: HELP };
  const calls: BrainToolCall[] = [];
  const has = (name: string) => available.has(name);
  const ledgerUnits = scalarOf(context.ledger, 'units');
  const units = ledgerUnits ? { units: ledgerUnits.units } : {};
  const changed = state.lastChanged;

  if (t.swap) {
    if (!state.request) return { text: 'There is no plan to change yet. Ask me to plan some meals first, for example: _"Plan 5 dinners for 4, no nuts"_.' };
    if (t.swap.day === null || t.swap.slot === null) return { text: 'Which meal should I swap? Say the day and the meal, for example _"swap Tuesday\'s dinner"_ or _"swap day 2 lunch"_.' };
    const swapping = has('swap_meal');
    const wanted = t.swapWanted.length > 0 ? { wanted: t.swapWanted } : {};
    if (swapping) calls.push(call('swap_meal', { request: withoutLastSwap(state.request), day: t.swap.day, slot: t.swap.slot, ...wanted }, calls.length));
    // The swapped recipe changes what to buy, so the list comes along updated.
    if ((t.grocery || swapping) && has('grocery_list')) calls.push(call('grocery_list', { request: state.request, ...units }, calls.length));
  } else if (t.whatCanIMake) {
    if (t.whatCanIMake.length === 0) return { text: 'Tell me what you have, for example _"What can I make with chickpeas, spinach and rice?"_' };
    if (has('search_recipes')) calls.push(call('search_recipes', { ingredients: t.whatCanIMake, maxMissing: 3 }, 0));
  } else if (t.substitute) {
    if (has('substitutes')) calls.push(call('substitutes', { ingredient: t.substitute }, 0));
  } else if (state.request && (t.newPlan || t.grocery || t.nutrition || changed)) {
    const planning = (t.newPlan || changed) && has('plan_meals');
    if (planning) calls.push(call('plan_meals', state.request as Record<string, unknown>, calls.length));
    // A new plan brings its grocery list along: the cook shops from the plan they were just shown.
    if ((t.grocery || planning) && has('grocery_list')) calls.push(call('grocery_list', { request: state.request, ...units }, calls.length));
    if (t.nutrition && has('nutrition')) calls.push(call('nutrition', { request: state.request }, calls.length));
  } else if (t.grocery || t.nutrition) {
    return { text: 'I need a meal plan before I can do that. Ask me to plan some meals first, for example: _"Plan a week of dinners for 4, dairy free"_.' };
  } else if (t.search) {
    if (has('search_recipes')) calls.push(call('search_recipes', { query: t.search }, 0));
  } else if (changed || (state.lastReading?.lifts.length ?? 0) > 0) {
    return { text: noted(state, context) };
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

/**
 * The answer to a turn that only tells the chef something ("we're vegan", "my son is allergic to peanuts"): what it now
 * holds, what it dropped, what it could not check, and how to go on.
 */
function noted(state: ConversationState, context: BrainContext): string {
  const reading = state.lastReading;
  const held = new Set(context.ledger.entries.map((e) => e.id));
  const added = (reading?.adds ?? []).filter((e) => held.has(e.id) && e.field !== 'member').map(entryLabel);
  const lifted = (reading?.lifts ?? []).filter((id) => !held.has(id) && context.ledger.lifted.some((l) => l.id === id));
  const parts: string[] = [];
  if (added.length) parts.push(`Noted: ${listOf(added.map((a) => a[0]!.toLowerCase() + a.slice(1)), 'and')}.`);
  if (lifted.length) parts.push(`I have taken ${lifted.length === 1 ? 'that' : 'those'} off the list.`);
  parts.push(...noteLines({ entries: [...context.unsure], lifted: [] }, context.notes));
  parts.push('I will use that when I plan; ask me to _"plan 5 dinners"_ or _"plan the week"_ whenever you are ready.');
  return parts.join(' ');
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
    const named = wantedIngredientIds(catalog, phrase).map((id) => catalog.ingredientById.get(id)).filter((i): i is Ingredient => i !== undefined);
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

function planTable(plan: PlanSummary): string {
  const slots = plan.meals as MealType[];
  const header = `| Day | ${slots.map((s) => SLOT_LABEL[s]).join(' | ')} | kcal | Protein |`;
  const rule = `|---|${slots.map(() => '---').join('|')}|---:|---:|`;
  const rows = plan.days.map((d) => {
    const cells = slots.map((slot) => {
      const meal = d.meals.find((m) => m.slot === slot);
      if (!meal) return '—';
      if (meal.leftoverOf) return `${meal.title} _(leftovers)_`;
      return `${meal.title} (${meal.minutes} min${meal.cookServings ? `, cook ×${meal.cookServings}` : ''})`;
    });
    return `| ${d.label} | ${cells.join(' | ')} | ${num(d.kcal)} | ${num(d.proteinG)} g |`;
  });
  return [header, rule, ...rows].join('\n');
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

function planChecks(plan: PlanSummary): string {
  const lines = plan.checks.map((c) => `- ${c.met ? '✅' : '⚠️'} **${c.label}**: ${c.detail}`);
  // The reason is written for the cook; `constraint` is the planner's id for it (as the web app's plan card shows it).
  for (const u of plan.unmet) lines.push(`- ❌ ${u.reason} _To fix: ${u.relax}._`);
  return lines.join('\n');
}

function renderPlan(plan: PlanSummary, intro: string): string {
  const a = plan.averagePerPersonPerDay;
  const wanted = askedFor(plan);
  return [
    intro,
    '',
    ...(wanted ? [wanted, ''] : []),
    planTable(plan),
    '',
    `**Nutrition** (${perPersonPerDay(plan.meals)}, average): ${num(a.kcal)} kcal · ${num(a.proteinG)} g protein · ${num(a.carbsG)} g carbs · ${num(a.fatG)} g fat · ${num(a.fibreG)} g fibre. Cooking time: ${num(plan.totalMinutes)} min in total.`,
    '',
    '**Checks**',
    planChecks(plan),
  ].join('\n');
}

interface GroceryResult {
  itemCount: number;
  units: string;
  sections: Array<{ section: string; items: string[] }>;
  fromPantry: string[];
  /** Lines of the cook's own recipes not matched to an ingredient: not on the list. */
  asWritten?: string[];
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
  if (g.fromPantry.length) lines.push(`Already in your pantry: ${g.fromPantry.join(', ')}.`);
  if (g.asWritten?.length) lines.push(asWrittenLine(g));
  return lines.join('\n').trim();
}

interface NutritionResult {
  perPersonPerDay?: Array<{ label: string; kcal: number; proteinG: number; carbsG: number; fatG: number; fibreG: number }>;
  averagePerPersonPerDay?: { kcal: number; proteinG: number; carbsG: number; fatG: number; fibreG: number };
  targets?: Array<{ label: string; met: boolean; detail: string }>;
  title?: string;
  perServing?: { kcal: number; proteinG: number; carbsG: number; fatG: number; fibreG: number };
}

function renderNutrition(n: NutritionResult): string {
  if (n.perServing && n.title) return `**${n.title}** per serving: ${num(n.perServing.kcal)} kcal · ${num(n.perServing.proteinG)} g protein · ${num(n.perServing.carbsG)} g carbs · ${num(n.perServing.fatG)} g fat.`;
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
  results: Array<{ title: string; minutes: number; diet: string; coverage?: number; have?: string[]; missing?: string[]; perServing?: { kcal: number; proteinG: number } }>;
}

function renderSearch(s: SearchResult): string {
  if (s.results.length === 0) {
    return s.mode === 'what-can-i-make'
      ? `I could not find a recipe that uses ${s.ingredients?.join(', ')} with at most three more ingredients besides oil and spices (and fits your diet and allergies). Try naming a few more things you have.`
      : `No recipe matches "${s.query}" within your diet and allergies.`;
  }
  if (s.mode === 'what-can-i-make') {
    return [
      `With ${s.ingredients?.join(', ')} you can make:`,
      '',
      ...s.results.map((r, i) => `${i + 1}. **${r.title}** (${r.minutes} min): you have ${Math.round(r.coverage ?? 0)}% of it${r.missing && r.missing.length ? `; still need ${r.missing.join(', ')}` : ', nothing to buy'}`),
    ].join('\n');
  }
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

function compose(results: ToolResult[], catalog: Catalog, state: ConversationState, context: BrainContext): string {
  const groceryAskedFor = state.last?.grocery === true;
  const parts: string[] = [];
  let said = false;
  const header = (servings: number) => {
    if (said) return;
    said = true;
    const lines = understood(catalog, context, servings);
    if (lines.length) parts.push(lines.join('\n\n'));
  };
  let ref: string | null = null;
  let shown: PlanSummary | null = null;
  let groceryShown = false;
  for (const r of results) {
    if (!r.ok) {
      parts.push(`I could not do that: ${r.text.replace(/^The tool failed: /, '')}`);
      continue;
    }
    if (r.name === 'plan_meals' && (r.data as { noMeals?: boolean }).noMeals) {
      parts.push(noMealsAnswer(r.data as { applied?: string; unmet?: Array<{ reason: string; relax: string }> }));
      continue;
    }
    if (r.name === 'plan_meals') {
      const plan = r.data as PlanSummary;
      header(plan.servings);
      ref = plan.planRef;
      shown = plan;
      const notes = wantedNotes(catalog, plan, context.ledger);
      if (notes.length) parts.push(notes.join(' '));
      parts.push(renderPlan(plan, planIntro(plan)));
    } else if (r.name === 'swap_meal') {
      const data = r.data as PlanSummary & { swapped: { label: string; slot: MealType; from: string; to: string | null; has?: string[]; missing?: string[] } };
      header(data.servings);
      ref = data.planRef;
      shown = data;
      const s = data.swapped;
      const has = s.has?.length ? `, with ${listOf(s.has, 'and')} as you asked` : '';
      const intro = s.to ? `Done: ${s.label}'s ${s.slot} is now **${s.to}** instead of ${s.from}${has}. Everything else stays as it was.` : `I could not find another ${s.slot} for ${s.label} that fits every constraint.`;
      const notes = s.to && s.missing?.length ? wantedNotes(catalog, data, context.ledger, { slot: s.slot, missing: s.missing }) : [];
      if (notes.length) parts.push(notes.join(' '));
      parts.push(renderPlan(data, intro));
    } else if (r.name === 'grocery_list') {
      const grocery = r.data as GroceryResult;
      // Next to a plan the checklist card carries the list; the text only says it is there.
      parts.push(
        ref && !groceryAskedFor
          ? [`Your grocery list for this plan is ready: ${countOf(grocery.itemCount, 'item')}, grouped by aisle, to tick off as you shop.`, asWrittenLine(grocery)].filter(Boolean).join(' ')
          : renderGrocery(grocery),
      );
      groceryShown = true;
    }
    else if (r.name === 'save_recipe') parts.push(renderSaved(r.data as SavedRecipeResult));
    else if (r.name === 'nutrition') parts.push(renderNutrition(r.data as NutritionResult));
    else if (r.name === 'search_recipes') parts.push(renderSearch(r.data as SearchResult));
    else if (r.name === 'substitutes') {
      const s = r.data as { ingredient: string; role?: string | null; substitutes: Array<{ name: string; reason: string }> };
      // Nothing from another role stands in when the role has nothing safe: the cook is told so plainly.
      const none = s.role
        ? `I know no other ${s.role} that fits your diet and allergies, so I have no safe substitute for ${s.ingredient.toLowerCase()}.`
        : `I have no safe substitute for ${s.ingredient.toLowerCase()} that fits your diet and allergies.`;
      parts.push(s.substitutes.length ? [`Instead of **${s.ingredient}**, try:`, '', ...s.substitutes.map((x) => `- **${x.name}**: ${x.reason}`), '', 'Each suggestion fits your diet and allergies.'].join('\n') : none);
    }
  }
  if (ref) {
    const swap = swapExample(shown);
    parts.push(groceryShown ? `Say _"${swap}"_ to change a meal.` : `Say _"${swap}"_ to change a meal, or ask for the _grocery list_.`, planRefMarker(ref));
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

/** The planner brain over a catalog. Pure: the same messages and tools always give the same reply. */
export function createKitchenBrain(catalog: Catalog): OfflineBrain {
  return (messages, tools, context = { ledger: EMPTY_LEDGER, notes: [], unsure: [], profile: {} }) => {
    const { turns, results } = readHistory(messages);
    const state = conversationState(catalog, turns, context.profile);
    if (results.length > 0) return { text: compose(results, catalog, state, context) };
    const available = new Set(tools.map((t) => t.name));
    const link = linkToSave(turns.at(-1)?.role === 'user' ? turns.at(-1)!.content : '');
    if (link && available.has('save_recipe')) return { toolCalls: [call('save_recipe', { url: link }, 0)] };
    if (!available.has('plan_meals')) {
      return { text: 'Chef Chopsky is running in built-in planner mode, but the kitchen tools are not available for this reply.' };
    }
    return decide(state, available, context);
  };
}

