/**
 * What the words of an ingredient line say it contains: the safety rule's evidence. Three vocabularies the kitchen
 * already has, and no other: the catalog's ingredient names (their allergens and animal products are the data), the
 * ledger's allergen and food-group words (ledger/lexicon.ts: "almond", "butter", "prawn", "pork"), and the ledger's
 * list of foods the catalog has no row for (ledger/phrases.ts: "duck", "sherry", "paneer").
 *
 * A catalog name is read first, longest first ("almond milk", "peanut butter", "fish sauce"), and the lexicon words
 * inside it are then left to it: the catalog says almond milk is tree nuts and not milk. Every lexicon word outside a
 * catalog name counts, wherever it stands (a note, brackets, an alternative: "butter or olive oil" names milk).
 */
import { normalizeName, singularizeWord, type Catalog } from '../catalog';
import type { FoodGroup } from '../exclusions';
import { ALLERGEN_WORDS, GROUP_WORDS } from '../ledger/lexicon';
import { MORE_FOODS } from '../ledger/phrases';
import { ALLERGENS, type Allergen, type AnimalProduct, type AnimalSource } from '../types';

/** What a word or a line implies. */
export interface Implied {
  allergens: Set<Allergen>;
  animal: Set<AnimalProduct>;
  sources: Set<AnimalSource>;
  alcohol: boolean;
  lactose: boolean;
}

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  /** Singular words joined by spaces: the key it was found under. */
  key: string;
}

export interface LineWords {
  /** Singular words of the line. */
  words: string[];
  /** Catalog names, longest first, left to right; each with the ingredient ids it names. */
  names: Array<Span & { ingredientIds: readonly string[] }>;
  /** Lexicon words outside every catalog name. */
  lexicon: Span[];
  /** Foods the kitchen has no row for, outside every catalog name ("duck", "sherry"). */
  unknownFoods: Span[];
  /** Everything the line's words imply, catalog names and lexicon words together. */
  implied: Implied;
}

/** The animal product an allergen's food is, for the diet check ("prawn" is shellfish, "butter" dairy). */
const ANIMAL_OF_ALLERGEN: Partial<Record<Allergen, AnimalProduct>> = { milk: 'dairy', egg: 'egg', fish: 'fish', shellfish: 'shellfish', molluscs: 'mollusc' };

const GROUP_IMPLIES: Readonly<Record<FoodGroup, Partial<Pick<Implied, 'alcohol' | 'lactose'>> & { animal?: AnimalProduct[]; sources?: AnimalSource[] }>> = {
  pork: { animal: ['meat'], sources: ['pork'] },
  beef: { animal: ['meat'], sources: ['beef'] },
  lamb: { animal: ['meat'], sources: ['lamb'] },
  poultry: { animal: ['poultry'], sources: ['poultry'] },
  'red-meat': { animal: ['meat'] },
  alcohol: { alcohol: true },
  lactose: { lactose: true, animal: ['dairy'] },
};

interface LexiconEntry {
  allergens: readonly Allergen[];
  group?: FoodGroup;
}

interface Vocabulary {
  lexicon: Map<string, LexiconEntry>;
  lexiconMaxWords: number;
  /** Foods neither the catalog nor the lexicon names. */
  unknownFoods: Set<string>;
  unknownMaxWords: number;
}

function keyOf(text: string): string {
  return normalizeName(text).split(' ').filter(Boolean).map(singularizeWord).join(' ');
}

// Built once per ingredient-name index (a catalog with a cook's recipes shares its base catalog's), not per line.
const vocabularies = new WeakMap<object, Vocabulary>();

function vocabularyOf(catalog: Catalog): Vocabulary {
  let vocabulary = vocabularies.get(catalog.ingredientIdsByName);
  if (vocabulary) return vocabulary;
  const lexicon = new Map<string, LexiconEntry>();
  for (const [word, allergens] of ALLERGEN_WORDS) {
    const key = keyOf(word);
    const held = lexicon.get(key);
    lexicon.set(key, { ...held, allergens: [...new Set([...(held?.allergens ?? []), ...allergens])] });
  }
  for (const [word, group] of GROUP_WORDS) {
    const key = keyOf(word);
    lexicon.set(key, { allergens: lexicon.get(key)?.allergens ?? [], group });
  }
  const unknownFoods = new Set<string>();
  for (const food of MORE_FOODS) {
    const key = keyOf(food);
    if (!catalog.ingredientIdsByName.has(key) && !lexicon.has(key)) unknownFoods.add(key);
  }
  const longest = (keys: Iterable<string>) => Math.max(1, ...[...keys].map((k) => k.split(' ').length));
  vocabulary = { lexicon, lexiconMaxWords: longest(lexicon.keys()), unknownFoods, unknownMaxWords: longest(unknownFoods) };
  vocabularies.set(catalog.ingredientIdsByName, vocabulary);
  return vocabulary;
}

