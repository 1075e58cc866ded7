import { KITCHEN } from '../src/default-catalog';
import { displayQuantity, formatFraction, formatPieces, pluralize, recipeQuantityText, roundPieces, toGrams, UnitConversionError } from '../src/units';

const onion = { id: 'onion', name: 'onion', pieceName: 'onion', densityGPerMl: 0.68, gramsPerPiece: 110 };
const oil = { id: 'olive-oil', name: 'olive oil', densityGPerMl: 0.91 };
const rice = { id: 'rice', name: 'white rice' };

describe('toGrams', () => {
  it('when the unit is a mass, then it converts by the exact definition', () => {
    expect(toGrams(2, 'kg', rice)).toBe(2000);
    expect(toGrams(1, 'lb', rice)).toBeCloseTo(453.59237, 9);
    expect(toGrams(4, 'oz', rice)).toBeCloseTo(113.398, 3);
  });

  it('when the unit is a volume, then it goes through the density', () => {
    expect(toGrams(1, 'cup', oil)).toBeCloseTo(236.5882365 * 0.91, 9);
    expect(toGrams(1, 'tbsp', oil)).toBeCloseTo(3 * toGrams(1, 'tsp', oil), 9);
    expect(toGrams(1, 'l', oil)).toBeCloseTo(910, 9);
  });

  it('when the unit is a piece, then it uses the weight of one piece', () => {
    expect(toGrams(3, 'piece', onion)).toBe(330);
  });

  it('when the ingredient lacks a density or piece weight, then it refuses instead of guessing', () => {
    expect(() => toGrams(1, 'cup', rice)).toThrow(UnitConversionError);
    expect(() => toGrams(1, 'piece', oil)).toThrow(/gramsPerPiece/);
    expect(() => toGrams(-1, 'g', rice)).toThrow(/bad quantity/);
  });
});

describe('display', () => {
  it('formats cook-friendly fractions', () => {
    expect(formatFraction(1.5)).toBe('1 ½');
    expect(formatFraction(0.75)).toBe('¾');
    expect(formatFraction(0.33)).toBe('⅓');
    expect(formatFraction(2.97)).toBe('3');
    expect(formatFraction(0.01)).toBe('¼');
    expect(formatFraction(0.125, 1 / 8)).toBe('⅛');
  });

  it('when US weights and cups are shown, then the quantity is the amount the text names, and weights never come in thirds', () => {
    const sugar = KITCHEN.ingredientById.get('brown-sugar')!;
    for (let grams = 7; grams <= 2000; grams += 3) {
      const mass = displayQuantity(grams, sugar, 'mass', 'us');
      expect(mass.text).not.toMatch(/[⅓⅔]/);
      expect(mass.text).toBe(`${formatFraction(mass.quantity, 1 / 4, false)} ${mass.unit}`);
      const volume = displayQuantity(grams, sugar, 'volume', 'us');
      if (volume.unit === 'cup') expect(volume.text).toMatch(new RegExp(`^${formatFraction(volume.quantity)} cups?$`));
    }
    // A third of a cup is a cup-set measure: the text and the quantity both say so.
    const third = displayQuantity(toGrams(1 / 3, 'cup', sugar), sugar, 'volume', 'us');
    expect(third).toMatchObject({ text: '⅓ cup', quantity: 1 / 3 });
  });

  it('when a US weight or cup measure is for shopping, then it is never more than 3% under what is needed', () => {
    const sugar = KITCHEN.ingredientById.get('brown-sugar')!;
    expect(displayQuantity(10.5, sugar, 'mass', 'us').text).toBe('¼ oz');
    expect(displayQuantity(10.5, sugar, 'mass', 'us', { shopping: true }).text).toBe('½ oz');
    expect(displayQuantity(508, sugar, 'mass', 'us', { shopping: true }).text).toBe('1 ¼ lb');
    const gramsPer = { oz: 28.349523125, lb: 453.59237 } as Record<string, number>;
    for (let grams = 7.5; grams <= 3000; grams += 1.7) {
      const mass = displayQuantity(grams, sugar, 'mass', 'us', { shopping: true });
      if (mass.unit in gramsPer) expect(mass.quantity * gramsPer[mass.unit]!).toBeGreaterThanOrEqual(grams * 0.97);
      const cups = displayQuantity(grams, sugar, 'volume', 'us', { shopping: true });
      if (cups.unit === 'cup') expect(toGrams(cups.quantity, 'cup', sugar)).toBeGreaterThanOrEqual(grams * 0.97 - 1e-9);
    }
  });

  it('pluralizes piece names', () => {
    expect(pluralize('onion')).toBe('onions');
    expect(pluralize('tomato')).toBe('tomatoes');
    expect(pluralize('clove')).toBe('cloves');
    expect(pluralize('bay leaf')).toBe('bay leaves');
    expect(pluralize('cherry')).toBe('cherries');
    expect(pluralize('can, drained')).toBe('cans, drained');
  });

  it('shows metric mass in g below a kilo and kg above', () => {
    expect(displayQuantity(453.6, rice, 'mass', 'metric').text).toBe('455 g');
    expect(displayQuantity(1234, rice, 'mass', 'metric').text).toBe('1.23 kg');
    expect(displayQuantity(3.2, rice, 'mass', 'metric').text).toBe('3 g');
  });

  it('shows liquids as ml and l in metric, and as spoons and cups in US', () => {
    expect(displayQuantity(0.91 * 250, oil, 'volume', 'metric').text).toBe('250 ml');
    expect(displayQuantity(0.91 * 1500, oil, 'volume', 'metric').text).toBe('1.5 l');
    expect(displayQuantity(toGrams(1.5, 'cup', oil), oil, 'volume', 'us').text).toBe('1 ½ cups');
    expect(displayQuantity(toGrams(1, 'cup', oil), oil, 'volume', 'us').text).toBe('1 cup');
    expect(displayQuantity(toGrams(2, 'tbsp', oil), oil, 'volume', 'us').text).toBe('2 tbsp');
    expect(displayQuantity(toGrams(0.5, 'tsp', oil), oil, 'volume', 'us').text).toBe('½ tsp');
  });

  it('when a metric volume comes from US cups, then it reads in jug steps, up a step rather than more than 3% short', () => {
    const ml = (v: number) => displayQuantity(0.91 * v, oil, 'volume', 'metric').text;
    expect(ml(59.15)).toBe('60 ml');
    expect(ml(221.8)).toBe('220 ml');
    expect(ml(591.5)).toBe('600 ml');
    // 7 ml to the nearest 5 is 5 ml, 29% short: the next step up.
    expect(ml(7)).toBe('10 ml');
    expect(ml(1)).toBe('2.5 ml');
    expect(ml(995)).toBe('1 l');
    expect(ml(1892.7)).toBe('1.9 l');
  });

  it('shows US mass in oz below a pound and lb above', () => {
    expect(displayQuantity(226.8, rice, 'mass', 'us').text).toBe('8 oz');
    expect(displayQuantity(680.4, rice, 'mass', 'us').text).toBe('1 ½ lb');
  });

  it('counts pieces, rounding up for shopping', () => {
    expect(displayQuantity(330, onion, 'piece', 'metric').text).toBe('3 onions');
    expect(displayQuantity(340, onion, 'piece', 'metric', { shopping: true }).text).toBe('4 onions');
    expect(displayQuantity(110, onion, 'piece', 'us').text).toBe('1 onion');
  });
});

