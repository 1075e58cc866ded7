import { conversationState, parseTurn } from '../../src/chef/kitchen-conversation-state';
import { decodePlanRef, encodePlanRef, findPlanRef, planRefMarker } from '../../src/chef/kitchen-request';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { fixtureCatalog as catalog } from '@chef-chopsky/kitchen/test/fixtures';

const parse = (text: string) => parseTurn(catalog, text);

describe('parseTurn understands the common requests', () => {
  it.each([
    ['Plan 5 dinners for 4 people, no nuts', { newPlan: true, days: 5, meals: ['dinner'], servings: 4, allergens: ['tree_nuts', 'peanuts'] }],
    ['plan a week of meals for a family of four with a peanut allergy', { newPlan: true, days: 7, servings: 4, allergens: ['peanuts'] }],
    ['Plan 3 days for 2, nut-free and dairy free', { days: 3, servings: 2, allergens: ['tree_nuts', 'peanuts', 'milk'] }],
    ['gluten-free vegan meals for the weekend', { newPlan: true, days: 2, diet: 'vegan', allergens: ['gluten', 'wheat'] }],
    ['I have kale and tomatoes, plan 3 days, under 30 minutes', { useUp: ['kale', 'tomato'], days: 3, maxMinutesPerMeal: 30 }],
    ["swap Tuesday's dinner", { newPlan: false, swap: { day: 2, slot: 'dinner' } }],
    ['swap day 3 lunch please', { swap: { day: 3, slot: 'lunch' } }],
    ['grocery list in US units', { newPlan: false, grocery: true, units: 'us' }],
    ['how much protein is in this plan?', { newPlan: false, nutrition: true }],
    ['what can I make with chickpeas, kale and rice?', { newPlan: false, whatCanIMake: ['chickpea', 'kale', 'rice'] }],
    ["I don't like mushrooms", { dislikes: ['mushroom'] }],
    ['What can I use instead of peanut butter?', { substitute: 'peanut butter' }],
    ['plan 3 days, 2000 kcal and 120 g protein, 3 hours total', { days: 3, kcalPerDay: 2000, proteinGPerDay: 120, totalPrepMinutes: 180 }],
    // A count with describing words before the meal is a plan length, not a number of people.
    ['Plan 3 vegetarian lunches, no sesame, and the grocery list', { newPlan: true, grocery: true, days: 3, meals: ['lunch'], diet: 'vegetarian', allergens: ['sesame'] }],
    ['Make me a grocery list for 4 quick vegan dinners', { newPlan: true, grocery: true, days: 4, meals: ['dinner'], diet: 'vegan' }],
    ['plan a vegetarian menu and give me the grocery list', { newPlan: true, grocery: true, diet: 'vegetarian' }],
    ['the grocery list for this plan, please', { newPlan: false, grocery: true }],
    ['A high-protein plant-based plan for the week, under two hours of prep in total', { newPlan: true, days: 7, diet: 'vegan', proteinGPerDay: 100, totalPrepMinutes: 120 }],
    ['plan 5 dinners, 90 minutes of prep', { days: 5, totalPrepMinutes: 90 }],
    ["Batch lunches from my CSA box: kale, carrots, 4 days, high protein vegetarian", { newPlan: true, days: 4, meals: ['lunch'], useUp: ['kale'], diet: 'vegetarian', proteinGPerDay: 100 }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  it.each([
    // Ruled out: not asked for, and with no other diet named, lifted.
    ["Plan 5 dinners for 2, vegetarian is not needed, we love chicken", 'omnivore'],
    ["We're not vegetarian: plan 3 dinners", 'omnivore'],
    ['make it non-vegan', 'omnivore'],
    ["it doesn't need to be vegan, just vegetarian", 'vegetarian'],
    ['no longer vegetarian please', 'omnivore'],
    // Not really ruled out: kept. A double negative asks for the diet.
    ['not only vegetarian but also gluten-free', 'vegetarian'],
    ['no non-vegetarian meals please', 'vegetarian'],
    ["Make sure it's not non-vegetarian", 'vegetarian'],
    ["vegan isn't optional", 'vegan'],
  ])('when a negation names a diet (%s), then the turn asks for %s', (text, diet) => {
    expect(parse(text).diet).toBe(diet);
  });

  it.each([
    'is the one with chicken spicy?',
    'can I freeze the dinner with salmon?',
    'what wine goes with salmon?',
    "swap Tuesday's dinner, I don't want to have chicken again",
    "swap Tuesday's dinner for something that isn't chicken",
    "swap Tuesday's dinner with something other than chicken",
  ])('when the cook asks about or turns away from an ingredient (%s), then it is not wanted', (text) => {
    expect(parse(text).wanted).toEqual([]);
  });

  it('when a plan is asked for with "nothing with pork", then pork is a dislike, not a wish', () => {
    // The full kitchen: the small fixture has no pork to dislike.
    const turn = parseTurn(KITCHEN, 'plan 3 dinners, nothing with pork');
    expect(turn.wanted).toEqual([]);
    expect(turn.dislikes.join(' ')).toMatch(/pork/);
  });

  it('does not mistake days or minutes for people', () => {
    expect(parse('plan dinners for 5 days').servings).toBeUndefined();
    expect(parse('meals for 30 minutes or less').servings).toBeUndefined();
    expect(parse('a grocery list for 3 vegetarian lunches').servings).toBeUndefined();
    expect(parse('dinners for 4 people, 5 days').servings).toBe(4);
  });

  it('hears the ingredients a plan is asked to have, and never an allergy, a "no" or a "-free" as one', () => {
    expect(parse('Plan 3 dinners with chicken')).toMatchObject({ newPlan: true, wanted: ['chicken'] });
    expect(parse('Plan 3 dinners with peanut butter oats, please')).toMatchObject({ wanted: ['peanut butter', 'oat'] });
    expect(parse('plan a week of meals for a family of four with a peanut allergy').wanted).toEqual([]);
    expect(parse('Plan 3 days for 2 with no peanut butter').wanted).toEqual([]);
    expect(parse('Plan 3 days, peanut butter-free, with rice').wanted).toEqual(['rice']);
  });

  it('hears "using" as a wish and "using up" as produce on hand', () => {
    expect(parse('A week of lunches using chickpeas and spinach')).toMatchObject({ newPlan: true, days: 7, meals: ['lunch'], wanted: ['chickpea', 'spinach'], useUp: [] });
    expect(parse('Plan 3 dinners using up the kale')).toMatchObject({ wanted: [], useUp: ['kale'] });
  });

  it('reads "a quick dinner recipe" as a search, not a one-day plan', () => {
    expect(parse('find a quick dinner recipe')).toMatchObject({ newPlan: false, search: 'quick dinner' });
  });
});

describe('conversationState replays the user turns', () => {
  const user = (content: string) => ({ role: 'user' as const, content });
  const assistant = (content: string) => ({ role: 'assistant' as const, content });

  it('when a plan is asked for, then swapped, then made vegan, the swaps reset and the constraints accumulate', () => {
    const afterSwap = conversationState(catalog, [user('Plan 4 dinners for 2, no fish'), assistant('…'), user("swap Tuesday's dinner"), assistant('…'), user('swap day 3 dinner')]);
    expect(afterSwap.request).toEqual({ days: 4, meals: ['dinner'], servings: 2, allergens: ['fish'], swaps: [{ day: 2, slot: 'dinner' }, { day: 3, slot: 'dinner' }] });
    const vegan = conversationState(catalog, [user('Plan 4 dinners for 2, no fish'), user("swap Tuesday's dinner"), user('make it vegan')]);
    expect(vegan.request).toEqual({ days: 4, meals: ['dinner'], servings: 2, allergens: ['fish'], diet: 'vegan' });
  });

  it('when constraints come before the plan request, then the plan uses them', () => {
    const state = conversationState(catalog, [user("We're 3 and vegetarian"), assistant('Noted'), user('plan the week')]);
    expect(state.request).toMatchObject({ days: 7, servings: 3, diet: 'vegetarian' });
  });

  it('when the history starts after the plan request, then the last plan marker seeds the state', () => {
    const ref = encodePlanRef({ days: 2, servings: 4, allergens: ['egg'] });
    expect(decodePlanRef(ref)).toEqual({ days: 2, servings: 4, allergens: ['egg'] });
    expect(findPlanRef(`Here it is.\n\n${planRefMarker(ref)}`)).toBe(ref);
    const state = conversationState(catalog, [assistant(`Plan…\n\n${planRefMarker(ref)}`), user('swap day 1 dinner')]);
    expect(state.request).toEqual({ days: 2, servings: 4, allergens: ['egg'], swaps: [{ day: 1, slot: 'dinner' }] });
  });

  it('when ingredients are asked for, then the plan request keeps them through swaps and later changes, and a search or a question does not re-plan', () => {
    const ask = [user('Plan 3 dinners with chicken'), assistant('…'), user("swap Tuesday's dinner")];
    expect(conversationState(catalog, ask).request).toEqual({ days: 3, meals: ['dinner'], wanted: ['chicken'], swaps: [{ day: 2, slot: 'dinner' }] });
    const more = conversationState(catalog, [...ask, assistant('…'), user('make it with salmon too')]);
    expect(more.request).toEqual({ days: 3, meals: ['dinner'], wanted: ['chicken', 'salmon'] });
    for (const aside of ['find a recipe with salmon', 'how much protein is in the dinner with salmon?']) {
      expect(conversationState(catalog, [...ask, assistant('…'), user(aside)]).request).toEqual({ days: 3, meals: ['dinner'], wanted: ['chicken'], swaps: [{ day: 2, slot: 'dinner' }] });
    }
    const before = conversationState(catalog, [user('something with tofu please'), assistant('Noted'), user('plan 2 dinners')]);
    expect(before.request).toEqual({ days: 2, meals: ['dinner'], wanted: ['tofu'] });
  });

  it('when a swap names an ingredient, then that swap alone carries it, however it is said, and the plan-wide wishes stay as they were', () => {
    const ask = [user('Plan 3 dinners with chicken'), assistant('…')];
    for (const swap of ["swap Tuesday's dinner for something with salmon", "swap Tuesday's dinner for salmon please", 'replace day 2 dinner with salmon']) {
      expect(conversationState(catalog, [...ask, user(swap)]).request).toEqual({ days: 3, meals: ['dinner'], wanted: ['chicken'], swaps: [{ day: 2, slot: 'dinner', wanted: ['salmon'] }] });
    }
    expect(conversationState(catalog, [...ask, user("swap Tuesday's dinner for something else")]).request).toEqual({ days: 3, meals: ['dinner'], wanted: ['chicken'], swaps: [{ day: 2, slot: 'dinner' }] });
  });

  it('when a planRef is tampered with, then it is ignored', () => {
    expect(decodePlanRef('p1.bm90IGpzb24')).toBeNull();
    expect(decodePlanRef(`p1.${Buffer.from(JSON.stringify({ days: 99 })).toString('base64url')}`)).toBeNull();
  });
});
