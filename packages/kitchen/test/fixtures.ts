import { createCatalog } from '../src/catalog';
import type { Allergen, AnimalProduct, Ingredient, MealType, Nutrition, RecipeIngredient, RecipeSource, StoreSection } from '../src/types';

function n(kcal: number, proteinG: number, fatG: number, carbsG: number): Nutrition {
  return { kcal, proteinG, fatG, saturatedFatG: fatG / 4, carbsG, fibreG: 1, sugarG: 1, sodiumMg: 10 };
}

function ing(id: string, name: string, section: StoreSection, per100g: Nutrition, extras: Partial<Ingredient> = {}): Ingredient {
  return { id, name, aliases: [], section, allergens: [] as Allergen[], animal: [] as AnimalProduct[], fdcId: 1, per100g, ...extras };
}

/** A small, hand-checkable kitchen: enough variety for the planner, with every allergen path exercised. */
export const FIXTURE_INGREDIENTS: Ingredient[] = [
  ing('onion', 'onion', 'Produce', n(40, 1.1, 0.1, 9.3), { gramsPerPiece: 110, pieceName: 'onion', densityGPerMl: 0.68 }),
  ing('garlic', 'garlic', 'Produce', n(149, 6.4, 0.5, 33), { gramsPerPiece: 3, pieceName: 'clove' }),
  ing('kale', 'kale', 'Produce', n(35, 2.9, 1.5, 4.4), { densityGPerMl: 0.09, aliases: ['curly kale'] }),
  ing('tomato', 'tomato', 'Produce', n(18, 0.9, 0.2, 3.9), { gramsPerPiece: 123, densityGPerMl: 0.76 }),
  ing('cherry-tomato', 'cherry tomato', 'Produce', n(18, 0.9, 0.2, 3.9), { gramsPerPiece: 17, densityGPerMl: 0.6 }),
  ing('mushroom-button', 'button mushroom', 'Produce', n(22, 3.1, 0.3, 3.3), { densityGPerMl: 0.3 }),
  ing('mushroom-shiitake', 'shiitake mushroom', 'Produce', n(34, 2.2, 0.5, 6.8)),
  ing('spinach', 'spinach', 'Produce', n(23, 2.9, 0.4, 3.6), { densityGPerMl: 0.13 }),
  ing('banana', 'banana', 'Produce', n(89, 1.1, 0.3, 23), { gramsPerPiece: 118 }),
  ing('chickpeas-canned', 'chickpeas (canned)', 'Canned & Jarred', n(139, 7, 2.6, 22.5), { aliases: ['chickpea', 'garbanzo beans'], densityGPerMl: 0.69 }),
  ing('lentils-red', 'red lentils', 'Grains & Pasta', n(358, 24, 2.2, 63), { densityGPerMl: 0.8, aliases: ['lentils'] }),
  ing('rice-white', 'white rice', 'Grains & Pasta', n(365, 7.1, 0.7, 80), { densityGPerMl: 0.85, aliases: ['rice'] }),
  ing('pasta', 'spaghetti', 'Grains & Pasta', n(371, 13, 1.5, 75), { allergens: ['wheat', 'gluten'], aliases: ['pasta'] }),
  ing('rolled-oats', 'rolled oats', 'Grains & Pasta', n(379, 13, 6.5, 68), { densityGPerMl: 0.34, aliases: ['oats'] }),
  ing('bread', 'whole wheat bread', 'Bakery', n(252, 12, 3.5, 43), { allergens: ['wheat', 'gluten'], gramsPerPiece: 32, pieceName: 'slice' }),
  ing('tofu-firm', 'firm tofu', 'International', n(144, 17, 8.7, 2.8), { allergens: ['soy'], aliases: ['tofu'] }),
  ing('soy-sauce', 'soy sauce', 'International', n(53, 8.1, 0.6, 4.9), { allergens: ['soy', 'wheat', 'gluten'], densityGPerMl: 1.15 }),
  ing('peanut-butter', 'peanut butter', 'Nuts, Seeds & Dried Fruit', n(588, 25, 50, 20), { allergens: ['peanuts'], densityGPerMl: 1.09, role: 'nut-butter' }),
  ing('sunflower-butter', 'sunflower seed butter', 'Nuts, Seeds & Dried Fruit', n(617, 17, 55, 24), { densityGPerMl: 1.05, role: 'nut-butter' }),
  ing('almonds', 'almonds', 'Nuts, Seeds & Dried Fruit', n(579, 21, 50, 22), { allergens: ['tree_nuts'], densityGPerMl: 0.6 }),
  ing('sunflower-seeds', 'sunflower seeds', 'Nuts, Seeds & Dried Fruit', n(584, 21, 51, 20), { densityGPerMl: 0.55 }),
  ing('milk', 'whole milk', 'Dairy & Eggs', n(61, 3.2, 3.3, 4.8), { allergens: ['milk'], animal: ['dairy'], densityGPerMl: 1.03, aliases: ['milk'] }),
  ing('oat-milk', 'oat milk', 'Beverages', n(48, 1, 1.5, 7), { densityGPerMl: 1.03 }),
  ing('cheddar', 'cheddar cheese', 'Dairy & Eggs', n(403, 25, 33, 1.3), { allergens: ['milk'], animal: ['dairy'], densityGPerMl: 0.45 }),
  ing('egg', 'egg', 'Dairy & Eggs', n(143, 12.6, 9.5, 0.7), { allergens: ['egg'], animal: ['egg'], gramsPerPiece: 50, aliases: ['eggs'] }),
  ing('chicken-breast', 'chicken breast', 'Meat & Seafood', n(120, 22.5, 2.6, 0), { animal: ['poultry'], gramsPerPiece: 200, aliases: ['chicken'] }),
  ing('salmon', 'salmon fillet', 'Meat & Seafood', n(208, 20, 13, 0), { allergens: ['fish'], animal: ['fish'], gramsPerPiece: 150, aliases: ['salmon'] }),
  ing('shrimp', 'shrimp', 'Meat & Seafood', n(85, 20, 0.5, 0), { allergens: ['shellfish'], animal: ['shellfish'], aliases: ['prawns'] }),
  ing('olive-oil', 'olive oil', 'Oils, Vinegars & Condiments', n(884, 0, 100, 0), { densityGPerMl: 0.91 }),
  ing('honey', 'honey', 'Baking', n(304, 0.3, 0, 82), { animal: ['honey'], densityGPerMl: 1.42 }),
  ing('tahini', 'tahini', 'International', n(595, 17, 54, 21), { allergens: ['sesame'], densityGPerMl: 1.0, role: 'nut-butter' }),
  ing('salt', 'salt', 'Spices & Seasonings', n(0, 0, 0, 0), { densityGPerMl: 1.2 }),
  ing('cumin', 'ground cumin', 'Spices & Seasonings', n(375, 18, 22, 44), { densityGPerMl: 0.5 }),
];

