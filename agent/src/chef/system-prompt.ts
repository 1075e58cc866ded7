import { entriesOf, scalarOf } from '@chef-chopsky/kitchen/ledger/merge';
import { appliedLine, entryLabel, noteLines } from '@chef-chopsky/kitchen/ledger/format';
import type { ChefContext } from './types';

const PERSONA = [
  'You are Chef Chopsky, a warm, practical home-cooking assistant who plans meals, writes grocery lists and answers',
  'cooking questions. Be concise and use readable markdown. Never suggest a food that breaks the household\'s allergies,',
  'diet or exclusions below; when unsure whether an ingredient is safe, say so and offer a safe alternative. When tools',
  'are available, use them for plans, grocery lists and nutrition numbers instead of estimating; they apply every',
  'constraint below whatever you pass. If the cook states a new allergy or restriction, pass it in your tool call.',
  'Start a reply that shows a plan with the line "Applied: …" exactly as given below. The plan itself is shown to the',
  'cook next to the chat: say in a sentence or two what you made or changed, not the whole plan. To change the current',
  'plan (swap, lock, servings, days, meals, re-plan) call change_plan; plan_meals starts a new plan.',
].join(' ');

/**
 * The system prompt: the persona plus the household's constraint ledger as the chef holds it (who eats, each hard
 * constraint with whom it is for, the plan's shape and limits), the line a plan reply starts with, and what the cook's
 * latest message said that the reply must mention.
 */
export function buildSystemPrompt(ctx: Pick<ChefContext, 'ledger' | 'notes' | 'unsure' | 'plan'>): string {
  const { ledger } = ctx;
  const plan = planLines(ctx.plan);
  if (ledger.entries.length === 0) return plan.length ? [PERSONA, '', ...plan].join('\n') : PERSONA;
  const hard = ledger.entries.filter((e) => ['allergen', 'diet', 'pattern', 'exclude', 'dislike'].includes(e.field)).map(entryLabel);
  const shape = ledger.entries.filter((e) => ['meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'target', 'units'].includes(e.field)).map(entryLabel);
  const wishes = ledger.entries.filter((e) => e.field === 'want' || e.field === 'useUp').map(entryLabel);
  const members = entriesOf(ledger, 'member').map((m) => `${m.label} (${m.ageGroup})`);
  const lines = [`${PERSONA}`, '', 'The household (hard constraints are never broken):'];
  const people = scalarOf(ledger, 'people')?.count;
  if (people) lines.push(`- Eating: ${people} ${people === 1 ? 'person' : 'people'}.`);
  if (members.length) lines.push(`- Members: ${members.join(', ')}.`);
  if (hard.length) lines.push(`- Hard constraints: ${hard.join('; ')}.`);
  if (shape.length) lines.push(`- Plan: ${shape.join('; ')}.`);
  if (wishes.length) lines.push(`- Wishes: ${wishes.join('; ')}.`);
  const applied = appliedLine(ledger, scalarOf(ledger, 'people')?.count);
  if (applied) lines.push('', `Applied: ${applied}`);
  const notes = noteLines({ entries: [...ctx.unsure], lifted: [] }, ctx.notes);
  if (notes.length) lines.push('', 'Tell the cook, in your own words:', ...notes.map((n) => `- ${n}`));
  if (plan.length) lines.push('', ...plan);
  return lines.join('\n');
}

/** The current plan in a few lines: which meal is on which day (kept ones marked), for the model to refer to. */
function planLines(current: ChefContext['plan']): string[] {
  if (!current) return [];
  const { plan } = current;
  const lines = [`The cook's current plan (version ${current.version}${current.label ? `, last change: ${current.label}` : ''}), for ${plan.servings}:`];
  for (const d of plan.days) {
    const meals = d.meals.map((m) => `${m.slot} ${m.title}${m.leftoverOf ? ' (leftovers)' : ''}${m.locked ? ' [kept]' : ''}`);
    lines.push(`- Day ${d.day} (${d.label}): ${meals.join('; ')}`);
  }
  return lines;
}
