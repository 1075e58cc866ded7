import { ALLERGENS, DIETS, type Allergen, type AnimalProduct, type Diet, type Ingredient, type MealType, type Nutrition, type RecipeIngredient, type RecipeSource } from './types';
import { toGrams, unitKind, type UnitKind } from './units';

/** A recipe with everything a cook relies on for safety or nutrition derived from its ingredients. */
export interface Recipe extends RecipeSource {
  totalMinutes: number;
  /** Union of the ingredients' allergens, sorted. */
  allergens: Allergen[];
  /** Union of the ingredients' animal products, sorted. */
  animal: AnimalProduct[];
  /** The strictest diet the recipe fits; it also fits every looser one. */
  diet: Diet;
  /** Every diet the recipe fits, strictest first. */
  diets: Diet[];
  /** Per serving: sum of (ingredient grams × per-100 g values / 100) / servings. Exact, unrounded. */
  nutritionPerServing: Nutrition;
  /** Grams of each ingredient line for the recipe's own servings, in ingredient order. */
  lines: RecipeLine[];
  ingredientIds: string[];
  /** Bit set of `allergens` (bit i = ALLERGENS[i]) for fast filtering. */
  allergenMask: number;
  /** Set on a cook's own recipe (cook/derive.ts) only. */
  cook?: CookFacts;
}

/**
 * What the kitchen knows of a cook's own recipe beyond its matched ingredients: the lines it could not match, whose
 * allergens are unknown until the cook resolves them (planner.ts keeps such a recipe from anyone with an allergy, a
 * diet or another hard exclusion), and the cook's marks.
 */
export interface CookFacts {
  favourite: boolean;
  /** Unmatched lines as written. */
  unmatched: string[];
  /** Allergens the unmatched lines may carry: every allergen a line was not marked free of. */
  mayContain: Allergen[];
  mayContainMask: number;
  /** The source gave no times: a time limit cannot be checked. */
  minutesUnknown: boolean;
  sourceUrl: string | null;
}

export interface RecipeLine extends RecipeIngredient {
  grams: number;
  kind: UnitKind;
}

export const DIET_RANK: Record<Diet, number> = { vegan: 0, vegetarian: 1, pescatarian: 2, omnivore: 3 };

const VEGETARIAN_OK: ReadonlySet<AnimalProduct> = new Set(['dairy', 'egg', 'honey']);
const PESCATARIAN_OK: ReadonlySet<AnimalProduct> = new Set(['dairy', 'egg', 'honey', 'fish', 'shellfish', 'mollusc']);

/** The strictest diet a set of animal products allows. */
export function dietOfAnimalProducts(animal: readonly AnimalProduct[]): Diet {
  if (animal.length === 0) return 'vegan';
  if (animal.every((a) => VEGETARIAN_OK.has(a))) return 'vegetarian';
  if (animal.every((a) => PESCATARIAN_OK.has(a))) return 'pescatarian';
  return 'omnivore';
}

/** Does food of diet `food` suit someone eating `eater`? vegan ⊂ vegetarian ⊂ pescatarian ⊂ omnivore. */
export function dietAllows(eater: Diet, food: Diet): boolean {
  return DIET_RANK[food] <= DIET_RANK[eater];
}

export function allergenMask(allergens: readonly Allergen[]): number {
  let mask = 0;
  for (const a of allergens) mask |= 1 << ALLERGENS.indexOf(a);
  return mask;
}

export const NUTRIENTS = ['kcal', 'proteinG', 'fatG', 'saturatedFatG', 'carbsG', 'fibreG', 'sugarG', 'sodiumMg'] as const satisfies ReadonlyArray<keyof Nutrition>;

export function zeroNutrition(): Nutrition {
  return { kcal: 0, proteinG: 0, fatG: 0, saturatedFatG: 0, carbsG: 0, fibreG: 0, sugarG: 0, sodiumMg: 0 };
}

export function addNutrition(into: Nutrition, from: Nutrition, factor = 1): Nutrition {
  for (const k of NUTRIENTS) into[k] += from[k] * factor;
  return into;
}

