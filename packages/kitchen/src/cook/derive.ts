/**
 * A cook's recipes in the kitchen: each derived exactly as the kitchen's own (catalog.ts `deriveRecipe` over its
 * matched lines: nutrition, allergens, diets), plus what its unmatched lines leave unknown, then added to a catalog
 * beside the kitchen's recipes. The planner, the search and the safety gate take that catalog as they take the
 * kitchen's: a cook's recipes are an input, never a global. Pure.
 */
import { allergenMask, deriveRecipe, dietAllows, DIET_RANK, type Catalog, type CookFacts, type Recipe } from '../catalog';
import { ALLERGENS, DIETS, type Allergen, type Diet, type MealType, type RecipeIngredient, type RecipeSource } from '../types';
import { canConvert } from '../units';
import { cookRecipeId, type CookLine, type CookRecipe } from './types';

/** Tags that say a dish keeps: it may then be cooked once and eaten again (as the kitchen's batch-friendly recipes). */
const KEEPS = /^(?:meal[- ]prep|make[- ]ahead|batch|batch[- ]cooking|freezer[- ]friendly|leftovers)$/;

/** A line whose match the kitchen can use: a known ingredient, and an amount it can weigh (or none at all). */
function usableMatch(catalog: Catalog, line: CookLine): RecipeIngredient | null {
  const match = line.match;
  if (!match) return null;
  const ingredient = catalog.ingredientById.get(match.ingredientId);
  if (!ingredient) return null;
  const weighable = match.quantity > 0 && canConvert(match.unit, ingredient);
  return { ingredientId: ingredient.id, quantity: weighable ? match.quantity : 0, unit: weighable ? match.unit : 'g', text: line.text };
}

/** The loosest of two diets: food of both is only as strict as the looser. */
function looser(a: Diet, b: Diet): Diet {
  return DIET_RANK[a] >= DIET_RANK[b] ? a : b;
}

/**
 * One cook's recipe as the planner sees it. Its unmatched lines (and lines matched to an ingredient the kitchen no
 * longer has) count: each may carry any allergen it was not marked free of, and is omnivore unless marked otherwise.
 */
