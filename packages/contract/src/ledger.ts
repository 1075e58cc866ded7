/**
 * The constraint ledger on the wire (docs/api.md): sent by the web app with every chat, returned by the agent in its
 * `ledger` event, edited through the web app's chips. The kitchen defines its meaning (packages/kitchen/src/ledger);
 * this schema checks a ledger that arrives from outside, entry by entry, and names the field of any problem.
 */
import { z } from 'zod';
import { AGE_GROUPS, MAX_LEDGER_ENTRIES, TARGET_NUTRIENTS, type ConstraintLedger, type LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import { ALLERGENS, DIETS, MEAL_TYPES, PATTERNS } from '@chef-chopsky/kitchen/types';

export { MAX_LEDGER_ENTRIES, type ConstraintLedger, type LedgerEntry };
export type { LedgerSource, LedgerLift, AgeGroup } from '@chef-chopsky/kitchen/ledger/types';

const text = (max: number) => z.string().trim().min(1).max(max);
const word = text(80).transform((t) => t.toLowerCase());

export const ledgerSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile') }),
  z.object({ kind: z.literal('message'), turn: z.number().int().min(0).max(10_000), quote: z.string().max(400) }),
  z.object({ kind: z.literal('edit') }),
  z.object({ kind: z.literal('model') }),
]);

const base = {
  id: text(120),
  source: ledgerSourceSchema,
  who: text(60).optional(),
  unsure: text(300).optional(),
};

/** One entry; an allergen, diet, regime or age group outside the known lists is refused with the field named. */
export const ledgerEntrySchema = z.discriminatedUnion('field', [
  z.object({ ...base, field: z.literal('people'), count: z.number().int().min(1).max(20) }),
  z.object({ ...base, field: z.literal('member'), label: text(60), ageGroup: z.enum(AGE_GROUPS) }),
  z.object({ ...base, field: z.literal('allergen'), allergen: z.enum(ALLERGENS, { error: `Unknown allergen: use one of ${ALLERGENS.join(', ')}` }) }),
  z.object({ ...base, field: z.literal('diet'), diet: z.enum(DIETS) }),
  z.object({ ...base, field: z.literal('pattern'), pattern: z.enum(PATTERNS) }),
  z.object({ ...base, field: z.literal('exclude'), term: word }),
  z.object({ ...base, field: z.literal('dislike'), term: word }),
  z.object({ ...base, field: z.literal('want'), term: word }),
  z.object({ ...base, field: z.literal('useUp'), term: word }),
  z.object({ ...base, field: z.literal('meals'), meals: z.array(z.enum(MEAL_TYPES)).min(1).max(4) }),
  z.object({ ...base, field: z.literal('days'), days: z.number().int().min(1).max(14) }),
  z.object({ ...base, field: z.literal('maxMinutesPerMeal'), minutes: z.number().int().min(5).max(600) }),
  z.object({ ...base, field: z.literal('totalMinutes'), minutes: z.number().int().min(10).max(10_080) }),
  z.object({ ...base, field: z.literal('target'), nutrient: z.enum(TARGET_NUTRIENTS), amount: z.number().min(1).max(10_000), per: z.enum(['day', 'meal']) }),
  z.object({ ...base, field: z.literal('units'), units: z.enum(['metric', 'us']) }),
]);

export const ledgerSchema = z.object({
  entries: z.array(ledgerEntrySchema).max(MAX_LEDGER_ENTRIES, `Too many constraints: at most ${MAX_LEDGER_ENTRIES}`),
  lifted: z.array(z.object({ id: text(120), source: ledgerSourceSchema })).max(200),
});

/** A cook's change to the ledger from the web app: add a constraint in words ("no mushrooms") or lift one by id. */
export const ledgerEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), text: text(300) }),
  z.object({ op: z.literal('remove'), id: text(120) }),
]);
export type LedgerEdit = z.infer<typeof ledgerEditSchema>;

/** What the agent says it understood, in its `ledger` event: the ledger the reply used, its line and its notes. */
export interface LedgerEvent {
  ledger: ConstraintLedger;
  /** "For 4 · no peanuts, shellfish · vegetarian", as the plan reply starts. */
  applied: string;
  /** One line each: what was applied on the safe side, what the chef could not check or honour. */
  notes: string[];
}

/** One ledger entry as the web app shows it: a chip with its words, where it came from, and whether it is hard. */
export interface LedgerChip {
  id: string;
  field: LedgerEntry['field'];
  /** "No peanuts (son)", "Vegetarian", "For 4". */
  label: string;
  /** Where it came from, for the chip's hover text: "You said: “…”", "From your household profile". */
  source: string;
  sourceKind: LedgerEntry['source']['kind'];
  /** A hard constraint (allergy, diet, regime, exclusion, dislike): a plan never breaks it. */
  hard: boolean;
  /** Applied on the safe side from uncertain words: why, in one line. */
  unsure?: string;
}

/** A conversation's ledger as the browser receives it (the web app's `ledger` event and its conversation API). */
export interface LedgerView {
  chips: LedgerChip[];
  /** The line a plan starts with: "For 4 · no peanuts, shellfish · vegetarian". */
  applied: string;
}

// The wire schema and the kitchen's type must stay one shape: this fails to compile when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const LEDGER_SCHEMA_MATCHES_KITCHEN: Same<z.infer<typeof ledgerEntrySchema>, LedgerEntry> = true;
