import { conversationState, parseTurn } from '../../src/chef/kitchen-conversation-state';
import { decodePlanRef, encodePlanRef, findPlanRef, planRefMarker } from '../../src/chef/kitchen-request';
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

describe('conversationState replays the user turns', () => {
  const user = (content: string) => ({ role: 'user' as const, content });
  const assistant = (content: string) => ({ role: 'assistant' as const, content });

  it('when a plan is asked for, then swapped, then made vegan, the swaps reset (the ledger holds the constraints)', () => {
    const afterSwap = conversationState(catalog, [user('Plan 4 dinners for 2, no fish'), assistant('…'), user("swap Tuesday's dinner"), assistant('…'), user('swap day 3 dinner')]);
    expect(afterSwap.request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }, { day: 3, slot: 'dinner' }] });
    const vegan = conversationState(catalog, [user('Plan 4 dinners for 2, no fish'), user("swap Tuesday's dinner"), user('make it vegan')]);
    expect(vegan.request).toEqual({});
    expect(vegan.lastChanged).toBe(true);
  });

  it('when a turn says nothing new (a question, thanks), then the swaps stay', () => {
    const ask = [user('Plan 3 dinners with chicken'), assistant('…'), user("swap Tuesday's dinner")];
    for (const aside of ['find a recipe with salmon', 'how much protein is in the dinner with salmon?', 'thanks!']) {
      const state = conversationState(catalog, [...ask, assistant('…'), user(aside)]);
      expect(state.request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }] });
      expect(state.lastChanged).toBe(false);
    }
  });

  it('when the history starts after the plan request, then the last plan marker seeds the state', () => {
    const ref = encodePlanRef({ swaps: [{ day: 2, slot: 'dinner' }] });
    expect(decodePlanRef(ref)).toEqual({ swaps: [{ day: 2, slot: 'dinner' }] });
    expect(findPlanRef(`Here it is.\n\n${planRefMarker(ref)}`)).toBe(ref);
    const state = conversationState(catalog, [assistant(`Plan…\n\n${planRefMarker(ref)}`), user('swap day 1 dinner')]);
    expect(state.request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }, { day: 1, slot: 'dinner' }] });
  });

  it('when a swap names an ingredient, then that swap alone carries it, however it is said', () => {
    const ask = [user('Plan 3 dinners with chicken'), assistant('…')];
    for (const swap of ["swap Tuesday's dinner for something with salmon", "swap Tuesday's dinner for salmon please", 'replace day 2 dinner with salmon']) {
      expect(conversationState(catalog, [...ask, user(swap)]).request).toEqual({ swaps: [{ day: 2, slot: 'dinner', wanted: ['salmon'] }] });
    }
    expect(conversationState(catalog, [...ask, user("swap Tuesday's dinner for something else")]).request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }] });
  });

  it('when a dinners-only plan is swapped by day, then the swap is that day\'s dinner; with lunches too, no swap is guessed', () => {
    const dinners = conversationState(catalog, [user('Plan 4 dinners for 2'), assistant('…'), user('swap Wednesday for something with salmon')]);
    expect(dinners.request).toEqual({ swaps: [{ day: 3, slot: 'dinner', wanted: ['salmon'] }] });
    expect(dinners.last?.swap).toEqual({ day: 3, slot: 'dinner' });
    const both = conversationState(catalog, [user('Plan 4 days of lunch and dinner for 2'), assistant('…'), user('swap Wednesday')]);
    expect(both.request).toEqual({});
    expect(both.last?.swap).toEqual({ day: 3, slot: null });
  });

  it('when the plan is made for 6 instead, or doubled, then the swaps stay and only the servings change', () => {
    const ask = [user('Plan 4 dinners for 2'), assistant('…'), user("swap Tuesday's dinner"), assistant('…')];
    const six = conversationState(catalog, [...ask, user('Make it for 6 people instead')]);
    expect(six.request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }], servings: 6 });
    expect(six.last?.rescale).toEqual({ servings: 6 });
    expect(conversationState(catalog, [...ask, user('double it')]).request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }], servings: 4 });
    // A number of people said later is the ledger's again (and re-plans, as any change of who eats does).
    expect(conversationState(catalog, [...ask, user('double it'), assistant('…'), user('we are a family of 3')]).request).toEqual({});
  });

  it('when the cook already has rice, then it is noted for this plan without re-planning, until a new plan is asked for', () => {
    const ask = [user('Plan 4 dinners with rice'), assistant('…'), user("swap Tuesday's dinner"), assistant('…')];
    const noted = conversationState(catalog, [...ask, user('I already have rice'), assistant('…'), user('and we have onions already')]);
    expect(noted.pantry).toEqual(['rice', 'onions']);
    expect(noted.request).toEqual({ swaps: [{ day: 2, slot: 'dinner' }] });
    expect(noted.lastChanged).toBe(false);
    expect(conversationState(catalog, [...ask, user('I already have rice'), assistant('…'), user('Plan 3 lunches for 2')]).pantry).toEqual([]);
  });

  it('when a planRef is tampered with, then it is ignored', () => {
    expect(decodePlanRef('p1.bm90IGpzb24')).toBeNull();
    expect(decodePlanRef(`p1.${Buffer.from(JSON.stringify({ days: 99 })).toString('base64url')}`)).toBeNull();
  });
});
