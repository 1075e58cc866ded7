/**
 * The constraint ledger: what a message says (extract.ts), how it merges with the profile and earlier messages
 * (merge.ts), what the planner is asked (plan-input.ts) and the words a cook reads (format.ts). The phrase corpus is
 * scored in ledger-corpus.test.ts; these are the rules, one behaviour each.
 */
import { KITCHEN } from '../src/default-catalog';
import { deriveLedger } from '../src/ledger/derive';
import { readMessage } from '../src/ledger/extract';
import { appliedLine, entryLabel, noteLines, sourceLabel } from '../src/ledger/format';
import { applyReading, entry, profileEntries, withProfile } from '../src/ledger/merge';
import { planInputFromLedger } from '../src/ledger/plan-input';
import type { ConstraintLedger, LedgerEntry } from '../src/ledger/types';
import { planMeals } from '../src/planner';
import { assertPlanSafe } from '../src/safety';

const read = (text: string, turn = 0) => readMessage({ catalog: KITCHEN, turn }, text);
const ledgerOf = (...turns: string[]) => deriveLedger(KITCHEN, undefined, turns).ledger;
const ids = (ledger: ConstraintLedger) => ledger.entries.map((e) => e.id).sort();
const allergens = (ledger: ConstraintLedger) => ledger.entries.flatMap((e) => (e.field === 'allergen' ? [e.allergen] : [])).sort();

