/**
 * An ingredient line matched to a catalog ingredient, or left unmatched with the reason.
 *
 * The safety rule: a line is never matched to an ingredient that carries fewer allergens (or animal products, or
 * animal sources, alcohol, lactose) than its words name, anywhere in the line (line-words.ts): "almond milk" is not
 * milk, "peanut oil" is peanut, "chicken or vegetable stock" is not vegetable stock. When unsure the line stays
 * unmatched: it names a food the kitchen does not know ("duck fat"), or its name has a word that is neither a known
 * food nor a word that only describes one ("prosciutto-wrapped asparagus").
 */
import { type Catalog } from '../catalog';
import type { Allergen, Ingredient } from '../types';
import { ALLERGENS } from '../types';
import { kitchenAmount } from './amount';
import { isDescriptor } from './descriptors';
import { parseIngredientLine, type ParsedLine } from './line-parse';
import { catalogNames, missingFrom, readLineWords, wordsOf, type LineWords } from './line-words';
import type { CookLineMatch } from './types';

export interface LineReading {
  parsed: ParsedLine;
  /** The kitchen's match, or null. */
  match: CookLineMatch | null;
  /** Why the line is unmatched, for the cook; null when matched (or a heading). */
  reason: string | null;
  /** Allergens the line's words name. */
  named: Allergen[];
}

function pick(catalog: Catalog, ids: readonly string[], words: LineWords): { ingredient: Ingredient | null; missing: string[] } {
  let missing: string[] = [];
  const fitting: Ingredient[] = [];
  for (const id of ids) {
    const ingredient = catalog.ingredientById.get(id);
    if (!ingredient) continue;
    const lacks = missingFrom(words.implied, ingredient);
    if (lacks.length === 0) fitting.push(ingredient);
    else if (missing.length === 0 || lacks.length < missing.length) missing = lacks;
  }
  fitting.sort((a, b) => a.name.length - b.name.length || (a.id < b.id ? -1 : 1));
  return { ingredient: fitting[0] ?? null, missing };
}

/** The lexicon words of a line's name alone (positions are then the name's own). */
function readLineWordsOfName(catalog: Catalog, name: string) {
  return readLineWords(catalog, name).lexicon;
}

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Reads one line: parsed, matched under the safety rule, with its amount in the kitchen's units. */
export function readIngredientLine(catalog: Catalog, text: string): LineReading {
  const parsed = parseIngredientLine(text);
  const words = readLineWords(catalog, parsed.text);
  const named = ALLERGENS.filter((a) => words.implied.allergens.has(a));
  const unmatched = (reason: string): LineReading => ({ parsed, match: null, reason, named });
  if (parsed.isHeader) return { parsed, match: null, reason: null, named };

  const nameWords = wordsOf(parsed.name);
  const spans = catalogNames(catalog, nameWords);
  if (spans.length === 0) return unmatched(nameWords.length === 0 ? 'No ingredient named' : `No ingredient of the kitchen's is called "${parsed.name}"`);
  if (words.unknownFoods.length > 0) {
    return unmatched(`Names ${list(words.unknownFoods.map((f) => f.key))}, which the kitchen has no data for`);
  }
  // Two foods side by side are one food the kitchen does not know ("garlic salt", "peanut oil", "coconut water"),
  // unless they name the same ingredient ("panko breadcrumbs"); apart ("salt and pepper", "parsley or sage") the
  // longest is the line's ingredient, the first of equals.
  for (let i = 1; i < spans.length; i++) {
    const [before, after] = [spans[i - 1]!, spans[i]!];
    if (before.end === after.start && !before.ingredientIds.some((id) => after.ingredientIds.includes(id))) {
      return unmatched(`Reads as "${before.key} ${after.key}", which the kitchen has no data for`);
    }
  }
  const head = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)[0]!;
  // Every other word of the name must be one that only describes a food, or a food the line's words already count.
  const counted = new Set<number>();
  for (const span of spans) for (let i = span.start; i < span.end; i++) counted.add(i);
  // A lexicon word counts as known only on its own: one that runs into a catalog name makes a food of its own ("peanut
  // oil" is not peanuts).
  const lexiconWords = new Set(
    readLineWordsOfName(catalog, parsed.name)
      .filter((l) => !spans.some((span) => l.start < span.end && span.start < l.end))
      .flatMap((l) => l.key.split(' ')),
  );
  const unknown = nameWords.filter((word, i) => !counted.has(i) && !isDescriptor(word) && !lexiconWords.has(word));
  if (unknown.length > 0) return unmatched(`Not sure what "${unknown.join(' ')}" is`);

  const { ingredient, missing } = pick(catalog, head.ingredientIds, words);
  if (!ingredient) {
    const names = head.ingredientIds.map((id) => catalog.ingredientById.get(id)?.name ?? id);
    return unmatched(`The line names ${list(missing)}, which ${list(names)} does not carry`);
  }
  const amount = kitchenAmount(parsed, ingredient);
  return {
    parsed,
    match: { ingredientId: ingredient.id, quantity: amount?.quantity ?? 0, unit: amount?.unit ?? 'g', by: 'kitchen' },
    reason: null,
    named,
  };
}
