import { z } from 'zod';
import { RECIPE_LIMITS } from '@chef-chopsky/contract/recipes';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { readCookLines, readLineAs } from '@chef-chopsky/kitchen/cook/read';
import { appContext } from '@/lib/app-context';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const schema = z.object({
  lines: z.array(z.object({ text: z.string().trim().min(1).max(RECIPE_LIMITS.lineChars), ingredientId: z.string().min(1).max(80).optional() })).min(1).max(RECIPE_LIMITS.lines),
});

/**
 * Reads lines the cook typed or edited in the editor as an import reads them; a line with `ingredientId` is matched to
 * that ingredient (the cook's pick), with `lacks` naming what the line says that the ingredient does not carry.
 */
export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env } = await appContext();
  requireOwner(request, env.sessionSecret);
  const { lines } = await parseJsonBody(request, schema);
  const read = lines.map((line) => {
    if (!line.ingredientId) {
      const [read] = readCookLines(KITCHEN, [{ text: line.text }]);
      // A heading ("For the sauce:") is no ingredient: it stays a line for the cook to fix or remove.
      return { ...(read ?? { text: line.text, group: null, match: null, safe: null, ingredientName: null, reason: 'A heading, not an ingredient', named: [] }), lacks: [] as string[] };
    }
    const picked = readLineAs(KITCHEN, line.text, line.ingredientId);
    if (!picked) throw new AppError('bad_request:ingredient', `The kitchen has no ingredient ${line.ingredientId}.`);
    return picked;
  });
  return jsonResponse({ lines: read }, { requestId });
});
