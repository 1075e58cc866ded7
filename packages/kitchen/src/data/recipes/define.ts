import type { RecipeIngredient, RecipeSource, Unit } from '../../types';

/** One ingredient line: quantity, unit, ingredient id and an optional preparation note ("finely chopped"). */
export type Line = readonly [quantity: number, unit: Unit, ingredientId: string, note?: string];

export type RecipeDraft = Omit<RecipeSource, 'ingredients'> & { ingredients: readonly Line[] };

/** Spells a recipe's ingredient lines out as `RecipeIngredient`s; everything else passes through unchanged. */
export function recipe(draft: RecipeDraft): RecipeSource {
  const ingredients = draft.ingredients.map(([quantity, unit, ingredientId, note]): RecipeIngredient =>
    note === undefined ? { ingredientId, quantity, unit } : { ingredientId, quantity, unit, note },
  );
  return { ...draft, ingredients };
}
