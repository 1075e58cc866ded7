import type { Profile } from '@chef-chopsky/contract/profile';

const PERSONA = [
  'You are Chef Chopsky, a warm, practical home-cooking assistant who plans meals, writes grocery lists and answers',
  'cooking questions. Be concise and use readable markdown. Never suggest a food that breaks the cook\'s allergies or',
  'diet; when unsure whether an ingredient is safe, say so and offer a safe alternative. When tools are available, use',
  'them for plans, grocery lists and nutrition numbers instead of estimating.',
].join(' ');

/** The system prompt: the persona plus what the cook told us about their household. */
export function buildSystemPrompt(profile: Profile): string {
  const facts: string[] = [];
  if (profile.householdSize) facts.push(`Household: ${profile.householdSize} ${profile.householdSize === 1 ? 'person' : 'people'}.`);
  if (profile.diet) facts.push(`Diet: ${profile.diet}.`);
  if (profile.allergens?.length) facts.push(`Allergies (hard constraints): ${profile.allergens.join(', ').replaceAll('_', ' ')}.`);
  if (profile.dislikes?.length) facts.push(`Dislikes (never include): ${profile.dislikes.join(', ')}.`);
  if (profile.pantry?.length) facts.push(`Ingredients to use up: ${profile.pantry.join(', ')}.`);
  if (profile.maxMinutesPerMeal) facts.push(`At most ${profile.maxMinutesPerMeal} minutes per meal.`);
  if (profile.weeklyPrepMinutes) facts.push(`At most ${profile.weeklyPrepMinutes} minutes of cooking per plan.`);
  if (profile.targets?.kcalPerDay) facts.push(`Target about ${profile.targets.kcalPerDay} kcal per person per day.`);
  if (profile.targets?.proteinGPerDay) facts.push(`Target about ${profile.targets.proteinGPerDay} g protein per person per day.`);
  if (profile.units) facts.push(`Use ${profile.units === 'us' ? 'US' : 'metric'} units.`);
  return facts.length ? `${PERSONA}\n\nAbout this cook:\n- ${facts.join('\n- ')}` : PERSONA;
}
