/**
 * The store's recipe box (supabase/migrations/20261207110000_create_cook_recipes.sql): the cook's own recipes with
 * their ingredient lines and matches, per owner, over every transport. Kept beside the conversation store and merged
 * into it (rpc-store.ts), so each transport calls one table of functions.
 */
import { z } from 'zod';
import { COOK_MARKS } from '@chef-chopsky/kitchen/cook/types';
import { recipeDraftSchema, type RecipeDraft, type SavedRecipe } from '@chef-chopsky/contract/recipes';
import { AppError } from '../errors';

export type { RecipeDraft, SavedRecipe };

export interface RecipeStore {
  /** Newest first. */
  listRecipesByOwner(args: { ownerId: string }): Promise<SavedRecipe[]>;
  getRecipeById(args: { ownerId: string; recipeId: string }): Promise<SavedRecipe | null>;
  /** A new recipe when `recipeId` is absent; else replaces that one (null when the owner has no such recipe). */
  saveRecipe(args: { ownerId: string; recipeId?: string | null; recipe: RecipeDraft }): Promise<SavedRecipe | null>;
  /**
   * The recipe of `link` that the owner's reply `messageId` asked to save (`recipe_save`), saved once however many
   * instances relay that reply: the first call with a recipe saves it, every later call returns that one. With `recipe`
   * null it only looks (null when nothing is saved yet). A reply that is not the owner's is `not_found:message`.
   */
  saveLinkedRecipe(args: { ownerId: string; messageId: string; link: string; recipe: RecipeDraft | null }): Promise<SavedRecipe | null>;
  /** `favourite`, `never` ("never again") or null; null when the owner has no such recipe. */
  markRecipeById(args: { ownerId: string; recipeId: string; mark: RecipeDraft['mark'] }): Promise<SavedRecipe | null>;
  deleteRecipeById(args: { ownerId: string; recipeId: string }): Promise<boolean>;
}

export const recipeStoreFunctions = {
  list_recipes: [['p_owner', 'uuid']],
  get_recipe: [['p_owner', 'uuid'], ['p_recipe_id', 'uuid']],
  save_recipe: [['p_owner', 'uuid'], ['p_recipe_id', 'uuid'], ['p_recipe', 'jsonb']],
  save_linked_recipe: [['p_owner', 'uuid'], ['p_message_id', 'uuid'], ['p_link', 'text'], ['p_recipe', 'jsonb']],
  mark_recipe: [['p_owner', 'uuid'], ['p_recipe_id', 'uuid'], ['p_mark', 'text']],
  delete_recipe: [['p_owner', 'uuid'], ['p_recipe_id', 'uuid']],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

const id = z.guid();
const schemas = {
  owner: z.object({ ownerId: id }),
  byId: z.object({ ownerId: id, recipeId: id }),
  save: z.object({ ownerId: id, recipeId: id.nullish(), recipe: recipeDraftSchema }),
  linked: z.object({ ownerId: id, messageId: id, link: z.string().min(1).max(2000), recipe: recipeDraftSchema.nullable() }),
  mark: z.object({ ownerId: id, recipeId: id, mark: z.enum(COOK_MARKS).nullable() }),
};

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('bad_request:recipe', 'Some of the recipe is not valid.', {
      cause: result.error,
      details: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      exposeDetails: true,
    });
  }
  return result.data;
}

/** A draft as save_recipe takes it: a matched line carries no safety mark (the match says what it is). */
function storedDraft(recipe: RecipeDraft) {
  return { ...recipe, lines: recipe.lines.map((line) => ({ ...line, group: line.group ?? null, safe: line.match ? null : (line.safe ?? null) })) };
}

type Call = <T>(name: keyof typeof recipeStoreFunctions, args: Record<string, unknown>) => Promise<T>;

/** The recipe methods over a transport's call (validation here, once, as for the rest of the store). */
export function createRecipeMethods(call: Call): RecipeStore {
  return {
    async listRecipesByOwner(input) {
      const { ownerId } = parse(schemas.owner, input);
      return (await call<SavedRecipe[] | null>('list_recipes', { p_owner: ownerId })) ?? [];
    },
    async getRecipeById(input) {
      const { ownerId, recipeId } = parse(schemas.byId, input);
      return (await call<SavedRecipe | null>('get_recipe', { p_owner: ownerId, p_recipe_id: recipeId })) ?? null;
    },
    async saveRecipe(input) {
      const { ownerId, recipeId, recipe } = parse(schemas.save, input);
      return (await call<SavedRecipe | null>('save_recipe', { p_owner: ownerId, p_recipe_id: recipeId ?? null, p_recipe: storedDraft(recipe) })) ?? null;
    },
    async saveLinkedRecipe(input) {
      const { ownerId, messageId, link, recipe } = parse(schemas.linked, input);
      const args = { p_owner: ownerId, p_message_id: messageId, p_link: link, p_recipe: recipe ? storedDraft(recipe) : null };
      return (await call<SavedRecipe | null>('save_linked_recipe', args)) ?? null;
    },
    async markRecipeById(input) {
      const { ownerId, recipeId, mark } = parse(schemas.mark, input);
      return (await call<SavedRecipe | null>('mark_recipe', { p_owner: ownerId, p_recipe_id: recipeId, p_mark: mark })) ?? null;
    },
    async deleteRecipeById(input) {
      const { ownerId, recipeId } = parse(schemas.byId, input);
      return (await call<boolean>('delete_recipe', { p_owner: ownerId, p_recipe_id: recipeId })) === true;
    },
  };
}