describe('reading what a cook says', () => {
  it('a number of people said on its own ("for 3 instead", "we are 3 now") quotes the sentence that said it', () => {
    for (const text of ['For 3 instead', 'we are 3 now', 'Plan dinners. We are 3 now.']) {
      const people = read(text).adds.find((e) => e.field === 'people');
      expect(people).toMatchObject({ count: 3 });
      expect(people?.source).toMatchObject({ kind: 'message' });
      expect((people?.source as { quote: string }).quote).toMatch(/3/);
    }
  });

  it.each([
    ['We have a shellfish and peanut allergy. Plan 5 dinners for 4.', ['peanuts', 'shellfish']],
    ['My son has a peanut allergy and my wife is celiac', ['gluten', 'peanuts', 'wheat']],
    ['my son is alergic to pea nuts', ['peanuts']],
    ['cant have shelfish or fish', ['fish', 'shellfish']],
    ['nut free please', ['peanuts', 'tree_nuts']],
    ['no prawns, crab or crayfish please', ['shellfish']],
    ['allergic to mussels and clams', ['molluscs']],
    ['please keep mustard out of everything', ['mustard']],
  ])('when a cook says "%s", then the allergens are %j', (text, expected) => {
    expect(allergens(ledgerOf(text))).toEqual(expected);
  });

  it('when an allergy is said without its food, then it points back to the food asked about ("does this have nuts? my son is allergic")', () => {
    expect(allergens(ledgerOf('does this have nuts? my son is allergic'))).toEqual(['peanuts', 'tree_nuts']);
    expect(ledgerOf('does this have nuts in it?').entries).toEqual([]);
  });

  it('when a food is named beside an allergy but no allergy word reaches it, then it is applied on the safe side and marked unsure', () => {
    const { adds } = read('bad allergy in our house, and prawns');
    expect(adds.filter((e) => e.field === 'allergen')).toEqual([expect.objectContaining({ allergen: 'shellfish', unsure: expect.any(String) })]);
  });

  it('"no pork", "I don\'t eat red meat", "lactose intolerant" and "teetotal" are food groups left out', () => {
    expect(ids(ledgerOf('no pork'))).toEqual(['exclude:pork']);
    expect(ids(ledgerOf("I don't eat red meat"))).toEqual(['exclude:red-meat']);
    expect(ids(ledgerOf("I'm lactose intolerant"))).toEqual(['exclude:lactose']);
    expect(ids(ledgerOf("I'm teetotal"))).toEqual(['exclude:alcohol']);
  });

  it('a taste is a dislike ("I hate onions"), avoidance an exclusion ("no olives"), and a food the kitchen lacks is kept with a note', () => {
    expect(ids(ledgerOf('I hate onions'))).toEqual(['dislike:onion']);
    expect(ids(ledgerOf('no olives please'))).toEqual(['exclude:olive']);
    const veal = read('no veal');
    expect(veal.adds.map((e) => e.id)).toEqual(['exclude:veal']);
    expect(veal.notes).toEqual([{ kind: 'unknown-food', term: 'veal' }]);
  });

  it('named regimes and diets are read, their negations are not ("not strict keto", "we\'re not vegetarian", "vegetarian is not needed")', () => {
    expect(ids(ledgerOf('we keep kosher and eat halal'))).toEqual(['pattern:halal', 'pattern:kosher']);
    expect(ids(ledgerOf("we're low carb but not strict keto"))).toEqual(['pattern:low-carb']);
    expect(ledgerOf("we're not vegetarian").entries).toEqual([]);
    expect(ledgerOf('vegetarian is not needed, we eat everything').entries).toEqual([]);
    expect(ids(ledgerOf('I eat fish but no meat'))).toEqual(['diet']);
    expect(ledgerOf('I eat fish but no meat').entries[0]).toMatchObject({ diet: 'pescatarian' });
  });

  it('questions and chit-chat add nothing', () => {
    for (const text of ['is the curry spicy?', 'is quinoa gluten free?', 'do vegans eat honey?', 'thanks, this looks great!', "what's keto?"]) {
      expect(ledgerOf(text).entries).toEqual([]);
    }
  });

  it('the plan\'s shape: "dinners for the week, 2000 calories a day" is 7 days of dinners with a daily target, not a 1-day plan', () => {
    const ledger = ledgerOf('Dinners for the week, 2000 calories a day');
    expect(ledger.entries.map(entryLabel).sort()).toEqual(['7 days', '≈ 2,000 kcal a day', 'Dinners'].sort());
    expect(ledgerOf('4 nights of dinners').entries.find((e) => e.field === 'days')).toMatchObject({ days: 4 });
  });

  it('who eats: "a toddler and two adults" is 3 people, each a member', () => {
    const ledger = ledgerOf('a toddler and two adults, dinners for the week');
    expect(ledger.entries.find((e) => e.field === 'people')).toMatchObject({ count: 3 });
    expect(ledger.entries.filter((e) => e.field === 'member').map((e) => (e as Extract<LedgerEntry, { field: 'member' }>).ageGroup).sort()).toEqual(['adult', 'adult', 'toddler']);
    // A member named only by age reads once ("Toddler"); a named one says both ("Wife · adult").
    expect(ledger.entries.filter((e) => e.field === 'member').map(entryLabel).sort()).toEqual(['Adult', 'Adult', 'Toddler']);
    expect(ledgerOf('my wife is celiac').entries.filter((e) => e.field === 'member').map(entryLabel)).toEqual(['Wife · adult']);
  });

  it('whose a constraint is follows the clause that says it: "we" are the household, "my wife" is her, in either order', () => {
    const ledger = ledgerOf('We have a shellfish and peanut allergy and my wife is celiac. Plan 5 dinners for 4.');
    const whoOf = (id: string) => ledger.entries.find((e) => e.id === id)?.who;
    expect(whoOf('allergen:shellfish')).toBeUndefined();
    expect(whoOf('allergen:peanuts')).toBeUndefined();
    expect(whoOf('allergen:gluten')).toBe('wife');
    // The plan's shape quotes the cook's words too.
    expect(ledger.entries.find((e) => e.id === 'days')?.source).toMatchObject({ quote: 'We have a shellfish and peanut allergy and my wife is celiac. Plan 5 dinners for 4.' });
    // The other way round: "and we …" starts the household's clause, so her diagnosis does not take the allergies along.
    for (const text of ['My wife is celiac and we have a shellfish and peanut allergy.', "my husband hates olives and we're allergic to shellfish and peanuts"]) {
      const turned = ledgerOf(text);
      expect([turned.entries.find((e) => e.id === 'allergen:shellfish')?.who, turned.entries.find((e) => e.id === 'allergen:peanuts')?.who]).toEqual([undefined, undefined]);
    }
    expect(ledgerOf('My wife is celiac and we have a shellfish and peanut allergy.').entries.find((e) => e.id === 'allergen:gluten')?.who).toBe('wife');
  });

  it('each entry says where it came from: the words of the message, and its turn', () => {
    const [e] = ledgerOf('hi', 'we are vegan now').entries;
    expect(e!.source).toEqual({ kind: 'message', turn: 1, quote: 'We are vegan now' });
    expect(sourceLabel(e!.source)).toBe('You said: “We are vegan now”');
    // The cook's own words, not the corrected ones.
    const [typo] = ledgerOf('i am alergic to sesme').entries;
    expect(typo).toMatchObject({ allergen: 'sesame', source: { quote: 'I am alergic to sesme' } });
  });
});

