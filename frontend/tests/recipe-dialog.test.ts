import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { PlannedIngredient } from '@chef-chopsky/kitchen/plan-types';
import { plannedMeal } from '@chef-chopsky/kitchen/planner';
import { recipeQuantityText } from '@chef-chopsky/kitchen/units';
import { gramsText, scaledQuantity } from '@/components/recipe-dialog';

// The dialog starts at the batch the agent scaled the plan to; these are what it shows once the cook changes servings.
describe('recipe dialog scaling', () => {
  const eggs = { name: 'Egg', quantity: 4, unit: 'piece', pieceCut: 'whole', display: '4 eggs' } as const;

  it('when eggs for 3 are scaled to 4, then the count is whole and named: 5⅓ eggs show as "5 eggs"', () => {
    expect(scaledQuantity(eggs, 4 / 3)).toBe('5 eggs');
    expect(scaledQuantity({ ...eggs, quantity: 2, display: '2 eggs' }, 4 / 3)).toBe('3 eggs');
  });

  it('when one egg is scaled down, then it stays one egg, singular, rather than ¾ or none', () => {
    expect(scaledQuantity({ ...eggs, quantity: 1, display: '1 egg' }, 3 / 4)).toBe('1 egg');
    expect(scaledQuantity(eggs, 1 / 4)).toBe('1 egg');
  });

  it('when the agent says a thing is cut in halves or quarters, then counts keep those steps (½ avocado, ¼ onion)', () => {
    const avocado = { name: 'Avocado', quantity: 1, unit: 'piece', pieceCut: 'halves', display: '1 avocado' } as const;
    expect(scaledQuantity(avocado, 1 / 2)).toBe('½ avocado');
    expect(scaledQuantity(avocado, 5 / 3)).toBe('1 ½ avocados');
    expect(scaledQuantity(avocado, 1 / 4)).toBe('½ avocado');
    expect(scaledQuantity({ name: 'Onion', quantity: 0.5, unit: 'piece', pieceCut: 'quarters', display: '½ onion' }, 1 / 2)).toBe('¼ onion');
  });

  it('when the piece has its own name in the display, then scaling keeps it, singular or plural (cloves, leaves, cans)', () => {
    const garlic = { name: 'Garlic', quantity: 2, unit: 'piece', pieceCut: 'whole', display: '2 cloves' } as const;
    expect(scaledQuantity(garlic, 1 / 2)).toBe('1 clove');
    expect(scaledQuantity(garlic, 2)).toBe('4 cloves');
    expect(scaledQuantity({ name: 'Bay leaves', quantity: 2, unit: 'piece', pieceCut: 'whole', display: '2 leaves' }, 1 / 2)).toBe('1 leaf');
    expect(scaledQuantity({ name: 'Canned tuna in water', quantity: 1, unit: 'piece', pieceCut: 'halves', display: '1 can, drained' }, 2)).toBe('2 cans, drained');
    expect(scaledQuantity({ name: 'Tomato', quantity: 3, unit: 'piece', pieceCut: 'quarters', display: '3 tomatoes' }, 1 / 3)).toBe('1 tomato');
  });

  it('when a plan carries no cut (saved before the agent sent one), then a count is whole; without a display it is named after the ingredient', () => {
    expect(scaledQuantity({ name: 'Onion', quantity: 4, unit: 'piece', display: '4 onions' }, 2 / 3)).toBe('3 onions');
    expect(scaledQuantity({ name: 'Egg', quantity: 0.5, unit: 'piece', display: '½ egg' }, 1 / 2)).toBe('1 egg');
    expect(scaledQuantity({ name: 'Egg', quantity: 4, unit: 'piece' }, 4 / 3)).toBe('5 eggs');
    // Plans from the old formatter wrote "5 ⅓ eggs": the name is still found.
    expect(scaledQuantity({ name: 'Egg', quantity: 5.3333, unit: 'piece', display: '5 ⅓ eggs' }, 3 / 4)).toBe('4 eggs');
  });

  it('when cups are scaled, then more than one reads "cups", and below a quarter cup the amount is in spoons', () => {
    const rice = { name: 'Cooked white rice', quantity: 1, unit: 'cup', display: '1 cup' };
    expect(scaledQuantity(rice, 2)).toBe('2 cups');
    expect(scaledQuantity(rice, 3 / 2)).toBe('1 ½ cups');
    expect(scaledQuantity({ ...rice, quantity: 1.5 }, 1 / 2)).toBe('¾ cup');
    expect(scaledQuantity(rice, 1 / 8)).toBe('2 tbsp');
    expect(scaledQuantity({ ...rice, quantity: 0.05 }, 1 / 2)).toBe('1 ¼ tsp');
  });

  it('when spoons are scaled, then they read in what measuring spoons hold (⅛ tsp, ½ tbsp), never thirds, and a speck is a pinch', () => {
    const salt = { name: 'Salt', quantity: 1, unit: 'tsp' };
    expect(scaledQuantity(salt, 1 / 3)).toBe('⅜ tsp');
    expect(scaledQuantity(salt, 4 / 3)).toBe('1 ⅜ tsp');
    expect(scaledQuantity({ ...salt, quantity: 2, unit: 'tbsp' }, 4 / 3)).toBe('2 ½ tbsp');
    expect(scaledQuantity({ ...salt, quantity: 2, unit: 'tbsp' }, 5 / 4)).toBe('2 ½ tbsp');
    expect(scaledQuantity({ ...salt, quantity: 0.125 }, 1 / 4)).toBe('a pinch');
  });

  it('when a weight is scaled, then it keeps three significant figures and never reads 0', () => {
    expect(scaledQuantity({ name: 'Tofu', quantity: 12, unit: 'g' }, 3 / 2)).toBe('18 g');
    expect(scaledQuantity({ name: 'Tofu', quantity: 38, unit: 'g' }, 2 / 3)).toBe('25.3 g');
    expect(scaledQuantity({ name: 'Saffron', quantity: 0.01, unit: 'g' }, 1 / 4)).toBe('0.0025 g');
  });

  it('shows a pinch as under a gram rather than 0 g', () => {
    expect(gramsText(0.2)).toBe('<1 g');
    expect(gramsText(0.6)).toBe('1 g');
    expect(gramsText(266.7)).toBe('267 g');
  });
});

describe('recipe dialog against the agent', () => {
  it('when any recipe the agent planned for 4 is rescaled to 1 to 8 servings, then each line reads as the agent would write that quantity', () => {
    const differences: string[] = [];
    let lines = 0;
    for (const recipe of KITCHEN.recipes) {
      // A plan line as the browser receives it: JSON, so only what the agent actually sends.
      const planned = JSON.parse(JSON.stringify(plannedMeal(KITCHEN, recipe, recipe.mealTypes[0]!, 4, 4, null, false).ingredients)) as PlannedIngredient[];
      for (let servings = 1; servings <= 8; servings++) {
        for (const line of planned) {
          lines += 1;
          // The same scaled quantity into both: the line's quantity has 4 decimals, so the agent's own plan for that
          // many servings can sit on the other side of a tie (5/12 cup is as near ⅓ as ½).
          const quantity = line.quantity * (servings / 4);
          const agent = recipeQuantityText(quantity, line.unit, KITCHEN.ingredientById.get(line.ingredientId)!);
          const shown = scaledQuantity(line, servings / 4);
          if (shown !== agent) differences.push(`${recipe.id} for ${servings}: ${line.ingredientId} dialog "${shown}", agent "${agent}"`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(lines).toBeGreaterThan(1000);
  });
});
