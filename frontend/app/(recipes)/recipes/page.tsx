import type { Metadata } from 'next';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { RecipeBox } from '@/components/recipe-box';
import { appContext } from '@/lib/app-context';
import { pageOwnerId } from '@/lib/page-session';
import { recipeView } from '@/lib/recipes/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Recipe box' };

export default async function RecipesPage() {
  const ownerId = await pageOwnerId();
  const { store } = await appContext();
  const recipes = (await store.listRecipesByOwner({ ownerId })).map(recipeView);
  // What the cook may pick for a line the kitchen could not match.
  const ingredients = KITCHEN.ingredients.map((i) => ({ id: i.id, name: i.name })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <main id="main" className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl px-4 py-8 md:px-6">
        <h1 className="font-serif text-2xl font-semibold">Recipe box</h1>
        <p className="mt-1 text-ink-700">
          Your own recipes, planned beside Chef Chopsky&apos;s. Bring one from a link or paste it; each ingredient is matched to one the
          kitchen knows, so its allergens and nutrition are checked like the rest.
        </p>
        <RecipeBox initial={recipes} ingredients={ingredients} />
      </div>
    </main>
  );
}
