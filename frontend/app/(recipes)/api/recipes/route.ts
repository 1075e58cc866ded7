import { recipeDraftSchema } from '@chef-chopsky/contract/recipes';
import { appContext } from '@/lib/app-context';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { recipeView } from '@/lib/recipes/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (request, requestId) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const recipes = await store.listRecipesByOwner({ ownerId });
  return jsonResponse({ recipes: recipes.map(recipeView) }, { requestId });
});

export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const recipe = await parseJsonBody(request, recipeDraftSchema, 256 * 1024);
  const saved = await store.saveRecipe({ ownerId, recipe });
  return jsonResponse({ recipe: recipeView(saved!) }, { status: 201, requestId });
});
