import { readIngredientLine } from '../src/cook/line-match';
import { parseIngredientLine } from '../src/cook/line-parse';
import { readCookLines, splitPastedRecipe, mealTypesFromWords } from '../src/cook/read';
import { KITCHEN } from '../src/default-catalog';

const read = (text: string) => readIngredientLine(KITCHEN, text);

describe('ingredient lines parsed', () => {
  test.each([
    ['2-3 large handfuls of spinach', { quantity: 2, quantityMax: 3, name: 'handfuls of spinach' }],
    ['1 14-ounce can chickpeas, drained', { quantity: 1, unit: 'can', packageAmount: { quantity: 14, unit: 'ounce' }, name: 'chickpeas', note: 'drained' }],
    ['1 (400 g) tin chopped tomatoes', { quantity: 1, packageAmount: { quantity: 400, unit: 'gram' }, name: 'chopped tomatoes' }],
    ['1 ½ cups all-purpose flour', { quantity: 1.5, unit: 'cup', name: 'all-purpose flour' }],
    ['to serve: toasted almonds (optional)', { quantity: null, name: 'toasted almonds', optional: true }],
    ['Juice of 1 lemon', { name: 'lemon juice' }],
    ['For the sauce:', { isHeader: true }],
  ])('%s', (line, expected) => {
    expect(parseIngredientLine(line)).toMatchObject(expected);
  });
});

describe('the safety rule: a line is never matched to an ingredient with fewer allergens than its words name', () => {
  test.each([
    ['1 cup almond milk', 'almond-milk'],
    ['2 tbsp peanut butter', 'peanut-butter'],
    ['1 tbsp fish sauce', 'fish-sauce'],
    ['3 tbsp soy sauce', 'soy-sauce'],
    ['1 tbsp toasted sesame oil', 'sesame-oil'],
    ['2 cups chicken stock', 'chicken-broth'],
  ])('"%s" is %s: the catalog name says what it is', (line, id) => {
    expect(read(line).match?.ingredientId).toBe(id);
  });

  test.each([
    ['1 cup milk (or almond milk)', 'names milk and tree nuts together'],
    ['2 tbsp peanut oil', 'peanut oil is peanuts, never plain vegetable oil'],
    ['1 tsp garlic salt', 'two foods side by side are one the kitchen does not know'],
    ['3 tbsp butter or olive oil', 'butter is milk'],
    ['2 cups chicken or vegetable stock', 'names poultry'],
    ['1 tbsp duck fat', 'a food the kitchen has no data for'],
    ['8 prosciutto-wrapped asparagus spears', 'a word that is not a known food nor a description'],
    ['1 cup mixed nuts', 'nuts are tree nuts and peanuts: no one ingredient is both'],
    ['1 cup cream of tartar', 'cream is milk'],
    ['2 tbsp sherry', 'alcohol the kitchen has no row for'],
    ['200 g paneer, cubed', 'a cheese the catalog does not know'],
  ])('"%s" stays unmatched (%s)', (line) => {
    const reading = read(line);
    expect(reading.match).toBeNull();
    expect(reading.reason).toBeTruthy();
  });

  test('an optional line still counts: its allergens are named', () => {
    const reading = read('to serve: toasted almonds (optional)');
    expect(reading.named).toEqual(['tree_nuts']);
    expect(reading.match?.ingredientId).toBe('almonds');
  });

  test('every match of a list of tricky lines carries every allergen the line names', () => {
    const lines = [
      '1 cup almond milk', '1/2 cup coconut milk', '2 tbsp butter', '1 egg, beaten', '1 tbsp tahini', '2 tsp dijon mustard',
      '1 celery stalk, diced', '1 cup plain flour', '2 tbsp soy sauce', '100 g feta, crumbled', '1 tbsp worcestershire sauce',
      '1 cup cashews', '2 tbsp peanut butter', '200 g shrimp, peeled', '1 tbsp oyster sauce', '1 cup greek yogurt',
    ];
    for (const line of lines) {
      const reading = read(line);
      if (!reading.match) continue;
      const ingredient = KITCHEN.ingredientById.get(reading.match.ingredientId)!;
      for (const allergen of reading.named) expect({ line, allergen, carried: ingredient.allergens.includes(allergen) }).toEqual({ line, allergen, carried: true });
    }
  });
});