/** One decimal place: how nutrition leaves the kitchen (the eval recomputes and rounds the same way). */
export function roundNutrition(n: Nutrition): Nutrition {
  const out = zeroNutrition();
  for (const k of NUTRIENTS) out[k] = Math.round(n[k] * 10) / 10;
  return out;
}

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`kitchen data has ${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}`);
    this.name = 'CatalogError';
  }
}

export function deriveRecipe(source: RecipeSource, ingredientById: ReadonlyMap<string, Ingredient>): Recipe {
  const allergens = new Set<Allergen>();
  const animal = new Set<AnimalProduct>();
  const total = zeroNutrition();
  const lines: RecipeLine[] = [];
  for (const line of source.ingredients) {
    const ingredient = ingredientById.get(line.ingredientId);
    if (!ingredient) throw new CatalogError([`${source.id}: unknown ingredient ${line.ingredientId}`]);
    const grams = toGrams(line.quantity, line.unit, ingredient);
    lines.push({ ...line, grams, kind: unitKind(line.unit) });
    for (const a of ingredient.allergens) allergens.add(a);
    for (const a of ingredient.animal) animal.add(a);
    addNutrition(total, ingredient.per100g, grams / 100);
  }
  const sortedAllergens = ALLERGENS.filter((a) => allergens.has(a));
  const sortedAnimal = [...animal].sort();
  const diet = dietOfAnimalProducts(sortedAnimal);
  const perServing = zeroNutrition();
  addNutrition(perServing, total, 1 / source.servings);
  return {
    ...source,
    totalMinutes: source.prepMinutes + source.cookMinutes,
    allergens: sortedAllergens,
    animal: sortedAnimal,
    diet,
    diets: DIETS.filter((d) => dietAllows(d, diet)).sort((a, b) => DIET_RANK[a] - DIET_RANK[b]),
    nutritionPerServing: perServing,
    lines,
    ingredientIds: [...new Set(source.ingredients.map((l) => l.ingredientId))],
    allergenMask: allergenMask(sortedAllergens),
  };
}

/** Lower case, punctuation to spaces, single spaces. */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SINGULAR_EXCEPTIONS: Record<string, string> = {
  leaves: 'leaf',
  loaves: 'loaf',
  halves: 'half',
  potatoes: 'potato',
  tomatoes: 'tomato',
  mangoes: 'mango',
  chillies: 'chilli',
  chilies: 'chili',
  anchovies: 'anchovy',
  berries: 'berry',
  cookies: 'cookie',
  brownies: 'brownie',
  hummus: 'hummus',
  couscous: 'couscous',
  asparagus: 'asparagus',
  molasses: 'molasses',
  swiss: 'swiss',
  lentils: 'lentil',
  oats: 'oat',
  grass: 'grass',
  bass: 'bass',
  watercress: 'watercress',
  cress: 'cress',
  octopus: 'octopus',
  citrus: 'citrus',
  radishes: 'radish',
  peaches: 'peach',
  squashes: 'squash',
  dishes: 'dish',
  bunches: 'bunch',
  boxes: 'box',
  kiwis: 'kiwi',
  tacos: 'taco',
  avocados: 'avocado',
  mangos: 'mango',
  burritos: 'burrito',
};

/** A plain-English singular of one word ("tomatoes" → "tomato", "berries" → "berry"). */
export function singularizeWord(word: string): string {
  if (SINGULAR_EXCEPTIONS[word]) return SINGULAR_EXCEPTIONS[word];
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('oes')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

export function singularizePhrase(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => singularizeWord(w))
    .join(' ');
}

export interface Catalog {
  ingredients: readonly Ingredient[];
  recipes: readonly Recipe[];
  ingredientById: ReadonlyMap<string, Ingredient>;
  recipeById: ReadonlyMap<string, Recipe>;
  /** Singular normalised name/alias/id → ingredient ids that carry it exactly. */
  ingredientIdsByName: ReadonlyMap<string, readonly string[]>;
  /** Ingredient id → the singular normalised names it answers to (name, aliases, id). */
  namesByIngredientId: ReadonlyMap<string, readonly string[]>;
  /** Ingredient id → ids of recipes using it, sorted. */
  recipeIdsByIngredientId: ReadonlyMap<string, readonly string[]>;
  recipesByMealType: ReadonlyMap<MealType, readonly Recipe[]>;
  /** Longest known name, in words: bounds the scan in `findIngredientsInText`. */
  maxNameWords: number;
  /** With a cook's recipes (cook/derive.ts `withCookRecipes`): a digest of them, so plan ids differ per recipe box. */
  cookKey?: string;
}

