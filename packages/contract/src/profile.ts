/**
 * The cook's profile as sent in `POST /v1/chat` (docs/api.md). Every field is optional; allergens and dislikes are
 * hard constraints for the kitchen, the rest are preferences.
 */
import { z } from 'zod';
import { AGE_GROUPS } from '@chef-chopsky/kitchen/ledger/types';
import { ALLERGENS, DIETS } from '@chef-chopsky/kitchen/types';

const ingredientName = z.string().trim().min(1).max(80);

/** Someone in the household: their allergies and diet are hard constraints like the household's own. */
export const memberSchema = z.object({
  label: z.string().trim().min(1).max(60),
  ageGroup: z.enum(AGE_GROUPS),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
  diet: z.enum(DIETS).optional(),
});

export const profileSchema = z.object({
  householdSize: z.number().int().min(1).max(20).optional(),
  diet: z.enum(DIETS).optional(),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
  dislikes: z.array(ingredientName).max(50).optional(),
  pantry: z.array(ingredientName).max(100).optional(),
  maxMinutesPerMeal: z.number().int().min(5).max(600).optional(),
  weeklyPrepMinutes: z.number().int().min(10).max(10_080).optional(),
  targets: z
    .object({
      kcalPerDay: z.number().min(500).max(10_000).optional(),
      proteinGPerDay: z.number().min(0).max(500).optional(),
    })
    .optional(),
  units: z.enum(['metric', 'us']).optional(),
  /** Who eats; when given, the household size is their number. */
  members: z.array(memberSchema).max(20).optional(),
});

export type Profile = z.infer<typeof profileSchema>;