describe('amounts in the kitchen units', () => {
  test.each([
    ['2 tablespoons olive oil', 'olive-oil', 2, 'tbsp'],
    ['3 cloves garlic, minced', 'garlic', 3, 'piece'],
    ['1 (14 oz) can chickpeas, drained', 'chickpeas', 14, 'oz'],
    ['2 large eggs', 'egg', 2, 'piece'],
    ['1 stick butter, softened', 'butter', 8, 'tbsp'],
    ['2-3 large handfuls of spinach', 'spinach', 0, 'g'],
    ['salt and pepper to taste', 'salt', 0, 'g'],
  ])('"%s" → %s %d %s', (line, id, quantity, unit) => {
    expect(read(line).match).toMatchObject({ ingredientId: id, quantity, unit, by: 'kitchen' });
  });
});

describe('reading a recipe for review', () => {
  test('a heading becomes the group of the lines after it', () => {
    const lines = readCookLines(KITCHEN, [{ text: '1 cup rice' }, { text: 'For the sauce:' }, { text: '2 tbsp soy sauce' }]);
    expect(lines.map((l) => [l.text, l.group])).toEqual([
      ['1 cup rice', null],
      ['2 tbsp soy sauce', 'For the sauce'],
    ]);
  });

  test('pasted text with headings is split into title, servings, ingredients and steps', () => {
    expect(splitPastedRecipe('Garlic rice\nServes 2\n\nIngredients\n- 1 cup rice\n- 2 cloves garlic\nMethod\n1. Cook the rice.\n2. Fry the garlic.')).toEqual({
      title: 'Garlic rice',
      servings: 2,
      ingredients: ['1 cup rice', '2 cloves garlic'],
      steps: ['Cook the rice.', 'Fry the garlic.'],
    });
  });

  test('pasted text without headings: amounts are ingredients, the rest steps; none at all is no recipe', () => {
    expect(splitPastedRecipe('Toast\n2 slices bread\n1 tbsp butter\nToast the bread. Butter it.')).toMatchObject({ ingredients: ['2 slices bread', '1 tbsp butter'], steps: ['Toast the bread. Butter it.'] });
    expect(splitPastedRecipe('Just a thought\nWhat a lovely day.')).toBeNull();
  });

  test('pasted text without headings: lines with no amount before the method are ingredients too ("to serve: …", "salt to taste"), so their allergens are not lost', () => {
    const text = "Auntie's satay noodles\nServes 4\nA family favourite.\n400 g rice noodles\n3 tbsp crunchy peanut butter\nto serve: toasted almonds (optional)\nsalt to taste\n1 tsp chilli flakes\nCook the noodles\nWhisk the peanut butter and lime. Toss everything together.";
    expect(splitPastedRecipe(text)).toEqual({
      title: "Auntie's satay noodles",
      servings: 4,
      ingredients: ['400 g rice noodles', '3 tbsp crunchy peanut butter', 'to serve: toasted almonds (optional)', 'salt to taste', '1 tsp chilli flakes'],
      steps: ['A family favourite.', 'Cook the noodles', 'Whisk the peanut butter and lime. Toss everything together.'],
    });
  });

  test('meal types come from categories and keywords, dinner when none is named', () => {
    expect(mealTypesFromWords(['main course'])).toEqual(['dinner']);
    expect(mealTypesFromWords(['breakfast', 'brunch'])).toEqual(['breakfast']);
    expect(mealTypesFromWords(['dessert'])).toEqual(['snack']);
    expect(mealTypesFromWords([])).toEqual(['dinner']);
  });
});
