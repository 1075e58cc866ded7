/**
 * The phrase dictionary the ledger reads with: every word or run of words that names a food (an allergen word, a food
 * group, any ingredient the catalog knows, common foods it does not), a diet, a regime or a person; built once per
 * ingredient-name index (dictionaryOf). `matchPhrases` finds them in tokens, longest first.
 */
import { normalizeName, singularizePhrase, type Catalog } from '../catalog';
import type { FoodGroup, Pattern } from '../exclusions';
import type { Allergen, Diet } from '../types';
import { ALLERGEN_WORDS, DIET_WORDS, GROUP_WORDS, PATTERN_WORDS, PERSON_WORDS } from './lexicon';
import { createVocabulary, type Token, type Vocabulary } from './normalize';
import type { AgeGroup } from './types';

// The word list that tells a misspelling from a real word (an-array-of-english-words, MIT). Required, not imported:
// bundlers wrap an imported CommonJS module in an ES-module facade that copies each of its properties, and this one is
// an array of 274,937 words (0.3 s of CPU and 52 MB of heap at every start of the agent).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ENGLISH_WORDS: readonly string[] = require('an-array-of-english-words');

export interface PhraseInfo {
  /** Allergens the word implies (a species its class). */
  allergens?: readonly Allergen[];
  group?: FoodGroup;
  /** The catalog knows it (an ingredient name or alias). */
  known?: boolean;
  /** A food at all (every allergen, group and ingredient word, and the common foods listed below). */
  food?: boolean;
  diet?: Diet;
  pattern?: Pattern;
  person?: { ageGroup: AgeGroup; label: string };
}

export interface Phrase extends PhraseInfo {
  /** Singular words, space-separated: the key. */
  key: string;
  start: number;
  /** Exclusive. */
  end: number;
}

/** Foods cooks name that the catalog has no row for; named so "no veal" is read as a food, not a stray word. */
export const MORE_FOODS = [
  'veal', 'venison', 'duck', 'goose', 'rabbit', 'goat', 'liver', 'kidney', 'offal', 'tripe', 'gelatine', 'gelatin', 'lard',
  'halloumi', 'paneer', 'blue cheese', 'orzo', 'beer', 'wine', 'cider', 'rum', 'brandy', 'vodka', 'sherry', 'sake', 'mirin',
  'strawberry', 'beetroot', 'aubergine', 'courgette', 'sweetcorn', 'cauliflower rice', 'coriander', 'rocket', 'spring onion',
  'mince', 'chilli', 'chili', 'pepper', 'bell pepper', 'capsicum', 'nightshade', 'cucumber', 'raisin', 'sultana', 'prune',
  'fig', 'coconut', 'corn', 'maize', 'oat', 'rye', 'barley', 'spelt', 'quorn', 'seitan', 'jackfruit', 'pickle', 'vinegar',
  'caffeine', 'coffee', 'chocolate', 'sugar', 'honey', 'rice', 'pasta', 'bread', 'noodle', 'potato', 'tomato', 'onion',
  'garlic', 'mushroom', 'olive', 'caper', 'anchovy', 'bacon', 'ham', 'sausage', 'salami', 'chorizo', 'turkey', 'chicken',
  'steak', 'meatball', 'burger', 'hummus', 'lentil', 'bean', 'chickpea', 'pea', 'kale', 'spinach', 'broccoli', 'carrot',
  'cabbage', 'zucchini', 'squash', 'pumpkin', 'avocado', 'banana', 'apple', 'kiwi', 'mango', 'pineapple', 'lemon', 'lime',
  'cilantro', 'parsley', 'basil', 'mint', 'dill', 'ginger', 'cumin', 'curry', 'stock', 'broth', 'gravy', 'quinoa',
  'couscous', 'tofu', 'meat', 'red meat', 'white meat', 'processed meat', 'egg white', 'yolk', 'pork belly', 'yogurt', 'gnocchi', 'hummus', 'falafel', 'tortellini', 'ravioli', 'lasagne sheet', 'udon',
];

interface Dictionary {
  byKey: Map<string, PhraseInfo>;
  /** The first word of every phrase: a run that starts with any other word is no phrase. */
  firstWords: Set<string>;
  maxWords: number;
  vocabulary: Vocabulary;
}

// Built once per ingredient-name index, the only part of a catalog it reads: a catalog with a cook's recipes (one per
// chat) shares its kitchen's index, and building it takes about 90 ms.
const dictionaries = new WeakMap<Catalog['namesByIngredientId'], Dictionary>();

function keyOf(text: string): string {
  return singularizePhrase(normalizeName(text));
}

/** Short words a misspelling of three or four letters may stand for (longer ones come from every name). */
const SHORT_FOODS = ['pork', 'nut', 'nuts', 'egg', 'eggs', 'fish', 'soy', 'soya', 'tofu', 'milk', 'crab', 'corn', 'beef', 'lamb', 'veal', 'duck', 'tuna', 'kale', 'rice', 'oats', 'meat', 'keto', 'vegan', 'dairy', 'wheat', 'cod', 'clam', 'clams', 'mayo'];

