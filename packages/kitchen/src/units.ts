import { PIECE_CUTS, type Ingredient, type Unit } from './types';

/** Exact definitions (international avoirdupois pound, US customary volumes). */
export const GRAMS_PER_MASS_UNIT = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 } as const;
export const ML_PER_VOLUME_UNIT = { ml: 1, l: 1000, tsp: 4.92892159375, tbsp: 14.78676478125, cup: 236.5882365 } as const;

export type MassUnit = keyof typeof GRAMS_PER_MASS_UNIT;
export type VolumeUnit = keyof typeof ML_PER_VOLUME_UNIT;
export type UnitKind = 'mass' | 'volume' | 'piece';
export type UnitSystem = 'metric' | 'us';

export function unitKind(unit: Unit): UnitKind {
  if (unit in GRAMS_PER_MASS_UNIT) return 'mass';
  if (unit in ML_PER_VOLUME_UNIT) return 'volume';
  return 'piece';
}

export class UnitConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitConversionError';
  }
}

/** Grams of `quantity unit` of an ingredient; throws when the ingredient lacks the density or piece weight it needs. */
export function toGrams(quantity: number, unit: Unit, ingredient: Pick<Ingredient, 'id' | 'densityGPerMl' | 'gramsPerPiece'>): number {
  if (!Number.isFinite(quantity) || quantity < 0) throw new UnitConversionError(`${ingredient.id}: bad quantity ${quantity}`);
  const kind = unitKind(unit);
  if (kind === 'mass') return quantity * GRAMS_PER_MASS_UNIT[unit as MassUnit];
  if (kind === 'volume') {
    const density = ingredient.densityGPerMl;
    if (!density || density <= 0) throw new UnitConversionError(`${ingredient.id}: ${unit} needs densityGPerMl`);
    return quantity * ML_PER_VOLUME_UNIT[unit as VolumeUnit] * density;
  }
  const perPiece = ingredient.gramsPerPiece;
  if (!perPiece || perPiece <= 0) throw new UnitConversionError(`${ingredient.id}: piece needs gramsPerPiece`);
  return quantity * perPiece;
}

/** Can `unit` be converted to grams for this ingredient? */
export function canConvert(unit: Unit, ingredient: Pick<Ingredient, 'densityGPerMl' | 'gramsPerPiece'>): boolean {
  const kind = unitKind(unit);
  if (kind === 'mass') return true;
  if (kind === 'volume') return (ingredient.densityGPerMl ?? 0) > 0;
  return (ingredient.gramsPerPiece ?? 0) > 0;
}

const FRACTION_GLYPHS: ReadonlyArray<readonly [number, string]> = [
  [0, ''],
  [1 / 8, '⅛'],
  [1 / 4, '¼'],
  [1 / 3, '⅓'],
  [1 / 2, '½'],
  [2 / 3, '⅔'],
  [3 / 4, '¾'],
  [1, ''],
];

/**
 * The nearest cook-friendly value: a whole number plus a common fraction no finer than `finest` (⅛ for teaspoons, ¼ for
 * cups), thirds included unless `thirds` is false (a scale or a spoon set has no thirds; a cup set does), and never more
 * than `maxShortfall` (a fraction of `value`) under it. Never below `finest` when the value is positive.
 */
export function roundFraction(value: number, finest = 1 / 4, thirds = true, maxShortfall = Infinity): number {
  if (value <= 0) return 0;
  const whole = Math.floor(value);
  const frac = value - whole;
  // Candidates ascend, so an exact tie goes to the smaller one.
  let best: number | null = null;
  for (const [candidate] of FRACTION_GLYPHS) {
    if (candidate !== 0 && candidate !== 1 && candidate < finest - 1e-9) continue;
    if (!thirds && (candidate === 1 / 3 || candidate === 2 / 3)) continue;
    if (whole + candidate < value * (1 - maxShortfall)) continue;
    if (best === null || Math.abs(frac - candidate) < Math.abs(frac - best)) best = candidate;
  }
  return Math.max(finest, whole + (best ?? 1));
}

