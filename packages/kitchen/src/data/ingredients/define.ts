import type { Allergen, AnimalProduct, Ingredient, Nutrition, PieceCut, StoreSection } from '../../types';

/**
 * Nutrition per 100 g in the order FoodData Central lists it: energy (kcal), protein, total fat, saturated fat,
 * carbohydrate by difference (fibre included, as FDC reports it), total dietary fibre, total sugars, sodium (mg).
 */
export function n(kcal: number, proteinG: number, fatG: number, saturatedFatG: number, carbsG: number, fibreG: number, sugarG: number, sodiumMg: number): Nutrition {
  return { kcal, proteinG, fatG, saturatedFatG, carbsG, fibreG, sugarG, sodiumMg };
}

export interface IngredientExtras {
  aliases?: string[];
  allergens?: Allergen[];
  animal?: AnimalProduct[];
  /** g per ml as a cook measures it: chopped vegetables loosely packed in a cup, flour spooned and levelled. */
  density?: number;
  /** [grams of one piece, what a piece is called, the smallest part of one a cook uses]. */
  piece?: [number, string, PieceCut];
  shopAs?: Ingredient['shopAs'];
  soldAs?: Ingredient['soldAs'];
  fromTheTap?: true;
}

/** Builds ingredients for one store section; allergens and animal products default to none (plant, allergen-free). */
export function ingredientsIn(section: StoreSection) {
  return (id: string, name: string, fdcId: number, per100g: Nutrition, extras: IngredientExtras = {}): Ingredient => {
    const ingredient: Ingredient = {
      id,
      name,
      aliases: extras.aliases ?? [],
      section,
      allergens: extras.allergens ?? [],
      animal: extras.animal ?? [],
      fdcId,
      per100g,
    };
    if (extras.density !== undefined) ingredient.densityGPerMl = extras.density;
    if (extras.piece) {
      ingredient.gramsPerPiece = extras.piece[0];
      ingredient.pieceName = extras.piece[1];
      ingredient.pieceCut = extras.piece[2];
    }
    if (extras.shopAs) ingredient.shopAs = extras.shopAs;
    if (extras.soldAs) ingredient.soldAs = extras.soldAs;
    if (extras.fromTheTap) ingredient.fromTheTap = true;
    return ingredient;
  };
}
