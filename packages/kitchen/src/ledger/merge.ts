/**
 * How the ledger changes: a message's reading is applied in order (hard constraints only ever added, lifted only by an
 * explicit retraction; plan shape and limits take the latest word), and the household profile is merged underneath
 * (a message's number of people beats the profile's household size; a profile allergy stays until lifted). Pure and
 * browser-safe: no catalog needed.
 */
import { DIET_RANK as DIET_ORDER } from '../catalog';
import type { ConstraintLedger, LedgerEntry, LedgerLift, LedgerNote, LedgerSource, TurnReading } from './types';
import type { AgeGroup } from './types';
import type { Allergen, Diet } from '../types';
import type { Pattern } from '../exclusions';

/** The key of an entry: one entry per key, so a scalar is replaced and a set member is stored once. */
export function entryKey(entry: Omit<LedgerEntry, 'id' | 'source'> & { field: LedgerEntry['field'] }): string {
  const e = entry as LedgerEntry;
  switch (e.field) {
    case 'member':
      return `member:${e.label}`;
    case 'allergen':
      return `allergen:${e.allergen}`;
    case 'pattern':
      return `pattern:${e.pattern}`;
    case 'exclude':
    case 'dislike':
    case 'want':
    case 'useUp':
      return `${e.field}:${e.term}`;
    case 'target':
      return `target:${e.nutrient}:${e.per}`;
    default:
      return e.field;
  }
}

type NewEntry = LedgerEntry extends infer E ? (E extends LedgerEntry ? Omit<E, 'id'> : never) : never;

/** An entry with its key filled in. */
export function entry(e: NewEntry): LedgerEntry {
  return { ...e, id: entryKey(e as LedgerEntry) } as LedgerEntry;
}

const stricter = (a: Diet, b: Diet): Diet => (DIET_ORDER[a] <= DIET_ORDER[b] ? a : b);

/**
 * Adds one entry. Hard set members (allergens, patterns, exclusions, dislikes) and wishes are kept once, with the
 * first source that said them; a looser diet never replaces a stricter one (the note says so); any other scalar takes
 * the latest word. A re-stated entry is no longer lifted.
 */
function add(ledger: ConstraintLedger, next: LedgerEntry, notes: LedgerNote[], replacing: ReadonlySet<string>): ConstraintLedger {
  // Said again, it is no longer lifted; said in the same message that lifted it ("no longer vegan, keep me pescatarian"),
  // it replaces what was lifted, and the lift stays so the profile's entry does not come back.
  const lifted = replacing.has(next.id) ? ledger.lifted : ledger.lifted.filter((l) => l.id !== next.id);
  const existing = ledger.entries.find((e) => e.id === next.id);
  if (!existing) return { entries: [...ledger.entries, next], lifted };
  if (next.field === 'diet' && existing.field === 'diet') {
    if (stricter(existing.diet, next.diet) === existing.diet) {
      if (existing.diet !== next.diet) notes.push({ kind: 'kept-stricter-diet', kept: existing.diet, asked: next.diet });
      return { entries: ledger.entries, lifted };
    }
    return { entries: ledger.entries.map((e) => (e.id === next.id ? next : e)), lifted };
  }
  const isSetMember = ['allergen', 'pattern', 'exclude', 'dislike', 'want', 'useUp'].includes(existing.field);
  if (isSetMember) {
    // Keep the first source, but a certain statement clears an earlier "unsure".
    if (existing.unsure && !next.unsure) return { entries: ledger.entries.map((e) => (e.id === next.id ? { ...existing, unsure: undefined } : e)).map(clean), lifted };
    return { entries: ledger.entries, lifted };
  }
  return { entries: ledger.entries.map((e) => (e.id === next.id ? next : e)), lifted };
}

function clean(e: LedgerEntry): LedgerEntry {
  if (e.unsure === undefined && 'unsure' in e) {
    const copy = { ...e };
    delete copy.unsure;
    return copy;
  }
  return e;
}

/** Lifts entries by key; a key that names nothing present is still remembered (a profile entry may carry it). */
function lift(ledger: ConstraintLedger, id: string, source: LedgerSource): ConstraintLedger {
  const entries = ledger.entries.filter((e) => e.id !== id);
  const lifted: LedgerLift[] = [...ledger.lifted.filter((l) => l.id !== id), { id, source }];
  return { entries, lifted };
}

/** Applies one message's reading: its lifts first, then its additions. Returns the ledger and the merge's own notes. */
export function applyReading(ledger: ConstraintLedger, reading: TurnReading, source: LedgerSource): { ledger: ConstraintLedger; notes: LedgerNote[] } {
  const notes: LedgerNote[] = [];
  let next = ledger;
  for (const id of reading.lifts) {
    const target = matchLift(next, id);
    if (target.length === 0) notes.push({ kind: 'nothing-to-lift', term: id.slice(id.indexOf(':') + 1) || id });
    for (const t of target.length > 0 ? target : [id]) next = lift(next, t, source);
  }
  const replacing = new Set(reading.lifts);
  for (const e of reading.adds) next = add(next, e, notes, replacing);
  return { ledger: next, notes };
}

/** The entries a lift names: the key itself, or for `allergen:*`-style wildcards every key of that field. */
function matchLift(ledger: ConstraintLedger, id: string): string[] {
  if (id.endsWith(':*')) {
    const prefix = id.slice(0, -1);
    return ledger.entries.filter((e) => e.id.startsWith(prefix)).map((e) => e.id);
  }
  return ledger.entries.some((e) => e.id === id) ? [id] : [];
}