export function emptyImplied(): Implied {
  return { allergens: new Set(), animal: new Set(), sources: new Set(), alcohol: false, lactose: false };
}

/** The singular words of a text, as catalog names are keyed. */
export function wordsOf(text: string): string[] {
  return normalizeName(text).split(' ').filter(Boolean).map(singularizeWord);
}

/** Catalog names in `words`, longest first, left to right. */
export function catalogNames(catalog: Catalog, words: readonly string[]): Array<Span & { ingredientIds: readonly string[] }> {
  const out: Array<Span & { ingredientIds: readonly string[] }> = [];
  let i = 0;
  while (i < words.length) {
    let found = false;
    for (let n = Math.min(catalog.maxNameWords, words.length - i); n >= 1; n--) {
      const key = words.slice(i, i + n).join(' ');
      const ids = catalog.ingredientIdsByName.get(key);
      if (ids) {
        out.push({ start: i, end: i + n, key, ingredientIds: ids });
        i += n;
        found = true;
        break;
      }
    }
    if (!found) i++;
  }
  return out;
}

/** Every occurrence of a key of `keys` in `words` (any start, any length up to `maxWords`) outside the covered spans. */
function occurrences(words: readonly string[], has: (key: string) => boolean, maxWords: number, covered: readonly Span[]): Span[] {
  const out: Span[] = [];
  const inside = (start: number, end: number) => covered.some((c) => start >= c.start && end <= c.end);
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= Math.min(maxWords, words.length - i); n++) {
      if (inside(i, i + n)) continue;
      const key = words.slice(i, i + n).join(' ');
      if (has(key)) out.push({ start: i, end: i + n, key });
    }
  }
  return out;
}

/** Reads a line's words against the three vocabularies (see the module comment). */
export function readLineWords(catalog: Catalog, text: string): LineWords {
  const vocabulary = vocabularyOf(catalog);
  const words = wordsOf(text);
  const names = catalogNames(catalog, words);
  const lexicon = occurrences(words, (k) => vocabulary.lexicon.has(k), vocabulary.lexiconMaxWords, names);
  const unknownFoods = occurrences(words, (k) => vocabulary.unknownFoods.has(k), vocabulary.unknownMaxWords, [...names, ...lexicon]);
  const implied = emptyImplied();
  for (const name of names) {
    for (const id of name.ingredientIds) {
      const ingredient = catalog.ingredientById.get(id);
      if (ingredient) addIngredient(implied, ingredient);
    }
  }
  for (const span of lexicon) {
    const entry = vocabulary.lexicon.get(span.key)!;
    for (const allergen of entry.allergens) {
      implied.allergens.add(allergen);
      const animal = ANIMAL_OF_ALLERGEN[allergen];
      if (animal) implied.animal.add(animal);
    }
    if (entry.group) {
      const effect = GROUP_IMPLIES[entry.group];
      for (const a of effect.animal ?? []) implied.animal.add(a);
      for (const s of effect.sources ?? []) implied.sources.add(s);
      if (effect.alcohol) implied.alcohol = true;
      if (effect.lactose) implied.lactose = true;
    }
  }
  return { words, names, lexicon, unknownFoods, implied };
}

export function addIngredient(into: Implied, ingredient: { allergens: readonly Allergen[]; animal: readonly AnimalProduct[]; animalSources?: readonly AnimalSource[]; alcohol?: true; lactose?: true }): void {
  for (const a of ingredient.allergens) into.allergens.add(a);
  for (const a of ingredient.animal) into.animal.add(a);
  for (const s of ingredient.animalSources ?? []) into.sources.add(s);
  if (ingredient.alcohol) into.alcohol = true;
  if (ingredient.lactose) into.lactose = true;
}

/**
 * What `implied` holds that an ingredient does not carry, in words ("peanuts", "pork"); empty when the ingredient
 * carries everything the line names: the safety rule.
 */
export function missingFrom(implied: Implied, ingredient: { allergens: readonly Allergen[]; animal: readonly AnimalProduct[]; animalSources?: readonly AnimalSource[]; alcohol?: true; lactose?: true }): string[] {
  const has = emptyImplied();
  addIngredient(has, ingredient);
  const missing: string[] = [];
  for (const a of ALLERGENS) if (implied.allergens.has(a) && !has.allergens.has(a)) missing.push(a.replace('_', ' '));
  for (const a of implied.animal) if (!has.animal.has(a)) missing.push(a);
  for (const s of implied.sources) if (!has.sources.has(s)) missing.push(s);
  if (implied.alcohol && !has.alcohol) missing.push('alcohol');
  if (implied.lactose && !has.lactose) missing.push('lactose');
  return [...new Set(missing)];
}
