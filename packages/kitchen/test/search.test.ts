import { searchRecipes, whatCanIMake } from '../src/search';
import { substitutes } from '../src/substitutes';
import { fixtureCatalog as catalog } from './fixtures';

describe('whatCanIMake', () => {
  it('when I have kale, lentils, tomatoes and onion, then the kale lentil stew ranks first (oil is a staple) and the soup follows, missing garlic', () => {
    const found = whatCanIMake(catalog, ['kale', 'lentils', 'tomatoes', 'onions'], { maxMissing: 1 });
    expect(found[0]).toMatchObject({ recipe: expect.objectContaining({ id: 'kale-lentil-stew' }), missing: [], coverage: 1 });
    expect(found[1]).toMatchObject({ recipe: expect.objectContaining({ id: 'tomato-lentil-soup' }), missing: ['garlic'], coverage: 0.75 });
    for (let i = 1; i < found.length; i++) expect(found[i]!.coverage).toBeLessThanOrEqual(found[i - 1]!.coverage);
    expect(found.every((f) => f.missing.length <= 1)).toBe(true);
  });

  it('assumes staples (salt, oil, spices) and honours allergens', () => {
    const found = whatCanIMake(catalog, ['oats', 'oat milk', 'banana'], { maxMissing: 0 });
    expect(found.map((f) => f.recipe.id)).toEqual(['oatmeal-banana']);
    expect(whatCanIMake(catalog, ['oats', 'milk', 'peanut butter'], { allergens: ['peanuts'] }).map((f) => f.recipe.id)).not.toContain('peanut-oats');
  });
});

describe('searchRecipes', () => {
  it('ranks title hits above ingredient hits and filters by diet', () => {
    expect(searchRecipes(catalog, 'chickpea curry')[0]!.recipe.id).toBe('chickpea-curry');
    expect(searchRecipes(catalog, 'rice', { diet: 'vegan' }).map((r) => r.recipe.id)).toEqual(['chickpea-curry', 'tofu-stir-fry']);
  });
});

describe('substitutes', () => {
  it('when peanut butter is swapped for someone allergic to sesame, then tahini is never offered', () => {
    const subs = substitutes(catalog, 'peanut-butter', { allergens: ['peanuts', 'sesame'] });
    expect(subs.length).toBeGreaterThan(0);
    expect(subs.map((s) => s.ingredient.id)).not.toContain('tahini');
    for (const s of subs) expect(s.ingredient.allergens.filter((a) => a === 'peanuts' || a === 'sesame')).toEqual([]);
  });

  it('when milk is swapped for a vegan with a nut allergy, then a plant milk without nuts comes first', () => {
    const subs = substitutes(catalog, 'whole milk', { diet: 'vegan', allergens: ['tree_nuts'] });
    expect(subs[0]).toMatchObject({ ingredient: expect.objectContaining({ id: 'oat-milk' }), source: 'curated' });
    expect(subs.every((s) => s.ingredient.animal.length === 0)).toBe(true);
  });
});