/**
 * Builds every index once. Throws a `CatalogError` listing each data problem (duplicate ids, unknown ingredient ids,
 * quantities that cannot be converted to grams, an ingredient shopped as one that is not bought as itself), so bad
 * data fails at start-up and in the data tests, never mid-plan.
 */
export function createCatalog(ingredients: readonly Ingredient[], sources: readonly RecipeSource[]): Catalog {
  const problems: string[] = [];
  const ingredientById = new Map<string, Ingredient>();
  for (const ing of ingredients) {
    if (ingredientById.has(ing.id)) problems.push(`duplicate ingredient id ${ing.id}`);
    ingredientById.set(ing.id, ing);
  }
  // One step only: the grocery list moves a need onto what is bought once, so that ingredient is bought as itself.
  for (const ing of ingredients) {
    if (!ing.shopAs) continue;
    const target = ingredientById.get(ing.shopAs.ingredientId);
    if (!target) problems.push(`${ing.id}: shopped as unknown ingredient ${ing.shopAs.ingredientId}`);
    else if (target.shopAs) problems.push(`${ing.id}: shopped as ${target.id}, which is not bought as itself`);
    if (!(ing.shopAs.factor > 0 && Number.isFinite(ing.shopAs.factor))) problems.push(`${ing.id}: shopAs factor ${ing.shopAs.factor}`);
  }
  const recipes: Recipe[] = [];
  const recipeById = new Map<string, Recipe>();
  for (const source of [...sources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (recipeById.has(source.id)) {
      problems.push(`duplicate recipe id ${source.id}`);
      continue;
    }
    if (!(source.servings > 0)) {
      problems.push(`${source.id}: servings must be positive`);
      continue;
    }
    try {
      const recipe = deriveRecipe(source, ingredientById);
      recipes.push(recipe);
      recipeById.set(recipe.id, recipe);
    } catch (err) {
      problems.push(`${source.id}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new CatalogError(problems);

  const ingredientIdsByName = new Map<string, string[]>();
  const namesByIngredientId = new Map<string, string[]>();
  let maxNameWords = 1;
  for (const ing of ingredients) {
    const names = new Set<string>();
    for (const raw of [ing.name, ing.id, ...ing.aliases]) {
      const n = normalizeName(raw);
      if (!n) continue;
      names.add(singularizePhrase(n));
    }
    namesByIngredientId.set(ing.id, [...names]);
    for (const n of names) {
      maxNameWords = Math.max(maxNameWords, n.split(' ').length);
      const list = ingredientIdsByName.get(n) ?? [];
      list.push(ing.id);
      ingredientIdsByName.set(n, list);
    }
  }

  const recipeIdsByIngredientId = new Map<string, string[]>();
  const recipesByMealType = new Map<MealType, Recipe[]>();
  for (const recipe of recipes) {
    for (const id of recipe.ingredientIds) {
      const list = recipeIdsByIngredientId.get(id) ?? [];
      list.push(recipe.id);
      recipeIdsByIngredientId.set(id, list);
    }
    for (const mt of recipe.mealTypes) {
      const list = recipesByMealType.get(mt) ?? [];
      list.push(recipe);
      recipesByMealType.set(mt, list);
    }
  }

  return {
    ingredients,
    recipes,
    ingredientById,
    recipeById,
    ingredientIdsByName,
    namesByIngredientId,
    recipeIdsByIngredientId,
    recipesByMealType,
    maxNameWords,
  };
}

/**
 * Ingredient ids a cook's word names. `exact` finds the ingredients called exactly that (by name, alias or id, any case,
 * singular or plural); `family` also finds every ingredient whose name contains the words ("mushroom" → button and
 * shiitake mushrooms), which is what a dislike means. An id is accepted as is.
 */
export function findIngredientIds(catalog: Catalog, term: string, mode: 'exact' | 'family' = 'exact'): string[] {
  // An id is itself, exactly; a family still reaches every ingredient named with the word ("onion" is red onion too).
  if (mode === 'exact' && catalog.ingredientById.has(term)) return [term];
  const key = singularizePhrase(normalizeName(term));
  if (!key) return [];
  const exact = catalog.ingredientIdsByName.get(key) ?? [];
  if (mode === 'exact') return [...exact];
  let memo = familyMemo.get(catalog.namesByIngredientId);
  if (!memo) {
    memo = new Map();
    familyMemo.set(catalog.namesByIngredientId, memo);
  }
  const cached = memo.get(key);
  if (cached) return [...cached];
  const words = key.split(' ');
  const found = new Set(exact);
  for (const [id, names] of catalog.namesByIngredientId) {
    if (found.has(id)) continue;
    for (const name of names) {
      const nameWords = name.split(' ');
      if (containsRun(nameWords, words)) {
        found.add(id);
        break;
      }
    }
  }
  const result = [...found].sort();
  if (memo.size < 10_000) memo.set(key, result);
  return [...result];
}

/**
 * Family lookups scan every ingredient name; the name indexes are immutable, so their answers are memoised per index
 * (a catalog with a cook's recipes shares its kitchen's, and is made anew for every chat).
 */
const familyMemo = new WeakMap<Catalog['namesByIngredientId'], Map<string, string[]>>();

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Resolves a word to the one ingredient a cook most likely means: the exact match, else the closest family member. */
export function findIngredient(catalog: Catalog, term: string): Ingredient | undefined {
  const exact = findIngredientIds(catalog, term, 'exact');
  const pick = exact.length > 0 ? exact : findIngredientIds(catalog, term, 'family');
  if (pick.length === 0) return undefined;
  const best = [...pick].sort((a, b) => {
    const na = catalog.ingredientById.get(a)!.name.length;
    const nb = catalog.ingredientById.get(b)!.name.length;
    return na - nb || (a < b ? -1 : 1);
  })[0]!;
  return catalog.ingredientById.get(best);
}

/**
 * Ingredients named in free text ("I have kale, cherry tomatoes and some chickpeas"): scans word runs longest first, so
 * "cherry tomatoes" wins over "tomatoes". Returns the matched phrase and the ingredient ids it names exactly.
 */
export function findIngredientsInText(catalog: Catalog, text: string): Array<{ phrase: string; ingredientIds: string[] }> {
  const words = normalizeName(text).split(' ').filter(Boolean).map(singularizeWord);
  const out: Array<{ phrase: string; ingredientIds: string[] }> = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    for (let n = Math.min(catalog.maxNameWords, words.length - i); n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const ids = catalog.ingredientIdsByName.get(phrase);
      if (ids && !STOP_PHRASES.has(phrase)) {
        if (!seen.has(phrase)) {
          seen.add(phrase);
          out.push({ phrase, ingredientIds: [...ids] });
        }
        matched = n;
        break;
      }
    }
    i += matched || 1;
  }
  return out;
}

/** Words that are ingredient aliases but almost always mean something else in a request. */
const STOP_PHRASES: ReadonlySet<string> = new Set(['day', 'meal', 'dinner', 'lunch', 'breakfast', 'snack', 'week', 'people', 'plan', 'it', 'a', 'and', 'i', 'with']);

/**
 * The ingredients a word names when a cook asks for a dish "with" it. The exact match alone is too narrow ("chicken"
 * is an alias of chicken thigh, yet chicken breast is chicken too) and the whole family too wide (chicken broth does
 * not make a dish "with chicken", chickpea flour is not chickpeas), so the word stands for its exact match and every
 * family member in the same culinary role. A word that matches nothing exactly stands for its family ("cheese").
 */
export function wantedIngredientIds(catalog: Catalog, term: string): string[] {
  const exact = findIngredientIds(catalog, term, 'exact');
  const family = findIngredientIds(catalog, term, 'family');
  if (exact.length === 0) return family;
  const roles = new Set(exact.map((id) => catalog.ingredientById.get(id)?.role).filter((role) => role !== undefined));
  const ids = new Set(exact);
  for (const id of family) {
    const role = catalog.ingredientById.get(id)?.role;
    if (role !== undefined && roles.has(role)) ids.add(id);
  }
  return [...ids].sort();
}
