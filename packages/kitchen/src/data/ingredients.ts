import type { Ingredient } from '../types';
import { ROLE_BY_INGREDIENT_ID } from './ingredient-roles';
import { DAIRY } from './ingredients/dairy';
import { BAKERY, BAKING, GRAINS_AND_PASTA } from './ingredients/grains';
import { BEVERAGES, CANNED_AND_JARRED, FROZEN, INTERNATIONAL, NUTS_SEEDS_AND_DRIED_FRUIT, OILS_VINEGARS_AND_CONDIMENTS, SPICES } from './ingredients/pantry';
import { PRODUCE } from './ingredients/produce';
import { EGGS, MEAT_AND_SEAFOOD, PLANT_PROTEINS } from './ingredients/proteins';

/**
 * Every ingredient the kitchen knows, nutrition per 100 g from USDA FoodData Central (SR Legacy unless a line says
 * otherwise). Allergen policy: the US top 9 plus gluten, labelled as the common store-bought product is made; each file
 * states its conservative choices (oats, oat milk, coconut, dark chocolate, soy sauce and friends).
 */
export const INGREDIENTS: readonly Ingredient[] = withRoles([
  ...PRODUCE,
  ...MEAT_AND_SEAFOOD,
  ...EGGS,
  ...PLANT_PROTEINS,
  ...DAIRY,
  ...GRAINS_AND_PASTA,
  ...BAKERY,
  ...BAKING,
  ...NUTS_SEEDS_AND_DRIED_FRUIT,
  ...OILS_VINEGARS_AND_CONDIMENTS,
  ...CANNED_AND_JARRED,
  ...SPICES,
  ...INTERNATIONAL,
  ...FROZEN,
  ...BEVERAGES,
]);

function withRoles(ingredients: readonly Ingredient[]): Ingredient[] {
  return ingredients.map((i) => {
    const role = ROLE_BY_INGREDIENT_ID.get(i.id);
    return role ? { ...i, role } : i;
  });
}
