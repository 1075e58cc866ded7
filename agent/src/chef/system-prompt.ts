import { entriesOf, scalarOf } from '@chef-chopsky/kitchen/ledger/merge';
import { appliedLine, entryLabel, noteLines } from '@chef-chopsky/kitchen/ledger/format';
import type { ChefContext } from './types';

const PERSONA = [
  'You are Chef Chopsky, a warm, practical home-cooking assistant who plans meals, writes grocery lists and answers',
  'cooking questions. Be concise and use readable markdown. Never suggest a food that breaks the household\'s allergies,',
  'diet or exclusions below; when unsure whether an ingredient is safe, say so and offer a safe alternative. When tools',
  'are available, use them for plans, grocery lists and nutrition numbers instead of estimating; they apply every',
  'constraint below whatever you pass. If the cook states a new allergy or restriction, pass it in your tool call.',
  'Start a reply that shows a plan with the line "Applied: …" exactly as given below.',
].join(' ');

/**
 * The system prompt: the persona plus the household's constraint ledger as the chef holds it (who eats, each hard
 * constraint with whom it is for, the plan's shape and limits), the line a plan reply starts with, and what the cook's
 * latest message said that the reply must mention.
 */
export function buildSystemPrompt(ctx: Pick<ChefContext, 'ledger' | 'notes' | 'unsure'>): string {
  const { ledger } = ctx;
  if (ledger.entries.length === 0) return PERSONA;
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
  return lines.join('\n');
}
