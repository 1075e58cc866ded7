'use client';

import { useEffect, useState } from 'react';
import { mealMinutesLabel } from '@chef-chopsky/contract/plan';
import type { PlannedMeal } from '@/lib/chat-types';
import { Modal } from './modal';

/*
 * Scaled quantities read as the agent writes a plan line (`recipeQuantityText` in agent/src/kitchen/units.ts), so a
 * line reads the same before and after the cook changes servings: "5 eggs", "½ avocado", "⅜ tsp", "1 ½ cups". The two
 * workspaces share no code, so this is a copy of those rules; tests/recipe-dialog.test.ts holds it to the agent's text
 * for every counted and measured line of every recipe.
 */

/** How finely the agent says a counted thing is cut (`pieceCut` on a plan ingredient): the step a count rounds to. */
const PIECE_STEP = { whole: 1, halves: 1 / 2, quarters: 1 / 4 } as const;
type PieceCut = keyof typeof PIECE_STEP;

/** The agent's exact US volumes, so the choice between spoons and cups flips at the same amounts. */
const ML_PER = { tsp: 4.92892159375, tbsp: 14.78676478125, cup: 236.5882365 } as const;

/** A pinch is 1/16 tsp on measuring-spoon sets; below the midpoint to ⅛ tsp an amount reads as a pinch. */
const PINCH_BELOW_TSP = 3 / 32;

const GLYPHS: ReadonlyArray<readonly [number, string]> = [
  [0, ''],
  [1 / 8, '⅛'],
  [1 / 4, '¼'],
  [1 / 3, '⅓'],
  [1 / 2, '½'],
  [2 / 3, '⅔'],
  [3 / 4, '¾'],
  [1, ''],
];

/** Whole part and the nearest common fraction no finer than `finest` ("1 ½", "⅔"); never "0" for an amount. */
function fraction(value: number, finest: number): string {
  let whole = Math.floor(value);
  let best = GLYPHS[0]!;
  for (const candidate of GLYPHS) {
    if (candidate[0] !== 0 && candidate[0] !== 1 && candidate[0] < finest - 1e-9) continue;
    if (Math.abs(value - whole - candidate[0]) < Math.abs(value - whole - best[0])) best = candidate;
  }
  if (best[0] === 1) {
    whole += 1;
    best = GLYPHS[0]!;
  }
  if (whole === 0 && best[1] === '') return fraction(finest, finest);
  if (whole === 0) return best[1];
  return best[1] ? `${whole} ${best[1]}` : String(whole);
}

/** Measuring spoons hold eighths of a teaspoon (⅜ is ¼ and ⅛) and halves of a tablespoon, never thirds. */
const EIGHTHS = ['', '⅛', '¼', '⅜', '½', '⅝', '¾', '⅞'] as const;

function spoon(amount: number, step: number, unit: 'tsp' | 'tbsp'): string {
  const eighths = Math.round(Math.max(step, Math.round(amount / step) * step) * 8);
  const whole = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  return `${whole === 0 ? part : part ? `${whole} ${part}` : String(whole)} ${unit}`;
}

