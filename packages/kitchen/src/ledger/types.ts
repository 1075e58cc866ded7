/**
 * The constraint ledger: what the product knows about a conversation's household, as data. Who eats, what they can't
 * eat, what they want, the plan's shape, time and nutrition limits, units; each entry says where it came from. It is
 * merged from the household profile and every user message (extract.ts, merge.ts), stored with the conversation,
 * shown as chips and sent with every agent request. Browser-safe: types only.
 */
import type { FoodGroup, Pattern } from '../exclusions';
import type { Allergen, Diet, MealType } from '../types';

export const AGE_GROUPS = ['adult', 'teen', 'child', 'toddler'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const TARGET_NUTRIENTS = ['kcal', 'proteinG', 'carbsG'] as const;
export type TargetNutrient = (typeof TARGET_NUTRIENTS)[number];

/** At most this many entries in one ledger; the API refuses more (a household is never that long a list). */
export const MAX_LEDGER_ENTRIES = 50;

/**
 * Where an entry came from: the household profile, a user message (`turn` counts the conversation's user messages from
 * 0; `quote` is the words that said it), a chip added in the web app, or the model through a tool.
 */
export type LedgerSource = { kind: 'profile' } | { kind: 'message'; turn: number; quote: string } | { kind: 'edit' } | { kind: 'model' };

interface EntryBase {
  /** Stable key: `allergen:peanuts`, `exclude:pork`, `days`… One entry per key; a scalar's key has no value part. */
  id: string;
  source: LedgerSource;
  /** Whom it is for, as the cook said it ("son"), when they said. */
  who?: string;
  /** Applied on the safe side though the words were not certain: why, in one line the cook can undo. */
  unsure?: string;
}

export type LedgerEntry = EntryBase &
  (
    | { field: 'people'; count: number }
    | { field: 'member'; label: string; ageGroup: AgeGroup }
    | { field: 'allergen'; allergen: Allergen }
    | { field: 'diet'; diet: Diet }
    | { field: 'pattern'; pattern: Pattern }
    | { field: 'exclude'; term: string }
    | { field: 'dislike'; term: string }
    | { field: 'want'; term: string }
    | { field: 'useUp'; term: string }
    | { field: 'meals'; meals: MealType[] }
    | { field: 'days'; days: number }
    | { field: 'maxMinutesPerMeal'; minutes: number }
    | { field: 'totalMinutes'; minutes: number }
    | { field: 'target'; nutrient: TargetNutrient; amount: number; per: 'day' | 'meal' }
    | { field: 'units'; units: 'metric' | 'us' }
  );

export type LedgerField = LedgerEntry['field'];
export type EntryOf<F extends LedgerField> = Extract<LedgerEntry, { field: F }>;

/** Entries a cook lifted (a retraction, a removed chip): kept so neither the profile nor a re-read brings them back. */
export interface LedgerLift {
  id: string;
  source: LedgerSource;
}

export interface ConstraintLedger {
  entries: LedgerEntry[];
  lifted: LedgerLift[];
}

export const EMPTY_LEDGER: ConstraintLedger = { entries: [], lifted: [] };

/** Hard constraints: a plan never breaks one, and only an explicit retraction lifts one. */
export const HARD_FIELDS: ReadonlySet<LedgerField> = new Set<LedgerField>(['allergen', 'diet', 'pattern', 'exclude', 'dislike']);

/**
 * What one message said, before it is merged: entries to add, entry ids to lift, and notes the reply must carry
 * (a word applied on the safe side, a food the kitchen does not know, a contradiction, a regime only approximated).
 */
export interface TurnReading {
  adds: LedgerEntry[];
  lifts: string[];
  notes: LedgerNote[];
}

export type LedgerNote =
  /** A food named with allergy words that the kitchen has no data for: it cannot check recipes for it. */
  | { kind: 'unknown-food'; term: string }
  /** A hard constraint and a wish that cannot both hold ("vegan, but with chicken"): the hard one wins. */
  | { kind: 'contradiction'; constraint: string; wanted: string }
  /** A later message asked for a looser diet than the ledger holds; the stricter one is kept until lifted. */
  | { kind: 'kept-stricter-diet'; kept: Diet; asked: Diet }
  /** A lift the cook asked for that named nothing in the ledger. */
  | { kind: 'nothing-to-lift'; term: string };

export type { FoodGroup, Pattern };