describe('merging turns and the profile', () => {
  it('later messages add constraints; a message that does not repeat one keeps it', () => {
    const ledger = ledgerOf('no peanuts please', 'plan 5 dinners', 'oh, I forgot: shellfish allergy');
    expect(allergens(ledger)).toEqual(['peanuts', 'shellfish']);
  });

  it('only an explicit retraction lifts one, and it stays lifted over a profile that holds it', () => {
    const profile = { allergens: ['egg' as const, 'peanuts' as const] };
    const { ledger } = deriveLedger(KITCHEN, profile, ['my daughter is allergic to eggs', "actually she's not allergic to eggs after all"]);
    expect(allergens(ledger)).toEqual(['peanuts']);
    expect(ledger.lifted.map((l) => l.id)).toEqual(['allergen:egg']);
    expect(allergens(withProfile(ledger, profile))).toEqual(['peanuts']);
  });

  it('a looser diet said later does not replace a stricter one, and says so; a change of mind in words does', () => {
    const kept = deriveLedger(KITCHEN, undefined, ["we're vegan", 'plan 3 vegetarian dinners']);
    expect(kept.ledger.entries.find((e) => e.field === 'diet')).toMatchObject({ diet: 'vegan' });
    expect(kept.notes).toContainEqual({ kind: 'kept-stricter-diet', kept: 'vegan', asked: 'vegetarian' });
    expect(ledgerOf("we're vegan", "actually we're just vegetarian now, eggs and dairy are fine").entries.find((e) => e.field === 'diet')).toMatchObject({ diet: 'vegetarian' });
  });

  it('the profile lies underneath: its members set the number of people and bring their allergies, and a message overrides its scalars', () => {
    const profile = { householdSize: 3, members: [{ label: 'Sam', ageGroup: 'child' as const, allergens: ['fish' as const] }, { label: 'Ana', ageGroup: 'adult' as const }] };
    const fromProfile = profileEntries(profile);
    expect(fromProfile.find((e) => e.field === 'people')).toMatchObject({ count: 2 });
    expect(fromProfile.find((e) => e.field === 'allergen')).toMatchObject({ allergen: 'fish', who: 'Sam', source: { kind: 'profile' } });
    const ledger = deriveLedger(KITCHEN, profile, ['plan dinners for 6 this time']).ledger;
    expect(ledger.entries.find((e) => e.field === 'people')).toMatchObject({ count: 6, source: { kind: 'message' } });
  });

  it('applyReading lifts before it adds, and remembers a lift of something the ledger did not hold', () => {
    const start: ConstraintLedger = { entries: [entry({ field: 'allergen', allergen: 'milk', source: { kind: 'edit' } })], lifted: [] };
    const { ledger } = applyReading(start, { adds: [entry({ field: 'allergen', allergen: 'soy', source: { kind: 'edit' } })], lifts: ['allergen:milk', 'allergen:egg'], notes: [] }, { kind: 'edit' });
    expect(ids(ledger)).toEqual(['allergen:soy']);
    expect(ledger.lifted.map((l) => l.id).sort()).toEqual(['allergen:egg', 'allergen:milk']);
  });
});

