/**
 * A cook's own recipe as the kitchen takes it: imported from a page, pasted or typed, each ingredient line kept as the
 * cook (or the page) wrote it, with the catalog ingredient it was matched to. Nutrition, allergens and diets are never
 * stored with it: they are derived from the matched ingredients exactly as for the kitchen's recipes (derive.ts).
 */
import type { Allergen, Diet, MealType, Unit } from '../types';

/** What a line was matched to: an ingredient of the catalog and the amount in one of the kitchen's units. */
export interface CookLineMatch {
  ingredientId: string;
  /** In `unit`; 0 when the line gives no amount the kitchen can weigh ("salt to taste", "2 handfuls"). */
  quantity: number;
  unit: Unit;
  /** `kitchen`: matched automatically; `cook`: the cook picked the ingredient. */
  by: 'kitchen' | 'cook';
}

/**
 * The cook's word on a line the kitchen could not match: the allergens it is free of and the strictest diet it suits.
 * Only those allergens (and that diet) become known; everything else about the line stays unknown.
 */
export interface CookLineSafety {
  freeOf: Allergen[];
  diet: Diet;
}

export interface CookLine {
  /** The line as written ("2-3 large handfuls of spinach"). */
  text: string;
  /** The heading the page put it under ("For the sauce"), if any. */
  group?: string | null;
  match: CookLineMatch | null;
  /** Only on an unmatched line. */
  safe?: CookLineSafety | null;
}

export const COOK_MARKS = ['favourite', 'never'] as const;
/** `favourite`: the planner prefers it; `never`: "never again", the planner never picks it. */
export type CookMark = (typeof COOK_MARKS)[number];

export interface CookRecipe {
  /** The store's id (a uuid); the planner knows it as `cook-<id>`. */
  id: string;
  title: string;
  servings: number;
  /** null when the source did not say. */
  prepMinutes: number | null;
  cookMinutes: number | null;
  mealTypes: MealType[];
  /** lower case; empty when unknown. */
  cuisine: string;
  tags: string[];
  lines: CookLine[];
  steps: string[];
  mark: CookMark | null;
  sourceUrl?: string | null;
}

/** How the planner names a cook's recipe: never the same as one of the kitchen's ids. */
export function cookRecipeId(id: string): string {
  return `cook-${id}`;
}

export function isCookRecipeId(id: string): boolean {
  return id.startsWith('cook-');
}
