import { displayQuantity, formatFraction, pluralize, toGrams, UnitConversionError } from '../../src/kitchen/units';

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

  it('shows US mass in oz below a pound and lb above', () => {
    expect(displayQuantity(226.8, rice, 'mass', 'us').text).toBe('8 oz');
    expect(displayQuantity(680.4, rice, 'mass', 'us').text).toBe('1 ½ lb');
  });

  it('counts pieces, rounding up for shopping', () => {
    expect(displayQuantity(330, onion, 'piece', 'metric').text).toBe('3 onions');
    expect(displayQuantity(340, onion, 'piece', 'metric', { roundPiecesUp: true }).text).toBe('4 onions');
    expect(displayQuantity(110, onion, 'piece', 'us').text).toBe('1 onion');
  });
});