function r(id: string, mealTypes: MealType[], cuisine: string, minutes: [number, number], servings: number, ingredients: Array<[string, number, RecipeIngredient['unit']]>, extras: Partial<RecipeSource> = {}): RecipeSource {
  return {
    id,
    title: id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '),
    servings,
    prepMinutes: minutes[0],
    cookMinutes: minutes[1],
    cuisine,
    mealTypes,
    ingredients: ingredients.map(([ingredientId, quantity, unit]) => ({ ingredientId, quantity, unit })),
    steps: ['Cook it.'],
    leftoverDays: 0,
    batchFriendly: false,
    tags: [],
    ...extras,
  };
}

export const FIXTURE_RECIPES: RecipeSource[] = [
  r('oatmeal-banana', ['breakfast'], 'american', [5, 5], 2, [['rolled-oats', 1, 'cup'], ['oat-milk', 2, 'cup'], ['banana', 1, 'piece'], ['salt', 0.25, 'tsp']]),
  r('peanut-oats', ['breakfast'], 'american', [5, 5], 2, [['rolled-oats', 1, 'cup'], ['milk', 2, 'cup'], ['peanut-butter', 2, 'tbsp']]),
  r('scrambled-eggs-toast', ['breakfast'], 'american', [5, 5], 2, [['egg', 4, 'piece'], ['bread', 2, 'piece'], ['milk', 2, 'tbsp']]),
  r('tofu-scramble', ['breakfast', 'lunch'], 'american', [5, 10], 2, [['tofu-firm', 300, 'g'], ['spinach', 1, 'cup'], ['olive-oil', 1, 'tbsp'], ['cumin', 0.5, 'tsp']]),
  r('almond-yogurt-bowl', ['breakfast', 'snack'], 'american', [5, 0], 1, [['almonds', 30, 'g'], ['banana', 1, 'piece'], ['honey', 1, 'tsp']]),
  r('kale-chickpea-salad', ['lunch'], 'mediterranean', [15, 0], 2, [['kale', 3, 'cup'], ['chickpeas-canned', 1.5, 'cup'], ['tahini', 2, 'tbsp'], ['cherry-tomato', 10, 'piece']]),
  r('tomato-lentil-soup', ['lunch', 'dinner'], 'middle eastern', [10, 30], 4, [['lentils-red', 1, 'cup'], ['tomato', 3, 'piece'], ['onion', 1, 'piece'], ['garlic', 2, 'piece'], ['olive-oil', 2, 'tbsp']], { batchFriendly: true, leftoverDays: 4 }),
  r('cheese-toastie', ['lunch'], 'british', [5, 5], 1, [['bread', 2, 'piece'], ['cheddar', 40, 'g']]),
  r('shrimp-fried-rice', ['lunch', 'dinner'], 'chinese', [10, 15], 2, [['shrimp', 200, 'g'], ['rice-white', 1, 'cup'], ['egg', 2, 'piece'], ['soy-sauce', 2, 'tbsp']]),
  r('chickpea-curry', ['dinner'], 'indian', [10, 30], 4, [['chickpeas-canned', 3, 'cup'], ['tomato', 400, 'g'], ['onion', 1, 'piece'], ['garlic', 3, 'piece'], ['spinach', 2, 'cup'], ['rice-white', 1.5, 'cup']], { batchFriendly: true, leftoverDays: 3 }),
  r('salmon-rice-bowl', ['dinner'], 'japanese', [10, 20], 2, [['salmon', 2, 'piece'], ['rice-white', 1, 'cup'], ['soy-sauce', 1, 'tbsp'], ['spinach', 1, 'cup']]),
  r('chicken-tray-bake', ['dinner'], 'american', [15, 40], 4, [['chicken-breast', 4, 'piece'], ['onion', 2, 'piece'], ['tomato', 4, 'piece'], ['olive-oil', 3, 'tbsp']], { batchFriendly: true, leftoverDays: 3 }),
  r('mushroom-pasta', ['dinner'], 'italian', [10, 20], 4, [['pasta', 400, 'g'], ['mushroom-button', 300, 'g'], ['garlic', 3, 'piece'], ['olive-oil', 3, 'tbsp']]),
  r('kale-lentil-stew', ['dinner', 'lunch'], 'mediterranean', [10, 35], 4, [['lentils-red', 1.5, 'cup'], ['kale', 4, 'cup'], ['tomato', 2, 'piece'], ['onion', 1, 'piece'], ['olive-oil', 2, 'tbsp']], { batchFriendly: true, leftoverDays: 4 }),
  r('tofu-stir-fry', ['dinner'], 'chinese', [15, 10], 2, [['tofu-firm', 400, 'g'], ['mushroom-shiitake', 150, 'g'], ['rice-white', 1, 'cup'], ['soy-sauce', 2, 'tbsp']]),
  r('seed-trail-mix', ['snack'], 'american', [2, 0], 4, [['sunflower-seeds', 100, 'g'], ['banana', 1, 'piece']]),
];

export const fixtureCatalog = createCatalog(FIXTURE_INGREDIENTS, FIXTURE_RECIPES);
