import { mealMinutesLabel } from '@chef-chopsky/contract/plan';
import type { GroceryList, MealPlan, MealSlot } from '@/lib/chat-types';

const SLOT_LABEL: Record<MealSlot, string> = { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack' };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * A plan on paper: the week, each meal with its time, and the grocery list by aisle. Server-rendered, no script: the
 * printable week and the read-only shared link both show it.
 */
export function PlanSheet({ plan, grocery, heading, note }: { plan: MealPlan; grocery: GroceryList; heading: string; note?: string }) {
  const slots = (['breakfast', 'lunch', 'dinner', 'snack'] as MealSlot[]).filter((slot) => plan.days.some((d) => d.meals.some((m) => m.slot === slot)));
  const hard = [
    ...plan.allergensExcluded.map((a) => `no ${a.replace('_', ' ')}`),
    ...(plan.exclude ?? []).map((e) => `no ${e.replace('-', ' ')}`),
    ...(plan.patterns ?? []),
    ...(plan.diet !== 'omnivore' ? [plan.diet] : []),
  ];
  return (
    <article className="mx-auto max-w-5xl space-y-6 px-4 py-8 print:px-0 print:py-0" data-testid="plan-sheet">
      <header>
        <h1 className="font-serif text-2xl font-semibold">{heading}</h1>
        <p className="mt-1 text-sm text-ink-700">
          Serves {plan.servings} · {plan.days.length} {plan.days.length === 1 ? 'day' : 'days'}
          {hard.length ? ` · ${hard.join(', ')}` : ''}
        </p>
        {note ? <p className="mt-1 text-sm text-ink-500">{note}</p> : null}
      </header>
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Meals by day</caption>
        <thead>
          <tr className="text-left text-xs tracking-wide text-ink-500 uppercase">
            <th scope="col" className="border-b border-cream-300 py-2 pr-3">
              Day
            </th>
            {slots.map((slot) => (
              <th key={slot} scope="col" className="border-b border-cream-300 px-3 py-2">
                {SLOT_LABEL[slot]}
              </th>
            ))}
            <th scope="col" className="border-b border-cream-300 px-3 py-2">
              Per person
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.days.map((day) => (
            <tr key={day.day} className="align-top break-inside-avoid" data-testid="sheet-day">
              <th scope="row" className="border-b border-cream-200 py-2 pr-3 text-left font-serif font-semibold">
                {day.label}
              </th>
              {slots.map((slot) => {
                const meal = day.meals.find((m) => m.slot === slot);
                return (
                  <td key={slot} className="border-b border-cream-200 px-3 py-2">
                    {meal ? (
                      <>
                        <span className="font-medium">{meal.title}</span>
                        <span className="block text-xs text-ink-500">{meal.leftoverOf ? 'leftovers' : mealMinutesLabel(meal)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                );
              })}
              <td className="border-b border-cream-200 px-3 py-2 text-xs whitespace-nowrap text-ink-700">
                {fmt(day.nutrition.kcal)} kcal · {fmt(day.nutrition.proteinG)} g protein
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="sheet-grocery" className="break-before-page">
        <h2 id="sheet-grocery" className="font-serif text-xl font-semibold">
          Grocery list <span className="font-sans text-sm font-normal text-ink-500">· {grocery.itemCount} items</span>
        </h2>
        <div className="mt-3 gap-x-8 sm:columns-2 print:columns-2">
          {grocery.sections.map((section) => (
            <div key={section.section} className="mb-4 break-inside-avoid">
              <h3 className="text-xs font-semibold tracking-wide text-ink-500 uppercase">{section.section}</h3>
              <ul className="mt-1 space-y-0.5 text-sm">
                {section.items.map((item) => (
                  <li key={item.ingredientId}>
                    ☐ <span className="font-medium">{item.name}</span> · {item.display}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
    </article>
  );
}
