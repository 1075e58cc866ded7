import { KITCHEN } from '../src/default-catalog';
import { onHandIds, searchRecipes, stapleIds, whatCanIMake } from '../src/search';
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

describe('whatCanIMake over the full kitchen: the named ingredients first', () => {
  it('when the cook has kale, chickpeas and tomatoes, then recipes with more of the three come first, each says which it uses and what is still to buy', () => {
    const found = whatCanIMake(KITCHEN, ['kale', 'chickpeas', 'tomatoes'], { limit: 20 });
    expect(found.length).toBe(20);
    for (let i = 1; i < found.length; i++) expect(found[i]!.uses.length).toBeLessThanOrEqual(found[i - 1]!.uses.length);
    // No recipe of the kitchen has all three: the best use two, and say the third is not used.
    expect(found[0]!.uses).toEqual(['chickpeas', 'tomatoes']);
    expect(found[0]!.unused).toEqual(['kale']);
    const ids = (term: string) => onHandIds(KITCHEN, term).ids;
    const staples = stapleIds(KITCHEN);
    for (const f of found) {
      for (const term of f.uses) expect(f.recipe.ingredientIds.some((id) => ids(term).includes(id))).toBe(true);
      for (const term of f.unused) expect(f.recipe.ingredientIds.some((id) => ids(term).includes(id))).toBe(false);
      // What is missing is every ingredient of the recipe that is neither named nor a staple.
      expect(f.missing).toEqual(f.recipe.ingredientIds.filter((id) => !staples.has(id) && !['kale', 'chickpeas', 'tomatoes'].some((t) => ids(t).includes(id))));
    }
  });

  it('when the cook has leftover rice, then the fried rices are found, dishes made with cooked rice before those that boil it, and leftover cooked rice counts as rice', () => {
    expect(onHandIds(KITCHEN, 'leftover rice')).toEqual({ ids: ['cooked-rice', 'white-rice'], exact: ['cooked-rice'] });
    const found = whatCanIMake(KITCHEN, ['leftover rice'], { limit: 12 });
    const ids = found.map((f) => f.recipe.id);
    expect(ids).toEqual(expect.arrayContaining(['egg-fried-rice-peas', 'kimchi-fried-rice']));
    const cooked = found.map((f) => f.recipe.ingredientIds.includes('cooked-rice'));
    expect(cooked.indexOf(false)).toBeGreaterThan(cooked.lastIndexOf(true));
    expect(found.slice(cooked.indexOf(false)).every((f) => f.recipe.ingredientIds.includes('white-rice'))).toBe(true);
    for (const f of found) expect(f.uses).toEqual(['leftover rice']);
    // Dry rice makes the fried rice too.
    expect(whatCanIMake(KITCHEN, ['rice'], { limit: 100 }).map((f) => f.recipe.id)).toContain('egg-fried-rice-peas');
  });

  it('when maxMissing is given, then no recipe needs more than that to buy; the allergy still holds', () => {
    for (const f of whatCanIMake(KITCHEN, ['chickpeas', 'spinach'], { maxMissing: 4, limit: 50 })) expect(f.missing.length).toBeLessThanOrEqual(4);
    for (const f of whatCanIMake(KITCHEN, ['leftover rice'], { allergens: ['egg'], limit: 50 })) expect(f.recipe.allergens).not.toContain('egg');
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
