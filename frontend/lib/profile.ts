import { z } from 'zod';
import { AGE_GROUPS, ALLERGENS, DIETS, type Profile } from './db/types';

/**
 * The profile as the browser edits it and the store keeps it (same shape as the agent's `profile`, docs/api.md).
 * Limits match the store's (lib/db/validation.ts) and the agent's, so a profile saved here is one the agent accepts.
 * Messages are shown under the form's fields as they are, so they name the field in the cook's words.
 */

const grouped = (value: number) => value.toLocaleString('en-US');

const wholeNumberBetween = (min: number, max: number, field: string, unit = '') => {
  const range = `${field} must be between ${grouped(min)} and ${grouped(max)}${unit ? ` ${unit}` : ''}.`;
  return z
    .number({ error: range })
    .int({ error: `${field} must be a whole number.`, abort: true })
    .min(min, { error: range })
    .max(max, { error: range });
};

const nameList = (maxItems: number, item: string, items: string) =>
  z
    .array(
      z
        .string({ error: `Each ${item} must be text.` })
        .trim()
        .min(1, { error: `Leave out empty ${items}.` })
        .max(80, { error: `Each ${item} can be at most 80 characters.` }),
    )
    .max(maxItems, { error: `List at most ${maxItems} ${items}.` })
    .transform((names) => [...new Set(names.map((name) => name.toLowerCase()))]);

const allergenList = z
  .array(z.enum(ALLERGENS, { error: 'Choose allergies from the list.' }))
  .max(ALLERGENS.length)
  .transform((items) => [...new Set(items)]);

const memberSchema = z.object({
  label: z
    .string({ error: 'Give each person a name.' })
    .trim()
    .min(1, { error: 'Give each person a name.' })
    .max(60, { error: 'A name can be at most 60 characters.' }),
  ageGroup: z.enum(AGE_GROUPS, { error: 'Choose an age group.' }),
  allergens: allergenList,
  diet: z.enum(DIETS, { error: 'Choose one of the diets.' }),
});

export const profileSchema = z
  .object({
    householdSize: wholeNumberBetween(1, 20, 'Household size', 'people'),
    diet: z.enum(DIETS, { error: 'Choose one of the diets.' }),
    allergens: allergenList,
    dislikes: nameList(50, 'dislike', 'dislikes'),
    pantry: nameList(100, 'pantry item', 'pantry items'),
    maxMinutesPerMeal: wholeNumberBetween(5, 600, 'Minutes per meal').nullable(),
    weeklyPrepMinutes: wholeNumberBetween(10, 10_080, 'Cooking time per week', 'minutes').nullable(),
    targets: z.object({
      kcalPerDay: wholeNumberBetween(500, 10_000, 'Daily energy', 'kcal').nullable().optional(),
      proteinGPerDay: wholeNumberBetween(0, 500, 'Daily protein', 'g').nullable().optional(),
    }),
    units: z.enum(['metric', 'us'], { error: 'Choose metric or US units.' }),
    members: z
      .array(memberSchema)
      .max(20, { error: 'List at most 20 people.' })
      .default([])
      .refine((members) => new Set(members.map((m) => m.label.toLowerCase())).size === members.length, { error: 'Give each person a different name.' }),
  })
  // With members listed, the household is them: its size is their number.
  .transform((profile) => (profile.members.length > 0 ? { ...profile, householdSize: profile.members.length } : profile));

export const DEFAULT_PROFILE: Profile = {
  householdSize: 2,
  diet: 'omnivore',
  allergens: [],
  dislikes: [],
  pantry: [],
  maxMinutesPerMeal: null,
  weeklyPrepMinutes: null,
  targets: {},
  units: 'metric',
  members: [],
};
