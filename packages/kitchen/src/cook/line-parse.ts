/**
 * One ingredient line read into amount, unit, ingredient words and note, with parse-ingredient (mixed numbers, vulgar
 * fractions, ranges, units and their abbreviations) and a few rules for what it leaves in the description: a can's
 * size ("1 14-ounce can", "1 (400 g) tin"), "juice of 1 lemon", a serving cue ("to serve:"), "(optional)". Pure.
 */
import { parseIngredient, type Ingredient as ParsedIngredient, type UnitOfMeasureDefinitions } from 'parse-ingredient';

export interface ParsedLine {
  text: string;
  /** "For the sauce:": a heading, not an ingredient. */
  isHeader: boolean;
  /** The lower bound of a range ("2-3" → 2). */
  quantity: number | null;
  /** The upper bound of a range, else null. */
  quantityMax: number | null;
  /** parse-ingredient's unit id ("cup", "tablespoon", "clove", "large") or one of ours ("handful", "tin"); null for a count. */
  unit: string | null;
  /** A package's own size: "1 (14 oz) can" is one can of 14 ounces. */
  packageAmount: { quantity: number; unit: string } | null;
  /** The ingredient words, lower case, notes and parentheses removed ("toasted almonds"). */
  name: string;
  /** What follows the name ("drained", "cut into bite-sized pieces"). */
  note: string | null;
  /** "(optional)", "to serve", "for garnish": optional lines still count for allergens. */
  optional: boolean;
}

/** Units cooks write that parse-ingredient does not know. */
const MORE_UNITS: UnitOfMeasureDefinitions = {
  handful: { short: 'handful', plural: 'handfuls', alternates: [], type: 'other' },
  tin: { short: 'tin', plural: 'tins', alternates: [], type: 'count' },
  jar: { short: 'jar', plural: 'jars', alternates: [], type: 'count' },
  slice: { short: 'slice', plural: 'slices', alternates: [], type: 'count' },
  fillet: { short: 'fillet', plural: 'fillets', alternates: [], type: 'count' },
  stalk: { short: 'stalk', plural: 'stalks', alternates: ['rib', 'ribs'], type: 'count' },
  knob: { short: 'knob', plural: 'knobs', alternates: [], type: 'other' },
  splash: { short: 'splash', plural: 'splashes', alternates: [], type: 'other' },
  scoop: { short: 'scoop', plural: 'scoops', alternates: [], type: 'other' },
};

const PARSE_OPTIONS = { normalizeUOM: true, additionalUOMs: MORE_UNITS, descriptionMeasurements: true } as const;

const CONTAINER_UNITS = new Set(['can', 'tin', 'jar', 'package', 'pack', 'bag', 'box', 'carton', 'container']);
const SERVING_CUE = /^(?:to serve|for serving|to garnish|for garnish|for the garnish|garnish|for topping|to top|optional)\s*(?::|-|,)?\s*/i;
const OPTIONAL = /\boptional(?:ly)?\b|\bto serve\b|\bfor serving\b|\bto garnish\b|\bfor garnish\b|\bif desired\b|\bto taste\b/i;

function clean(text: string): string {
  return text
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/^[\s•·*▢□☐✓✔\-–—]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "1 (14 oz) can", "1 14-ounce can", "1 x 400g tin": the package's size from the description's first measurement. */
function packageOf(parsed: ParsedIngredient): { quantity: number; unit: string } | null {
  const measurement = parsed.descriptionMeasurements?.[0];
  if (!measurement || measurement.startIndex > 4) return null;
  if (measurement.unitType !== 'mass' && measurement.unitType !== 'volume') return null;
  const after = parsed.description.slice(measurement.endIndex);
  if (!/^\s*\)?\s*(?:-?\s*)?(?:can|cans|tin|tins|jar|jars|package|packages|pkg|bag|bags|box|boxes|carton|cartons|container|containers|block|blocks)\b/i.test(after)) {
    return null;
  }
  return { quantity: measurement.quantity, unit: measurement.unitOfMeasureID };
}

/** The description without the package size and container word, parentheses, a serving cue, "x"; notes split off. */
function nameAndNote(description: string, hasPackage: boolean): { name: string; note: string | null } {
  let text = description;
  if (hasPackage) {
    text = text.replace(
      /^\(?\s*[\d.,/½¼¾⅓⅔⅛\s-]+\s*-?\s*[a-z.]+\)?\s*-?\s*(?:cans?|tins?|jars?|packages?|pkgs?|bags?|box(?:es)?|cartons?|containers?|blocks?)\b\s*(?:of\s+)?/i,
      '',
    );
  }
  text = text.replace(/^x\s+/i, '').replace(SERVING_CUE, '');
  const parentheses = [...text.matchAll(/\(([^()]*)\)|\[([^[\]]*)\]/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
  text = text.replace(/\([^()]*\)|\[[^[\]]*\]/g, ' ').replace(/[()[\]]/g, ' ');
  // "juice of 1 lemon" is lemon juice, "zest of 2 limes" lime zest: the kitchen names them that way round.
  text = text.replace(/^(juice|zest|rind)\s+(?:of\s+)?(?:(?:a|an|one|half|\d+(?:\/\d+)?)\s+)?(.+)$/i, '$2 $1');
  const comma = text.search(/,|;|\s[-–—]\s/);
  const head = comma >= 0 ? text.slice(0, comma) : text;
  const rest = comma >= 0 ? text.slice(comma + 1).replace(/^[\s,;–—-]+/, '') : '';
  const notes = [rest, ...parentheses].map((n) => n.trim()).filter(Boolean);
  return { name: head.replace(/\s+/g, ' ').trim().toLowerCase(), note: notes.length > 0 ? notes.join('; ') : null };
}

export function parseIngredientLine(raw: string): ParsedLine {
  const text = clean(raw);
  const optional = OPTIONAL.test(text);
  // A serving cue before the amount ("To serve: 2 tbsp yogurt") would hide the amount from the parser.
  const body = text.replace(SERVING_CUE, '');
  // "To garnish:", "For the sauce:", "After cooking:": a heading, whatever words it has.
  if (/:\s*$/.test(text) && text.length <= 60 && !/\d/.test(text)) {
    return { text, isHeader: true, quantity: null, quantityMax: null, unit: null, packageAmount: null, name: '', note: null, optional: false };
  }
  const parsed = parseIngredient(body, PARSE_OPTIONS)[0];
  if (!parsed) return { text, isHeader: false, quantity: null, quantityMax: null, unit: null, packageAmount: null, name: '', note: null, optional };
  if (parsed.isGroupHeader) {
    return { text, isHeader: true, quantity: null, quantityMax: null, unit: null, packageAmount: null, name: '', note: null, optional: false };
  }
  const unit = parsed.unitOfMeasureID;
  const packageAmount = unit === null || CONTAINER_UNITS.has(unit) ? packageOf(parsed) : null;
  const { name, note } = nameAndNote(parsed.description, packageAmount !== null);
  return {
    text,
    isHeader: false,
    quantity: parsed.quantity,
    quantityMax: parsed.quantity2,
    unit: packageAmount && unit === null ? 'can' : unit,
    packageAmount,
    name,
    note,
    optional,
  };
}
