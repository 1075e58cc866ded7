import { DIET_RANK, dietAllows, dietOfAnimalProducts, type Catalog } from './catalog';
import { familyIds, hasRules, mergeRules, NO_RULES, resolveExclusions, ruleViolations, type Pattern } from './exclusions';
import type { MealPlan } from './plan-types';
import type { Allergen, AnimalProduct, Diet } from './types';

export interface SafetyProfile {
  allergens?: readonly Allergen[];
  diet?: Diet;
  dislikes?: readonly string[];
  exclude?: readonly string[];
  patterns?: readonly Pattern[];
  maxCarbsPerServing?: number;
}

export class PlanSafetyError extends Error {
  constructor(readonly violations: string[]) {
    super(`Plan breaks the profile: ${violations.join('; ')}`);
    this.name = 'PlanSafetyError';
  }
}

/**
 * The last gate before a plan leaves the kitchen. Re-derives each planned meal's allergens and animal products from
 * the ingredient data (the recipe's ingredient lines and the ingredients the plan itself lists), not from labels the
 * plan carries, and throws on any allergen, diet or dislike the profile forbids, or any recipe or ingredient it cannot
 * resolve. Nothing that fails here may be shown.
 */
export function assertPlanSafe(catalog: Catalog, plan: MealPlan, profile: SafetyProfile): void {
  const violations: string[] = [];
  const forbidden = new Set(profile.allergens ?? []);
  const diet = profile.diet ?? 'omnivore';
  const disliked = new Set<string>();
  for (const d of profile.dislikes ?? []) for (const id of familyIds(catalog, d)) disliked.add(id);
  const excluded = resolveExclusions(catalog, profile.exclude ?? [], profile.patterns ?? []);
  if (profile.maxCarbsPerServing !== undefined) excluded.rules = mergeRules(excluded.rules, { ...NO_RULES, maxCarbsG: profile.maxCarbsPerServing });

  for (const day of plan.days) {
    for (const meal of day.meals) {
      const where = `day ${day.day} ${meal.slot} (${meal.recipeId})`;
      const recipe = catalog.recipeById.get(meal.recipeId);
      if (!recipe) {
        violations.push(`${where}: unknown recipe`);
        continue;
      }
      const ids = new Set([...recipe.ingredients.map((l) => l.ingredientId), ...meal.ingredients.map((l) => l.ingredientId)]);
      const animal = new Set<AnimalProduct>();
      for (const id of ids) {
        const ingredient = catalog.ingredientById.get(id);
        if (!ingredient) {
          violations.push(`${where}: unknown ingredient ${id}`);
          continue;
        }
        for (const a of ingredient.allergens) if (forbidden.has(a)) violations.push(`${where}: ${ingredient.name} contains ${a}`);
        for (const a of ingredient.animal) animal.add(a);
        if (disliked.has(id)) violations.push(`${where}: ${ingredient.name} is disliked`);
        if (excluded.ids.has(id)) violations.push(`${where}: ${ingredient.name} is excluded`);
      }
      // A cook's recipe: what its unmatched lines may hold counts as present (cook/derive.ts, planner.ts).
      const unknown = recipe.cook?.unmatched.length ? recipe.cook : null;
      for (const a of unknown?.mayContain ?? []) if (forbidden.has(a)) violations.push(`${where}: an unmatched line may contain ${a}`);
      if (unknown && (excluded.ids.size > 0 || hasRules(excluded.rules))) violations.push(`${where}: unmatched lines cannot be checked for ${[...(profile.exclude ?? []), ...(profile.patterns ?? [])].join(', ') || 'the exclusions'}`);
      const mealDiet = dietOfAnimalProducts([...animal]);
      const checkedDiet = recipe.cook && DIET_RANK[recipe.diet] > DIET_RANK[mealDiet] ? recipe.diet : mealDiet;
      if (!dietAllows(diet, checkedDiet)) violations.push(`${where}: is ${checkedDiet}, not ${diet}`);
      for (const broken of ruleViolations(recipe, excluded.rules)) violations.push(`${where}: ${broken}`);
    }
  }
  if (violations.length > 0) throw new PlanSafetyError(violations);
}
