import { parseTurn } from '../../src/chef/kitchen-conversation-state';
import { fixtureCatalog as catalog } from '@chef-chopsky/kitchen/test/fixtures';

const parse = (text: string) => parseTurn(catalog, text);

describe('parseTurn hears what a turn asks for (its constraints are the ledger\'s)', () => {
  it.each([
    ['Plan 5 dinners for 4 people, no nuts', { newPlan: true }],
    ['plan a week of meals for a family of four with a peanut allergy', { newPlan: true }],
    ["swap Tuesday's dinner", { newPlan: false, swap: { day: 2, slot: 'dinner' } }],
    ['swap day 3 lunch please', { swap: { day: 3, slot: 'lunch' } }],
    ['grocery list in US units', { newPlan: false, grocery: true }],
    ['how much protein is in this plan?', { newPlan: false, nutrition: true }],
    ['what can I make with chickpeas, kale and rice?', { newPlan: false, whatCanIMake: ['chickpeas', 'kale', 'rice'] }],
    ['What can I use instead of peanut butter?', { substitute: 'peanut butter' }],
    ['Plan 3 vegetarian lunches, no sesame, and the grocery list', { newPlan: true, grocery: true }],
    ['Make me a grocery list for 4 quick vegan dinners', { newPlan: true, grocery: true }],
    ['plan a vegetarian menu and give me the grocery list', { newPlan: true, grocery: true }],
    ['the grocery list for this plan, please', { newPlan: false, grocery: true }],
    ['A high-protein plant-based plan for the week, under two hours of prep in total', { newPlan: true }],
    ['Re-plan with my updated constraints', { newPlan: true }],
    ['plan 3 dinners, no leftovers', { newPlan: true, batchCooking: false }],
    // The week a box came is not a plan's length: what it has is for the plan there is (the ledger's use-ups).
    ['my CSA box this week has kale, beets and zucchini, use them up', { newPlan: false }],
    ["this week's veg box has chard and leeks", { newPlan: false }],
    ["plan this week's dinners around my CSA box", { newPlan: true }],
    ['plan the week from my veg box this week', { newPlan: true }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  it.each([
    "swap Tuesday's dinner, I don't want to have chicken again",
    "swap Tuesday's dinner for something that isn't chicken",
    "swap Tuesday's dinner with something other than chicken",
  ])('when a swap turns away from an ingredient (%s), then the new meal is not asked to have it', (text) => {
    expect(parse(text).swapWanted).toEqual([]);
  });

  it('reads "a quick dinner recipe" as a search, not a one-day plan', () => {
    expect(parse('find a quick dinner recipe')).toMatchObject({ newPlan: false, search: 'quick dinner' });
  });

  it('does not start a plan for a question about one ("is the one with chicken spicy?")', () => {
    expect(parse('is the one with chicken spicy?').newPlan).toBe(false);
  });
});

describe('parseTurn reads a swap for the structured swap action', () => {
  it('when a swap names an ingredient, then the new meal is asked to have it, however it is said', () => {
    for (const swap of ["swap Tuesday's dinner for something with salmon", "swap Tuesday's dinner for salmon please", 'replace day 2 dinner with salmon']) {
      expect(parse(swap)).toMatchObject({ swap: { day: 2, slot: 'dinner' }, swapWanted: ['salmon'] });
    }
    expect(parse("swap Tuesday's dinner for something else")).toMatchObject({ swap: { day: 2, slot: 'dinner' }, swapWanted: [] });
  });

  it('keeps the day of a swap that names no meal ("swap Wednesday"): the brain takes the day\'s one meal', () => {
    expect(parse('swap wednesday')).toMatchObject({ swap: { day: 3, slot: null } });
    expect(parse('swap the dinner')).toMatchObject({ swap: { day: null, slot: 'dinner' } });
  });
});