describe('counted things', () => {
  const egg = KITCHEN.ingredientById.get('egg')!;
  const avocado = KITCHEN.ingredientById.get('avocado')!;
  const onion = KITCHEN.ingredientById.get('onion')!;

  it('when a recipe for 3 with 4 eggs is cooked for 4, then it asks for 5 eggs, not 5 ⅓', () => {
    expect(formatPieces((4 * 4) / 3, egg)).toBe('5 eggs');
    expect(recipeQuantityText((4 * 4) / 3, 'piece', egg)).toBe('5 eggs');
    expect(displayQuantity(toGrams((4 * 4) / 3, 'piece', egg), egg, 'piece', 'metric').text).toBe('5 eggs');
  });

  it('when a little egg is needed, then it is one whole egg, never ¾ or 0', () => {
    expect(formatPieces(0.75, egg)).toBe('1 egg');
    expect(formatPieces(0.1, egg)).toBe('1 egg');
    expect(roundPieces(2.5, egg)).toBe(3);
    expect(roundPieces(0, egg)).toBe(0);
  });

  it('when a thing is cut in halves or quarters, then counts keep to those (½ avocado, ¼ onion), never finer', () => {
    expect(formatPieces(1 / 3, avocado)).toBe('½ avocado');
    expect(formatPieces(5 / 3, avocado)).toBe('1 ½ avocados');
    expect(formatPieces(1 / 3, onion)).toBe('¼ onion');
    expect(formatPieces(2 / 3, onion)).toBe('¾ onion');
    expect(formatPieces(0.05, onion)).toBe('¼ onion');
  });

  it('when shopping, then a count rounds up to whole items whatever the cut', () => {
    expect(displayQuantity(toGrams(1 / 3, 'piece', onion), onion, 'piece', 'us', { shopping: true }).text).toBe('1 onion');
    expect(displayQuantity(toGrams(5.1, 'piece', egg), egg, 'piece', 'us', { shopping: true }).text).toBe('6 eggs');
  });
});

