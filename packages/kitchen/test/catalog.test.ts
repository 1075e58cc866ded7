import { CatalogError, createCatalog, dietAllows, dietOfAnimalProducts, findIngredient, findIngredientIds, findIngredientsInText } from '../src/catalog';
import { FIXTURE_INGREDIENTS, FIXTURE_RECIPES, fixtureCatalog as catalog } from './fixtures';

describe('derived recipe labels', () => {
  it('when a recipe uses milk and egg, then its allergens are their union and it is vegetarian', () => {
    const recipe = catalog.recipeById.get('scrambled-eggs-toast')!;
    expect(recipe.allergens).toEqual(['milk', 'egg', 'wheat', 'gluten']);
    expect(recipe.diet).toBe('vegetarian');
    expect(recipe.diets).toEqual(['vegetarian', 'pescatarian', 'omnivore']);
  });

  it('when a recipe has honey, then it is vegetarian but not vegan', () => {
    expect(catalog.recipeById.get('almond-yogurt-bowl')!.diet).toBe('vegetarian');
  });

  it('orders diets vegan ⊂ vegetarian ⊂ pescatarian ⊂ omnivore', () => {
    expect(dietOfAnimalProducts([])).toBe('vegan');
    expect(dietOfAnimalProducts(['shellfish', 'dairy'])).toBe('pescatarian');
    expect(dietOfAnimalProducts(['gelatin'])).toBe('omnivore');
    expect(dietAllows('vegetarian', 'vegan')).toBe(true);
    expect(dietAllows('vegetarian', 'pescatarian')).toBe(false);
    expect(dietAllows('omnivore', 'pescatarian')).toBe(true);
  });

  it('computes nutrition per serving as the sum of ingredient grams × per-100 g values / servings', () => {
    const recipe = catalog.recipeById.get('cheese-toastie')!;
    const bread = FIXTURE_INGREDIENTS.find((i) => i.id === 'bread')!;
    const cheddar = FIXTURE_INGREDIENTS.find((i) => i.id === 'cheddar')!;
    const expected = (64 * bread.per100g.kcal + 40 * cheddar.per100g.kcal) / 100;
    expect(recipe.nutritionPerServing.kcal).toBeCloseTo(expected, 9);
    expect(recipe.lines.map((l) => l.grams)).toEqual([64, 40]);
  });

  it('when data is broken, then building the catalog lists every problem', () => {
    const broken = [
      { ...FIXTURE_RECIPES[0]!, id: 'bad-ref', ingredients: [{ ingredientId: 'unicorn', quantity: 1, unit: 'g' as const }] },
      { ...FIXTURE_RECIPES[0]!, id: 'bad-unit', ingredients: [{ ingredientId: 'salmon', quantity: 1, unit: 'cup' as const }] },
    ];
    expect(() => createCatalog(FIXTURE_INGREDIENTS, broken)).toThrow(CatalogError);
    try {
      createCatalog(FIXTURE_INGREDIENTS, broken);
    } catch (err) {
      expect((err as CatalogError).problems).toEqual([expect.stringContaining('unicorn'), expect.stringContaining('densityGPerMl')]);
    }
  });

  it('when an ingredient is shopped as one that is unknown, or itself shopped as another, then the catalog refuses it', () => {
    const cookedRice = { ...FIXTURE_INGREDIENTS.find((i) => i.id === 'rice-white')!, id: 'cooked-rice' };
    const problems = (ingredients: typeof FIXTURE_INGREDIENTS) => {
      try {
        createCatalog(ingredients, FIXTURE_RECIPES);
        return [];
      } catch (err) {
        return (err as CatalogError).problems;
      }
    };
    expect(problems([...FIXTURE_INGREDIENTS, { ...cookedRice, shopAs: { ingredientId: 'rice-white', factor: 0.357 } }])).toEqual([]);
    expect(problems([...FIXTURE_INGREDIENTS, { ...cookedRice, shopAs: { ingredientId: 'unicorn', factor: 0.357 } }])).toEqual([expect.stringContaining('unknown ingredient unicorn')]);
    expect(problems([...FIXTURE_INGREDIENTS, { ...cookedRice, shopAs: { ingredientId: 'cooked-rice', factor: 0.357 } }])).toEqual([expect.stringContaining('not bought as itself')]);
    expect(problems([...FIXTURE_INGREDIENTS, { ...cookedRice, shopAs: { ingredientId: 'rice-white', factor: 0 } }])).toEqual([expect.stringContaining('factor 0')]);
  });
});

describe('ingredient lookup', () => {
  it('finds an ingredient by name, alias, plural and case', () => {
    expect(findIngredientIds(catalog, 'Kale')).toEqual(['kale']);
    expect(findIngredientIds(catalog, 'TOMATOES')).toEqual(['tomato']);
    expect(findIngredientIds(catalog, 'garbanzo beans')).toEqual(['chickpeas-canned']);
    expect(findIngredientIds(catalog, 'eggs')).toEqual(['egg']);
    expect(findIngredient(catalog, 'cherry tomatoes')!.id).toBe('cherry-tomato');
  });

  it('when a dislike names a family, then every member is found', () => {
    expect(findIngredientIds(catalog, 'mushrooms', 'family')).toEqual(['mushroom-button', 'mushroom-shiitake']);
  });

  it('finds ingredients in free text, longest names first', () => {
    const found = findIngredientsInText(catalog, 'I have kale, cherry tomatoes and some chickpeas for dinner');
    expect(found.map((f) => f.ingredientIds)).toEqual([['kale'], ['cherry-tomato'], ['chickpeas-canned']]);
  });
});
