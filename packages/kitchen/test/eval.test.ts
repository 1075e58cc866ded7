import { runKitchenEval, totalViolations } from '../bench/kitchen-eval';
import { INGREDIENTS } from '../src/data/ingredients';
import { RECIPES } from '../src/data/recipes';
import { KITCHEN } from '../src/default-catalog';

describe('kitchen evaluation (small run; `npm run kitchen:eval` runs 500+)', () => {
  it('when 60 random requests are planned over the full corpus, then there are zero allergen, diet, grocery or nutrition violations', () => {
    const result = runKitchenEval({ catalog: KITCHEN, ingredients: INGREDIENTS, recipes: RECIPES, requests: 60, seed: 7 });
    expect(result.examples).toEqual([]);
    expect(totalViolations(result)).toBe(0);
    expect(result.mealsPlanned).toBeGreaterThan(300);
    expect(result.swapsChecked).toBeGreaterThan(10);
    expect(result.gramsChecked).toBeGreaterThan(0);
  });
});
