import type { Allergen, Diet } from './db/types';

/** Human labels for the profile, shared by the profile form and the chat's profile chip. */

export const ALLERGEN_LABELS: Record<Allergen, string> = {
  milk: 'Milk',
  egg: 'Egg',
  fish: 'Fish',
  shellfish: 'Shellfish',
  tree_nuts: 'Tree nuts',
  peanuts: 'Peanuts',
  wheat: 'Wheat',
  soy: 'Soy',
  sesame: 'Sesame',
  gluten: 'Gluten',
};

export const DIET_LABELS: Record<Diet, string> = {
  omnivore: 'Omnivore',
  pescatarian: 'Pescatarian',
  vegetarian: 'Vegetarian',
  vegan: 'Vegan',
};

export function profileSummary(profile: { householdSize: number; diet: Diet; allergens: Allergen[] }): string {
  const people = `${profile.householdSize} ${profile.householdSize === 1 ? 'person' : 'people'}`;
  const parts = [people, DIET_LABELS[profile.diet].toLowerCase()];
  if (profile.allergens.length > 0) parts.push(`no ${profile.allergens.map((a) => ALLERGEN_LABELS[a].toLowerCase()).join(', ')}`);
  return parts.join(' · ');
}
