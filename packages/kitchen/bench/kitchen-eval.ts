/**
 * The kitchen evaluation: many generated plan requests with random constraints, each plan checked against an
 * independent recomputation from the raw source data (not the catalog's derived fields):
 * - no meal contains a forbidden allergen, an animal product the diet excludes, or a disliked ingredient;
 * - every cooked meal respects the per-meal time limit;
 * - grocery totals (grams) equal the sum of what the cooked recipes need, leftovers counted once, each on the line of
 *   what it is bought as (cooked rice on the dry rice line, at its `shopAs` factor; tap water on none), and `totalNeededGrams` equals
 *   what the recipes call for as they call for it;
 * - per-meal and per-day nutrition equal the ingredient sums (rounded to one decimal as shipped);
 * - the same request gives the same plan, and a swap keeps every other meal.
 * Used by scripts/evaluate-kitchen.ts (500+ requests, writes docs/kitchen.md) and by a smaller jest run.
 */
import { performance } from 'node:perf_hooks';
import { findIngredientIds, type Catalog } from '../src/catalog';
import { groceryList } from '../src/grocery';
import type { MealPlan, PlanInput } from '../src/plan-types';
import { WEEKDAYS } from '../src/plan-types';
import { planMeals, swapMeal } from '../src/planner';
import { ALLERGENS, DIETS, MEAL_TYPES, type Allergen, type AnimalProduct, type Ingredient, type Nutrition, type RecipeSource } from '../src/types';
import { toGrams } from '../src/units';

/** mulberry32: a small, fast, seeded PRNG, so every run of the evaluation sees the same requests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function sample<T>(rand: () => number, items: readonly T[], max: number): T[] {
  const count = Math.floor(rand() * (max + 1));
  const out = new Set<T>();
  for (let i = 0; i < count; i++) out.add(pick(rand, items));
  return [...out];
}

export function generateRequest(rand: () => number, ingredients: readonly Ingredient[]): PlanInput {
  const meals = MEAL_TYPES.filter(() => rand() < 0.6);
  const input: PlanInput = {
    days: 1 + Math.floor(rand() * 7),
    meals: meals.length > 0 ? meals : ['dinner'],
    servings: 1 + Math.floor(rand() * 8),
    diet: pick(rand, DIETS),
    allergens: sample(rand, ALLERGENS, 3),
    dislikes: sample(rand, ingredients, 2).map((i) => (rand() < 0.5 ? i.name : (i.aliases[0] ?? i.id))),
    useUp: sample(rand, ingredients, 3).map((i) => i.name),
    batchCooking: rand() < 0.7,
  };
  if (rand() < 0.5) input.maxMinutesPerMeal = pick(rand, [15, 20, 30, 45, 60, 90]);
  if (rand() < 0.3) input.totalPrepMinutes = pick(rand, [60, 120, 240, 480]);
  if (rand() < 0.5) input.targets = { kcalPerDay: pick(rand, [1600, 2000, 2500]), proteinGPerDay: pick(rand, [60, 100, 140]) };
  if (rand() < 0.5) input.startWeekday = pick(rand, WEEKDAYS);
  if (rand() < 0.3) input.noRepeatWithinDays = pick(rand, [1, 2, 3, 5]);
  return input;
}

export interface EvalResult {
  seed: number;
  requests: number;
  mealsPlanned: number;
  mealsCooked: number;
  leftoverMeals: number;
  groceryItems: number;
  gramsChecked: number;
  infeasible: number;
  unmetByConstraint: Record<string, number>;
  swapsChecked: number;
  determinismChecked: number;
  violations: { allergen: number; diet: number; dislike: number; time: number; grocery: number; nutrition: number; determinism: number; swap: number };
  /** The first few violations, for a failing run's report. */
  examples: string[];
  planMs: { p50: number; p95: number; max: number };
  groceryMs: { p50: number; p95: number; max: number };
  wallMs: number;
}

