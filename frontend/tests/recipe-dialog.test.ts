import { gramsText, scaledQuantity } from '@/components/recipe-dialog';

// The dialog starts at the batch the agent scaled the plan to; these are what it shows once the cook changes servings.
describe('recipe dialog scaling', () => {
  it('when eggs for 3 are scaled to 4, then the count is whole: 5⅓ eggs show as 5', () => {
    expect(scaledQuantity({ quantity: 4, unit: 'piece', pieceCut: 'whole' }, 4 / 3)).toBe('5 piece');
    expect(scaledQuantity({ quantity: 2, unit: 'piece', pieceCut: 'whole' }, 4 / 3)).toBe('3 piece');
  });

  it('when one egg is scaled down, then it stays one egg rather than ¾ or none', () => {
    expect(scaledQuantity({ quantity: 1, unit: 'piece', pieceCut: 'whole' }, 3 / 4)).toBe('1 piece');
    expect(scaledQuantity({ quantity: 1, unit: 'piece', pieceCut: 'whole' }, 1 / 4)).toBe('1 piece');
  });

  it('when the agent says a thing is cut in halves or quarters, then counts keep those steps (½ avocado, ¼ onion)', () => {
    expect(scaledQuantity({ quantity: 1, unit: 'piece', pieceCut: 'halves' }, 1 / 2)).toBe('½ piece');
    expect(scaledQuantity({ quantity: 1, unit: 'piece', pieceCut: 'halves' }, 5 / 3)).toBe('1½ piece');
    expect(scaledQuantity({ quantity: 1, unit: 'piece', pieceCut: 'halves' }, 1 / 4)).toBe('½ piece');
    expect(scaledQuantity({ quantity: 0.5, unit: 'piece', pieceCut: 'quarters' }, 1 / 2)).toBe('¼ piece');
  });

  it('when a plan carries no cut for a counted thing, then it is counted whole', () => {
    expect(scaledQuantity({ quantity: 4, unit: 'piece' }, 2 / 3)).toBe('3 piece');
    expect(scaledQuantity({ quantity: 0.5, unit: 'piece' }, 1 / 2)).toBe('1 piece');
  });

  it('keeps measured amounts in quarters, and a spoonful too small to measure is a pinch, never 0', () => {
    expect(scaledQuantity({ quantity: 1.5, unit: 'cup' }, 1 / 2)).toBe('¾ cup');
    expect(scaledQuantity({ quantity: 2, unit: 'tbsp' }, 5 / 4)).toBe('2½ tbsp');
    expect(scaledQuantity({ quantity: 12, unit: 'g' }, 3 / 2)).toBe('18 g');
    expect(scaledQuantity({ quantity: 0.125, unit: 'tsp' }, 1 / 4)).toBe('a pinch');
    expect(scaledQuantity({ quantity: 0.05, unit: 'cup' }, 1 / 2)).toBe('0.025 cup');
  });

  it('shows a pinch as under a gram rather than 0 g', () => {
    expect(gramsText(0.2)).toBe('<1 g');
    expect(gramsText(0.6)).toBe('1 g');
    expect(gramsText(266.7)).toBe('267 g');
  });
});
