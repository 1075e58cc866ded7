/**
 * The cook's own recipes as they travel: the web app's recipe routes (docs/api.md), the store, and the chat request
 * that carries them to the agent (which plans with them but cannot reach the store). One schema for each shape; the
 * kitchen's types are what they describe (packages/kitchen/src/cook/types.ts).
 */
import { z } from 'zod';
import { COOK_MARKS, type CookLine, type CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import type { ReadLine } from '@chef-chopsky/kitchen/cook/read';
import { ALLERGENS, DIETS, MEAL_TYPES, UNITS } from '@chef-chopsky/kitchen/types';

export const RECIPE_LIMITS = {
  titleChars: 200,
  lines: 100,
  lineChars: 500,
  steps: 100,
  stepChars: 2000,
  tags: 20,
  tagChars: 40,
  /** The most recipes one chat request carries to the agent (favourites first, then the newest). */
  perChat: 60,
  /** The most links of one message the web app reads for the agent. */
  linksPerMessage: 3,
} as const;

/** What "no recipe found" says: the one answer for a page without a schema.org Recipe. */
export const NO_RECIPE_FOUND = 'No recipe found on that page — paste it instead.';

const text = (max: number) => z.string().trim().min(1).max(max);

export const cookLineMatchSchema = z.object({
  ingredientId: z.string().min(1).max(80),
  quantity: z.number().min(0).max(1_000_000),
  unit: z.enum(UNITS),
  by: z.enum(['kitchen', 'cook']),
});

export const cookLineSchema = z.object({
  text: text(RECIPE_LIMITS.lineChars),
  group: z.string().trim().max(120).nullish(),
  match: cookLineMatchSchema.nullable(),
  safe: z
    .object({ freeOf: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length), diet: z.enum(DIETS) })
    .nullish(),
}) satisfies z.ZodType<CookLine>;

const minutes = z.number().int().min(0).max(2880).nullable();

/** A recipe as the cook saves or edits it (no id: the store gives one). */
export const recipeDraftSchema = z.object({
  title: text(RECIPE_LIMITS.titleChars),
  servings: z.number().int().min(1).max(100),
  prepMinutes: minutes,
  cookMinutes: minutes,
  mealTypes: z.array(z.enum(MEAL_TYPES)).min(1).max(MEAL_TYPES.length),
  cuisine: z.string().trim().toLowerCase().max(40),
  tags: z.array(text(RECIPE_LIMITS.tagChars).toLowerCase()).max(RECIPE_LIMITS.tags),
  lines: z.array(cookLineSchema).min(1).max(RECIPE_LIMITS.lines),
  steps: z.array(text(RECIPE_LIMITS.stepChars)).max(RECIPE_LIMITS.steps),
  mark: z.enum(COOK_MARKS).nullable(),
  sourceUrl: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
  imageUrl: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
});
export type RecipeDraft = z.infer<typeof recipeDraftSchema>;

export const cookRecipeSchema = recipeDraftSchema.extend({ id: z.uuid() }) satisfies z.ZodType<CookRecipe>;

/** A saved recipe as the store returns it. */
export type SavedRecipe = RecipeDraft & { id: string; createdAt: string; updatedAt: string };

/** One line of an imported (not yet saved) recipe: the line, its match, the ingredient's name, why not, what it names. */
export type ImportedLine = ReadLine;

/** What `POST /api/recipes/import` answers: a draft the cook reviews, resolves and saves. */
export interface ImportedRecipe extends Omit<RecipeDraft, 'lines'> {
  lines: ImportedLine[];
  /** The page's yield as it wrote it ("4 servings"). */
  yield: string | null;
}

export const importRequestSchema = z.union([
  z.object({ url: z.string().trim().min(1).max(2000) }),
  z.object({ text: z.string().trim().min(1).max(50_000) }),
]);

/**
 * What the web app read from a link in the cook's latest message, for the agent: enough to tell the cook what saving
 * it would give. The recipe itself stays in the web app, which saves it when the agent asks (`recipe_save`).
 */
export const chatLinkSchema = z.object({
  url: z.string().max(2000),
  recipe: z
    .object({
      title: z.string().max(RECIPE_LIMITS.titleChars),
      servings: z.number().int().min(1).max(100),
      totalMinutes: z.number().int().min(0).max(5760).nullable(),
      lines: z.number().int().min(0).max(RECIPE_LIMITS.lines),
      unmatched: z.array(z.object({ text: z.string().max(RECIPE_LIMITS.lineChars), reason: z.string().max(300) })).max(RECIPE_LIMITS.lines),
    })
    .nullable(),
  /** Why there is no recipe ("No recipe found on that page — paste it instead."). */
  problem: z.string().max(300).nullable(),
});
export type ChatLink = z.infer<typeof chatLinkSchema>;

export const chatRecipesSchema = z.array(cookRecipeSchema).max(RECIPE_LIMITS.perChat);
export const chatLinksSchema = z.array(chatLinkSchema).max(RECIPE_LIMITS.linksPerMessage);

/** The agent's ask to save a link's recipe, and the web app's answers to the browser. */
export interface RecipeEvents {
  recipe_save: { url: string };
  recipe_saved: { recipeId: string; title: string; unmatched: number };
  recipe_save_failed: { url: string; message: string };
}