/** `roundFraction` written out: "1 ½", "¾", "2". */
export function formatFraction(value: number, finest = 1 / 4, thirds = true): string {
  if (value <= 0) return '0';
  const rounded = roundFraction(value, finest, thirds);
  const whole = Math.floor(rounded + 1e-9);
  const glyph = FRACTION_GLYPHS.find(([f]) => Math.abs(f - (rounded - whole)) < 1e-9)?.[1] ?? '';
  if (whole === 0) return glyph;
  return glyph ? `${whole} ${glyph}` : String(whole);
}

const IRREGULAR_PLURALS: Record<string, string> = {
  leaf: 'leaves',
  loaf: 'loaves',
  half: 'halves',
  knife: 'knives',
  potato: 'potatoes',
  tomato: 'tomatoes',
  mango: 'mangoes',
  avocado: 'avocados',
  taco: 'tacos',
  tortilla: 'tortillas',
};

export function pluralize(word: string): string {
  // "can, drained" → "cans, drained": the noun is before any qualifier.
  const comma = word.indexOf(',');
  if (comma > 0) return pluralize(word.slice(0, comma)) + word.slice(comma);
  const parts = word.split(' ');
  const last = parts.pop() ?? '';
  const lower = last.toLowerCase();
  let plural: string;
  if (IRREGULAR_PLURALS[lower]) plural = IRREGULAR_PLURALS[lower];
  else if (/(s|x|z|ch|sh)$/.test(lower)) plural = `${last}es`;
  else if (/[^aeiou]y$/.test(lower)) plural = `${last.slice(0, -1)}ies`;
  else plural = `${last}s`;
  return [...parts, plural].join(' ');
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

export interface DisplayQuantity {
  quantity: number;
  unit: Unit;
  /** e.g. "1 ½ cups", "450 g", "3 onions". */
  text: string;
}

/** Metric mass: g below 1 kg (rounded to a sensible step), kg above. */
function metricMass(grams: number): DisplayQuantity {
  if (grams >= 1000) {
    const kg = Number((grams / 1000).toFixed(2));
    return { quantity: kg, unit: 'kg', text: `${trimNumber(kg, 2)} kg` };
  }
  const step = grams < 10 ? 0.5 : grams < 100 ? 1 : 5;
  const g = Math.max(step, roundTo(grams, step));
  return { quantity: g, unit: 'g', text: `${trimNumber(g, 1)} g` };
}

/**
 * Metric volumes in steps a measuring jug or spoon shows: the smallest metric spoons hold 2.5 and 5 ml, jugs are marked
 * every 5 ml in a small one, 10 ml up to a cup, 25 ml up to a litre, 50 ml beyond.
 */
function metricVolumeStep(ml: number): number {
  return ml < 5 ? 2.5 : ml < 100 ? 5 : ml < 250 ? 10 : ml < 1000 ? 25 : 50;
}

/** A list total may read a little under what is needed (59.15 ml as "60 ml" or 221 as "220"), never this much under. */
const MAX_SHORTFALL = 0.03;

/**
 * ml below a litre, l above, rounded to the nearest jug or spoon step (`metricVolumeStep`), or up to the next one when
 * the nearest would leave the cook more than `MAX_SHORTFALL` short. US cups converted to ml (¼ cup is 59.15 ml) would
 * otherwise read as measured to the millilitre.
 */
function metricVolume(ml: number): DisplayQuantity {
  const step = metricVolumeStep(ml);
  let v = Math.max(step, roundTo(ml, step));
  if (v < ml * (1 - MAX_SHORTFALL)) v += step;
  if (v >= 1000) {
    const l = Number((v / 1000).toFixed(2));
    return { quantity: l, unit: 'l', text: `${trimNumber(l, 2)} l` };
  }
  return { quantity: v, unit: 'ml', text: `${trimNumber(v, 2)} ml` };
}

function usMass(grams: number, maxShortfall = Infinity): DisplayQuantity {
  const oz = grams / GRAMS_PER_MASS_UNIT.oz;
  // Below a quarter ounce the nearest ounce fraction would be a floor many times the amount (half a gram of cardamom
  // is no "¼ oz"), and US kitchen scales read grams too.
  if (oz < 0.25) return metricMass(grams);
  if (roundTo(oz, 0.25) >= 16) {
    const lb = grams / GRAMS_PER_MASS_UNIT.lb;
    // Scales read quarters and tenths, never thirds: "1 ¼ lb", not "1 ⅓ lb".
    const rounded = roundFraction(lb, 1 / 4, false, maxShortfall);
    return { quantity: rounded, unit: 'lb', text: `${formatFraction(rounded, 1 / 4, false)} lb` };
  }
  const rounded = roundFraction(oz, 1 / 4, false, maxShortfall);
  return { quantity: rounded, unit: 'oz', text: `${formatFraction(rounded, 1 / 4, false)} oz` };
}

/**
 * Measuring-spoon sets mark a pinch as 1/16 tsp and a dash as ⅛ tsp; below the midpoint of the two an amount reads as a
 * pinch rather than a floor of ⅛ tsp.
 */
const PINCH_TSP = 1 / 16;
const PINCH_BELOW_TSP = (PINCH_TSP + 1 / 8) / 2;

/** Eighths by glyph: every spoon amount is a whole number of ⅛ tsp, or of ½ tbsp. */
const EIGHTHS = ['', '⅛', '¼', '⅜', '½', '⅝', '¾', '⅞'] as const;

/**
 * A spoon amount rounded to `step` and written in eighths ("⅜ tsp" is ¼ and ⅛, "1 ½ tbsp"). Never thirds: no standard
 * measuring spoon holds ⅓ tsp or ⅔ tbsp, though nearest-fraction formatting would pick them; quantity and text agree.
 */
function spoon(amount: number, step: number, unit: 'tsp' | 'tbsp'): DisplayQuantity {
  const quantity = Math.max(step, roundTo(amount, step));
  const eighths = Math.round(quantity * 8);
  const whole = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  const number = whole === 0 ? part : part ? `${whole} ${part}` : String(whole);
  return { quantity, unit, text: `${number} ${unit}` };
}

function usVolume(ml: number, maxShortfall = Infinity): DisplayQuantity {
  const tbsp = ml / ML_PER_VOLUME_UNIT.tbsp;
  if (tbsp < 1 - 1 / 8) {
    const tsp = ml / ML_PER_VOLUME_UNIT.tsp;
    if (tsp < PINCH_BELOW_TSP) return { quantity: PINCH_TSP, unit: 'tsp', text: 'a pinch' };
    return spoon(tsp, 1 / 8, 'tsp');
  }
  const cups = ml / ML_PER_VOLUME_UNIT.cup;
  if (cups < 0.25 - 1 / 32) return spoon(tbsp, 1 / 2, 'tbsp');
  // Cup sets hold ⅓ and ⅔, so thirds stay; the quantity is the amount the text names.
  const rounded = roundFraction(cups, 1 / 4, true, maxShortfall);
  const text = formatFraction(rounded, 1 / 4);
  const plural = text === '1' || !/\d/.test(text) ? 'cup' : 'cups';
  return { quantity: rounded, unit: 'cup', text: `${text} ${plural}` };
}

/** A count with its noun in agreement: "1 meal", "21 meals", "1,200 items". */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : pluralize(noun)}`;
}

/** The name of one piece, for "3 onions". */
export function pieceLabel(ingredient: Pick<Ingredient, 'name' | 'pieceName'>, count: number): string {
  const singular = ingredient.pieceName ?? ingredient.name;
  return count > 1 ? pluralize(singular) : singular;
}

/**
 * A scaled count rounded to how the thing is cut (`PIECE_CUTS`): 5 ⅓ eggs → 5, ⅓ egg → 1, 1 ⅔ avocados → 1 ½. Never
 * below one cut when some is needed.
 */
export function roundPieces(count: number, ingredient: Pick<Ingredient, 'pieceCut'>): number {
  if (!(count > 0)) return 0;
  const step = PIECE_CUTS[ingredient.pieceCut ?? 'quarters'];
  return Math.max(step, Math.round(count / step) * step);
}

/** "5 eggs", "½ avocado", "¼ onion": a count as a cook uses it (`roundPieces`), with the piece's name. */
export function formatPieces(count: number, ingredient: Pick<Ingredient, 'name' | 'pieceName' | 'pieceCut'>): string {
  const rounded = roundPieces(count, ingredient);
  return `${formatFraction(rounded, PIECE_CUTS[ingredient.pieceCut ?? 'quarters'])} ${pieceLabel(ingredient, rounded)}`;
}

/**
 * A recipe line's scaled quantity as a cook reads it: counts by how the thing is cut ("5 eggs", never "5 ⅓ eggs"),
 * spoons and cups by the measure that fits the amount ("1 tsp" rather than a floor of "¼ cup", "a pinch" below ⅛ tsp),
 * weights to three significant figures and never "0". Display only: the line keeps its exact quantity and grams.
 */
export function recipeQuantityText(quantity: number, unit: Unit, ingredient: Pick<Ingredient, 'name' | 'pieceName' | 'pieceCut'>): string {
  const kind = unitKind(unit);
  if (kind === 'piece') return formatPieces(quantity, ingredient);
  if (unit === 'tsp' || unit === 'tbsp' || unit === 'cup') return usVolume(quantity * ML_PER_VOLUME_UNIT[unit]).text;
  const shown = quantity >= 100 ? Math.round(quantity) : Number(quantity.toPrecision(3));
  return `${shown} ${unit}`;
}

/**
 * Rounded, human quantity for `grams` of an ingredient, in the kind the cook expects: pieces for things counted
 * ("3 onions"), volume for things measured by the spoon or cup (ml/l or tsp/tbsp/cup), otherwise mass (g/kg or oz/lb).
 * Display only: callers keep the exact grams.
 */
export function displayQuantity(
  grams: number,
  ingredient: Pick<Ingredient, 'name' | 'pieceName' | 'pieceCut' | 'densityGPerMl' | 'gramsPerPiece'>,
  kind: UnitKind,
  system: UnitSystem,
  /** `shopping`: what is bought, so counts round up and US weights and cups are never more than `MAX_SHORTFALL` under. */
  options: { shopping?: boolean } = {},
): DisplayQuantity {
  if (kind === 'piece' && ingredient.gramsPerPiece) {
    const raw = grams / ingredient.gramsPerPiece;
    if (options.shopping) {
      const count = Math.max(1, Math.ceil(raw - 1e-9));
      return { quantity: count, unit: 'piece', text: `${count} ${pieceLabel(ingredient, count)}` };
    }
    return { quantity: roundPieces(raw, ingredient), unit: 'piece', text: formatPieces(raw, ingredient) };
  }
  const shortfall = options.shopping ? MAX_SHORTFALL : Infinity;
  if (kind === 'volume' && ingredient.densityGPerMl) {
    const ml = grams / ingredient.densityGPerMl;
    return system === 'metric' ? metricVolume(ml) : usVolume(ml, shortfall);
  }
  return system === 'metric' ? metricMass(grams) : usMass(grams, shortfall);
}

/** Removes floating-point noise (sums of thirds and the like) without rounding any real quantity: microgram precision. */
export function cleanGrams(grams: number): number {
  return Math.round(grams * 1e6) / 1e6;
}
