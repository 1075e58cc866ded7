/**
 * The recipe box in a chat: what a chat request carries to the agent (the cook's recipes, and what the links of the
 * latest message hold), and the save the agent asks for (`recipe_save`), done here because only the web app reaches
 * the store. The link's recipe saved is the one this module read, never data echoed back by the agent; an instance
 * that follows the reply reads the link again from the cook's message.
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';
import type { ChatLink, ImportedRecipe } from '@chef-chopsky/contract/recipes';
import type { SavedRecipe, Store } from '../db/types';
import { catalogOf } from './cookbook';
import { AppError } from '../errors';
import { draftOf, importRecipe, linksIn, readChatLinks, recipesForAgent } from './service';

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

/**
 * Where a relaying instance gets the recipe of a link the agent asked to save: the instance that started the reply read
 * the message's links (`ChatRecipes`); one that follows it did not, and reads the link again only when no instance has
 * saved it yet (`LinkReader`).
 */
export type LinkSource = ChatRecipes | LinkReader;
export interface LinkReader {
  /** The link's recipe, read again; null when the link is not one of the cook's message. Rejects like `importRecipe`. */
  reread(url: string): Promise<ImportedRecipe | null>;
}

/**
 * A follower's `LinkReader`: the link must be in the cook's message the reply answers (the agent cannot make the web
 * app save a page the cook never linked), and is read as the starting instance read it.
 */
export function linkReaderFor(
  deps: { store: Store; allowedHosts: readonly string[] },
  reply: { ownerId: string; conversationId: string; messageId: string },
): LinkReader {
  return {
    async reread(url) {
      const thread = await deps.store.listMessagesByConversation({ ownerId: reply.ownerId, conversationId: reply.conversationId, limit: 500 });
      const at = thread.findIndex((m) => m.id === reply.messageId);
      const asked = at < 0 ? undefined : thread.slice(0, at).findLast((m) => m.role === 'user');
      if (!asked || !linksIn(asked.content).includes(url)) return null;
      return importRecipe({ url }, { allowedHosts: deps.allowedHosts });
    },
  };
}

/**
 * Saves the link's recipe the agent asked for in `reply` (`recipe_save`) and says what the cook's browser is told:
 * `recipe_saved` or `recipe_save_failed`. The store saves it once per reply and link (`saveLinkedRecipe`), so every
 * instance relaying the reply may ask, and each tells its browser about the same recipe.
 */
export async function saveLinkedRecipe(
  store: Store,
  reply: { ownerId: string; messageId: string },
  url: string,
  source: LinkSource,
): Promise<{ event: 'recipe_saved'; data: { recipeId: string; title: string; unmatched: number } } | { event: 'recipe_save_failed'; data: { url: string; message: string } }> {
  const ids = { ownerId: reply.ownerId, messageId: reply.messageId, link: url };
  const savedEvent = (saved: SavedRecipe) =>
    ({ event: 'recipe_saved', data: { recipeId: saved.id, title: saved.title, unmatched: saved.lines.filter((l) => !l.match).length } }) as const;
  const failed = (message: string) => ({ event: 'recipe_save_failed', data: { url, message } }) as const;
  try {
    let recipe: ImportedRecipe | null | undefined;
    if ('imported' in source) {
      recipe = source.imported.get(url);
    } else {
      const saved = await store.saveLinkedRecipe({ ...ids, recipe: null });
      if (saved) return savedEvent(saved);
      recipe = await source.reread(url);
    }
    if (!recipe) return failed('That link was not read for this message.');
    const saved = await store.saveLinkedRecipe({ ...ids, recipe: draftOf(recipe) });
    return saved ? savedEvent(saved) : failed('The recipe could not be saved.');
  } catch (error) {
    return failed(error instanceof AppError ? error.message : 'The recipe could not be saved.');
  }
}
