'use client';

import { useEffect, useState } from 'react';
import type { PlannedMeal } from '@/lib/chat-types';
import { Modal } from './modal';

/** How finely the agent says a counted thing is cut (`pieceCut` on a plan ingredient): the step a count rounds to. */
const PIECE_STEP = { whole: 1, halves: 1 / 2, quarters: 1 / 4 } as const;

/** A pinch is 1/16 tsp on measuring-spoon sets; below the midpoint to ⅛ tsp an amount reads as a pinch. */
const PINCH_BELOW_TSP = 3 / 32;

function withGlyph(value: number): string {
  const whole = Math.floor(value);
  const fraction = value - whole;
  const glyph = fraction === 0.25 ? '¼' : fraction === 0.5 ? '½' : fraction === 0.75 ? '¾' : '';
  return whole > 0 ? `${whole}${glyph}` : glyph;
}

/**
 * A plan ingredient's quantity scaled by `factor`, with its unit, as a cook reads it. A count keeps to how the thing
 * is cut and never drops below one cut, so no egg reads "5⅓" or "¾"; without `pieceCut` (plans saved before it) it
 * counts whole ones, since a whole onion for a quarter is a smaller slip than ¾ of an egg. Spoons too small to measure
 * read "a pinch"; no amount reads 0.
 */
export function scaledQuantity(ingredient: { quantity: number; unit: string; pieceCut?: keyof typeof PIECE_STEP }, factor: number): string {
  const value = ingredient.quantity * factor;
  const { unit } = ingredient;
  if (unit === 'piece') {
    const step = PIECE_STEP[ingredient.pieceCut ?? 'whole'];
    const count = Math.max(step, Math.round(value / step) * step);
    return `${withGlyph(count)} ${unit}`;
  }
  const teaspoons = unit === 'tsp' ? value : unit === 'tbsp' ? value * 3 : null;
  if (teaspoons !== null && teaspoons < PINCH_BELOW_TSP) return 'a pinch';
  if (value >= 10) return `${Math.round(value)} ${unit}`;
  const rounded = Math.round(value * 4) / 4;
  return `${rounded === 0 ? Number(value.toPrecision(2)) : withGlyph(rounded)} ${unit}`;
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
          {meal.cuisine ? <span className="capitalize"> · {meal.cuisine}</span> : null} · {meal.prepMinutes} min prep, {meal.cookMinutes} min cook ·{' '}
          {Math.round(meal.nutrition.kcal)} kcal and {Math.round(meal.nutrition.proteinG)} g protein per serving
        </p>
        <div className="mt-4 flex items-center gap-3">
          <span className="text-sm font-semibold" id="servings-label">
            Servings
          </span>
          <div className="flex items-center rounded-full border border-cream-300 bg-white" role="group" aria-labelledby="servings-label">
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
