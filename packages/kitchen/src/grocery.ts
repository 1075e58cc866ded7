import { findIngredient, findIngredientIds, type Catalog } from './catalog';
import type { GroceryItem, GroceryList, GrocerySection, MealPlan, PantryItem } from './plan-types';
import { STORE_SECTIONS, type Ingredient } from './types';
import { cleanGrams, displayQuantity, pluralize, toGrams, unitKind, type DisplayQuantity, type UnitKind, type UnitSystem } from './units';

export class GroceryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GroceryInputError';
  }
}

// "cream" but not cream cheese, which is sold by weight.
const LIQUID_WORDS = /\b(milk|broth|stock|water|juice|sauce|vinegar|oil|cream(?! cheese)|syrup|wine|beer|kefir|buttermilk|coconut milk|extract)\b/i;

/** Liquids read best as ml/l in metric; everything else measured by the cup is bought by weight. */
function isLiquid(ingredient: Ingredient): boolean {
  return ingredient.section === 'Beverages' || LIQUID_WORDS.test(ingredient.name);
}

interface Tally {
  ingredient: Ingredient;
  /** What the recipes need, in grams of `ingredient`. */
  grams: number;
  gramsByKind: Record<UnitKind, number>;
  /** Covered before this ingredient's own pantry entry: leftovers of an ingredient bought as this one. */
  pantryGrams: number;
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
  // Anything a recipe counts in pieces is shopped by the piece ("5 tomatoes"), even if another recipe weighed it, and so
  // is anything the shop sells by the piece or pack (a can of chickpeas), however the recipes measure it.
  if ((piece > 0 || tally.ingredient.soldAs) && tally.ingredient.gramsPerPiece) return 'piece';
  if (volume > mass && tally.ingredient.densityGPerMl && (system === 'us' || isLiquid(tally.ingredient))) return 'volume';
  return 'mass';
}

/**
 * The shopping list for a plan: every cooked meal's scaled ingredients summed in grams (so "1 cup" and "200 g" of the
 * same thing merge, and cooked rice joins the dry rice it is cooked from, `Ingredient.shopAs`), the pantry subtracted,
 * grouped by store section in aisle order. Grams are exact; only `display` is rounded, and counted things round up to
 * whole ones. A pantry entry without a quantity means "I have enough".
 */