export function deriveCookRecipe(catalog: Catalog, recipe: CookRecipe): Recipe {
  const ingredients: RecipeIngredient[] = [];
  const unmatched: CookLine[] = [];
  for (const line of recipe.lines) {
    const usable = usableMatch(catalog, line);
    if (usable) ingredients.push(usable);
    else unmatched.push(line);
  }
  const keeps = recipe.tags.some((t) => KEEPS.test(t));
  const mealTypes: MealType[] = recipe.mealTypes.length > 0 ? [...new Set(recipe.mealTypes)] : ['dinner'];
  const source: RecipeSource = {
    id: cookRecipeId(recipe.id),
    title: recipe.title,
    servings: recipe.servings,
    prepMinutes: recipe.prepMinutes ?? 0,
    cookMinutes: recipe.cookMinutes ?? 0,
    cuisine: recipe.cuisine || 'home',
    mealTypes,
    ingredients,
    steps: recipe.steps,
    leftoverDays: keeps ? 3 : 0,
    batchFriendly: keeps,
    tags: recipe.tags,
  };
  const derived = deriveRecipe(source, catalog.ingredientById);
  const mayContain = new Set<Allergen>();
  let diet = derived.diet;
  for (const line of unmatched) {
    const freeOf = new Set(line.safe?.freeOf ?? []);
    for (const allergen of ALLERGENS) if (!freeOf.has(allergen)) mayContain.add(allergen);
    diet = looser(diet, line.safe?.diet ?? 'omnivore');
  }
  const sortedMayContain = ALLERGENS.filter((a) => mayContain.has(a));
  const facts: CookFacts = {
    favourite: recipe.mark === 'favourite',
    unmatched: unmatched.map((l) => l.text),
    mayContain: sortedMayContain,
    mayContainMask: allergenMask(sortedMayContain),
    minutesUnknown: recipe.prepMinutes === null && recipe.cookMinutes === null,
    sourceUrl: recipe.sourceUrl ?? null,
  };
  return {
    ...derived,
    diet,
    diets: DIETS.filter((d) => dietAllows(d, diet)).sort((a, b) => DIET_RANK[a] - DIET_RANK[b]),
    cook: facts,
  };
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const byId = (a: Recipe, b: Recipe) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The catalog with a cook's recipes beside the kitchen's: the same ingredients and name indexes (shared, not copied),
 * every recipe index extended. "Never again" recipes are in no list the planner or a search chooses from, so nothing
 * plans them anew; they are only in `recipeById`, so a stored plan that already holds one (marked after it was planned)
 * keeps that meal when it is rebuilt from its ids or changed (plan-actions.ts locks kept meals by id). With none to add
 * it is the catalog itself, so plans over the kitchen alone keep their ids.
 */
export function withCookRecipes(base: Catalog, recipes: readonly CookRecipe[]): Catalog {
  if (recipes.length === 0) return base;
  // A cook's box is the same from one chat to the next: the catalog made for it is kept, keyed by the box's whole
  // content (never by ids or update times, which could miss a change), per base catalog.
  let made = madeFor.get(base);
  if (!made) madeFor.set(base, (made = { catalogs: new Map(), chars: 0 }));
  const key = JSON.stringify(recipes);
  const kept = made.catalogs.get(key);
  if (kept) {
    made.catalogs.delete(key);
    made.catalogs.set(key, kept);
    return kept;
  }
  const catalog = deriveCatalog(base, recipes);
  made.catalogs.set(key, catalog);
  made.chars += key.length;
  for (const [oldest] of made.catalogs) {
    if (made.catalogs.size <= MAX_KEPT && made.chars <= MAX_KEPT_CHARS) break;
    made.catalogs.delete(oldest);
    made.chars -= oldest.length;
  }
  return catalog;
}

/** Catalogs made for cooks' boxes, most recently used last; bounded in number and in the size of their keys. */
const madeFor = new WeakMap<Catalog, { catalogs: Map<string, Catalog>; chars: number }>();
const MAX_KEPT = 200;
const MAX_KEPT_CHARS = 4_000_000;

function deriveCatalog(base: Catalog, recipes: readonly CookRecipe[]): Catalog {
  const own = recipes.filter((r) => r.mark !== 'never').map((r) => deriveCookRecipe(base, r));
  const retired = recipes.filter((r) => r.mark === 'never').map((r) => deriveCookRecipe(base, r));
  const all = [...base.recipes.filter((r) => !r.cook), ...own].sort(byId);
  const recipeById = new Map<string, Recipe>(retired.map((r) => [r.id, r]));
  const recipeIdsByIngredientId = new Map<string, string[]>();
  const recipesByMealType = new Map<MealType, Recipe[]>();
  for (const recipe of all) {
    recipeById.set(recipe.id, recipe);
    for (const id of recipe.ingredientIds) {
      const list = recipeIdsByIngredientId.get(id) ?? [];
      list.push(recipe.id);
      recipeIdsByIngredientId.set(id, list);
    }
    for (const mealType of recipe.mealTypes) {
      const list = recipesByMealType.get(mealType) ?? [];
      list.push(recipe);
      recipesByMealType.set(mealType, list);
    }
  }
  const digest = own.map((r) => [r.id, r.servings, r.totalMinutes, r.mealTypes, r.lines.map((l) => [l.ingredientId, l.quantity, l.unit]), r.cook!.unmatched.length, r.cook!.mayContainMask, r.diet, r.cook!.favourite]);
  return {
    ...base,
    recipes: all,
    recipeById,
    recipeIdsByIngredientId,
    recipesByMealType,
    ...(own.length > 0 ? { cookKey: hash(JSON.stringify(digest)) } : {}),
  };
}
