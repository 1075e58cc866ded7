/**
 * The ledger in words: a chip's label and where it came from, the one line a plan reply starts with ("For 4 · no
 * peanuts, shellfish · vegetarian · ≤ 30 min a meal"), and the notes a reply must carry. Browser-safe: no catalog.
 */
import { FOOD_GROUP_LABEL, isFoodGroup, PATTERN_LABEL } from '../exclusions';
import { ALLERGEN_LABEL, type Allergen } from '../types';
import { entriesOf, scalarOf } from './merge';
import type { ConstraintLedger, LedgerEntry, LedgerNote, LedgerSource } from './types';

const SLOT_PLURAL = { breakfast: 'breakfasts', lunch: 'lunches', dinner: 'dinners', snack: 'snacks' } as const;

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

export function termLabel(term: string): string {
  return isFoodGroup(term) ? FOOD_GROUP_LABEL[term] : term;
}

function minutes(n: number): string {
  if (n >= 60 && n % 60 === 0) return `${n / 60} h`;
  if (n > 60) return `${Math.floor(n / 60)} h ${n % 60} min`;
  return `${n} min`;
}

const NUTRIENT_LABEL = { kcal: 'kcal', proteinG: 'g protein', carbsG: 'g carbs' } as const;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A chip's words. */
export function entryLabel(e: LedgerEntry): string {
  const who = e.who && e.who !== 'me' ? ` (${e.who})` : '';
  switch (e.field) {
    case 'people':
      return `For ${e.count}`;
    case 'member':
      // "Toddler", not "Toddler · toddler", when the label is the age group itself.
      return e.label.toLowerCase() === e.ageGroup ? capitalised(e.ageGroup) : `${capitalised(e.label)} · ${e.ageGroup}`;
    case 'allergen':
      return `No ${ALLERGEN_LABEL[e.allergen]}${who}`;
    case 'diet':
      return `${e.diet[0]!.toUpperCase()}${e.diet.slice(1)}${who}`;
    case 'pattern':
      return `${PATTERN_LABEL[e.pattern][0]!.toUpperCase()}${PATTERN_LABEL[e.pattern].slice(1)}${who}`;
    case 'exclude':
      return `No ${termLabel(e.term)}${who}`;
    case 'dislike':
      return `Not ${termLabel(e.term)}${who}`;
    case 'want':
      return `With ${e.term}`;
    case 'useUp':
      return `Use up ${e.term}`;
    case 'meals':
      return e.meals.length === 3 && !e.meals.includes('snack') ? '3 meals a day' : capitalised(listOf(e.meals.map((m) => SLOT_PLURAL[m])));
    case 'days':
      return e.days === 1 ? '1 day' : `${e.days} days`;
    case 'maxMinutesPerMeal':
      return `≤ ${minutes(e.minutes)} a meal`;
    case 'totalMinutes':
      return `≤ ${minutes(e.minutes)} of cooking in all`;
    case 'target':
      return `${e.nutrient === 'carbsG' ? '≤' : '≈'} ${e.amount.toLocaleString('en-US')} ${NUTRIENT_LABEL[e.nutrient]} a ${e.per}`;
    case 'units':
      return e.units === 'us' ? 'US units' : 'Metric units';
  }
}

/** Where a chip came from, for its hover text. */
export function sourceLabel(source: LedgerSource): string {
  switch (source.kind) {
    case 'profile':
      return 'From your household profile';
    case 'message':
      return `You said: “${source.quote.length > 120 ? `${source.quote.slice(0, 117)}…` : source.quote}”`;
    case 'edit':
      return 'You added this';
    case 'model':
      return 'Added by the chef from your words';
  }
}

/**
 * The line a plan reply starts with: who it is for and every hard constraint and limit applied ("For 4 · no peanuts,
 * shellfish · no pork · vegetarian · kosher · ≤ 30 min a meal"). Empty parts are left out.
 */
export function appliedLine(ledger: ConstraintLedger, servings?: number): string {
  const parts: string[] = [];
  const people = servings ?? scalarOf(ledger, 'people')?.count;
  if (people) parts.push(`For ${people}`);
  parts.push(...foodLimitParts(ledger));
  const max = scalarOf(ledger, 'maxMinutesPerMeal');
  if (max) parts.push(`≤ ${minutes(max.minutes)} a meal`);
  const total = scalarOf(ledger, 'totalMinutes');
  if (total) parts.push(`≤ ${minutes(total.minutes)} of cooking in all`);
  return parts.join(' · ');
}

/**
 * What every recipe chosen for the cook must keep to, as `appliedLine` says it: allergens, exclusions, dislikes, diet
 * and patterns ("no peanuts · no onion · vegetarian"), empty when none. What a recipe search or a substitute is held to.
 */
export function foodLimitsLine(ledger: ConstraintLedger): string {
  return foodLimitParts(ledger).join(' · ');
}

function foodLimitParts(ledger: ConstraintLedger): string[] {
  const parts: string[] = [];
  const allergens = entriesOf(ledger, 'allergen').map((e) => ALLERGEN_LABEL[e.allergen]);
  if (allergens.length) parts.push(`no ${listOf(allergens)}`);
  const excluded = entriesOf(ledger, 'exclude').map((e) => termLabel(e.term));
  if (excluded.length) parts.push(`no ${listOf(excluded)}`);
  const disliked = entriesOf(ledger, 'dislike').map((e) => termLabel(e.term));
  if (disliked.length) parts.push(`without ${listOf(disliked)}`);
  const diet = scalarOf(ledger, 'diet');
  if (diet && diet.diet !== 'omnivore') parts.push(diet.diet);
  for (const p of entriesOf(ledger, 'pattern')) parts.push(PATTERN_LABEL[p.pattern]);
  return parts;
}

/** The notes a reply carries, one line each, in the cook's words; what was applied on the safe side says how to undo it. */
export function noteLines(ledger: ConstraintLedger, notes: readonly LedgerNote[]): string[] {
  const lines: string[] = [];
  for (const e of ledger.entries) {
    if (!e.unsure || e.source.kind !== 'message') continue;
    const label = e.field === 'allergen' ? ALLERGEN_LABEL[e.allergen] : e.field === 'exclude' ? termLabel(e.term) : null;
    if (label) lines.push(`To be safe I left out ${label}: your message mentioned it next to an allergy. Say “${label} is fine” if it is.`);
  }
  for (const n of notes) {
    switch (n.kind) {
      case 'unknown-food':
        lines.push(`I don't have “${n.term}” in my ingredient data, so I can't check recipes for it; none of my recipes list it by that name, but check labels.`);
        break;
      case 'kept-stricter-diet':
        lines.push(`You said ${n.asked} now, but earlier ${n.kept}: I kept the meals ${n.kept}. Say “not ${n.kept} any more” to change that.`);
        break;
      case 'nothing-to-lift':
        break;
      case 'contradiction':
        lines.push(`${n.constraint} and ${n.wanted} can't both hold, so I kept ${n.constraint}.`);
        break;
    }
  }
  return lines;
}

/** The allergens of a ledger, for callers that only need those. */
export function ledgerAllergens(ledger: ConstraintLedger): Allergen[] {
  return entriesOf(ledger, 'allergen').map((e) => e.allergen);
}
