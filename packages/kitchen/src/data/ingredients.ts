import type { Ingredient } from '../types';
import { ROLE_BY_INGREDIENT_ID } from './ingredient-roles';
import {
  ALCOHOL_INGREDIENT_IDS,
  ANIMAL_SOURCES_BY_INGREDIENT_ID,
  EU_ALLERGENS_BY_INGREDIENT_ID,
  HIGH_FODMAP_INGREDIENT_IDS,
  LACTOSE_INGREDIENT_IDS,
} from './ingredient-taxonomy';
import { DAIRY } from './ingredients/dairy';
import { BAKERY, BAKING, GRAINS_AND_PASTA } from './ingredients/grains';
import { BEVERAGES, CANNED_AND_JARRED, FROZEN, INTERNATIONAL, NUTS_SEEDS_AND_DRIED_FRUIT, OILS_VINEGARS_AND_CONDIMENTS, SPICES } from './ingredients/pantry';
import { PRODUCE } from './ingredients/produce';
import { EGGS, MEAT_AND_SEAFOOD, PLANT_PROTEINS } from './ingredients/proteins';

const alcohol = new Set(ALCOHOL_INGREDIENT_IDS);
const lactose = new Set(LACTOSE_INGREDIENT_IDS);
const highFodmap = new Set(HIGH_FODMAP_INGREDIENT_IDS);

/**
 * Every ingredient the kitchen knows, nutrition per 100 g from USDA FoodData Central (SR Legacy unless a line says
 * otherwise). Allergen policy: the US top 9 plus gluten, labelled as the common store-bought product is made; each file
 * states its conservative choices (oats, oat milk, coconut, dark chocolate, soy sauce and friends). The EU/UK allergens
 * beyond those, animal sources, alcohol, lactose and FODMAPs come from data/ingredient-taxonomy.ts.
 */
export const INGREDIENTS: readonly Ingredient[] = withTaxonomy([
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

function withTaxonomy(ingredients: readonly Ingredient[]): Ingredient[] {
  return ingredients.map((i) => {
    const out: Ingredient = { ...i };
    const role = ROLE_BY_INGREDIENT_ID.get(i.id);
    if (role) out.role = role;
    const extra = EU_ALLERGENS_BY_INGREDIENT_ID[i.id];
    if (extra) out.allergens = [...new Set([...i.allergens, ...extra])];
    const sources = ANIMAL_SOURCES_BY_INGREDIENT_ID[i.id];
    if (sources) out.animalSources = [...sources];
    if (alcohol.has(i.id)) out.alcohol = true;
    if (lactose.has(i.id)) out.lactose = true;
    if (highFodmap.has(i.id)) out.highFodmap = true;
    return out;
  });
}
