/**
 * The owner's catalog: the kitchen's recipes and the cook's own, derived as the agent derives them (agent
 * src/chef/cookbook.ts, packages/kitchen/src/cook/derive.ts). Every plan action the web app applies runs over it, so a
 * plan that holds one of the cook's recipes is rebuilt with that recipe (swap, servings, re-plan, a changed ledger).
 * A recipe marked "never again" after it was planned stays where the plan has it (never chosen again); a deleted one is
 * gone from the data, so the next change plans that meal afresh and says why (docs/recipes.md).
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { withCookRecipes } from '@chef-chopsky/kitchen/cook/derive';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { SavedRecipe, Store } from '../db/types';
import { cookRecipeOf } from './service';

export function catalogOf(saved: readonly SavedRecipe[]): Catalog {
  return withCookRecipes(KITCHEN, saved.map(cookRecipeOf));
}

export async function catalogForOwner(store: Store, ownerId: string): Promise<Catalog> {
  return catalogOf(await store.listRecipesByOwner({ ownerId }));
}
