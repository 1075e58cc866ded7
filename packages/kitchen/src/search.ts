import { allergenMask, findIngredientIds, normalizeName, singularizePhrase, type Catalog, type Recipe } from './catalog';
import { familyIds, resolveExclusions, type Pattern } from './exclusions';
import { hardViolations } from './planner';
import { wishIngredientIds } from './wish';
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
  /** The cook's words (as given) this recipe uses, in the order they were given. */
  uses: string[];
  /** The cook's words it does not use. */
  unused: string[];
  /** Ingredient ids the cook has. */
  have: string[];
  /** Ingredient ids still needed (staples excluded). */
  missing: string[];
  /** have / (have + missing), 0..1. */
  coverage: number;
}

/**
 * The ingredient ids one word of "what can I make with …" stands for: read as a wish is ("chickpeas" are canned or
 * dried, not chickpea flour; "fish" is any fish), with the cooked and the raw form of a food as one (`Ingredient.shopAs`):
 * leftover cooked rice makes a dish that starts from dry rice, and rice makes a fried rice. `exact` are the ids the
 * word names exactly (the cooked rice of "leftover rice"): a recipe with those is the closer match.
 */
export function onHandIds(catalog: Catalog, term: string): { ids: string[]; exact: string[] } {
  const exact = findIngredientIds(catalog, term, 'exact');
  const named = wishIngredientIds(catalog, term);
  const ids = new Set(named.length > 0 ? named : findIngredientIds(catalog, term, 'family'));
  for (const id of [...ids]) {
    const shopAs = catalog.ingredientById.get(id)?.shopAs;
    if (shopAs) ids.add(shopAs.ingredientId);
  }
  for (const i of catalog.ingredients) if (i.shopAs && ids.has(i.shopAs.ingredientId)) ids.add(i.id);
  return { ids: [...ids].sort(), exact: exact.filter((id) => ids.has(id)) };
}

/**
 * "What can I make with …": recipes ranked by how many of the named ingredients they use (all three of "kale,
 * chickpeas and tomatoes" before two of them), then by those used in the very form named (leftover cooked rice: a fried
 * rice before a dish that boils rice), then by fewest ingredients still to buy (staples such as salt, oil and the
 * spice rack assumed), then by the share of the recipe on hand; ties by id. Each says which named ingredients it uses
 * and which it does not. `maxMissing`, when given, leaves out recipes needing more than that many to buy.
 */
export function whatCanIMake(catalog: Catalog, ingredients: readonly string[], options: RecipeFilter & { maxMissing?: number; limit?: number } = {}): MakeableRecipe[] {
  const terms = [...new Set(ingredients.map((t) => t.trim()).filter(Boolean))].map((term) => ({ term, ...onHandIds(catalog, term) }));
  const have = new Set(terms.flatMap((t) => t.ids));
  const staples = stapleIds(catalog);
  const ranked: Array<MakeableRecipe & { exactUses: number }> = [];
  for (const recipe of filterRecipes(catalog, options)) {
    const used = terms.filter((t) => t.ids.some((id) => recipe.ingredientIds.includes(id)));
    if (used.length === 0) continue;
    const counted = recipe.ingredientIds.filter((id) => !staples.has(id) || have.has(id));
    const got = counted.filter((id) => have.has(id));
    const missing = counted.filter((id) => !have.has(id));
    if (options.maxMissing !== undefined && missing.length > options.maxMissing) continue;
    ranked.push({
      recipe,
      uses: used.map((t) => t.term),
      unused: terms.filter((t) => !used.includes(t)).map((t) => t.term),
      have: got,
      missing,
      coverage: counted.length === 0 ? 1 : got.length / counted.length,
      exactUses: used.filter((t) => t.exact.some((id) => recipe.ingredientIds.includes(id))).length,
    });
  }
  ranked.sort(
    (a, b) =>
      b.uses.length - a.uses.length ||
      b.exactUses - a.exactUses ||
      a.missing.length - b.missing.length ||
      b.coverage - a.coverage ||
      (a.recipe.id < b.recipe.id ? -1 : 1),
  );
  return ranked.slice(0, options.limit ?? 10).map(({ exactUses: _exact, ...made }) => made);
}
