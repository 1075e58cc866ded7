/**
 * The recipe box behind the routes and the chat: importing from a link or pasted text, what the box shows of each
 * saved recipe (derived by the kitchen: diets, allergens, what is unknown and why), and the recipes and links a chat
 * request carries to the agent. Server-only by convention (it fetches pages and reads the store).
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { deriveCookRecipe } from '@chef-chopsky/kitchen/cook/derive';
import { cookRecipeId, type CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import { roundNutrition } from '@chef-chopsky/kitchen/catalog';
import type { Allergen, Diet, Nutrition } from '@chef-chopsky/kitchen/types';
import { NO_RECIPE_FOUND, RECIPE_LIMITS, type ChatLink, type ImportedRecipe, type RecipeDraft, type SavedRecipe } from '@chef-chopsky/contract/recipes';
import { AppError } from '../errors';
import { fetchRecipePage, type FetchPageOptions } from './fetch-page';
import { importFromHtml, importFromText } from './import';

export type ImportSource = { url: string } | { text: string };

const noRecipe = () => new AppError('not_found:recipe', NO_RECIPE_FOUND);

/** A link's or a paste's recipe for review; `not_found:recipe` ("No recipe found on that page — paste it instead."). */
export async function importRecipe(source: ImportSource, options: FetchPageOptions = {}): Promise<ImportedRecipe> {
  if ('text' in source) {
    const recipe = importFromText(KITCHEN, source.text);
    if (!recipe) throw new AppError('not_found:recipe', 'No ingredient lines found in that text: put one ingredient a line, with its amount.');
    return recipe;
  }
  const page = await fetchRecipePage(source.url, options);
  const recipe = importFromHtml(KITCHEN, page.html, page.url);
  if (!recipe) throw noRecipe();
  return { ...recipe, sourceUrl: recipe.sourceUrl ?? page.url };
}

export function cookRecipeOf(saved: SavedRecipe): CookRecipe {
  return {
    id: saved.id,
    title: saved.title,
    servings: saved.servings,
    prepMinutes: saved.prepMinutes,
    cookMinutes: saved.cookMinutes,
    mealTypes: saved.mealTypes,
    cuisine: saved.cuisine,
    tags: saved.tags,
    lines: saved.lines,
    steps: saved.steps,
    mark: saved.mark,
    sourceUrl: saved.sourceUrl ?? null,
  };
}

/** What the box shows beside a saved recipe, derived by the kitchen as for its own recipes. */
export interface RecipeFacts {
  diets: Diet[];
  allergens: Allergen[];
  /** Allergens unmatched lines may carry (unknown until resolved). */
  mayContain: Allergen[];
  unmatched: string[];
  totalMinutes: number | null;
  perServing: Nutrition;
}

export type RecipeView = SavedRecipe & { facts: RecipeFacts };

export function recipeView(saved: SavedRecipe): RecipeView {
  const recipe = deriveCookRecipe(KITCHEN, cookRecipeOf(saved));
  const cook = recipe.cook!;
  return {
    ...saved,
    facts: {
      diets: recipe.diets,
      allergens: recipe.allergens,
      mayContain: cook.mayContain,
      unmatched: cook.unmatched,
      totalMinutes: cook.minutesUnknown ? null : recipe.totalMinutes,
      perServing: roundNutrition(recipe.nutritionPerServing),
    },
  };
}

/** The imported recipe as a draft to save: the review-only fields dropped. */
export function draftOf(recipe: ImportedRecipe): RecipeDraft {
  return {
    title: recipe.title,
    servings: recipe.servings,
    prepMinutes: recipe.prepMinutes,
    cookMinutes: recipe.cookMinutes,
    mealTypes: recipe.mealTypes,
    cuisine: recipe.cuisine,
    tags: recipe.tags,
    lines: recipe.lines.map((l) => ({ text: l.text, group: l.group ?? null, match: l.match, safe: l.safe ?? null })),
    steps: recipe.steps,
    mark: recipe.mark,
    sourceUrl: recipe.sourceUrl ?? null,
    imageUrl: recipe.imageUrl ?? null,
  };
}

/**
 * The recipes a chat carries to the agent: first those the conversation's current plan holds (even one marked "never
 * again" since: the agent rebuilds the plan from its ids and keeps that meal), then never "never again", favourites
 * first, then the newest, at most `RECIPE_LIMITS.perChat` (the box lists newest first).
 */
export function recipesForAgent(saved: readonly SavedRecipe[], planned: ReadonlySet<string> = new Set()): CookRecipe[] {
  const inPlan = saved.filter((r) => planned.has(cookRecipeId(r.id)));
  const usable = saved.filter((r) => r.mark !== 'never' && !planned.has(cookRecipeId(r.id)));
  const ordered = [...inPlan, ...usable.filter((r) => r.mark === 'favourite'), ...usable.filter((r) => r.mark !== 'favourite')];
  // The agent takes a request of a few hundred kilobytes, messages included: the recipes keep to a share of it.
  const out: CookRecipe[] = [];
  let bytes = 0;
  for (const recipe of ordered.slice(0, RECIPE_LIMITS.perChat).map(cookRecipeOf)) {
    bytes += JSON.stringify(recipe).length;
    if (bytes > RECIPES_BYTES_PER_CHAT) break;
    out.push(recipe);
  }
  return out;
}

/** The most JSON the recipes of one chat request take (the agent's default body limit is 256 KiB). */
export const RECIPES_BYTES_PER_CHAT = 96 * 1024;

/** The http(s) links of a message, at most `RECIPE_LIMITS.linksPerMessage`, without trailing punctuation. */
export function linksIn(content: string): string[] {
  const found = content.match(/https?:\/\/[^\s<>"'`]+/gi) ?? [];
  return [...new Set(found.map((link) => link.replace(/[.,;:!?)\]]+$/, '')))].slice(0, RECIPE_LIMITS.linksPerMessage);
}

/**
 * Reads the links of a cook's message for the agent: each as a summary of its recipe or the problem, and the
 * recipes themselves (kept by the web app, which saves one when the agent asks).
 */
export async function readChatLinks(content: string, options: FetchPageOptions = {}): Promise<{ links: ChatLink[]; recipes: Map<string, ImportedRecipe> }> {
  const recipes = new Map<string, ImportedRecipe>();
  const links = await Promise.all(
    linksIn(content).map(async (url): Promise<ChatLink> => {
      try {
        const recipe = await importRecipe({ url }, options);
        recipes.set(url, recipe);
        const unmatched = recipe.lines.filter((l) => !l.match).map((l) => ({ text: l.text.slice(0, RECIPE_LIMITS.lineChars), reason: (l.reason ?? '').slice(0, 300) }));
        const minutes = recipe.prepMinutes === null && recipe.cookMinutes === null ? null : (recipe.prepMinutes ?? 0) + (recipe.cookMinutes ?? 0);
        return { url, recipe: { title: recipe.title, servings: recipe.servings, totalMinutes: minutes, lines: recipe.lines.length, unmatched }, problem: null };
      } catch (error) {
        return { url, recipe: null, problem: error instanceof AppError ? error.message.slice(0, 300) : 'That page could not be read.' };
      }
    }),
  );
  return { links, recipes };
}
