import { z } from 'zod';
import { COOK_MARKS } from '@chef-chopsky/kitchen/cook/types';
import { recipeDraftSchema } from '@chef-chopsky/contract/recipes';
import { appContext } from '@/lib/app-context';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { recipeView } from '@/lib/recipes/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = () => new AppError('not_found:recipe', 'That recipe is not in your recipe box.');

async function recipeIdOf(context: Context): Promise<string> {
  const { id } = await context.params;
  if (!z.guid().safeParse(id).success) throw notFound();
  return id;
}

export const GET = handle<Context>(async (request, requestId, context) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const recipe = await store.getRecipeById({ ownerId, recipeId: await recipeIdOf(context) });
  if (!recipe) throw notFound();
  return jsonResponse({ recipe: recipeView(recipe) }, { requestId });
});

export const PUT = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const recipeId = await recipeIdOf(context);
  const recipe = await parseJsonBody(request, recipeDraftSchema, 256 * 1024);
  const saved = await store.saveRecipe({ ownerId, recipeId, recipe });
  if (!saved) throw notFound();
  return jsonResponse({ recipe: recipeView(saved) }, { requestId });
});

/** `{ mark: 'favourite' | 'never' | null }`. */
export const PATCH = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const { mark } = await parseJsonBody(request, z.object({ mark: z.enum(COOK_MARKS).nullable() }));
  const saved = await store.markRecipeById({ ownerId, recipeId: await recipeIdOf(context), mark });
  if (!saved) throw notFound();
  return jsonResponse({ recipe: recipeView(saved) }, { requestId });
});

export const DELETE = handle<Context>(async (request, requestId, context) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  if (!(await store.deleteRecipeById({ ownerId, recipeId: await recipeIdOf(context) }))) throw notFound();
  return new Response(null, { status: 204, headers: { 'x-request-id': requestId } });
});