export function groceryList(catalog: Catalog, plan: MealPlan, options: { pantry?: readonly (PantryItem | string)[]; units?: UnitSystem } = {}): GroceryList {
  const system: UnitSystem = options.units ?? 'metric';
  const tallies = new Map<string, Tally>();
  const mealOrder = new Map<string, number>();
  let totalNeeded = 0;
  for (const day of plan.days) {
    for (const meal of day.meals) {
      if (meal.leftoverOf !== null) continue;
      const where = `${day.label} ${meal.slot}`;
      if (!mealOrder.has(where)) mealOrder.set(where, mealOrder.size);
      for (const line of meal.ingredients) {
        const ingredient = catalog.ingredientById.get(line.ingredientId);
        if (!ingredient) throw new GroceryInputError(`Unknown ingredient ${line.ingredientId}`);
        const tally = tallyOf(tallies, ingredient);
        tally.grams += line.grams;
        tally.gramsByKind[unitKind(line.unit)] += line.grams;
        if (!tally.usedIn.includes(where)) tally.usedIn.push(where);
        totalNeeded += line.grams;
      }
    }
  }
  const pantryGrams = pantryGramsByIngredient(catalog, options.pantry ?? []);
  const unmatched = unmatchedLines(plan);
  const pantryAssumed = assumedPantry(catalog, options.pantry ?? [], tallies);

  // An ingredient bought as another (cooked rice as dry rice) is first covered by its own pantry entry (leftover rice
  // feeds the fried rice); the rest is bought as the other ingredient, on one line with that ingredient's own needs.
  const covered: Array<{ ingredient: Ingredient; neededGrams: number; pantryGrams: number }> = [];
  const toShop = new Map<string, Tally>();
  for (const tally of tallies.values()) {
    if (tally.ingredient.fromTheTap) continue;
    const shopAs = tally.ingredient.shopAs;
    if (!shopAs) {
      mergeInto(tallyOf(toShop, tally.ingredient), tally, 1, 0);
      continue;
    }
    const needed = cleanGrams(tally.grams);
    const have = Math.min(needed, pantryGrams.get(tally.ingredient.id) ?? 0);
    if (needed - have <= 0 && needed > 0) {
      covered.push({ ingredient: tally.ingredient, neededGrams: needed, pantryGrams: cleanGrams(have) });
      continue;
    }
    const bought = catalog.ingredientById.get(shopAs.ingredientId);
    if (!bought) throw new GroceryInputError(`${tally.ingredient.id} is shopped as unknown ingredient ${shopAs.ingredientId}`);
    mergeInto(tallyOf(toShop, bought), tally, shopAs.factor, have);
  }

  const bySection = new Map<string, GroceryItem[]>();
  for (const tally of [...toShop.values()].sort((a, b) => byName(a.ingredient, b.ingredient))) {
    const needed = cleanGrams(tally.grams);
    const have = Math.min(needed, tally.pantryGrams + (pantryGrams.get(tally.ingredient.id) ?? 0));
    const toBuy = cleanGrams(needed - have);
    // Only a cook's lines the kitchen could not weigh ("salt to taste") need it: on the list, as needed, unless the
    // pantry has some.
    if (needed === 0 && !pantryGrams.has(tally.ingredient.id)) {
      pushItem(bySection, { ...asNeeded(tally), usedIn: [...tally.usedIn].sort((a, b) => mealOrder.get(a)! - mealOrder.get(b)!) });
      continue;
    }
    if (toBuy <= 0) {
      covered.push({ ingredient: tally.ingredient, neededGrams: needed, pantryGrams: cleanGrams(have) });
      continue;
    }
    const kind = displayKind(tally, system);
    const shown = displayQuantity(toBuy, tally.ingredient, kind, system, { shopping: true });
    const display = kind === 'mass' ? shown.text : shoppingText(toBuy, shown, tally.ingredient, system);
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
      usedIn: [...tally.usedIn].sort((a, b) => mealOrder.get(a)! - mealOrder.get(b)!),
    };
    pushItem(bySection, item);
  }
  const sections: GrocerySection[] = STORE_SECTIONS.filter((s) => bySection.has(s)).map((section) => ({ section, items: bySection.get(section)! }));
  return {
    planId: plan.id,
    units: system,
    sections,
    itemCount: sections.reduce((n, s) => n + s.items.length, 0),
    fromPantry: covered
      .sort((a, b) => byName(a.ingredient, b.ingredient))
      .map(({ ingredient, neededGrams, pantryGrams }) => ({ ingredientId: ingredient.id, name: ingredient.name, neededGrams, pantryGrams })),
    pantryAssumed,
    // What the recipes call for, as they call for it (cooked rice as cooked), whatever is then bought in its place.
    totalNeededGrams: cleanGrams(totalNeeded),
    ...(unmatched.length > 0 ? { unmatched } : {}),
  };
}

function pushItem(bySection: Map<string, GroceryItem[]>, item: GroceryItem): void {
  const list = bySection.get(item.section) ?? [];
  list.push(item);
  bySection.set(item.section, list);
}

function asNeeded(tally: Tally): GroceryItem {
  return {
    ingredientId: tally.ingredient.id,
    name: tally.ingredient.name,
    section: tally.ingredient.section,
    grams: 0,
    neededGrams: 0,
    pantryGrams: 0,
    quantity: 0,
    unit: 'g',
    display: 'as needed',
    usedIn: [],
  };
}

/** The cook's lines the kitchen could not match, in the plan's order, each with the meals that use it. */
function unmatchedLines(plan: MealPlan): Array<{ text: string; usedIn: string[] }> {
  const byText = new Map<string, string[]>();
  for (const day of plan.days) {
    for (const meal of day.meals) {
      if (meal.leftoverOf !== null) continue;
      for (const text of meal.cook?.unmatched ?? []) {
        const usedIn = byText.get(text) ?? [];
        const where = `${day.label} ${meal.slot}`;
        if (!usedIn.includes(where)) usedIn.push(where);
        byText.set(text, usedIn);
      }
    }
  }
  return [...byText].map(([text, usedIn]) => ({ text, usedIn }));
}

/**
 * A counted or measured line with its weight: "5 tomatoes (585 g)". Bought by the can, the can's qualifier goes with the
 * weight ("7 cans (1.52 kg drained)", not "7 cans, drained (1.52 kg)"); bought by a pack of several pieces, above one
 * pack's worth the line counts packs and says how many pieces are needed ("2 heads (17 cloves)"). `shown.quantity`
 * stays in the ingredient's own piece, so a client reading quantity and unit is unaffected.
 */
