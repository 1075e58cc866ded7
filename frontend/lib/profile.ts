import { z } from 'zod';
import { ALLERGENS, DIETS, type Profile } from './db/types';

/** The profile as the browser edits it and the store keeps it (same shape as the agent's `profile`, docs/api.md). */

const nameList = z
  .array(z.string().trim().min(1).max(60))
  .max(50, 'at most 50 items')
  .transform((items) => [...new Set(items.map((item) => item.toLowerCase()))]);

const optionalPositiveInt = (max: number) => z.number().int().min(1).max(max).nullable();

export const profileSchema = z.object({
  householdSize: z.number().int().min(1, 'at least 1 person').max(20, 'at most 20 people'),
  diet: z.enum(DIETS),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).transform((items) => [...new Set(items)]),
  dislikes: nameList,
  pantry: nameList,
  maxMinutesPerMeal: optionalPositiveInt(600),
  weeklyPrepMinutes: optionalPositiveInt(6000),
  targets: z.object({
    kcalPerDay: z.number().int().min(800).max(6000).nullable().optional(),
    proteinGPerDay: z.number().int().min(10).max(400).nullable().optional(),
  }),
  units: z.enum(['metric', 'us']),
});

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
};
