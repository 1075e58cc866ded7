/**
 * The recipe box in a chat: what a chat request carries to the agent (the cook's recipes, and what the links of the
 * latest message hold), and the save the agent asks for (`recipe_save`), done here because only the web app reaches
 * the store. The link's recipe saved is the one this module read, never data echoed back by the agent.
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import type { ChatLink, ImportedRecipe } from '@chef-chopsky/contract/recipes';
import type { SavedRecipe, Store } from '../db/types';
import { catalogOf } from './cookbook';
import { draftOf, readChatLinks, recipesForAgent } from './service';

export interface ChatRecipes {
  /** The owner's recipe box as read for this send. */
  saved: readonly SavedRecipe[];
  /** The kitchen with the owner's recipes: what the web app applies this chat's plan changes with (plans.ts). */
  catalog: Catalog;
  links: ChatLink[];
  /** The links' recipes as read, by URL, for `saveLinkedRecipe`. */
  imported: ReadonlyMap<string, ImportedRecipe>;
}

const NONE: ChatRecipes = { saved: [], catalog: KITCHEN, links: [], imported: new Map() };

/** The recipe fields of a chat request: the box's recipes (those the current plan holds first) and the links read. */
export function recipesForRequest(chat: ChatRecipes, plan: MealPlan | null): { recipes?: CookRecipe[]; links?: ChatLink[] } {
  const planned = new Set(plan?.days.flatMap((d) => d.meals.map((m) => m.recipeId)) ?? []);
  const recipes = recipesForAgent(chat.saved, planned);
  return { ...(recipes.length > 0 ? { recipes } : {}), ...(chat.links.length > 0 ? { links: chat.links } : {}) };
}

/**
 * Reads the owner's recipes and the message's links for the agent. Never rejects: a chat goes on without the recipe
 * box rather than fail (the failure is logged).
 */
export async function readChatRecipes(
  deps: { store: Store; allowedHosts: readonly string[]; log?: (level: 'warn', message: string, fields?: Record<string, unknown>) => void },
  ownerId: string,
  content: string,
): Promise<ChatRecipes> {
  const [saved, linked] = await Promise.all([
    deps.store.listRecipesByOwner({ ownerId }).catch((error: unknown) => {
      deps.log?.('warn', 'reading the recipe box for a chat failed', { cause: String((error as Error)?.message ?? error) });
      return [];
    }),
    readChatLinks(content, { allowedHosts: deps.allowedHosts }).catch(() => ({ links: [], recipes: new Map<string, ImportedRecipe>() })),
  ]);
  if (saved.length === 0 && linked.links.length === 0) return NONE;
  return { saved, catalog: catalogOf(saved), links: linked.links, imported: linked.recipes };
}

/** What the cook's browser is told about a save the agent asked for: `recipe_saved` or `recipe_save_failed`. */
export async function saveLinkedRecipe(
  store: Store,
  ownerId: string,
  chat: ChatRecipes,
  url: string,
): Promise<{ event: 'recipe_saved'; data: { recipeId: string; title: string; unmatched: number } } | { event: 'recipe_save_failed'; data: { url: string; message: string } }> {
  const recipe = chat.imported.get(url);
  if (!recipe) return { event: 'recipe_save_failed', data: { url, message: 'That link was not read for this message.' } };
  try {
    const saved = await store.saveRecipe({ ownerId, recipe: draftOf(recipe) });
    return { event: 'recipe_saved', data: { recipeId: saved!.id, title: saved!.title, unmatched: saved!.lines.filter((l) => !l.match).length } };
  } catch (error) {
    return { event: 'recipe_save_failed', data: { url, message: (error as { message?: string })?.message ?? 'The recipe could not be saved.' } };
  }
}
