import type { Pattern } from './exclusions';
import type { Allergen, Diet, MealType, Nutrition, PieceCut, StoreSection, Unit } from './types';
import type { UnitSystem } from './units';

/** What the cook asks the planner for. Allergens, diet, dislikes and the per-meal time limit are hard constraints. */
export interface PlanInput {
  /** 1..14 */
  days: number;
  /** Meal slots per day, in the order they are eaten. Default breakfast, lunch, dinner. */
  meals?: MealType[];
  /** People eating each meal (household size). Default 2. */
  servings?: number;
  diet?: Diet;
  allergens?: Allergen[];
  /** Ingredient names or ids never to use; a word covers its family ("mushroom" → every mushroom). */
  dislikes?: string[];
  /**
   * Foods never to use, hard like dislikes: a food group (`pork`, `beef`, `lamb`, `poultry`, `red-meat`, `alcohol`,
   * `lactose`) or a word, which covers its family as a dislike does (exclusions.ts).
   */
  exclude?: string[];
  /** Named regimes (kosher, halal, low-fodmap, low-carb, keto, diabetic), hard; what each leaves out is in exclusions.ts. */
  patterns?: Pattern[];
  /** Carbohydrate per serving at most ("under 30 g carbs a meal"), hard like a regime's limit. */
  maxCarbsPerServing?: number;
  /** Ingredient names or ids to use up (pantry, CSA box): the planner maximises how many of them it uses. */
  useUp?: string[];
  /**
   * Ingredient names or ids the cook asked for ("dinners with chicken"): preferred in every meal, never past a hard
   * constraint. Unlike `useUp` they are not on hand, so the grocery list still buys them.
   */
  wanted?: string[];
  /** Prep + cook minutes allowed for one cooked meal. */
  maxMinutesPerMeal?: number;
  /** Prep + cook minutes for the whole plan (leftover meals cost nothing). Soft: reported when exceeded. */
  totalPrepMinutes?: number;
  /** Per person per day, soft. */
  targets?: { kcalPerDay?: number; proteinGPerDay?: number };
  /** The same recipe is not cooked again within this many days (default 3; leftovers are exempt). */
  noRepeatWithinDays?: number;
  /** Cook once, eat again later (within the recipe's leftoverDays). Default: on when the plan has lunches or a total time budget. */
  batchCooking?: boolean;
  /** Meals fixed in place, e.g. everything but the one being swapped. */
  locked?: LockedMeal[];
  /** Recipes not to use in a given slot (a swap asks for something different). */
  avoid?: Array<{ day: number; slot: MealType; recipeId: string }>;
  /**
   * Ingredients one meal is asked to have ("swap Tuesday's dinner for something with salmon"): in that slot only
   * recipes with one of them are planned, when any that meets the hard constraints (and `avoid`) does. Unlike
   * `wanted`, no other meal is steered towards them.
   */
  mealWanted?: MealWanted[];
  /** When set, days are labelled with weekdays starting here ("monday"); otherwise "Day 1"… */
  startWeekday?: Weekday;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface MealWanted {
  day: number;
  slot: MealType;
  /** Names or ids, read as `wanted` reads them (a word stands for every ingredient of that kind). */
  wanted: string[];
}

export interface LockedMeal {
  day: number;
  slot: MealType;
  recipeId: string;
  /** Keep it as leftovers of this (also locked) cooked meal. */
  leftoverOf?: { day: number; slot: MealType } | null;
}

export interface PlannedIngredient {
  ingredientId: string;
  name: string;
  /** The recipe's own unit, scaled (display rounding in `display`). */
  quantity: number;
  unit: Unit;
  /** Exact grams for the servings cooked. */
  grams: number;
  /** `quantity` as a cook reads it: counts to the piece's cut ("5 eggs"), spoons to what measuring spoons hold. */
  display: string;
  /**
   * On counted lines only: how finely the thing is cut, so a client rescaling the servings rounds the count as
   * `display` does (whole eggs, half avocados) rather than to a fraction no cook uses.
   */
  pieceCut?: PieceCut;
  note?: string;
  /** A cook's own recipe line as written; `display` is then "as needed" when the kitchen could not weigh it. */
  text?: string;
}

export interface PlannedMeal {
  slot: MealType;
  recipeId: string;
  title: string;
  cuisine: string;
  /** People eating this meal. */
  servings: number;
  /** Servings cooked: `servings` plus every later leftover meal of this cooking; 0 for a leftover meal. */
  cookServings: number;
  prepMinutes: number;
  cookMinutes: number;
  leftoverOf: { day: number; slot: MealType } | null;
  locked: boolean;
  allergens: Allergen[];
  diet: Diet;
  /** Per serving, one decimal. */
  nutrition: Nutrition;
  /** Scaled to `cookServings`; empty for a leftover meal (it was counted when cooked). */
  ingredients: PlannedIngredient[];
  steps: string[];
  /** The wanted ingredients (the cook's words, as in `PlanInput.wanted`) this meal has; absent when none. */
  wanted?: string[];
  /**
   * Only on a cook's own recipe: its lines the kitchen could not match (not in `ingredients`, not on the grocery list,
   * their allergens unknown), where it came from, and whether it is a favourite.
   */
  cook?: { unmatched: string[]; sourceUrl: string | null; favourite: boolean; minutesUnknown?: true };
}

/** A meal's time as the cook reads it: "25 min", or "time not given" for their own recipe that did not say. */
export function mealMinutesLabel(meal: Pick<PlannedMeal, 'prepMinutes' | 'cookMinutes' | 'cook'>): string {
  return meal.cook?.minutesUnknown ? 'time not given' : `${meal.prepMinutes + meal.cookMinutes} min`;
}

export interface PlannedDay {
  day: number;
  label: string;
  meals: PlannedMeal[];
  /** Per person for the day, one decimal. */
  nutrition: Nutrition;
}

export interface PlanCheck {
  id: string;
  kind: 'constraint' | 'target';
  label: string;
  met: boolean;
  detail: string;
  /** For targets: the average achieved and the goal it is compared to. */
  actual?: number;
  goal?: number;
}

export interface UnmetConstraint {
  constraint: string;
  reason: string;
  relax: string;
  day?: number;
  slot?: MealType;
}

export interface MealPlan {
  id: string;
  servings: number;
  diet: Diet;
  allergensExcluded: Allergen[];
  dislikes: string[];
  /** Foods and food groups left out (`PlanInput.exclude`); absent when none. */
  exclude?: string[];
  /** Regimes honoured (`PlanInput.patterns`); absent when none. */
  patterns?: Pattern[];
  meals: MealType[];
  days: PlannedDay[];
  /** Prep + cook minutes of every cooked meal (leftovers cost nothing). */
  totalMinutes: number;
  /** Use-up ingredients the plan uses (ids), and those it could not. */
  useUp: { used: string[]; unused: string[] };
  /**
   * Wanted ingredients the plan uses and those it does not; `unavailable` (a subset of `unused`) are those no recipe
   * that meets the hard constraints for the plan's meal slots has, so no plan of this shape could include them.
   */
  wanted: { used: string[]; unused: string[]; unavailable: string[] };
  checks: PlanCheck[];
  unmet: UnmetConstraint[];
}

export interface GroceryItem {
  ingredientId: string;
  name: string;
  section: StoreSection;
  /** Grams to buy: what the recipes need minus what the pantry covers. Exact (µg precision). */
  grams: number;
  /** What the plan's recipes need in total. */
  neededGrams: number;
  /** Covered by the pantry. */
  pantryGrams: number;
  /** Rounded display quantity in the list's unit system. */
  quantity: number;
  unit: Unit;
  display: string;
  /** Which planned meals use it ("Day 1 dinner"). */
  usedIn: string[];
}

export interface GrocerySection {
  section: StoreSection;
  items: GroceryItem[];
}

export interface PantryItem {
  /** Name or id. */
  name: string;
  /** The cook's own words for it, when `name` is what the chef resolved them to ("chicken" for `chicken-breast`). */
  said?: string;
  /** Omitted: the pantry holds enough of it. */
  quantity?: number;
  unit?: Unit;
}

export interface GroceryList {
  planId: string;
  units: UnitSystem;
  sections: GrocerySection[];
  /** Items to buy (sum of section items). */
  itemCount: number;
  /** Items the pantry fully covers: not to buy. */
  fromPantry: Array<{ ingredientId: string; name: string; neededGrams: number; pantryGrams: number }>;
  /**
   * What the list assumed the cook has, in their words ("rice", as in "I already have rice"), in the order given, one
   * entry per phrase: the ingredients it stands for (empty when the words name no one ingredient, as "beans" does, so
   * nothing was subtracted for it), the amount when one was given, and whether this plan needs any of it. What a reply
   * or the list says as "you have rice". Always set by `groceryList`; lists stored before it existed lack it.
   */
  pantryAssumed?: Array<{ said: string; ingredientIds: string[]; quantity?: number; unit?: Unit; used: boolean }>;
  /**
   * What the recipes call for, in grams as they call for it (cooked rice as cooked), pantry-covered needs included.
   * Not the sum of the items' `neededGrams`: an ingredient shopped as another (`Ingredient.shopAs`) is listed in the
   * other's grams.
   */
  totalNeededGrams: number;
  /** Lines of the cook's own recipes the kitchen could not match, and where each is used: buy these as the recipe says. */
  unmatched?: Array<{ text: string; usedIn: string[] }>;
}
