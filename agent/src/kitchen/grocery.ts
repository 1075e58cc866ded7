import { findIngredient, type Catalog } from './catalog';
import type { GroceryItem, GroceryList, GrocerySection, MealPlan, PantryItem } from './plan-types';
import { STORE_SECTIONS, type Ingredient } from './types';
import { cleanGrams, displayQuantity, toGrams, unitKind, type UnitKind, type UnitSystem } from './units';

export class GroceryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroceryInputError';
  }
}

const LIQUID_WORDS = /\b(milk|broth|stock|water|juice|sauce|vinegar|oil|cream|syrup|wine|beer|kefir|buttermilk|coconut milk|extract)\b/i;

/** Liquids read best as ml/l in metric; everything else measured by the cup is bought by weight. */
function isLiquid(ingredient: Ingredient): boolean {
  return ingredient.section === 'Beverages' || LIQUID_WORDS.test(ingredient.name);
}

interface Tally {
  ingredient: Ingredient;
  grams: number;
  gramsByKind: Record<UnitKind, number>;
  usedIn: string[];
}

/** The exact grams the plan's recipes need per ingredient: each cooking counted once, leftover meals not again. */
export function neededGramsByIngredient(plan: MealPlan): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of plan.days) {
    for (const meal of day.meals) {
      if (meal.leftoverOf !== null) continue;
      for (const line of meal.ingredients) out.set(line.ingredientId, (out.get(line.ingredientId) ?? 0) + line.grams);
    }
  }
  return out;
}

function displayKind(tally: Tally, system: UnitSystem): UnitKind {
  const { piece, volume, mass } = tally.gramsByKind;
  // Anything a recipe counts in pieces is shopped by the piece ("5 tomatoes"), even if another recipe weighed it.
  if (piece > 0 && tally.ingredient.gramsPerPiece) return 'piece';
  if (volume > mass && tally.ingredient.densityGPerMl && (system === 'us' || isLiquid(tally.ingredient))) return 'volume';
  return 'mass';
}

/**
 * The shopping list for a plan: every cooked meal's scaled ingredients summed in grams (so "1 cup" and "200 g" of the
 * same thing merge), the pantry subtracted, grouped by store section in aisle order. Grams are exact; only `display`
 * is rounded. A pantry entry without a quantity means "I have enough".
 */
export function groceryList(catalog: Catalog, plan: MealPlan, options: { pantry?: readonly (PantryItem | string)[]; units?: UnitSystem } = {}): GroceryList {
  const system: UnitSystem = options.units ?? 'metric';
  const tallies = new Map<string, Tally>();
  let totalNeeded = 0;
  for (const day of plan.days) {
    for (const meal of day.meals) {
      if (meal.leftoverOf !== null) continue;
      for (const line of meal.ingredients) {
        const ingredient = catalog.ingredientById.get(line.ingredientId);
        if (!ingredient) throw new GroceryInputError(`Unknown ingredient ${line.ingredientId}`);
        let tally = tallies.get(ingredient.id);
        if (!tally) {
          tally = { ingredient, grams: 0, gramsByKind: { piece: 0, volume: 0, mass: 0 }, usedIn: [] };
          tallies.set(ingredient.id, tally);
        }
        tally.grams += line.grams;
        tally.gramsByKind[unitKind(line.unit)] += line.grams;
        const where = `${day.label} ${meal.slot}`;
        if (!tally.usedIn.includes(where)) tally.usedIn.push(where);
        totalNeeded += line.grams;
      }
    }
  }

  const pantryGrams = new Map<string, number>();
  for (const entry of options.pantry ?? []) {
    const item: PantryItem = typeof entry === 'string' ? { name: entry } : entry;
    const ingredient = catalog.ingredientById.get(item.name) ?? findIngredient(catalog, item.name);
    if (!ingredient) continue;
    if (item.quantity === undefined) {
      pantryGrams.set(ingredient.id, Infinity);
      continue;
    }
    if (!item.unit) throw new GroceryInputError(`Pantry ${item.name}: a quantity needs a unit`);
    let grams: number;
    try {
      grams = toGrams(item.quantity, item.unit, ingredient);
    } catch (err) {
      throw new GroceryInputError(`Pantry ${item.name}: ${(err as Error).message}`);
    }
    pantryGrams.set(ingredient.id, (pantryGrams.get(ingredient.id) ?? 0) + grams);
  }

  const bySection = new Map<string, GroceryItem[]>();
  const fromPantry: GroceryList['fromPantry'] = [];
  const sortedTallies = [...tallies.values()].sort((a, b) => (a.ingredient.name < b.ingredient.name ? -1 : a.ingredient.name > b.ingredient.name ? 1 : a.ingredient.id < b.ingredient.id ? -1 : 1));
  for (const tally of sortedTallies) {
    const needed = cleanGrams(tally.grams);
    const have = Math.min(needed, pantryGrams.get(tally.ingredient.id) ?? 0);
    const toBuy = cleanGrams(needed - have);
    if (toBuy <= 0) {
      fromPantry.push({ ingredientId: tally.ingredient.id, name: tally.ingredient.name, neededGrams: needed, pantryGrams: cleanGrams(have) });
      continue;
    }
    const kind = displayKind(tally, system);
    const shown = displayQuantity(toBuy, tally.ingredient, kind, system, { roundPiecesUp: true });
    let display = shown.text;
    if (kind !== 'mass') {
      const weight = displayQuantity(toBuy, tally.ingredient, 'mass', system);
      display = `${shown.text} (${weight.text})`;
    }
    const item: GroceryItem = {
      ingredientId: tally.ingredient.id,
      name: tally.ingredient.name,
      section: tally.ingredient.section,
      grams: toBuy,
      neededGrams: needed,
      pantryGrams: cleanGrams(have),
      quantity: shown.quantity,
      unit: shown.unit,
      display,
      usedIn: tally.usedIn,
    };
    const list = bySection.get(item.section) ?? [];
    list.push(item);
    bySection.set(item.section, list);
  }
  const sections: GrocerySection[] = STORE_SECTIONS.filter((s) => bySection.has(s)).map((section) => ({ section, items: bySection.get(section)! }));
  return {
    planId: plan.id,
    units: system,
    sections,
    itemCount: sections.reduce((n, s) => n + s.items.length, 0),
    fromPantry,
    totalNeededGrams: cleanGrams(totalNeeded),
  };
}

/** Plain-text checklist, e.g. for the chat reply or "copy as text". */
export function groceryListText(list: GroceryList): string {
  const lines: string[] = [];
  for (const section of list.sections) {
    lines.push(`**${section.section}**`);
    for (const item of section.items) lines.push(`- [ ] ${item.name}: ${item.display}`);
    lines.push('');
  }
  if (list.fromPantry.length > 0) lines.push(`_From your pantry:_ ${list.fromPantry.map((p) => p.name).join(', ')}`);
  return lines.join('\n').trim();
}
