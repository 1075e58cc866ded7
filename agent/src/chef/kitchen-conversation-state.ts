/**
 * What a user turn asks for, in built-in planner mode: a new plan, a change to the current one (a swap, the servings, a
 * pantry note), the grocery list, nutrition, a search (read in intents.ts). What the household can and cannot eat
 * lives in the constraint ledger, and the current plan is a stored document the web app sends (kitchen-brain.ts turns
 * this reading into the tools' actions); nothing here replays the conversation.
 */
import type { ConstraintLedger, TurnReading } from '@chef-chopsky/kitchen/ledger/types';

// What a turn asks for is read in intents.ts (parseTurn and its steps); kept importable from here.
export { parseTurn, resolveSwapTarget, type Nutrient, type ParsedTurn, type TurnContext } from './intents';

/** Fields a plan is made from: a turn that changes one of them re-plans the current plan. */
const PLAN_FIELDS = new Set(['people', 'allergen', 'diet', 'pattern', 'exclude', 'dislike', 'want', 'useUp', 'meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'target']);

/** Whether a turn's reading changes what the plan is made from. */
export function changesPlan(reading: TurnReading, before: ConstraintLedger): boolean {
  if (reading.lifts.some((id) => before.entries.some((e) => e.id === id))) return true;
  return reading.adds.some((e) => {
    if (!PLAN_FIELDS.has(e.field)) return false;
    const held = before.entries.find((h) => h.id === e.id);
    return !held || JSON.stringify({ ...held, source: null, unsure: null }) !== JSON.stringify({ ...e, source: null, unsure: null });
  });
}
