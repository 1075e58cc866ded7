'use client';

import { useState } from 'react';
import { mealMinutesLabel } from '@chef-chopsky/contract/plan';
import { ALLERGEN_LABEL, FOOD_GROUP_LABEL, PATTERN_LABEL, type Allergen, type FoodGroup } from '@chef-chopsky/kitchen/types';
import type { MealPlan, MealSlot, PlannedMeal } from '@/lib/chat-types';
import { IconClock, IconSwap } from './card-icons';
import { IconLock } from './icons';
import { RecipeDialog } from './recipe-dialog';

const SLOT_ORDER: MealSlot[] = ['breakfast', 'lunch', 'dinner', 'snack'];
const SLOT_LABEL: Record<MealSlot, string> = { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack' };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const termText = (term: string) => FOOD_GROUP_LABEL[term as FoodGroup] ?? term;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const andList = new Intl.ListFormat('en', { type: 'conjunction' });
const orList = new Intl.ListFormat('en', { type: 'disjunction' });

/** The marker of a meal that has what the cook asked for ("with chicken"); null when it has none. */
export function wantedMarker(meal: Pick<PlannedMeal, 'wanted'>): string | null {
  return meal.wanted?.length ? `with ${andList.format(meal.wanted)}` : null;
}

/**
 * What the cook asked for that the plan could not include, and why in a word: no recipe that fits the plan has it
 * (`unavailable`), or the plan had no room for it. Null when everything asked for is in, or the plan predates `wanted`.
 */
export function wantedShortfall(plan: Pick<MealPlan, 'wanted'>): string | null {
  const unused = plan.wanted?.unused ?? [];
  const unavailable = unused.filter((term) => plan.wanted?.unavailable.includes(term));
  const noRoom = unused.filter((term) => !unavailable.includes(term));
  const pronoun = (terms: string[]) => (terms.length === 1 ? 'it' : 'them');
  const sentences = [
    unavailable.length ? `Could not include ${orList.format(unavailable)}: no recipe that fits this plan has ${pronoun(unavailable)}.` : null,
    noRoom.length ? `Could not include ${orList.format(noRoom)}: there was no room for ${pronoun(noRoom)} alongside everything else asked for.` : null,
  ].filter(Boolean);
  return sentences.length ? sentences.join(' ') : null;
}

/** What a cook can do to one meal of the current plan: the plan panel's buttons. */
export interface MealActions {
  swap: (day: number, slot: MealSlot) => void;
  lock: (day: number, slot: MealSlot, locked: boolean) => void;
  disabled: boolean;
}

/**
 * The week view: days as rows, meals as columns (stacked cards on a phone), with per-day nutrition per person. With
 * `actions` (the current version in the plan panel) each meal has Swap and Lock; without, it is read-only (an earlier
 * version, a shared link, a reply stored before plans had versions).
 */
export function PlanCard({ plan, actions, title }: { plan: MealPlan; actions?: MealActions; title?: string }) {
  const [open, setOpen] = useState<{ meal: PlannedMeal; dayLabel: string } | null>(null);
  const slots = SLOT_ORDER.filter((slot) => plan.days.some((day) => day.meals.some((meal) => meal.slot === slot)));
  const mealCount = plan.days.reduce((sum, day) => sum + day.meals.length, 0);
  const checks = plan.checks ?? [];
  const shortfall = wantedShortfall(plan);

  // Three or more meals a day leave no room for the per-person column in a narrow panel (below 44rem, on a laptop): it
  // moves under each day's name there. On a phone the days stack and the column stays.
  const narrowHides = slots.length >= 3 ? 'md:@max-[44rem]:hidden' : '';
  return (
    <section className="card @container overflow-hidden" aria-label="Meal plan" data-testid="plan-card">
      <div className="flex flex-wrap items-center gap-2 border-b border-cream-300 bg-cream-50 px-4 py-3">
        <h3 className="mr-auto font-serif text-base font-semibold">
          {title ?? `Your ${plan.days.length}-day plan`} <span className="font-sans text-sm font-normal text-ink-500">· {mealCount} {mealCount === 1 ? 'meal' : 'meals'}</span>
        </h3>
        <span className="rounded-full bg-cream-200 px-2.5 py-0.5 text-xs font-medium">Serves {plan.servings}</span>
        <span className="rounded-full bg-cream-200 px-2.5 py-0.5 text-xs font-medium capitalize">{plan.diet}</span>
        {/* Every hard constraint the plan was made under, as its chips say it. */}
        {[
          ...plan.allergensExcluded.map((allergen) => `No ${ALLERGEN_LABEL[allergen as Allergen] ?? allergen}`),
          ...(plan.exclude ?? []).map((term) => `No ${termText(term)}`),
          ...(plan.patterns ?? []).map((pattern) => capital(PATTERN_LABEL[pattern] ?? pattern)),
          ...plan.dislikes.map((term) => `Not ${termText(term)}`),
        ].map((label) => (
          <span key={label} className="rounded-full bg-basil-600/10 px-2.5 py-0.5 text-xs font-medium text-basil-700" data-testid="plan-constraint">
            {label}
          </span>
        ))}
        {shortfall ? (
          <p className="w-full text-xs text-amber-900" data-testid="plan-wanted-shortfall">
            {shortfall}
          </p>
        ) : null}
      </div>

      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm max-md:block">
          <caption className="sr-only">Meals by day, with nutrition per person</caption>
          <thead className="max-md:sr-only">
            <tr className="text-left text-xs tracking-wide text-ink-500 uppercase">
              <th scope="col" className="px-4 py-2 font-semibold">
                Day
              </th>
              {slots.map((slot) => (
                <th key={slot} scope="col" className="px-3 py-2 font-semibold">
                  {SLOT_LABEL[slot]}
                </th>
              ))}
              <th scope="col" className={`px-3 py-2 font-semibold ${narrowHides}`}>
                Per person
              </th>
            </tr>
          </thead>
          <tbody className="max-md:block">
            {plan.days.map((day) => (
              <tr key={day.day} className="border-t border-cream-200 align-top max-md:block max-md:px-3 max-md:py-3" data-testid="plan-day">
                <th scope="row" className="px-4 py-3 text-left font-serif font-semibold whitespace-nowrap max-md:block max-md:px-1 max-md:pb-2">
                  {day.label}
                  {/* In a narrow panel the day's nutrition sits under its name instead of in a column of its own. */}
                  {narrowHides ? (
                    <span className="mt-1 block font-sans text-xs font-normal text-ink-700 @min-[44rem]:hidden max-md:hidden">
                      {fmt(day.nutrition.kcal)} kcal<span className="sr-only"> · </span>
                      <span className="block">{fmt(day.nutrition.proteinG)} g protein</span>
                    </span>
                  ) : null}
                </th>
                {slots.map((slot) => {
                  const meal = day.meals.find((m) => m.slot === slot);
                  const marker = meal ? wantedMarker(meal) : null;
                  return (
                    <td key={slot} className="px-3 py-3 max-md:block max-md:px-1 max-md:py-1.5">
                      {meal ? (
                        <div className="group rounded-xl p-1 max-md:border max-md:border-cream-200 max-md:p-2">
                          <span className="text-[11px] font-semibold tracking-wide text-ink-500 uppercase md:hidden">{SLOT_LABEL[slot]}</span>
                          <button
                            type="button"
                            className="block text-left font-medium text-ink-900 underline decoration-cream-300 decoration-2 underline-offset-4 hover:decoration-tomato-500"
                            onClick={() => setOpen({ meal, dayLabel: day.label })}
                            data-testid="meal-title"
                          >
                            {meal.title}
                          </button>
                          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-ink-500">
                            {meal.leftoverOf ? null : (
                              <span className="inline-flex items-center gap-0.5">
                                <IconClock className="h-3.5 w-3.5" />
                                {mealMinutesLabel(meal)}
                              </span>
                            )}
                            <span>{fmt(meal.nutrition.kcal)} kcal</span>
                            {meal.leftoverOf ? <span className="rounded bg-cream-200 px-1.5 text-ink-700">leftovers</span> : null}
                            {marker ? (
                              <span className="rounded bg-basil-600/10 px-1.5 text-basil-700" data-testid="meal-wanted">
                                {marker}
                              </span>
                            ) : null}
                          </div>
                          {actions && !meal.leftoverOf ? (
                            <div className="mt-1 flex flex-wrap gap-1" data-print-hide>
                              <button
                                type="button"
                                className="inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 text-xs font-medium text-tomato-700 hover:bg-tomato-500/10 disabled:opacity-40"
                                onClick={() => actions.swap(day.day, slot)}
                                disabled={actions.disabled}
                                aria-label={`Swap ${day.label} ${SLOT_LABEL[slot].toLowerCase()}: ${meal.title}`}
                              >
                                <IconSwap className="h-3.5 w-3.5" /> Swap
                              </button>
                              <button
                                type="button"
                                className={`inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 text-xs font-medium disabled:opacity-40 ${meal.locked ? 'bg-basil-600/10 text-basil-700 hover:bg-basil-600/20' : 'text-ink-700 hover:bg-cream-200'}`}
                                onClick={() => actions.lock(day.day, slot, !meal.locked)}
                                disabled={actions.disabled}
                                aria-pressed={meal.locked}
                                aria-label={`Keep ${day.label} ${SLOT_LABEL[slot].toLowerCase()}: ${meal.title}`}
                                data-testid="meal-lock"
                              >
                                <IconLock className="h-3.5 w-3.5" /> {meal.locked ? 'Kept' : 'Keep'}
                              </button>
                            </div>
                          ) : null}
                        </div>
                      ) : (
                        <span className="text-ink-500 max-md:hidden">—</span>
                      )}
                    </td>
                  );
                })}
                <td className={`px-3 py-3 text-xs whitespace-nowrap text-ink-700 max-md:block max-md:px-1 max-md:pt-2 ${narrowHides}`} data-testid="day-nutrition">
                  <span className="font-semibold text-ink-900">{fmt(day.nutrition.kcal)} kcal</span>
                  <span className="block max-md:inline max-md:before:content-['_·_']">{fmt(day.nutrition.proteinG)} g protein</span>
                  <span className="block max-md:inline max-md:before:content-['_·_']">
                    {fmt(day.nutrition.carbsG)} g carbs · {fmt(day.nutrition.fatG)} g fat
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {checks.length > 0 || (plan.unmet?.length ?? 0) > 0 ? (
        <div className="border-t border-cream-300 bg-cream-50 px-4 py-3">
          <h4 className="sr-only">Checks</h4>
          <ul className="flex flex-wrap gap-2 text-xs">
            {checks.map((check) => (
              <li
                key={check.id}
                title={check.detail}
                className={`rounded-full px-2.5 py-1 ${check.met ? 'bg-basil-600/10 text-basil-700' : 'bg-amber-100 text-amber-900'}`}
              >
                <span aria-hidden="true">{check.met ? '✓ ' : '! '}</span>
                {check.label}
                <span className="sr-only">{check.met ? ' (met)' : ' (not met)'}</span>
                {check.detail ? <span className="sr-only">: {check.detail}</span> : null}
              </li>
            ))}
          </ul>
          {plan.unmet?.map((item) => (
            <p key={item.constraint} className="mt-2 text-xs text-amber-900">
              {item.reason}
              {item.relax ? ` Try: ${item.relax}.` : ''}
            </p>
          ))}
        </div>
      ) : null}

      <RecipeDialog meal={open?.meal ?? null} dayLabel={open?.dayLabel ?? ''} onClose={() => setOpen(null)} />
    </section>
  );
}
