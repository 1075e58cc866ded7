import { KITCHEN } from '../src/default-catalog';
import { ingredientAllowed, substitutes, substitutesFor, type SubstituteProfile } from '../src/substitutes';
import { ALLERGENS, DIETS } from '../src/types';

const ids = (name: string, profile: SubstituteProfile) => substitutes(KITCHEN, name, profile).map((s) => s.ingredient.id);

describe('substitutes over the full corpus', () => {
  const milkAndWheat: SubstituteProfile = { allergens: ['milk', 'wheat'] };

  it('when flour is swapped for a cook allergic to milk and wheat, then only flours and a thickening starch come back, never sugar', () => {
    expect(ids('flour', milkAndWheat)).toEqual(['almond-flour', 'chickpea-flour', 'cornstarch']);
    expect(ids('flour', { allergens: ['milk', 'wheat', 'tree_nuts'] })).toEqual(['chickpea-flour', 'cornstarch']);
  });

  it('when butter is swapped, then fats come back: oils for a milk allergy, ghee and butter ranked by closeness without one', () => {
    expect(ids('butter', milkAndWheat)).toEqual(['olive-oil', 'coconut-oil', 'vegetable-oil']);
    const free = substitutes(KITCHEN, 'butter', {}, 6);
    expect(free.filter((s) => s.source === 'similar').map((s) => s.ingredient.id).sort()).toEqual(['ghee', 'unsalted-butter']);
    for (const s of free) expect(s.ingredient.role).toBe('cooking-fat');
  });

  it('when milk is swapped, then plant milks come back and never an egg', () => {
    const found = substitutes(KITCHEN, 'milk', milkAndWheat);
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) expect(s.ingredient.role).toBe('milk');
  });

  it('when the role has nothing that fits, then the answer is empty and names the role, rather than reaching outside it', () => {
    const answer = substitutesFor(KITCHEN, 'baking-powder', { dislikes: ['baking soda', 'yeast'] })!;
    expect(answer).toMatchObject({ role: 'leavening', roleLabel: 'raising agent', substitutes: [] });
  });

  it('every non-curated suggestion, for every ingredient and a spread of profiles, shares the role and fits the profile', () => {
    const profiles: SubstituteProfile[] = [{}, ...DIETS.map((diet) => ({ diet })), ...ALLERGENS.map((a) => ({ allergens: [a] })), { diet: 'vegan', allergens: ['soy', 'tree_nuts', 'gluten'] }];
    for (const profile of profiles) {
      for (const original of KITCHEN.ingredients) {
        for (const s of substitutes(KITCHEN, original.id, profile)) {
          expect(ingredientAllowed(KITCHEN, s.ingredient, profile)).toBe(true);
          if (s.source === 'similar') expect([original.id, s.ingredient.role]).toEqual([original.id, original.role]);
        }
      }
    }
  });
});
