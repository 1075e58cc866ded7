import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PlanCard, wantedMarker, wantedShortfall } from '@/components/plan-card';
import type { MealPlan, PlannedMeal } from '@/lib/chat-types';

const nutrition = { kcal: 500, proteinG: 30, fatG: 20, saturatedFatG: 5, carbsG: 50, fibreG: 6, sugarG: 4, sodiumMg: 400 };
const meal = (title: string, wanted?: string[]): PlannedMeal => ({
  slot: 'dinner',
  recipeId: title.toLowerCase().replaceAll(' ', '-'),
  title,
  cuisine: 'italian',
  servings: 2,
  cookServings: 2,
  prepMinutes: 10,
  cookMinutes: 20,
  leftoverOf: null,
  locked: false,
  allergens: [],
  diet: 'vegan',
  nutrition,
  ingredients: [],
  steps: [],
  ...(wanted ? { wanted } : {}),
});
/** A plan as the web app stores it: `wanted` only when the agent sent it (plans stored before it have none). */
const planOf = (meals: PlannedMeal[], wanted?: MealPlan['wanted']): MealPlan =>
  ({
    id: 'plan_test',
    servings: 2,
    diet: 'omnivore',
    allergensExcluded: [],
    dislikes: [],
    meals: ['dinner'],
    totalMinutes: meals.length * 30,
    useUp: { used: [], unused: [] },
    checks: [],
    unmet: [],
    days: meals.map((m, i) => ({ day: i + 1, label: `Day ${i + 1}`, meals: [m], nutrition })),
    ...(wanted ? { wanted } : {}),
  }) as MealPlan;
const render = (plan: MealPlan) => renderToStaticMarkup(createElement(PlanCard, { plan, actions: { swap: () => undefined, lock: () => undefined, disabled: false } }));

describe('what the cook asked for, in the week view', () => {
  it('when a meal has an ingredient the cook asked for, then it is marked with it in words', () => {
    expect(wantedMarker({ wanted: ['chicken'] })).toBe('with chicken');
    expect(wantedMarker({ wanted: ['chickpea', 'spinach'] })).toBe('with chickpea and spinach');
    expect(wantedMarker({ wanted: [] })).toBeNull();
    expect(wantedMarker({})).toBeNull();
  });

  it('when the plan could not include something asked for, then the summary says what, and whether no recipe has it or there was no room', () => {
    expect(wantedShortfall({ wanted: { used: ['chicken'], unused: ['salmon'], unavailable: ['salmon'] } })).toBe(
      'Could not include salmon: no recipe that fits this plan has it.',
    );
    expect(wantedShortfall({ wanted: { used: [], unused: ['salmon', 'tofu', 'tuna'], unavailable: ['salmon', 'tuna'] } })).toBe(
      'Could not include salmon or tuna: no recipe that fits this plan has them. Could not include tofu: there was no room for it alongside everything else asked for.',
    );
    expect(wantedShortfall({ wanted: { used: ['chicken'], unused: [], unavailable: [] } })).toBeNull();
  });

  it('when a plan stored before the agent sent what was asked for is shown, then it renders with no marker and no shortfall', () => {
    const html = render(planOf([meal('Lentil soup')]));
    expect(html).toContain('Lentil soup');
    expect(html).toContain('· 1 meal<');
    expect(html).not.toContain('data-testid="meal-wanted"');
    expect(html).not.toContain('data-testid="plan-wanted-shortfall"');
  });

  it('when the agent sends what was asked for, then only the meals that have it carry the marker and the summary names what is missing', () => {
    const html = render(
      planOf([meal('Chicken tray bake', ['chicken']), meal('Lentil soup')], { used: ['chicken'], unused: ['salmon'], unavailable: ['salmon'] }),
    );
    expect(html.match(/data-testid="meal-wanted">([^<]*)</g)).toEqual(['data-testid="meal-wanted">with chicken<']);
    expect(html).toContain('· 2 meals<');
    expect(html).toContain('data-testid="plan-wanted-shortfall">Could not include salmon: no recipe that fits this plan has it.<');
  });
});

describe('meal times in the week view', () => {
  test('a meal shows its minutes; the cook\'s own recipe that gives no time says so instead of "0 min"', () => {
    const untimed: PlannedMeal = { ...meal('Nana stew'), prepMinutes: 0, cookMinutes: 0, cook: { unmatched: [], sourceUrl: null, favourite: false, minutesUnknown: true } };
    const html = render(planOf([meal('Pasta'), untimed]));
    expect(html).toContain('30 min');
    expect(html).toContain('time not given');
    expect(html).not.toMatch(/>0 min</);
  });
});
