/**
 * What the cook's "no …" means in ingredients: food groups ("no pork", "no red meat", "no alcohol", "lactose
 * intolerant"), a word's family ("no mushrooms", "I hate onions") and named regimes (kosher, halal, low-FODMAP,
 * low-carb, keto, diabetic-friendly). Each resolves to ingredient ids to leave out and, for the regimes that are about
 * a whole dish, rules on the recipe (kosher: no meat with dairy; keto: net carbs per serving). Pure: the planner, the
 * safety gate and the chef all ask here, so they agree.
 */
import { findIngredientIds, normalizeName, singularizePhrase, type Catalog, type Recipe } from './catalog';
import { FAMILY_OVERRIDES, LOW_LACTOSE_DAIRY_IDS } from './data/ingredient-taxonomy';
import { FOOD_GROUPS, type AnimalSource, type FoodGroup, type Ingredient, type Pattern } from './types';

// The words themselves are constants the browser may import too: they live in types.ts.
export { FOOD_GROUPS, FOOD_GROUP_LABEL, PATTERNS, PATTERN_LABEL, type FoodGroup, type Pattern } from './types';

/**
 * Recipe-level limits, per serving. Net carbs are carbohydrate minus fibre (FoodData Central's carbohydrate is "by
 * difference", fibre included). Keto ≤ 10 g a serving keeps a three-meal day near the usual 20–30 g; low-carb ≤ 25 g;
 * diabetic-friendly follows the common 45 g of carbohydrate a meal and ≤ 15 g of sugars.
 */
export interface RecipeRules {
  noMeatWithDairy: boolean;
  maxNetCarbsG: number | null;
  maxCarbsG: number | null;
  maxSugarG: number | null;
}

export const NO_RULES: RecipeRules = { noMeatWithDairy: false, maxNetCarbsG: null, maxCarbsG: null, maxSugarG: null };

const SOURCES_BY_GROUP: Partial<Record<FoodGroup, readonly AnimalSource[]>> = {
  pork: ['pork'],
  beef: ['beef'],
  lamb: ['lamb'],
  poultry: ['poultry'],
  'red-meat': ['pork', 'beef', 'lamb'],
};

export function isFoodGroup(term: string): term is FoodGroup {
  return (FOOD_GROUPS as readonly string[]).includes(term);
}

function idsWhere(catalog: Catalog, test: (i: Ingredient) => boolean): string[] {
  return catalog.ingredients.filter(test).map((i) => i.id);
}

/** The ingredients of a food group. */
export function foodGroupIds(catalog: Catalog, group: FoodGroup): string[] {
  const sources = SOURCES_BY_GROUP[group];
  if (sources) return idsWhere(catalog, (i) => (i.animalSources ?? []).some((s) => sources.includes(s)));
  if (group === 'alcohol') return idsWhere(catalog, (i) => i.alcohol === true);
  return idsWhere(catalog, (i) => i.lactose === true);
}

/**
 * The ingredients a word stands for when a cook does not want it: every ingredient whose name contains the word
 * ("mushroom" → button and shiitake), adjusted where that is not what a cook means ("onion" also covers shallots and
 * scallions; "olive" never olive oil). A food group's name gives the group.
 */
export function familyIds(catalog: Catalog, term: string): string[] {
  const key = singularizePhrase(normalizeName(term)).replace(/ /g, '-');
  if (isFoodGroup(key)) return foodGroupIds(catalog, key);
  const word = key.replace(/-/g, ' ');
  const ids = new Set(findIngredientIds(catalog, word, 'family'));
  const override = FAMILY_OVERRIDES[word];
  for (const id of override?.adds ?? []) if (catalog.ingredientById.has(id)) ids.add(id);
  for (const id of override?.keeps ?? []) ids.delete(id);
  return [...ids].sort();
}

export interface PatternEffect {
  /** Ingredients it leaves out. */
  ids: string[];
  rules: RecipeRules;
  /** What it cannot check or weigh, in plain words, for the reply. */
  caveat: string;
}