/** Teaspoons below a tablespoon, tablespoons below a quarter cup, cups above, as the agent picks them. */
function spoonsOrCups(ml: number): string {
  const tbsp = ml / ML_PER.tbsp;
  if (tbsp < 1 - 1 / 8) {
    const tsp = ml / ML_PER.tsp;
    return tsp < PINCH_BELOW_TSP ? 'a pinch' : spoon(tsp, 1 / 8, 'tsp');
  }
  const cups = ml / ML_PER.cup;
  if (cups < 0.25 - 1 / 32) return spoon(tbsp, 1 / 2, 'tbsp');
  const text = fraction(cups, 1 / 4);
  return `${text} ${text === '1' || !/\d/.test(text) ? 'cup' : 'cups'}`;
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
const IRREGULAR_SINGULARS = Object.fromEntries(Object.entries(IRREGULAR_PLURALS).map(([one, many]) => [many, one]));

/** The noun is the last word before any qualifier: "apricot halves", "cans, drained". */
function onNoun(label: string, change: (word: string) => string): string {
  const comma = label.indexOf(',');
  if (comma > 0) return onNoun(label.slice(0, comma), change) + label.slice(comma);
  const space = label.lastIndexOf(' ');
  return label.slice(0, space + 1) + change(label.slice(space + 1));
}

function pluralize(label: string): string {
  return onNoun(label, (word) => {
    const lower = word.toLowerCase();
    if (IRREGULAR_PLURALS[lower]) return IRREGULAR_PLURALS[lower];
    if (/(s|x|z|ch|sh)$/.test(lower)) return `${word}es`;
    if (/[^aeiou]y$/.test(lower)) return `${word.slice(0, -1)}ies`;
    return `${word}s`;
  });
}

/** The inverse of `pluralize` for the agent's piece names; a singular name (none ends in a lone "s") is kept. */
function singularize(label: string): string {
  return onNoun(label, (word) => {
    const lower = word.toLowerCase();
    if (IRREGULAR_SINGULARS[lower]) return IRREGULAR_SINGULARS[lower];
    if (/[^aeiou]ies$/.test(lower)) return `${word.slice(0, -3)}y`;
    if (/(s|x|z|ch|sh)es$/.test(lower)) return word.slice(0, -2);
    if (/[^s]s$/.test(lower)) return word.slice(0, -1);
    return word;
  });
}

/**
 * What one piece is called, singular: from the plan's own display ("4 eggs", "1 ½ avocados", "2 cans, drained"), which
 * names the piece as the agent does (a clove of garlic, a head of broccoli); the ingredient's name when there is none.
 */
function pieceName(ingredient: { name: string; display?: string }): string {
  const label = /^[\d¼½¾⅛⅜⅝⅞⅓⅔][\d ¼½¾⅛⅜⅝⅞⅓⅔]* ([^\d ¼½¾⅛⅜⅝⅞⅓⅔].*)$/u.exec(ingredient.display ?? '')?.[1];
  return singularize(label ?? ingredient.name.toLowerCase());
}

/**
 * A plan ingredient's quantity scaled by `factor`, with its unit, as a cook reads it. A count keeps to how the thing
 * is cut and never drops below one cut, so no egg reads "5 ⅓" or "¾"; without `pieceCut` (plans saved before it) it
 * counts whole ones, since a whole onion for a quarter is a smaller slip than ¾ of an egg. Spoons and cups are
 * measured as the agent measures them (⅛ tsp, ½ tbsp, then cups; "a pinch" below ⅛ tsp); no amount reads 0.
 */
export function scaledQuantity(ingredient: { name: string; quantity: number; unit: string; display?: string; pieceCut?: PieceCut }, factor: number): string {
  const value = ingredient.quantity * factor;
  const { unit } = ingredient;
  if (unit === 'piece') {
    const step = PIECE_STEP[ingredient.pieceCut ?? 'whole'];
    const count = Math.max(step, Math.round(value / step) * step);
    const name = pieceName(ingredient);
    return `${fraction(count, step)} ${count > 1 ? pluralize(name) : name}`;
  }
  if (unit === 'tsp' || unit === 'tbsp' || unit === 'cup') return spoonsOrCups(value * ML_PER[unit]);
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${unit}`;
}

/** Grams as shown beside a quantity; a pinch is "<1 g", not 0. */
export function gramsText(grams: number): string {
  return grams > 0 && grams < 0.5 ? '<1 g' : `${Math.round(grams)} g`;
}

/** A recipe from the plan: ingredients scaled to the household (adjustable), then the steps. */
export function RecipeDialog({ meal, dayLabel, onClose }: { meal: PlannedMeal | null; dayLabel: string; onClose: () => void }) {
  // The ingredients come scaled to what is cooked: a batch that also feeds later leftovers cooks more than one meal's
  // servings, so that is where the count starts.
  const batch = meal ? Math.max(meal.servings, meal.cookServings ?? 0) || 1 : 1;
  const [servings, setServings] = useState(batch);
  useEffect(() => setServings(batch), [meal, batch]);
  if (!meal) return <Modal open={false} title="" onClose={onClose}>{null}</Modal>;
  const factor = servings / batch;

  return (
    <Modal open title={meal.title} onClose={onClose} size="lg">
      <div data-testid="recipe-dialog">
        <p className="text-sm text-ink-700">
          {dayLabel} · <span className="capitalize">{meal.slot}</span>
          {meal.cuisine ? <span className="capitalize"> · {meal.cuisine}</span> : null} · {meal.cook?.minutesUnknown ? mealMinutesLabel(meal) : `${meal.prepMinutes} min prep, ${meal.cookMinutes} min cook`} ·{' '}
          {Math.round(meal.nutrition.kcal)} kcal and {Math.round(meal.nutrition.proteinG)} g protein per serving
        </p>
        <div className="mt-4 flex items-center gap-3">
          <span className="text-sm font-semibold" id="servings-label">
            Servings
          </span>
          <div className="flex items-center rounded-full border border-cream-300 bg-surface" role="group" aria-labelledby="servings-label">
            <button type="button" className="btn-ghost rounded-full px-3" aria-label="Fewer servings" onClick={() => setServings((s) => Math.max(1, s - 1))}>
              −
            </button>
            <output className="w-8 text-center font-semibold" aria-live="polite" data-testid="servings">
              {servings}
            </output>
            <button type="button" className="btn-ghost rounded-full px-3" aria-label="More servings" onClick={() => setServings((s) => Math.min(20, s + 1))}>
              +
            </button>
          </div>
        </div>
        {batch > meal.servings ? (
          <p className="mt-2 text-sm text-ink-700" data-testid="batch-note">
            Cooks {batch} servings: {meal.servings} for this meal and {batch - meal.servings} for the leftovers later in the plan.
          </p>
        ) : null}
        <h3 className="mt-5 font-serif font-semibold">Ingredients</h3>
        <ul className="mt-2 divide-y divide-cream-200 text-sm" data-testid="recipe-ingredients">
          {meal.ingredients.map((ingredient) => (
            <li key={ingredient.ingredientId} className="flex justify-between gap-4 py-1.5">
              <span>
                {ingredient.name}
                {ingredient.note ? <span className="text-ink-500">, {ingredient.note}</span> : null}
              </span>
              <span className="text-right whitespace-nowrap text-ink-700">
                {factor === 1 && ingredient.display ? ingredient.display : scaledQuantity(ingredient, factor)}
                <span className="text-ink-500"> · {gramsText(ingredient.grams * factor)}</span>
              </span>
            </li>
          ))}
          {/* A cook's own lines the kitchen could not match: part of the recipe, as written, not scaled or weighed. */}
          {(meal.cook?.unmatched ?? []).map((text) => (
            <li key={`as-written-${text}`} className="flex justify-between gap-4 py-1.5" data-testid="recipe-line-as-written">
              <span>{text}</span>
              <span className="text-right text-xs whitespace-nowrap text-ink-500">as written, not matched</span>
            </li>
          ))}
        </ul>
        <h3 className="mt-5 font-serif font-semibold">Steps</h3>
        <ol className="mt-2 list-decimal space-y-2 pl-5 text-sm leading-relaxed">
          {meal.steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      </div>
    </Modal>
  );
}
