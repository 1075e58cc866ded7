/**
 * A plan as a calendar file: one event per meal, at the usual time of its slot, on the plan's weekdays from a start
 * date, with the recipe (ingredients for the servings cooked, and steps) in its description.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { mealMinutesLabel, type MealPlan, type MealType } from '@chef-chopsky/contract/plan';

const SLOT_TIME: Record<MealType, [number, number]> = { breakfast: [8, 0], lunch: [12, 30], snack: [16, 0], dinner: [18, 30] };
const SLOT_LABEL: Record<MealType, string> = { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner', snack: 'Snack' };

/** The Monday on or after `from` (a plan's day 1 is a Monday). */
export function nextMonday(from: Date): Date {
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const offset = (8 - day.getUTCDay()) % 7;
  day.setUTCDate(day.getUTCDate() + offset);
  return day;
}

/** The .ics text. `start` is the calendar date of day 1 (YYYY-MM-DD); times are floating (the cook's own clock). */
export function planCalendar(plan: MealPlan, options: { start: string; name?: string; url?: string }): string {
  const [year, month, date] = options.start.split('-').map(Number) as [number, number, number];
  const calendar = ical({ name: options.name ?? 'Chef Chopsky meal plan', prodId: { company: 'Chef Chopsky', product: 'meal-plan' }, method: ICalCalendarMethod.PUBLISH });
  for (const day of plan.days) {
    for (const meal of day.meals) {
      const [hour, minute] = SLOT_TIME[meal.slot];
      const start = new Date(year, month - 1, date + day.day - 1, hour, minute);
      const minutes = Math.max(15, meal.prepMinutes + meal.cookMinutes);
      const ingredients = meal.ingredients.map((i) => `- ${i.name}: ${i.display}${i.note ? ` (${i.note})` : ''}`);
      const description = [
        meal.leftoverOf ? 'Leftovers: reheat and serve.' : `Serves ${meal.servings}${meal.cookServings > meal.servings ? ` (cook ${meal.cookServings}: the rest is for later)` : ''} · ${mealMinutesLabel(meal)}`,
        ...(ingredients.length ? ['', 'Ingredients:', ...ingredients] : []),
        ...(meal.steps.length ? ['', 'Steps:', ...meal.steps.map((step, i) => `${i + 1}. ${step}`)] : []),
      ].join('\n');
      calendar.createEvent({
        id: `${plan.id}-${day.day}-${meal.slot}@chef-chopsky`,
        start,
        end: new Date(start.getTime() + (meal.leftoverOf ? 30 : minutes) * 60_000),
        floating: true,
        summary: `${SLOT_LABEL[meal.slot]}: ${meal.title}${meal.leftoverOf ? ' (leftovers)' : ''}`,
        description,
        ...(options.url ? { url: options.url } : {}),
      });
    }
  }
  return calendar.toString();
}
