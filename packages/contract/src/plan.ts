/** The plan and grocery list as they travel (docs/api.md): the kitchen's own types, one definition for every side. */
export type {
  GroceryItem,
  GroceryList,
  GrocerySection,
  MealPlan,
  PlanCheck,
  PlannedDay,
  PlannedIngredient,
  PlannedMeal,
  UnmetConstraint,
} from '@chef-chopsky/kitchen/plan-types';
export type { Allergen, Diet, MealType, Nutrition, PieceCut } from '@chef-chopsky/kitchen/types';
export { mealMinutesLabel } from '@chef-chopsky/kitchen/plan-types';
export { ALLERGENS, DIETS, MEAL_TYPES } from '@chef-chopsky/kitchen/types';