describe('small amounts', () => {
  const salt = KITCHEN.ingredientById.get('salt')!;
  const cardamom = KITCHEN.ingredientById.get('cardamom')!;

  it('when a spoon measure is nearer a pinch (1/16 tsp) than ⅛ tsp, then it reads "a pinch" rather than a floor of ⅛ tsp', () => {
    expect(displayQuantity(toGrams(1 / 24, 'tsp', salt), salt, 'volume', 'us').text).toBe('a pinch');
    expect(displayQuantity(toGrams(1 / 8, 'tsp', salt), salt, 'volume', 'us').text).toBe('⅛ tsp');
    expect(recipeQuantityText(1 / 24, 'tsp', salt)).toBe('a pinch');
    expect(recipeQuantityText(1 / 96, 'tbsp', salt)).toBe('a pinch');
  });

  it('when under a quarter ounce in US units, then the weight is in grams rather than "¼ oz" many times over', () => {
    expect(displayQuantity(toGrams(1 / 8, 'tsp', cardamom), cardamom, 'mass', 'us').text).toBe('0.5 g');
    expect(displayQuantity(4.24, cardamom, 'mass', 'us').text).toBe('4 g');
    expect(displayQuantity(7.1, cardamom, 'mass', 'us').text).toBe('¼ oz');
  });

  it('when an amount rounds to a pound, then it reads 1 lb rather than 16 oz', () => {
    expect(displayQuantity(452, salt, 'mass', 'us').text).toBe('1 lb');
  });

  it('when a recipe line in cups is scaled below a quarter cup, then it reads in spoons, not a floor of ¼ cup', () => {
    expect(recipeQuantityText(1 / 48, 'cup', salt)).toBe('1 tsp');
    expect(recipeQuantityText(1 / 8, 'cup', salt)).toBe('2 tbsp');
    expect(recipeQuantityText(1.5, 'cup', salt)).toBe('1 ½ cups');
    expect(recipeQuantityText(2, 'tbsp', salt)).toBe('2 tbsp');
  });

  it('when a weighed line is tiny, then it still reads as an amount, never "0 g"', () => {
    expect(recipeQuantityText(25.333, 'g', salt)).toBe('25.3 g');
    expect(recipeQuantityText(0.004, 'g', salt)).toBe('0.004 g');
    expect(recipeQuantityText(452.6, 'g', salt)).toBe('453 g');
  });
});

describe('spoon measures in US units', () => {
  const salt = KITCHEN.ingredientById.get('salt')!;
  const EIGHTH_GLYPHS: Record<string, number> = { '⅛': 1, '¼': 2, '⅜': 3, '½': 4, '⅝': 5, '¾': 6, '⅞': 7 };
  /** "1 ⅜ tsp" → [1.375, 'tsp']; throws on any other shape, thirds included. */
  const spoonAmount = (text: string): [number, string] => {
    const match = /^(?:(\d+) ?)?([⅛¼⅜½⅝¾⅞])? (tsp|tbsp)$/.exec(text);
    if (!match || (!match[1] && !match[2])) throw new Error(`not a spoon amount: ${text}`);
    return [Number(match[1] ?? 0) + (match[2] ? EIGHTH_GLYPHS[match[2]]! / 8 : 0), match[3]!];
  };

  it('when an amount comes to thirds of a spoon, then it reads in steps measuring spoons hold: ⅛ tsp, ½ tbsp', () => {
    expect(recipeQuantityText(1 / 3, 'tsp', salt)).toBe('⅜ tsp');
    expect(recipeQuantityText(2 / 3, 'tsp', salt)).toBe('⅝ tsp');
    expect(recipeQuantityText(4 / 3, 'tsp', salt)).toBe('1 ⅜ tsp');
    expect(recipeQuantityText(5 / 3, 'tbsp', salt)).toBe('1 ½ tbsp');
    expect(recipeQuantityText(8 / 3, 'tbsp', salt)).toBe('2 ½ tbsp');
    expect(recipeQuantityText(3.2, 'tbsp', salt)).toBe('3 tbsp');
  });

  it('when any amount from a pinch to just under a quarter cup is shown, then the text is a whole number of ⅛ tsp or ½ tbsp and equals the quantity', () => {
    for (let tsp = 0.1; tsp < 11.5; tsp += 0.01) {
      const shown = displayQuantity(toGrams(tsp, 'tsp', salt), salt, 'volume', 'us');
      if (shown.unit === 'cup') continue;
      const [amount, unit] = spoonAmount(shown.text);
      expect([unit, amount]).toEqual([shown.unit, shown.quantity]);
      const step = unit === 'tsp' ? 1 / 8 : 1 / 2;
      expect(Math.abs(amount / step - Math.round(amount / step))).toBeLessThan(1e-9);
      const asTsp = unit === 'tsp' ? amount : amount * 3;
      expect(Math.abs(asTsp - tsp)).toBeLessThanOrEqual(unit === 'tsp' ? 1 / 16 + 1e-9 : 3 / 4 + 1e-9);
    }
  });
});