/** What a named regime leaves out, and what the chef must say it cannot promise. */
export function patternEffect(catalog: Catalog, pattern: Pattern): PatternEffect {
  switch (pattern) {
    case 'kosher':
      return {
        ids: idsWhere(catalog, (i) => (i.animalSources ?? []).some((s) => s === 'pork' || s === 'crustacean' || s === 'mollusc')),
        rules: { ...NO_RULES, noMeatWithDairy: true },
        caveat: 'I left out pork and shellfish and never put meat with dairy in one meal; kosher certification of meat, wine and cheese, and separate dishes, are up to you.',
      };
    case 'halal':
      return {
        ids: [...new Set([...foodGroupIds(catalog, 'pork'), ...foodGroupIds(catalog, 'alcohol')])].sort(),
        rules: NO_RULES,
        caveat: 'I left out pork and anything with alcohol (wine, mirin, vanilla extract); buy halal-certified meat, which I cannot check.',
      };
    case 'low-fodmap':
      return {
        ids: idsWhere(catalog, (i) => i.highFodmap === true),
        rules: NO_RULES,
        caveat: "I can't plan low-FODMAP portions yet; I left out high-FODMAP foods (garlic, onion, wheat pasta and bread, most beans and lentils, milk).",
      };
    case 'low-carb':
      return { ids: [], rules: { ...NO_RULES, maxNetCarbsG: 25 }, caveat: 'Low-carb here means at most 25 g of net carbs per serving.' };
    case 'keto':
      return { ids: [], rules: { ...NO_RULES, maxNetCarbsG: 10 }, caveat: 'Keto here means at most 10 g of net carbs per serving; I do not track ketosis.' };
    case 'diabetic':
      return {
        ids: [],
        rules: { ...NO_RULES, maxCarbsG: 45, maxSugarG: 15 },
        caveat: 'Diabetic-friendly here means at most 45 g of carbohydrate and 15 g of sugars per serving; check with your care team for your own limits.',
      };
  }
}

export function mergeRules(a: RecipeRules, b: RecipeRules): RecipeRules {
  const min = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));
  return {
    noMeatWithDairy: a.noMeatWithDairy || b.noMeatWithDairy,
    maxNetCarbsG: min(a.maxNetCarbsG, b.maxNetCarbsG),
    maxCarbsG: min(a.maxCarbsG, b.maxCarbsG),
    maxSugarG: min(a.maxSugarG, b.maxSugarG),
  };
}

export function hasRules(rules: RecipeRules): boolean {
  return rules.noMeatWithDairy || rules.maxNetCarbsG !== null || rules.maxCarbsG !== null || rules.maxSugarG !== null;
}

/** Which rules a recipe breaks, in words; empty when it keeps them all. */
export function ruleViolations(recipe: Pick<Recipe, 'animal' | 'nutritionPerServing'>, rules: RecipeRules): string[] {
  const out: string[] = [];
  const n = recipe.nutritionPerServing;
  if (rules.noMeatWithDairy && recipe.animal.includes('dairy') && (recipe.animal.includes('meat') || recipe.animal.includes('poultry'))) out.push('meat with dairy');
  if (rules.maxNetCarbsG !== null && n.carbsG - n.fibreG > rules.maxNetCarbsG) out.push(`over ${rules.maxNetCarbsG} g net carbs a serving`);
  if (rules.maxCarbsG !== null && n.carbsG > rules.maxCarbsG) out.push(`over ${rules.maxCarbsG} g carbs a serving`);
  if (rules.maxSugarG !== null && n.sugarG > rules.maxSugarG) out.push(`over ${rules.maxSugarG} g sugars a serving`);
  return out;
}

export interface Exclusions {
  /** Every ingredient left out by a group, a word or a regime. */
  ids: ReadonlySet<string>;
  /** Each exclusion as the cook said it, with the ingredient ids it covers. */
  groups: Array<{ term: string; ids: string[] }>;
  rules: RecipeRules;
}

/** Resolves the exclusions and regimes of a plan into ingredient ids and recipe rules. */
export function resolveExclusions(catalog: Catalog, exclude: readonly string[], patterns: readonly Pattern[]): Exclusions {
  const ids = new Set<string>();
  const groups: Exclusions['groups'] = [];
  let rules = NO_RULES;
  for (const term of exclude) {
    const family = familyIds(catalog, term);
    groups.push({ term, ids: family });
    for (const id of family) ids.add(id);
  }
  for (const pattern of patterns) {
    const effect = patternEffect(catalog, pattern);
    groups.push({ term: pattern, ids: effect.ids });
    for (const id of effect.ids) ids.add(id);
    rules = mergeRules(rules, effect.rules);
  }
  return { ids, groups, rules };
}

/** The dairy a lactose exclusion keeps, named for the reply ("I kept parmesan and cheddar"). */
export function lowLactoseDairy(catalog: Catalog): Ingredient[] {
  return LOW_LACTOSE_DAIRY_IDS.map((id) => catalog.ingredientById.get(id)).filter((i): i is Ingredient => i !== undefined);
}
