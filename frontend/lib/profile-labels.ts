import { ALLERGEN_LABEL } from '@chef-chopsky/kitchen/types';
import { ALLERGENS, type AgeGroup, type Allergen, type Diet } from './db/types';

/** Human labels for the profile, shared by the profile form and the chat's profile chip. */

/** The kitchen's words for each allergen ("tree nuts", "eggs"), capitalised for a form's checkbox. */
export const ALLERGEN_LABELS = Object.fromEntries(
  ALLERGENS.map((allergen) => [allergen, ALLERGEN_LABEL[allergen][0]!.toUpperCase() + ALLERGEN_LABEL[allergen].slice(1)]),
) as Record<Allergen, string>;

export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
  adult: 'Adult',
  teen: 'Teen',
  child: 'Child',
  toddler: 'Toddler',
};

export const DIET_LABELS: Record<Diet, string> = {
  omnivore: 'Omnivore',
  pescatarian: 'Pescatarian',
  vegetarian: 'Vegetarian',
  vegan: 'Vegan',
};

/** "4 people · vegetarian · no peanuts, sesame": a member's allergies count as the household's. */
export function profileSummary(profile: { householdSize: number; diet: Diet; allergens: Allergen[]; members?: { allergens: Allergen[] }[] }): string {
  const people = `${profile.householdSize} ${profile.householdSize === 1 ? 'person' : 'people'}`;
  const parts = [people, DIET_LABELS[profile.diet].toLowerCase()];
  const allergens = [...new Set([...profile.allergens, ...(profile.members ?? []).flatMap((m) => m.allergens)])];
  if (allergens.length > 0) parts.push(`no ${allergens.map((a) => ALLERGEN_LABEL[a]).join(', ')}`);
  return parts.join(' · ');
}
