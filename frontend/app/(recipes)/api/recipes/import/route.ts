import { importRequestSchema } from '@chef-chopsky/contract/recipes';
import { appContext } from '@/lib/app-context';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { importRecipe } from '@/lib/recipes/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `{ url }` or `{ text }` → 200 `{ recipe }` for the cook to review and save, or 4xx `{ code, message }`. */
export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env } = await appContext();
  requireOwner(request, env.sessionSecret);
  const source = await parseJsonBody(request, importRequestSchema, 64 * 1024);
  const recipe = await importRecipe(source, { allowedHosts: env.recipeImportAllowedHosts });
  return jsonResponse({ recipe }, { requestId });
});