describe('what the planner is asked, and what the cook reads', () => {
  it('a tool request can add to the ledger\'s hard constraints but never drop one (a model that forgets the allergy)', () => {
    const ledger = ledgerOf('we have a shellfish and peanut allergy, no pork, 5 dinners for 4');
    const forgetful = planInputFromLedger(ledger, { days: 5, allergens: [], diet: 'omnivore' });
    expect(forgetful).toMatchObject({ days: 5, servings: 4, exclude: ['pork'], meals: ['dinner'] });
    expect(forgetful.allergens!.sort()).toEqual(['peanuts', 'shellfish']);
    const plan = planMeals(KITCHEN, forgetful);
    expect(() => assertPlanSafe(KITCHEN, plan, { allergens: ['shellfish', 'peanuts'], exclude: ['pork'] })).not.toThrow();
    const recipes = plan.days.flatMap((d) => d.meals.map((m) => m.recipeId));
    expect(recipes).not.toContain('kimchi-fried-rice');
    expect(planInputFromLedger(ledger, { allergens: ['sesame'] }).allergens!.sort()).toEqual(['peanuts', 'sesame', 'shellfish']);
  });

  it('a per-meal target counts once for each meal of the day; a carbohydrate limit is a ceiling per serving', () => {
    const input = planInputFromLedger(ledgerOf('600 calories per meal, 3 meals a day, keep carbs under 30g per meal'));
    expect(input.targets).toEqual({ kcalPerDay: 1800 });
    expect(input.maxCarbsPerServing).toBe(30);
  });

  it('the applied line names who it is for and every hard constraint', () => {
    const ledger = ledgerOf('we have a shellfish and peanut allergy, vegetarian, under 30 minutes, plan 5 dinners for 4');
    expect(appliedLine(ledger)).toBe('For 4 · no shellfish and peanuts · vegetarian · ≤ 30 min a meal');
  });

  it('a note says what was applied on the safe side and how to undo it, and what the kitchen could not check', () => {
    const unsure = entry({ field: 'allergen', allergen: 'shellfish', unsure: 'why', source: { kind: 'message', turn: 0, quote: '' } });
    expect(noteLines({ entries: [unsure], lifted: [] }, [{ kind: 'unknown-food', term: 'veal' }])).toEqual([
      'To be safe I left out shellfish: your message mentioned it next to an allergy. Say “shellfish is fine” if it is.',
      'I don\'t have “veal” in my ingredient data, so I can\'t check recipes for it; none of my recipes list it by that name, but check labels.',
    ]);
  });
});

describe('follow-ups to a plan that are not the household\'s constraints', () => {
  const fields = (text: string) => read(text).adds.map((e) => e.id).sort();

  it.each(["I already have rice", "I've already got rice and onions at home", 'we have rice already, no need to buy it'])(
    'when the cook says "%s", then nothing is added: what they have is left off the list, not planned around',
    (text) => {
      expect(fields(text)).toEqual([]);
    },
  );

  it('when the cook says what they already have in a plan request, then the plan uses it up; "I have rice" alone still does', () => {
    expect(fields('I already have chicken and rice, plan 3 dinners')).toEqual(['days', 'meals', 'useUp:chicken', 'useUp:rice']);
    expect(fields('I have rice')).toEqual(['useUp:rice']);
  });

  it.each(['swap Wednesday for something vegetarian', 'replace Tuesday dinner with a vegan one', 'swap wednesday for something without meat'])(
    'when a swap asks one meal for a diet ("%s"), then the household diet is unchanged',
    (text) => {
      expect(fields(text)).toEqual([]);
    },
  );

  it.each(['what can I make with leftover rice, kale and chickpeas?', 'What could we cook with chicken and rice?', 'what can i make using the spinach in my fridge'])(
    'when the cook asks what to make with some foods ("%s"), then nothing is added: it is a search, not a change to the plan',
    (text) => {
      expect(fields(text)).toEqual([]);
    },
  );

  it('when a search says an allergy, then the ledger still takes it', () => {
    expect(allergens(ledgerOf('what can I make with chicken and rice? no dairy, my son is allergic'))).toEqual(['milk']);
  });

  it('when the cook asks to use up their own food ("use up my kale"), then the plan uses it up', () => {
    expect(fields('use up my kale and plan 4 dinners')).toEqual(['days', 'meals', 'useUp:kale']);
    expect(fields('I need to use up our spinach')).toEqual(['useUp:spinach']);
  });

  it('when a box "has" its vegetables ("my CSA box this week has kale, beets and zucchini"), then all of them are to use up', () => {
    expect(fields('my CSA box this week has kale, beets and zucchini, use them up')).toEqual(['useUp:beet', 'useUp:kale', 'useUp:zucchini']);
    expect(fields('the CSA box has kale and beets')).toEqual(['useUp:beet', 'useUp:kale']);
    expect(fields('our veg box this week has chard and leeks')).toEqual(['useUp:chard', 'useUp:leek']);
  });

  it('when a swap says an allergy or a diet of its own, then the ledger still takes it', () => {
    expect(allergens(ledgerOf('swap wednesday for something without nuts'))).toEqual(['peanuts', 'tree_nuts']);
    expect(fields("swap Tuesday's dinner, we're vegan now")).toEqual(['diet']);
    expect(fields('switch to vegetarian')).toEqual(['diet']);
  });
});
