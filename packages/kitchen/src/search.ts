import { allergenMask, findIngredientIds, normalizeName, singularizePhrase, type Catalog, type Recipe } from './catalog';
import { familyIds, resolveExclusions, type Pattern } from './exclusions';
import { hardViolations } from './planner';
import type { Allergen, Diet, MealType } from './types';

export interface RecipeFilter {
  diet?: Diet;
  allergens?: Allergen[];
  dislikes?: string[];
  exclude?: string[];
  patterns?: Pattern[];
  mealType?: MealType;
  maxMinutes?: number;
}

/** Recipes that pass the filter's hard constraints, in id order. */
export function filterRecipes(catalog: Catalog, filter: RecipeFilter): Recipe[] {
  const dislikeIds = new Set<string>();
  for (const d of filter.dislikes ?? []) for (const id of familyIds(catalog, d)) dislikeIds.add(id);
  const exclusions = resolveExclusions(catalog, filter.exclude ?? [], filter.patterns ?? []);
  const r = {
    diet: filter.diet ?? 'omnivore',
    allergenMask: allergenMask(filter.allergens ?? []),
    dislikeIds,
    excludedIds: exclusions.ids,
    rules: exclusions.rules,
    maxMinutesPerMeal: filter.maxMinutes ?? null,
    dislikes: filter.dislikes ?? [],
  } as const;
  const pool = filter.mealType ? (catalog.recipesByMealType.get(filter.mealType) ?? []) : catalog.recipes;
  return pool.filter((recipe) => hardViolations(recipe, r).length === 0);
}

/**
 * Free-text recipe search ranked by how many query words hit the title (3), cuisine or tags (2) or an ingredient
 * name (1); ties by id. An empty query lists the filtered recipes.
 */
export function searchRecipes(catalog: Catalog, query: string, filter: RecipeFilter = {}, limit = 10): Array<{ recipe: Recipe; score: number }> {
  const words = singularizePhrase(normalizeName(query)).split(' ').filter((w) => w.length > 1 && !QUERY_STOP_WORDS.has(w));
  const scored = filterRecipes(catalog, filter).map((recipe) => {
    if (words.length === 0) return { recipe, score: 0 };
    const title = ` ${singularizePhrase(normalizeName(recipe.title))} `;
    const meta = ` ${singularizePhrase(normalizeName([recipe.cuisine, ...recipe.tags, ...recipe.mealTypes].join(' ')))} `;
    const ingredientNames = ` ${recipe.ingredientIds.map((id) => (catalog.namesByIngredientId.get(id) ?? []).join(' ')).join(' ')} `;
    let score = 0;
    for (const w of words) {
      if (title.includes(` ${w} `)) score += 3;
      else if (meta.includes(` ${w} `)) score += 2;
      else if (ingredientNames.includes(` ${w} `)) score += 1;
    }
    return { recipe, score };
  });
  return scored
    .filter((s) => words.length === 0 || s.score > 0)
    .sort((a, b) => b.score - a.score || (a.recipe.id < b.recipe.id ? -1 : 1))
    .slice(0, limit);
}

const QUERY_STOP_WORDS = new Set(['recipe', 'with', 'and', 'the', 'for', 'some', 'me', 'a', 'an', 'of', 'easy', 'quick', 'make', 'find', 'show']);

/** Ingredients assumed to be in every kitchen: they never count as missing (nor as something the cook has). */
export const STAPLE_NAMES = ['salt', 'black pepper', 'water', 'olive oil', 'vegetable oil'] as const;

/** Staples: the named ones plus the spice rack (dried spices and seasonings are bought once, not per recipe). */
export function stapleIds(catalog: Catalog): Set<string> {
  const staples = new Set<string>();
  for (const s of STAPLE_NAMES) for (const id of findIngredientIds(catalog, s, 'exact')) staples.add(id);
  for (const i of catalog.ingredients) if (i.section === 'Spices & Seasonings') staples.add(i.id);
  return staples;
}

export interface MakeableRecipe {
  recipe: Recipe;
  /** Ingredient ids the cook has. */
  have: string[];
  /** Ingredient ids still needed (staples excluded). */
  missing: string[];
  /** have / (have + missing), 0..1. */
  coverage: number;
}

/**
 * "What can I make with …": recipes ranked by the share of their ingredients the cook has (staples such as salt and
 * water assumed), allowing at most `maxMissing` missing ingredients; ties by fewer missing, then id.
 */
export function whatCanIMake(catalog: Catalog, ingredients: readonly string[], options: RecipeFilter & { maxMissing?: number; limit?: number } = {}): MakeableRecipe[] {
  const have = new Set<string>();
  for (const term of ingredients) {
    const exact = findIngredientIds(catalog, term, 'exact');
    for (const id of exact.length > 0 ? exact : findIngredientIds(catalog, term, 'family')) have.add(id);
  }
  const staples = stapleIds(catalog);
  const maxMissing = options.maxMissing ?? 2;
  const out: MakeableRecipe[] = [];
  for (const recipe of filterRecipes(catalog, options)) {
    const counted = recipe.ingredientIds.filter((id) => !staples.has(id) || have.has(id));
    const got = counted.filter((id) => have.has(id));
    if (got.length === 0) continue;
    const missing = counted.filter((id) => !have.has(id));
    if (missing.length > maxMissing) continue;
    out.push({ recipe, have: got, missing, coverage: counted.length === 0 ? 1 : got.length / counted.length });
  }
  out.sort((a, b) => b.coverage - a.coverage || a.missing.length - b.missing.length || b.have.length - a.have.length || (a.recipe.id < b.recipe.id ? -1 : 1));
  return out.slice(0, options.limit ?? 10);
}