const PROTECTED_DIET: Record<string, ReadonlySet<AnimalProduct>> = {
  vegan: new Set(['meat', 'poultry', 'fish', 'shellfish', 'mollusc', 'dairy', 'egg', 'honey', 'gelatin']),
  vegetarian: new Set(['meat', 'poultry', 'fish', 'shellfish', 'mollusc', 'gelatin']),
  pescatarian: new Set(['meat', 'poultry', 'gelatin']),
  omnivore: new Set(),
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function runKitchenEval(options: { catalog: Catalog; ingredients: readonly Ingredient[]; recipes: readonly RecipeSource[]; requests: number; seed: number }): EvalResult {
  const { catalog, requests, seed } = options;
  const ingredientById = new Map(options.ingredients.map((i) => [i.id, i]));
  const recipeById = new Map(options.recipes.map((r) => [r.id, r]));
  const rand = seededRandom(seed);
  const started = performance.now();
  const result: EvalResult = {
    seed,
    requests,
    mealsPlanned: 0,
    mealsCooked: 0,
    leftoverMeals: 0,
    groceryItems: 0,
    gramsChecked: 0,
    infeasible: 0,
    unmetByConstraint: {},
    swapsChecked: 0,
    determinismChecked: 0,
    violations: { allergen: 0, diet: 0, dislike: 0, time: 0, grocery: 0, nutrition: 0, determinism: 0, swap: 0 },
    examples: [],
    planMs: { p50: 0, p95: 0, max: 0 },
    groceryMs: { p50: 0, p95: 0, max: 0 },
    wallMs: 0,
  };
  const fail = (kind: keyof EvalResult['violations'], message: string) => {
    result.violations[kind] += 1;
    if (result.examples.length < 20) result.examples.push(`${kind}: ${message}`);
  };
  const planTimes: number[] = [];
  const groceryTimes: number[] = [];

  const perServing = (source: RecipeSource): Nutrition => {
    const total: Nutrition = { kcal: 0, proteinG: 0, fatG: 0, saturatedFatG: 0, carbsG: 0, fibreG: 0, sugarG: 0, sodiumMg: 0 };
    for (const line of source.ingredients) {
      const i = ingredientById.get(line.ingredientId)!;
      const grams = toGrams(line.quantity, line.unit, i);
      for (const k of Object.keys(total) as Array<keyof Nutrition>) total[k] += (grams * i.per100g[k]) / 100;
    }
    for (const k of Object.keys(total) as Array<keyof Nutrition>) total[k] /= source.servings;
    return total;
  };

  const checkPlan = (input: PlanInput, plan: MealPlan, label: string) => {
    const forbidden = new Set<Allergen>(input.allergens ?? []);
    const protectedAnimal = PROTECTED_DIET[input.diet ?? 'omnivore']!;
    const disliked = new Set<string>();
    for (const d of input.dislikes ?? []) for (const id of findIngredientIds(catalog, d, 'family')) disliked.add(id);
    const expectedGrams = new Map<string, number>();
    let recipeGrams = 0;
    const leftoversOf = new Map<string, number>();
    for (const day of plan.days) for (const meal of day.meals) if (meal.leftoverOf) leftoversOf.set(`${meal.leftoverOf.day}|${meal.leftoverOf.slot}`, (leftoversOf.get(`${meal.leftoverOf.day}|${meal.leftoverOf.slot}`) ?? 0) + 1);

    for (const day of plan.days) {
      const dayTotal: Record<string, number> = {};
      for (const meal of day.meals) {
        result.mealsPlanned += 1;
        const source = recipeById.get(meal.recipeId);
        if (!source) {
          fail('allergen', `${label}: unknown recipe ${meal.recipeId}`);
          continue;
        }
        for (const line of source.ingredients) {
          const i = ingredientById.get(line.ingredientId)!;
          for (const a of i.allergens) if (forbidden.has(a)) fail('allergen', `${label}: ${meal.recipeId} has ${i.id} (${a})`);
          for (const a of i.animal) if (protectedAnimal.has(a)) fail('diet', `${label}: ${meal.recipeId} has ${i.id} (${a}) for ${input.diet}`);
          if (disliked.has(i.id)) fail('dislike', `${label}: ${meal.recipeId} has disliked ${i.id}`);
        }
        const expected = perServing(source);
        for (const k of Object.keys(expected) as Array<keyof Nutrition>) {
          if (Math.abs(meal.nutrition[k] - round1(expected[k])) > 0.051) fail('nutrition', `${label}: ${meal.recipeId} ${k} ${meal.nutrition[k]} vs ${round1(expected[k])}`);
          dayTotal[k] = (dayTotal[k] ?? 0) + expected[k];
        }
        if (meal.leftoverOf) {
          result.leftoverMeals += 1;
          if (meal.ingredients.length > 0 || meal.cookServings !== 0) fail('grocery', `${label}: leftover ${meal.recipeId} carries ingredients`);
          continue;
        }
        result.mealsCooked += 1;
        if (input.maxMinutesPerMeal && source.prepMinutes + source.cookMinutes > input.maxMinutesPerMeal) fail('time', `${label}: ${meal.recipeId} takes ${source.prepMinutes + source.cookMinutes} > ${input.maxMinutesPerMeal}`);
        const eaters = (input.servings ?? 2) * (1 + (leftoversOf.get(`${day.day}|${meal.slot}`) ?? 0));
        if (meal.cookServings !== eaters) fail('grocery', `${label}: ${meal.recipeId} cooked for ${meal.cookServings}, eaten by ${eaters}`);
        for (const line of source.ingredients) {
          const ingredient = ingredientById.get(line.ingredientId)!;
          const grams = (toGrams(line.quantity, line.unit, ingredient) * eaters) / source.servings;
          recipeGrams += grams;
          if (ingredient.fromTheTap) continue;
          // Bought as another ingredient (cooked rice as dry rice): expected on that one's line, in its grams.
          const boughtId = ingredient.shopAs?.ingredientId ?? line.ingredientId;
          expectedGrams.set(boughtId, (expectedGrams.get(boughtId) ?? 0) + grams * (ingredient.shopAs?.factor ?? 1));
        }
      }
      for (const k of Object.keys(dayTotal) as Array<keyof Nutrition>) {
        if (Math.abs(day.nutrition[k] - round1(dayTotal[k]!)) > 0.051) fail('nutrition', `${label}: day ${day.day} ${k} ${day.nutrition[k]} vs ${round1(dayTotal[k]!)}`);
      }
    }

    const t0 = performance.now();
    const grocery = groceryList(catalog, plan, { units: rand() < 0.5 ? 'metric' : 'us' });
    groceryTimes.push(performance.now() - t0);
    const items = grocery.sections.flatMap((s) => s.items);
    result.groceryItems += items.length;
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(item.ingredientId);
      const expected = expectedGrams.get(item.ingredientId) ?? 0;
      result.gramsChecked += expected;
      if (Math.abs(item.grams + item.pantryGrams - expected) > 1e-4) fail('grocery', `${label}: ${item.ingredientId} ${item.grams} g vs ${expected} g`);
    }
    for (const id of expectedGrams.keys()) if (!seen.has(id)) fail('grocery', `${label}: ${id} missing from the list`);
    if (Math.abs(grocery.totalNeededGrams - recipeGrams) > 1e-3) fail('grocery', `${label}: total ${grocery.totalNeededGrams} vs ${recipeGrams}`);
  };

  for (let n = 0; n < requests; n++) {
    const input = generateRequest(rand, options.ingredients);
    const t0 = performance.now();
    const plan = planMeals(catalog, input);
    planTimes.push(performance.now() - t0);
    if (plan.unmet.length > 0) result.infeasible += 1;
    for (const u of plan.unmet) result.unmetByConstraint[u.constraint] = (result.unmetByConstraint[u.constraint] ?? 0) + 1;
    checkPlan(input, plan, `#${n}`);

    if (n % 5 === 0) {
      result.determinismChecked += 1;
      if (JSON.stringify(planMeals(catalog, input)) !== JSON.stringify(plan)) fail('determinism', `#${n}: a second run gave a different plan`);
    }
    const cooked = plan.days.flatMap((d) => d.meals.map((m) => ({ day: d.day, meal: m })));
    if (n % 3 === 0 && cooked.length > 0) {
      const target = pick(rand, cooked);
      const { plan: after, input: next } = swapMeal(catalog, input, target.day, target.meal.slot, plan);
      result.swapsChecked += 1;
      checkPlan(next, after, `#${n} swap`);
      for (const { day, meal } of cooked) {
        const dependent = meal.leftoverOf && meal.leftoverOf.day === target.day && meal.leftoverOf.slot === target.meal.slot;
        const isTarget = day === target.day && meal.slot === target.meal.slot;
        const kept = after.days[day - 1]!.meals.find((m) => m.slot === meal.slot);
        if (!isTarget && !dependent && kept?.recipeId !== meal.recipeId) fail('swap', `#${n}: swapping day ${target.day} ${target.meal.slot} changed day ${day} ${meal.slot}`);
        if (isTarget && kept && kept.recipeId === meal.recipeId) fail('swap', `#${n}: day ${day} ${meal.slot} kept ${meal.recipeId}`);
      }
    }
  }

  planTimes.sort((a, b) => a - b);
  groceryTimes.sort((a, b) => a - b);
  const stats = (xs: number[]) => ({ p50: Number(percentile(xs, 50).toFixed(3)), p95: Number(percentile(xs, 95).toFixed(3)), max: Number((xs.at(-1) ?? 0).toFixed(3)) });
  result.planMs = stats(planTimes);
  result.groceryMs = stats(groceryTimes);
  result.gramsChecked = Math.round(result.gramsChecked);
  result.wallMs = Math.round(performance.now() - started);
  return result;
}

export function totalViolations(r: EvalResult): number {
  return Object.values(r.violations).reduce((a, b) => a + b, 0);
}
