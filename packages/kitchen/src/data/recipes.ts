import type { RecipeSource } from '../types';
import { BREAKFASTS } from './recipes/breakfasts';
import { DINNERS_ASIA_AMERICAS } from './recipes/dinners-asia-americas';
import { DINNERS_EUROPE_AFRICA_MIDEAST } from './recipes/dinners-europe-africa-mideast';
import { LUNCHES } from './recipes/lunches';
import { SNACKS } from './recipes/snacks';

/**
 * Every recipe the kitchen knows. Quantities are for the stated servings; diet labels, allergens and nutrition are
 * derived from the ingredients by the kitchen, never written here.
 */
export const RECIPES: readonly RecipeSource[] = [...BREAKFASTS, ...LUNCHES, ...DINNERS_ASIA_AMERICAS, ...DINNERS_EUROPE_AFRICA_MIDEAST, ...SNACKS];
