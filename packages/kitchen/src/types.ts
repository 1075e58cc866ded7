/**
 * The kitchen's data model. Source data (ingredients, recipes) is typed by hand in `data/`; everything a cook relies on
 * for safety or nutrition (diet labels, allergens, nutrition totals) is derived from it, never typed.
 */

/**
 * The US top 9 allergens plus gluten, then the rest of the EU/UK 14 (molluscs, mustard, celery, lupin, sulphites).
 * `shellfish` means crustacean shellfish (shrimp, crab, lobster); `molluscs` are mussels, clams, squid, oysters.
 * The order is fixed: a recipe's allergen bit mask uses these indexes.
 */
export const ALLERGENS = [
  'milk', 'egg', 'fish', 'shellfish', 'tree_nuts', 'peanuts', 'wheat', 'soy', 'sesame', 'gluten',
  'molluscs', 'mustard', 'celery', 'lupin', 'sulphites',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

/** How a cook names each allergen in a sentence ("no tree nuts"). */
export const ALLERGEN_LABEL: Readonly<Record<Allergen, string>> = {
  milk: 'milk', egg: 'eggs', fish: 'fish', shellfish: 'shellfish', tree_nuts: 'tree nuts', peanuts: 'peanuts', wheat: 'wheat',
  soy: 'soy', sesame: 'sesame', gluten: 'gluten', molluscs: 'molluscs', mustard: 'mustard', celery: 'celery', lupin: 'lupin',
  sulphites: 'sulphites',
};

/**
 * Which animal an ingredient comes from, finer than `AnimalProduct`: what "no pork", "no red meat" or "kosher" need.
 * `crustacean` is shellfish (shrimp, crab); `mollusc` is mussels, squid, oysters.
 */
export const ANIMAL_SOURCES = ['pork', 'beef', 'lamb', 'poultry', 'fish', 'crustacean', 'mollusc'] as const;
export type AnimalSource = (typeof ANIMAL_SOURCES)[number];

/** Which animal products an ingredient is; an empty list means plant-based. Diets are derived from these. */
export const ANIMAL_PRODUCTS = ['meat', 'poultry', 'fish', 'shellfish', 'mollusc', 'dairy', 'egg', 'honey', 'gelatin'] as const;
export type AnimalProduct = (typeof ANIMAL_PRODUCTS)[number];

export const DIETS = ['omnivore', 'pescatarian', 'vegetarian', 'vegan'] as const;
export type Diet = (typeof DIETS)[number];

/** Food groups a cook names as one ("no pork", "no red meat", "lactose intolerant"); exclusions.ts resolves them. */
export const FOOD_GROUPS = ['pork', 'beef', 'lamb', 'poultry', 'red-meat', 'alcohol', 'lactose'] as const;
export type FoodGroup = (typeof FOOD_GROUPS)[number];

export const PATTERNS = ['kosher', 'halal', 'low-fodmap', 'low-carb', 'keto', 'diabetic'] as const;
export type Pattern = (typeof PATTERNS)[number];

export const FOOD_GROUP_LABEL: Readonly<Record<FoodGroup, string>> = {
  pork: 'pork',
  beef: 'beef',
  lamb: 'lamb',
  poultry: 'poultry',
  'red-meat': 'red meat',
  alcohol: 'alcohol',
  lactose: 'lactose',
};

export const PATTERN_LABEL: Readonly<Record<Pattern, string>> = {
  kosher: 'kosher',
  halal: 'halal',
  'low-fodmap': 'low-FODMAP',
  'low-carb': 'low-carb',
  keto: 'keto',
  diabetic: 'diabetic-friendly',
};

export const STORE_SECTIONS = [
  'Produce',
  'Meat & Seafood',
  'Dairy & Eggs',
  'Bakery',
  'Grains & Pasta',
  'Canned & Jarred',
  'Baking',
  'Spices & Seasonings',
  'Oils, Vinegars & Condiments',
  'Nuts, Seeds & Dried Fruit',
  'Frozen',
  'International',
  'Beverages',
] as const;
export type StoreSection = (typeof STORE_SECTIONS)[number];

/**
 * What an ingredient does in a dish, as a cook would swap it: flour for flour, fat for fat, milk for milk. Substitutes
 * that are not curated come only from the same role, so nutrition never makes sugar a stand-in for flour.
 */
export const CULINARY_ROLES = [
  'flour', 'binder', 'leavening', 'sweetener', 'baking-flavour', 'cooking-fat', 'seasoning-oil', 'milk', 'cream', 'cheese',
  'egg', 'protein', 'grain', 'pasta', 'bread', 'breadcrumbs', 'nut-or-seed', 'dried-fruit', 'nut-butter', 'acid',
  'umami-sauce', 'chili-sauce', 'tomato-sauce', 'mayonnaise', 'mustard', 'pesto', 'pickle', 'broth', 'salt', 'pepper',
  'warm-spice', 'savoury-spice', 'chili-spice', 'dried-herb', 'allium-powder', 'seaweed', 'water', 'coffee', 'juice',
  'wine', 'allium', 'aromatic', 'root-vegetable', 'squash', 'tomato', 'sweet-pepper', 'chili', 'brassica', 'leafy-green',
  'salad-green', 'vegetable', 'mushroom', 'avocado', 'fruit', 'fresh-herb',
] as const;
export type CulinaryRole = (typeof CULINARY_ROLES)[number];

/** Per 100 g edible portion, from USDA FoodData Central. */
export interface Nutrition {
  kcal: number;
  proteinG: number;
  fatG: number;
  saturatedFatG: number;
  carbsG: number;
  fibreG: number;
  sugarG: number;
  sodiumMg: number;
}

export interface Ingredient {
  /** kebab-case, stable: recipes refer to it. */
  id: string;
  name: string;
  /** Other names a cook might type ("garbanzo beans" for chickpeas); lower case. */
  aliases: string[];
  section: StoreSection;
  /** Set for every ingredient of the corpus (data/ingredient-roles.ts); without it only curated swaps are offered. */
  role?: CulinaryRole;
  allergens: Allergen[];
  animal: AnimalProduct[];
  /** USDA FoodData Central id the nutrition was taken from. */
  fdcId: number;
  per100g: Nutrition;
  /** g per ml, for volume units (tsp, tbsp, cup, ml, l). Required when a recipe uses a volume unit. */
  densityGPerMl?: number;
  /** Grams of one piece, for the `piece` unit (one egg, one clove, one medium onion). */
  gramsPerPiece?: number;
  /** What one piece is called ("clove", "egg", "onion"); defaults to the ingredient name. */
  pieceName?: string;
  /** The smallest part of one piece a cook uses (see `PIECE_CUTS`); without it, quarters, the finest any recipe writes. */
  pieceCut?: PieceCut;
  /**
   * How a shop sells it when that is neither by weight nor by the piece a recipe counts: `pieces` of this ingredient's
   * piece at a time, called `name`. A can of beans is one piece (`gramsPerPiece` its drained weight), so the grocery list
   * buys whole cans however the recipes measure them; a head of garlic is ten cloves, bought by the head once the list
   * needs more than one head's worth.
   */
  soldAs?: { name: string; pieces: number };
  /**
   * Bought as another ingredient: `factor` grams of it for each gram of this one. Cooked rice is shopped as dry rice;
   * nutrition stays per gram of this ingredient as the recipe uses it.
   */
  shopAs?: { ingredientId: string; factor: number };
  /** Never bought (tap water): left off the grocery list, and off its "already in your pantry" line too. */
  fromTheTap?: true;
  /** The animals it comes from (data/ingredient-taxonomy.ts); set for every ingredient of meat, poultry or seafood. */
  animalSources?: AnimalSource[];
  /** Contains alcohol as used (wine, mirin, vanilla extract): what "halal" and "no alcohol" leave out. */
  alcohol?: true;
  /** Carries lactose in amounts that matter (milk, cream, soft cheese; not aged hard cheese or ghee). */
  lactose?: true;
  /** High in FODMAPs at a usual serving (Monash University's lists): what "low FODMAP" leaves out. */
  highFodmap?: true;
}

/**
 * How finely a counted thing is split in a kitchen: an egg or a tortilla is used whole, an avocado or a lemon by the
 * half, an onion or a block of tofu by the quarter. Scaled counts round to these steps, so no recipe asks for ¾ egg.
 */
export const PIECE_CUTS = { whole: 1, halves: 1 / 2, quarters: 1 / 4 } as const;
export type PieceCut = keyof typeof PIECE_CUTS;

export const UNITS = ['g', 'kg', 'oz', 'lb', 'ml', 'l', 'tsp', 'tbsp', 'cup', 'piece'] as const;
export type Unit = (typeof UNITS)[number];

export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
export type MealType = (typeof MEAL_TYPES)[number];

export interface RecipeIngredient {
  ingredientId: string;
  quantity: number;
  unit: Unit;
  /** Preparation shown to the cook ("finely chopped"). */
  note?: string;
  /** A cook's recipe line as written ("2-3 large handfuls of spinach"), shown beside the kitchen's reading of it. */
  text?: string;
}

export interface RecipeSource {
  /** kebab-case, stable. */
  id: string;
  title: string;
  /** Servings the quantities below make. */
  servings: number;
  prepMinutes: number;
  cookMinutes: number;
  /** lower-case cuisine ("indian", "mexican", "italian", "american", ...). */
  cuisine: string;
  mealTypes: MealType[];
  ingredients: RecipeIngredient[];
  steps: string[];
  /** How many days leftovers keep in the fridge; 0 means eat fresh. */
  leftoverDays: number;
  /** Good for cooking once and eating several times. */
  batchFriendly: boolean;
  /** Free descriptive tags ("high-protein", "one-pot", "sheet-pan"); never allergens or diets. */
  tags: string[];
}