/** The household profile as the web app stores it and the agent receives it (docs/api.md). */
export interface LedgerProfile {
  householdSize?: number;
  diet?: Diet;
  allergens?: readonly Allergen[];
  dislikes?: readonly string[];
  pantry?: readonly string[];
  maxMinutesPerMeal?: number | null;
  weeklyPrepMinutes?: number | null;
  targets?: { kcalPerDay?: number | null; proteinGPerDay?: number | null };
  units?: 'metric' | 'us';
  members?: ReadonlyArray<{ label: string; ageGroup: AgeGroup; allergens?: readonly Allergen[]; diet?: Diet; patterns?: readonly Pattern[] }>;
}

const PROFILE: LedgerSource = { kind: 'profile' };

/** The profile's entries. Members set the number of people and bring their own allergies and diet. */
export function profileEntries(profile: LedgerProfile | null | undefined): LedgerEntry[] {
  if (!profile) return [];
  const out: LedgerEntry[] = [];
  const members = profile.members ?? [];
  const people = members.length > 0 ? members.length : profile.householdSize;
  if (people) out.push(entry({ field: 'people', count: people, source: PROFILE }));
  for (const m of members) out.push(entry({ field: 'member', label: m.label, ageGroup: m.ageGroup, source: PROFILE }));
  const seen = new Set<string>();
  for (const m of members) {
    for (const allergen of m.allergens ?? []) {
      if (seen.has(allergen)) continue;
      seen.add(allergen);
      out.push(entry({ field: 'allergen', allergen, who: m.label, source: PROFILE }));
    }
  }
  for (const allergen of profile.allergens ?? []) {
    if (seen.has(allergen)) continue;
    seen.add(allergen);
    out.push(entry({ field: 'allergen', allergen, source: PROFILE }));
  }
  let diet: { diet: Diet; who?: string } | null = profile.diet && profile.diet !== 'omnivore' ? { diet: profile.diet } : null;
  for (const m of members) {
    if (m.diet && m.diet !== 'omnivore' && (!diet || stricter(diet.diet, m.diet) === m.diet)) diet = { diet: m.diet, who: m.label };
  }
  if (diet) out.push(entry({ field: 'diet', diet: diet.diet, ...(diet.who ? { who: diet.who } : {}), source: PROFILE }));
  for (const pattern of new Set(members.flatMap((m) => m.patterns ?? []))) out.push(entry({ field: 'pattern', pattern, source: PROFILE }));
  for (const term of profile.dislikes ?? []) out.push(entry({ field: 'dislike', term: term.toLowerCase(), source: PROFILE }));
  for (const term of profile.pantry ?? []) out.push(entry({ field: 'useUp', term: term.toLowerCase(), source: PROFILE }));
  if (profile.maxMinutesPerMeal) out.push(entry({ field: 'maxMinutesPerMeal', minutes: profile.maxMinutesPerMeal, source: PROFILE }));
  if (profile.weeklyPrepMinutes) out.push(entry({ field: 'totalMinutes', minutes: profile.weeklyPrepMinutes, source: PROFILE }));
  if (profile.targets?.kcalPerDay) out.push(entry({ field: 'target', nutrient: 'kcal', amount: profile.targets.kcalPerDay, per: 'day', source: PROFILE }));
  if (profile.targets?.proteinGPerDay) out.push(entry({ field: 'target', nutrient: 'proteinG', amount: profile.targets.proteinGPerDay, per: 'day', source: PROFILE }));
  if (profile.units) out.push(entry({ field: 'units', units: profile.units, source: PROFILE }));
  return dedupe(out);
}

function dedupe(entries: LedgerEntry[]): LedgerEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/**
 * The ledger with the profile underneath: entries the profile gave before are replaced by what it says now (it may have
 * changed), except where a message or an edit said otherwise (their scalars win; a stricter diet wins) or the cook
 * lifted one in this conversation.
 */
export function withProfile(ledger: ConstraintLedger, profile: LedgerProfile | null | undefined): ConstraintLedger {
  const own = ledger.entries.filter((e) => e.source.kind !== 'profile');
  const lifted = new Set(ledger.lifted.map((l) => l.id));
  const entries: LedgerEntry[] = [];
  for (const p of profileEntries(profile)) {
    if (lifted.has(p.id)) continue;
    const mine = own.find((e) => e.id === p.id);
    if (!mine) entries.push(p);
    else if (p.field === 'diet' && mine.field === 'diet' && stricter(p.diet, mine.diet) === p.diet && p.diet !== mine.diet) entries.push(p);
  }
  for (const e of own) if (!entries.some((p) => p.id === e.id)) entries.push(e);
  return { entries: order(entries), lifted: ledger.lifted };
}

const FIELD_ORDER: LedgerEntry['field'][] = ['people', 'member', 'allergen', 'diet', 'pattern', 'exclude', 'dislike', 'meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'target', 'want', 'useUp', 'units'];

/** Entries in a stable reading order (people, then hard constraints, then the plan's shape and wishes). */
export function order(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return [...entries].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

export function entriesOf<F extends LedgerEntry['field']>(ledger: ConstraintLedger, field: F): Array<Extract<LedgerEntry, { field: F }>> {
  return ledger.entries.filter((e): e is Extract<LedgerEntry, { field: F }> => e.field === field);
}

export function scalarOf<F extends LedgerEntry['field']>(ledger: ConstraintLedger, field: F): Extract<LedgerEntry, { field: F }> | undefined {
  return entriesOf(ledger, field)[0];
}
