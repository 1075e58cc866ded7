/**
 * The follow-ups cooks type after a plan (#15 item 4), as the intent parser reads them: which meal a swap means and
 * what it wishes the new meal to be, the same plan for more people, what the cook already has, what a nutrition
 * question is about, and the ingredients of "what can I make with …" in the cook's own words.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { parseTurn, resolveSwapTarget, type TurnContext } from '../../src/chef/intents';
import { parseTurn as parseTurnFromState } from '../../src/chef/kitchen-conversation-state';

const DINNERS: TurnContext = { meals: ['dinner'] };
const LUNCH_AND_DINNER: TurnContext = { meals: ['lunch', 'dinner'] };
const parse = (text: string, plan?: TurnContext) => parseTurn(KITCHEN, text, plan);

describe('a swap by day', () => {
  it.each(['swap Wednesday', "change Wednesday's meal", 'swap Wednesday for something with fish', 'replace wednesday dinner with a fish dish', 'another dinner on wednesday please'])(
    'when the plan has dinners only, then "%s" is Wednesday\'s dinner',
    (text) => {
      expect(parse(text, DINNERS)).toMatchObject({ newPlan: false, swap: { day: 3, slot: 'dinner' } });
    },
  );

  it('when the plan has lunches and dinners, or there is no plan, then the meal stays open and the day is kept', () => {
    expect(parse('swap Wednesday', LUNCH_AND_DINNER).swap).toEqual({ day: 3, slot: null });
    expect(parse('swap Wednesday').swap).toEqual({ day: 3, slot: null });
  });

  it('settles a day that lacks a slot, and the day of a one-day plan', () => {
    const plan: TurnContext = { meals: ['lunch', 'dinner'], days: [{ day: 1, meals: [{ slot: 'lunch' }, { slot: 'dinner' }] }, { day: 2, meals: [{ slot: 'dinner' }] }] };
    expect(resolveSwapTarget({ day: 2, slot: null }, plan)).toEqual({ day: 2, slot: 'dinner' });
    expect(resolveSwapTarget({ day: 1, slot: null }, plan)).toEqual({ day: 1, slot: null });
    expect(resolveSwapTarget({ day: null, slot: 'dinner' }, { meals: ['dinner'], days: [{ day: 1, meals: [{ slot: 'dinner' }] }] })).toEqual({ day: 1, slot: 'dinner' });
  });

  it('does not read a new plan as a swap ("plan another week starting Monday")', () => {
    expect(parse('plan another week starting monday', DINNERS)).toMatchObject({ newPlan: true });
    expect(parse('plan another week starting monday', DINNERS).swap).toBeUndefined();
  });

  it('is the same parser where the conversation state exported it', () => {
    expect(parseTurnFromState).toBe(parseTurn);
  });
});

describe("a swap's wish: foods, kinds of food and a diet for that meal", () => {
  it.each([
    ['swap Wednesday for something with fish', ['fish']],
    ['replace wednesday dinner with a fish dish', ['fish']],
    ['swap Wednesday for salmon', ['salmon']],
    ["swap Wednesday's dinner for something with chicken", ['chicken']],
    ['swap Wednesday for some seafood', ['seafood']],
    ['swap wednesday for something vegetarian', ['vegetarian']],
    ['swap wed for something without meat', ['vegetarian']],
    ['swap Tuesday for salmon or chicken', ['salmon', 'chicken']],
    ["swap Tuesday's dinner for something that isn't chicken", []],
    ["swap Tuesday's dinner for something else", []],
  ])('"%s" wishes %j', (text, wanted) => {
    expect(parse(text, DINNERS).swapWanted).toEqual(wanted);
  });
});

describe('the same plan for another number of people', () => {
  it.each([
    ['Make it for 6 people instead', { servings: 6 }],
    ['for 6 instead', { servings: 6 }],
    ['make it serve 6', { servings: 6 }],
    ['scale to 6 people', { servings: 6 }],
    ['can you scale it up to six servings?', { servings: 6 }],
    ["we're 5 now", { servings: 5 }],
    ['double it', { factor: 2 }],
    ['halve the recipes', { factor: 0.5 }],
  ])('"%s" rescales to %j, not a new plan', (text, rescale) => {
    expect(parse(text, DINNERS)).toMatchObject({ newPlan: false, rescale });
  });

  it.each(['plan 5 dinners for 6 people', 'double check the list please', 'make it for 40 people instead'])('"%s" is no rescale', (text) => {
    expect(parse(text, DINNERS).rescale).toBeUndefined();
  });
});

describe('what the cook already has', () => {
  it.each([
    ['I already have rice', ['rice']],
    ["I've already got rice and onions at home", ['rice', 'onions']],
    ['we have rice already, no need to buy it', ['rice']],
    ["don't buy rice, I have plenty", ['rice']],
  ])('"%s" is a note for the list (%j), not a new plan or a wish', (text, pantry) => {
    const turn = parse(text, DINNERS);
    expect(turn).toMatchObject({ newPlan: false, pantry, swapWanted: [] });
    expect(turn.whatCanIMake).toBeUndefined();
  });

  it('"I have leftover rice, what can I make?" asks for recipes, not a note', () => {
    expect(parse('I have leftover rice, what can I make?')).toMatchObject({ whatCanIMake: ['leftover rice'] });
    expect(parse('I have leftover rice, what can I make?').pantry).toBeUndefined();
  });
});

describe('what a nutrition question is about', () => {
  it.each([
    ['how much protein on Tuesday?', { day: 2, nutrient: 'proteinG' }],
    ["how many calories in Wednesday's dinner?", { day: 3, slot: 'dinner', nutrient: 'kcal' }],
    ['protein on friday?', { day: 5, nutrient: 'proteinG' }],
    ['how many carbs in the dinners?', { slot: 'dinner', nutrient: 'carbsG' }],
    ['how much protein is in the plan?', { nutrient: 'proteinG' }],
  ])('"%s" is about %j', (text, about) => {
    expect(parse(text, DINNERS)).toMatchObject({ newPlan: false, nutrition: true, nutritionAbout: about });
  });
});

describe('what can I make with …, in the cook\'s words', () => {
  it.each([
    ['What can I make with leftover rice?', ['leftover rice']],
    ['what can I make with kale, chickpeas and tomatoes', ['kale', 'chickpeas', 'tomatoes']],
    ['I have leftover cooked rice, what can I make?', ['cooked rice']],
  ])('"%s" names %j', (text, named) => {
    expect(parse(text)).toMatchObject({ newPlan: false, whatCanIMake: named });
  });
});
