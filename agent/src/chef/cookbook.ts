/**
 * The cook's recipes for one request: the catalog the kitchen tools plan with (the kitchen's recipes and the cook's,
 * packages/kitchen/src/cook/derive.ts) and what the web app read from the links of the latest message. The agent keeps
 * no recipes: the web app sends them with each chat and saves a link's recipe when `save_recipe` asks it to.
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { withCookRecipes } from '@chef-chopsky/kitchen/cook/derive';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import type { ChatLink } from '@chef-chopsky/contract/recipes';

export interface Cookbook {
  catalog: Catalog;
  links: readonly ChatLink[];
}

export type CookbookFactory = (recipes: readonly CookRecipe[], links: readonly ChatLink[]) => Cookbook;

export function createCookbookFactory(base: Catalog): CookbookFactory {
  return (recipes, links) => ({ catalog: withCookRecipes(base, recipes), links });
}
