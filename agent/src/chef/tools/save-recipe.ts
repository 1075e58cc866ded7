/**
 * `save_recipe`: saves the recipe of a link the cook sent. The web app read every link of the latest message before
 * the chat reached the agent (`links`); this tool asks it, with the `recipe_save` event, to save the recipe it read,
 * and tells the model what the cook gets: the title, and the lines the kitchen could not match (their allergens are
 * unknown, so the recipe is kept from anyone with an allergy or a diet until the cook resolves them in the recipe box).
 */
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { ChefContext } from '../types';

const schema = z.object({ url: z.string().min(1).max(2000).describe('As the cook wrote it') });

export function saveRecipeTool(ctx: ChefContext) {
  return tool(
    async ({ url }) => {
      const links = ctx.cookbook?.links ?? [];
      const link = links.find((l) => l.url === url.trim()) ?? (links.length === 1 ? links[0] : undefined);
      if (!link) throw new Error('I can only save a recipe from a link in your latest message; send the link again with "save this recipe".');
      if (!link.recipe) return JSON.stringify({ saved: false, url: link.url, problem: link.problem });
      ctx.emit('recipe_save', { url: link.url });
      return JSON.stringify({
        saved: true,
        url: link.url,
        title: link.recipe.title,
        servings: link.recipe.servings,
        totalMinutes: link.recipe.totalMinutes,
        lines: link.recipe.lines,
        unmatched: link.recipe.unmatched,
        recipeBox: '/recipes',
      });
    },
    {
      name: 'save_recipe',
      description: "Save the recipe at a link in the cook's latest message to their recipe box.",
      schema,
    },
  );
}