function shoppingText(grams: number, shown: DisplayQuantity, ingredient: Ingredient, system: UnitSystem): string {
  const weight = displayQuantity(grams, ingredient, 'mass', system).text;
  const soldAs = ingredient.soldAs;
  if (!soldAs || shown.unit !== 'piece') return `${shown.text} (${weight})`;
  if (soldAs.pieces > 1) {
    if (shown.quantity <= soldAs.pieces) return `${shown.text} (${weight})`;
    const packs = Math.ceil(shown.quantity / soldAs.pieces - 1e-9);
    return `${packs} ${pluralize(soldAs.name)} (${shown.text})`;
  }
  const comma = ingredient.pieceName?.indexOf(',') ?? -1;
  const qualifier = comma > 0 ? ` ${ingredient.pieceName!.slice(comma + 1).trim()}` : '';
  return `${shown.quantity} ${shown.quantity > 1 ? pluralize(soldAs.name) : soldAs.name} (${weight}${qualifier})`;
}

function tallyOf(tallies: Map<string, Tally>, ingredient: Ingredient): Tally {
  let tally = tallies.get(ingredient.id);
  if (!tally) {
    tally = { ingredient, grams: 0, gramsByKind: { piece: 0, volume: 0, mass: 0 }, pantryGrams: 0, usedIn: [] };
    tallies.set(ingredient.id, tally);
  }
  return tally;
}

/** Adds `from`'s needs to `into` at `factor` grams of `into`'s ingredient per gram, `covered` grams already in hand. */
function mergeInto(into: Tally, from: Tally, factor: number, covered: number): void {
  into.grams += from.grams * factor;
  into.pantryGrams += covered * factor;
  for (const kind of ['piece', 'volume', 'mass'] as const) into.gramsByKind[kind] += from.gramsByKind[kind] * factor;
  for (const where of from.usedIn) if (!into.usedIn.includes(where)) into.usedIn.push(where);
}

/** Alphabetical, then by id: the order the list reads in, the same on every run. */
function byName(a: Ingredient, b: Ingredient): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The ingredient a pantry entry covers. Only a name that means one kind of thing covers anything: "beans" names a
 * family (chickpeas, green beans, even bean curd), and guessing one would leave the others unbought.
 */
function pantryIngredient(catalog: Catalog, item: PantryItem): Ingredient | undefined {
  return catalog.ingredientById.get(item.name) ?? (findIngredientIds(catalog, item.name, 'exact').length > 0 ? findIngredient(catalog, item.name) : undefined);
}

/**
 * The pantry as the cook said it, one entry per phrase in the order given. Used: the plan needs the ingredient, or
 * one bought as it (dry rice covers the cooked rice a fried rice needs).
 */
function assumedPantry(catalog: Catalog, pantry: readonly (PantryItem | string)[], tallies: ReadonlyMap<string, Tally>): NonNullable<GroceryList['pantryAssumed']> {
  const needed = new Set<string>();
  for (const tally of tallies.values()) {
    if (tally.ingredient.fromTheTap) continue;
    needed.add(tally.ingredient.id);
    if (tally.ingredient.shopAs) needed.add(tally.ingredient.shopAs.ingredientId);
  }
  const out: NonNullable<GroceryList['pantryAssumed']> = [];
  for (const entry of pantry) {
    const item: PantryItem = typeof entry === 'string' ? { name: entry } : entry;
    const said = (item.said ?? item.name).trim();
    const id = pantryIngredient(catalog, item)?.id;
    let row = out.find((r) => r.said.toLowerCase() === said.toLowerCase());
    if (!row) {
      row = { said, ingredientIds: [], used: false };
      out.push(row);
    }
    if (item.quantity !== undefined && item.unit) Object.assign(row, { quantity: item.quantity, unit: item.unit });
    if (id && !row.ingredientIds.includes(id)) row.ingredientIds.push(id);
    if (id && needed.has(id)) row.used = true;
  }
  return out;
}

/** Grams in the pantry per ingredient; `Infinity` for an entry without a quantity ("I have enough"). */
function pantryGramsByIngredient(catalog: Catalog, pantry: readonly (PantryItem | string)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of pantry) {
    const item: PantryItem = typeof entry === 'string' ? { name: entry } : entry;
    const ingredient = pantryIngredient(catalog, item);
    if (!ingredient) continue;
    if (item.quantity === undefined) {
      out.set(ingredient.id, Infinity);
      continue;
    }
    if (!item.unit) throw new GroceryInputError(`Pantry ${item.name}: a quantity needs a unit`);
    let grams: number;
    try {
      grams = toGrams(item.quantity, item.unit, ingredient);
    } catch (err) {
      throw new GroceryInputError(`Pantry ${item.name}: ${(err as Error).message}`);
    }
    out.set(ingredient.id, (out.get(ingredient.id) ?? 0) + grams);
  }
  return out;
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
  if (list.unmatched?.length) {
    lines.push('', '**As your recipes say** (not matched to an ingredient yet)');
    for (const line of list.unmatched) lines.push(`- [ ] ${line.text}`);
  }
  return lines.join('\n').trim();
}
