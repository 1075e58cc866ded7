/**
 * A parsed line's amount in one of the kitchen's units for the ingredient it was matched to, or null when the kitchen
 * cannot weigh it ("salt to taste", "2 handfuls", "1 bunch" of something not sold by the bunch). Pure.
 */
import { canConvert } from '../units';
import type { Ingredient, Unit } from '../types';
import type { ParsedLine } from './line-parse';

/** parse-ingredient's unit ids (and ours) that are a kitchen unit times a factor. */
const MEASURED: Readonly<Record<string, readonly [Unit, number]>> = {
  gram: ['g', 1],
  kilogram: ['kg', 1],
  milligram: ['g', 0.001],
  ounce: ['oz', 1],
  pound: ['lb', 1],
  milliliter: ['ml', 1],
  liter: ['l', 1],
  deciliter: ['ml', 100],
  teaspoon: ['tsp', 1],
  tablespoon: ['tbsp', 1],
  cup: ['cup', 1],
  'fluid ounce': ['tbsp', 2],
  pint: ['cup', 2],
  quart: ['cup', 4],
  gallon: ['cup', 16],
  // Measuring-spoon sets mark a pinch as 1/16 tsp and a dash as 1/8 tsp.
  pinch: ['tsp', 1 / 16],
  dash: ['tsp', 1 / 8],
  drop: ['ml', 0.05],
  // A US stick of butter is 8 tablespoons.
  stick: ['tbsp', 8],
};

/** Counts: the number is of the ingredient's own piece. */
const COUNTED = new Set(['large', 'medium', 'small', 'piece', 'whole']);

/** The middle of a range ("2-3 handfuls" → 2.5): neither bound is what the cook will use. */
function amountOf(parsed: ParsedLine): number | null {
  if (parsed.quantity === null) return null;
  return parsed.quantityMax !== null && parsed.quantityMax > parsed.quantity ? (parsed.quantity + parsed.quantityMax) / 2 : parsed.quantity;
}

function fits(quantity: number, unit: Unit, ingredient: Ingredient): { quantity: number; unit: Unit } | null {
  if (!(quantity > 0) || !Number.isFinite(quantity)) return null;
  return canConvert(unit, ingredient) ? { quantity, unit } : null;
}

/** The first word of a piece's name ("can, drained" → "can"). */
function pieceWord(ingredient: Ingredient): string {
  return (ingredient.pieceName ?? ingredient.name).split(',')[0]!.trim().toLowerCase();
}

export function kitchenAmount(parsed: ParsedLine, ingredient: Ingredient): { quantity: number; unit: Unit } | null {
  const count = amountOf(parsed);
  if (count === null) return null;
  if (parsed.packageAmount) {
    const measured = MEASURED[parsed.packageAmount.unit];
    if (measured) {
      const inUnit = fits(count * parsed.packageAmount.quantity * measured[1], measured[0], ingredient);
      if (inUnit) return inUnit;
    }
  }
  // A tin is what the kitchen's data calls a can.
  const unit = parsed.unit === 'tin' ? 'can' : parsed.unit;
  if (unit !== null && MEASURED[unit]) {
    const [kitchenUnit, factor] = MEASURED[unit];
    return fits(count * factor, kitchenUnit, ingredient);
  }
  if (unit === 'dozen') return fits(count * 12, 'piece', ingredient);
  if (unit === null || COUNTED.has(unit) || unit === pieceWord(ingredient)) return fits(count, 'piece', ingredient);
  // Sold by a pack of pieces (a head of garlic is ten cloves).
  if (ingredient.soldAs && ingredient.soldAs.name === unit) return fits(count * ingredient.soldAs.pieces, 'piece', ingredient);
  return null;
}