/** Words the ledger looks for besides names: cues, slots, numbers. A misspelling within one edit is read as one of these. */
const CUE_WORDS = [
  'allergic', 'allergy', 'allergies', 'intolerant', 'intolerance', 'coeliac', 'celiac', 'anaphylactic', 'anaphylaxis',
  'without', 'avoid', 'nothing', 'vegetarian', 'vegan', 'pescatarian', 'pescetarian', 'kosher', 'halal', 'diabetic',
  'breakfast', 'breakfasts', 'lunch', 'lunches', 'dinner', 'dinners', 'snack', 'snacks', 'please', 'minutes', 'hours',
  'calories', 'protein', 'carbs', 'people', 'husband', 'daughter', 'daughters', 'grandma', 'grandpa', 'partner', 'toddler',
  'teenager', 'dislike', 'sulfite', 'sulphite', 'sesame', 'peanut', 'peanuts', 'shellfish', 'mustard', 'celery', 'gluten',
  'almond', 'almonds', 'cashew', 'walnut', 'walnuts', 'hazelnut', 'pistachio', 'prawns', 'lobster', 'mussels', 'molluscs',
  'octopus', 'scallops', 'oysters', 'wheat', 'dairy', 'lactose', 'fodmap', 'tahini', 'yogurt', 'cheese', 'butter', 'salmon',
  'coriander', 'seafood', 'metric', 'ounces', 'tonight', 'tomorrow', 'weekend', 'weekdays', 'fortnight', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'vegetables',
];

/**
 * Words that are words already, so never "corrected": English (an-array-of-english-words) and a few chat words it lacks,
 * beside every name above. A word outside them within one edit of a cue or a name is read as that ("alergic", "sesme").
 */
const COMMON = `a about above actually add added after again ago all allowed also always am an and any anymore anything
are around as at away back bad bag bake baked be because been before being best better big bit block both box bring but
buy by can cant case cause change check cook cooked cooking could day days did diet different do does doing done down
each easy eat eating eats else enough even ever every everyone everything family fan fancy feel few fine first food for
forgot found free fridge friend from full get gets give go going good got great guy had half has have having he help her
here him his home how i if in inside into is it its just keen keep kind know last least leave less like little live lives
long look lot lots love lunch make many may me meal meals mean meant mind more most much must my need needs never new
next nice night nights no none not now of off oh ok okay on once one only or other our out over own part picky plan plans
please plus pretty quick rather really recipe recipes right same say says see seems she should since so some something
soon sort still stuff such sure take tell than thanks that the their them then there these they thing things think this
those though through time to today together too try trying twice under until up us use used very wait want wants was way
we week weeks well were what when where which while who why will wife with without work would yes yet you your`.split(/\s+/);

function build(catalog: Catalog): Dictionary {
  const byKey = new Map<string, PhraseInfo>();
  const merge = (text: string, info: PhraseInfo) => {
    const key = keyOf(text);
    if (!key) return;
    byKey.set(key, { ...(byKey.get(key) ?? {}), ...info });
  };
  for (const food of MORE_FOODS) merge(food, { food: true });
  for (const names of catalog.namesByIngredientId.values()) for (const name of names) merge(name, { food: true, known: true });
  for (const [word, group] of GROUP_WORDS) merge(word, { food: true, group });
  for (const [word, allergens] of ALLERGEN_WORDS) merge(word, { food: true, allergens });
  // Conditions, not foods: "diagnosed with coeliac" is no wish for it (extract.ts reads them by themselves).
  for (const word of ['coeliac', 'celiac', 'coeliac disease', 'celiac disease', 'gf']) merge(word, { food: false });
  for (const [word, diet] of DIET_WORDS) merge(word, { diet });
  for (const [word, pattern] of PATTERN_WORDS) merge(word, { pattern });
  for (const [word, ageGroup, label] of PERSON_WORDS) merge(word, { person: { ageGroup, label: label ?? keyOf(word).replace(/ /g, '-') } });
  // "meat" names the diet's subject, not an ingredient to exclude: "no meat" is read as vegetarian (extract.ts).
  const maxWords = Math.max(...[...byKey.keys()].map((k) => k.split(' ').length));
  const names = [...byKey.keys()].flatMap((k) => k.split(' '));
  const vocabulary = createVocabulary([...ENGLISH_WORDS, ...COMMON], [...names, ...CUE_WORDS], [...CUE_WORDS, ...names.filter((n) => n.length >= 5)], SHORT_FOODS);
  const firstWords = new Set([...byKey.keys()].map((k) => k.split(' ')[0]!));
  return { byKey, firstWords, maxWords: Math.min(maxWords, 4), vocabulary };
}

export function dictionaryOf(catalog: Catalog): Dictionary {
  let d = dictionaries.get(catalog.namesByIngredientId);
  if (!d) dictionaries.set(catalog.namesByIngredientId, (d = build(catalog)));
  return d;
}

/** The phrases in a run of tokens, longest first and left to right; tokens of no phrase are skipped. */
export function matchPhrases(catalog: Catalog, tokens: readonly Token[]): Phrase[] {
  const { byKey, firstWords, maxWords } = dictionaryOf(catalog);
  const out: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    let found: Phrase | null = null;
    // The longest run of words from i that is a phrase. Runs are read in place: this is every word of every message.
    const first = tokens[i]!;
    const starts = firstWords.has(first.sing) || firstWords.has(first.word);
    for (let n = starts ? Math.min(maxWords, tokens.length - i) : 0; n >= 1 && !found; n--) {
      let key = '';
      let words = '';
      let readable = true;
      for (let k = 0; k < n && readable; k++) {
        const t = tokens[i + k]!;
        // Possessives end a name ("husband's" is the husband), so only the last word may carry one.
        readable = !t.punct && !(t.possessive && k < n - 1);
        key = k === 0 ? t.sing : `${key} ${t.sing}`;
        words = k === 0 ? t.word : `${words} ${t.word}`;
      }
      if (!readable) continue;
      const info = byKey.get(key) ?? (n === 1 ? undefined : byKey.get(words));
      if (info) found = { ...info, key, start: i, end: i + n };
    }
    if (found) {
      out.push(found);
      i = found.end;
    } else i++;
  }
  return out;
}
