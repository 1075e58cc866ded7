/**
 * What a cook asks one meal (or a plan) to have, in their words: an ingredient ("salmon", "chicken"), a kind of food
 * ("fish", "seafood", "meat", "poultry", "a fish dish") or a diet for that meal ("something vegetarian", "a vegan
 * one"). Words resolve to ingredient ids through the taxonomy's animal sources (data/ingredient-taxonomy.ts) and the
 * culinary roles, so "fish" is salmon, cod or tuna, never fish sauce or Worcestershire sauce, and "meat" is never
 * chicken broth. Pure; the planner (`mealWanted`, `wanted`), the swap and the chef's parser all read words here.
 */
import { normalizeName, singularizePhrase, wantedIngredientIds, type Catalog } from './catalog';
import type { AnimalSource, Diet, Ingredient } from './types';

/**
 * Kinds of food a cook names as one: the ingredients with one of these animal sources whose culinary role is a main
 * protein. Sauces and broths made from them (fish sauce, oyster sauce, chicken broth) flavour a dish without making
 * it a fish, seafood or meat dish.
 */
const KIND_SOURCES: Readonly<Record<string, readonly AnimalSource[]>> = {
  fish: ['fish'],
  seafood: ['fish', 'crustacean', 'mollusc'],
  shellfish: ['crustacean', 'mollusc'],
  meat: ['pork', 'beef', 'lamb', 'poultry'],
  'red meat': ['pork', 'beef', 'lamb'],
  poultry: ['poultry'],
  pork: ['pork'],
  beef: ['beef'],
  lamb: ['lamb'],
};

/** Other words for the kinds above, as a cook says them (singular, normalised). */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  'sea food': 'seafood',
  'white fish': 'fish',
  'oily fish': 'fish',
  'fish fillet': 'fish',
  'shell fish': 'shellfish',
  'red meat': 'red meat',
  'meat dish': 'meat',
  fowl: 'poultry',
};

/** Diet words that ask one meal to keep a diet ("something vegetarian"), with the diet they ask for. */
const DIET_WORDS: Readonly<Record<string, Diet>> = {
  vegetarian: 'vegetarian',
  veggie: 'vegetarian',
  meatless: 'vegetarian',
  'meat free': 'vegetarian',
  'no meat': 'vegetarian',
  'without meat': 'vegetarian',
  vegan: 'vegan',
  'plant based': 'vegan',
  pescatarian: 'pescatarian',
  pescetarian: 'pescatarian',
};

/** Words a wish wraps around the food: "a fish dish", "something with salmon", "a vegetarian one". */
function bare(phrase: string): string {
  return singularizePhrase(normalizeName(phrase))
    .replace(/^(?:something|anything|one|a|an|the|some|more)\s+(?:with\s+|that has\s+|containing\s+)?/, '')
    .replace(/^(?:a|an|the|some)\s+/, '')
    .replace(/\s+(?:dish|one|meal|option|recipe|dinner|lunch|breakfast|supper|thing|instead|please)$/, '')
    .replace(/\s+(?:dish|one|meal|option|recipe)$/, '')
    .trim();
}

/** The kind of food a word names ("fish", "seafood", "a meat dish"), or null when it names none. */
export function foodKindOf(word: string): string | null {
  const key = bare(word);
  const kind = KIND_ALIASES[key] ?? key;
  return KIND_SOURCES[kind] ? kind : null;
}

/** The diet a word asks of a meal ("vegetarian", "something vegan", "meat-free"), or null. */
export function wishDietOf(word: string): Diet | null {
  return DIET_WORDS[bare(word)] ?? null;
}

function isMainProteinOf(ingredient: Ingredient, sources: readonly AnimalSource[]): boolean {
  return ingredient.role === 'protein' && (ingredient.animalSources ?? []).some((s) => sources.includes(s));
}

/**
 * The ingredient ids a wished word stands for: a kind of food gives its main proteins ("fish" → salmon, cod, tuna…);
 * any other word is read as `wantedIngredientIds` reads it ("chicken" → breast, thigh, ground; not broth). A diet word
 * stands for no ingredient (see `readMealWish`).
 */
export function wishIngredientIds(catalog: Catalog, word: string): string[] {
  if (wishDietOf(word)) return [];
  const kind = foodKindOf(word);
  if (kind) {
    const sources = KIND_SOURCES[kind]!;
    return catalog.ingredients.filter((i) => isMainProteinOf(i, sources)).map((i) => i.id).sort();
  }
  return wantedIngredientIds(catalog, word);
}

export interface MealWish {
  /** The food words, each with the ingredient ids it stands for: the meal should have one of them. */
  terms: Array<{ term: string; ids: string[] }>;
  /** The diet the meal is asked to keep ("something vegetarian"), strictest of those said; null when none. */
  diet: Diet | null;
}

const DIET_ORDER: readonly Diet[] = ['vegan', 'vegetarian', 'pescatarian', 'omnivore'];

/** Splits a wish's words into foods (with their ids) and a diet for the meal. */
export function readMealWish(catalog: Catalog, words: readonly string[]): MealWish {
  const terms: MealWish['terms'] = [];
  let diet: Diet | null = null;
  for (const word of words) {
    const asked = wishDietOf(word);
    if (asked) {
      if (diet === null || DIET_ORDER.indexOf(asked) < DIET_ORDER.indexOf(diet)) diet = asked;
      continue;
    }
    if (!terms.some((t) => t.term === word)) terms.push({ term: word, ids: wishIngredientIds(catalog, word) });
  }
  return { terms, diet };
}

/**
 * The wish words in a phrase a cook said after "for" or "with" ("a fish dish", "something vegetarian", "salmon or
 * chicken", "without meat"), in the form `readMealWish` reads: a kind ("fish"), a diet ("vegetarian") or the phrase as
 * the catalog knows it. `ingredientPhrases` finds the catalog's own names in the text (the caller passes
 * `findIngredientsInText`, so this module needs no parser of its own).
 */
export function wishWordsIn(text: string, ingredientPhrases: (part: string) => string[]): string[] {
  const out: string[] = [];
  const add = (word: string) => {
    if (!out.includes(word)) out.push(word);
  };
  const said = normalizeName(text);
  if (/\b(?:without|no) meat\b|\bmeat ?free\b|\bmeatless\b/.test(said)) add('vegetarian');
  for (const part of said.replace(/\b(?:without|no) meat\b/g, ' ').split(/,| and | or | instead /)) {
    if (!part.trim()) continue;
    const diet = wishDietOf(part) ?? bare(part).split(' ').map((w) => wishDietOf(w)).find((d) => d !== null) ?? null;
    if (diet) {
      add(diet);
      continue;
    }
    const kind = foodKindOf(part) ?? bare(part).split(' ').map((w) => (KIND_SOURCES[w] && !ingredientPhrases(part).length ? w : null)).find((k) => k !== null) ?? null;
    if (kind) {
      add(kind);
      continue;
    }
    for (const phrase of ingredientPhrases(part)) add(phrase);
  }
  return out;
}
