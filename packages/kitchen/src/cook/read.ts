/**
 * A recipe the cook brings, read for review before it is saved: every ingredient line matched (or not, and why), the
 * page's headings kept as groups, meal types read from its categories; and pasted text split into title, ingredients
 * and steps. Pure: the web app fetches and extracts pages, the kitchen reads what they say.
 */
import type { Catalog } from '../catalog';
import { ALLERGENS, MEAL_TYPES, type Allergen, type MealType } from '../types';
import { kitchenAmount } from './amount';
import { readIngredientLine } from './line-match';
import { parseIngredientLine } from './line-parse';
import { missingFrom, readLineWords } from './line-words';
import type { CookLine } from './types';

/** A line as the cook reviews it: the line, its match, the matched ingredient's name, why not, what it names. */
export interface ReadLine extends CookLine {
  ingredientName: string | null;
  reason: string | null;
  named: Allergen[];
}

/** Reads ingredient lines in order; a heading ("For the sauce:") is not a line but the group of those after it. */
export function readCookLines(catalog: Catalog, lines: ReadonlyArray<{ text: string; group?: string | null }>): ReadLine[] {
  const out: ReadLine[] = [];
  let heading: string | null = null;
  for (const line of lines) {
    const text = line.text.trim();
    if (!text) continue;
    const reading = readIngredientLine(catalog, text);
    if (reading.parsed.isHeader) {
      heading = reading.parsed.text.replace(/:\s*$/, '').trim() || null;
      continue;
    }
    out.push({
      text: reading.parsed.text,
      group: line.group ?? heading,
      match: reading.match,
      safe: null,
      ingredientName: reading.match ? (catalog.ingredientById.get(reading.match.ingredientId)?.name ?? null) : null,
      reason: reading.reason,
      named: reading.named,
    });
  }
  return out;
}

const MEAL_WORDS: ReadonlyArray<[RegExp, MealType]> = [
  [/\b(breakfast|brunch|porridge|pancakes?|waffles?|granola)\b/, 'breakfast'],
  [/\b(lunch|lunches|lunchbox|sandwich(es)?|salads?|soups?|wraps?)\b/, 'lunch'],
  [/\b(dinner|dinners|supper|main|mains|main course|main dish|entree|entrée|weeknight)\b/, 'dinner'],
  [/\b(snacks?|appeti[sz]ers?|starters?|desserts?|sides?|side dish|treats?|cookies?|cakes?|baking|dips?|drinks?)\b/, 'snack'],
];

/** Meal types a page's categories and keywords name ("Main Course" → dinner); dinner when they name none. */
export function mealTypesFromWords(words: readonly string[]): MealType[] {
  const text = words.join(' ').toLowerCase();
  const found = new Set<MealType>();
  for (const [pattern, mealType] of MEAL_WORDS) if (pattern.test(text)) found.add(mealType);
  return found.size > 0 ? MEAL_TYPES.filter((m) => found.has(m)) : ['dinner'];
}

export interface PastedRecipe {
  title: string;
  servings: number | null;
  ingredients: string[];
  steps: string[];
}

const INGREDIENTS_HEADING = /^(?:ingredients?|you(?:'ll)? need|what you need|shopping list)\s*:?\s*$/i;
const STEPS_HEADING = /^(?:method|instructions?|directions?|steps?|preparation|how to make it|to make)\s*:?\s*$/i;
const SERVES = /^(?:serves|servings|yield|yields|makes|for)\s*:?\s*(\d+)/i;

const STEP_VERB = /^(?:add|bake|beat|blend|boil|bring|chop|combine|cook|cover|drain|fold|fry|grill|heat|knead|leave|let|mix|place|pour|preheat|put|reduce|remove|roast|saut[eé]|simmer|slice|spread|sprinkle|stir|tip|toss|transfer|whisk)\b/i;

/** A method's line: a sentence (or several), a long line, or one that starts with a cooking verb and no amount. */
function readsAsStep(line: string): boolean {
  if (line.length > 120 || /[.!?]\s+\S/.test(line)) return true;
  const parsed = parseIngredientLine(line);
  return parsed.quantity === null && !parsed.isHeader && (/[.!?]$/.test(line) || STEP_VERB.test(line));
}

/**
 * Pasted text as a recipe: the first line is the title; "Ingredients" and "Method" (or "Instructions", "Directions")
 * headings split the rest when present; otherwise the lines before the first that reads as a step are ingredients and
 * the rest are steps. "Serves 4" gives the servings. Null when no ingredient line is found.
 */
export function splitPastedRecipe(text: string): PastedRecipe | null {
  const lines = text
    .split(/\r?\n/)
    // List marks go ("- 2 eggs", "1. Whisk…"); "2 eggs" keeps its number: a step number is followed by "." or ")".
    .map((l) => l.trim().replace(/^(?:[-•*▢]\s*|\d+[.)]\s+)/, '').trim())
    .filter(Boolean);
  if (lines.length < 2) return null;
  const title = lines[0]!.replace(/^#+\s*/, '');
  let servings: number | null = null;
  const ingredients: string[] = [];
  const steps: string[] = [];
  let section: 'none' | 'ingredients' | 'steps' = 'none';
  let inSteps = false;
  const hasHeadings = lines.some((l) => INGREDIENTS_HEADING.test(l));
  for (const line of lines.slice(1)) {
    const serves = SERVES.exec(line);
    if (serves && line.length < 40) {
      servings = Number(serves[1]);
      continue;
    }
    if (INGREDIENTS_HEADING.test(line)) {
      section = 'ingredients';
      continue;
    }
    if (STEPS_HEADING.test(line)) {
      section = 'steps';
      continue;
    }
    if (hasHeadings) {
      if (section === 'ingredients') ingredients.push(line);
      else if (section === 'steps') steps.push(line);
      continue;
    }
    if (inSteps) {
      steps.push(line);
      continue;
    }
    // Until the first step, every line that does not read as one is an ingredient, with or without an amount: "salt to
    // taste", "to serve: toasted almonds (optional)" count (an unmatched line keeps the recipe from anyone with an
    // allergy until the cook resolves it; a line taken for a step would hide its allergen).
    if (!readsAsStep(line)) ingredients.push(line);
    else {
      steps.push(line);
      // A sentence before any ingredient is an introduction, not the start of the method.
      if (ingredients.length > 0) inSteps = true;
    }
  }
  if (ingredients.length === 0) return null;
  return { title, servings: servings && servings > 0 && servings <= 100 ? servings : null, ingredients, steps };
}

/**
 * A line the cook matched by hand: the ingredient they picked, the amount read from the line in the kitchen's units
 * (0 when it cannot be weighed), and what the line names that the ingredient does not carry, to warn them (the cook's
 * word stands, as it is theirs; the kitchen never makes such a match itself).
 */
export function readLineAs(catalog: Catalog, text: string, ingredientId: string): (ReadLine & { lacks: string[] }) | null {
  const ingredient = catalog.ingredientById.get(ingredientId);
  if (!ingredient) return null;
  const parsed = parseIngredientLine(text);
  const words = readLineWords(catalog, parsed.text);
  const amount = kitchenAmount(parsed, ingredient);
  return {
    text: parsed.text,
    group: null,
    match: { ingredientId, quantity: amount?.quantity ?? 0, unit: amount?.unit ?? 'g', by: 'cook' },
    safe: null,
    ingredientName: ingredient.name,
    reason: null,
    named: ALLERGENS.filter((a) => words.implied.allergens.has(a)),
    lacks: missingFrom(words.implied, ingredient),
  };
}
