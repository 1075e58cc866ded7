/**
 * Scores the constraint ledger against the phrase corpus (packages/kitchen/test/ledger-corpus, written blind to the
 * extractor by a separate session): per-field precision and recall, and the hard constraints it dropped. A quarter of
 * the corpus (by a hash of the case id) is held out: the extractor was developed against the rest, and the held-out
 * part is reported apart so the numbers say how it does on phrasings nobody tuned it for.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIET_RANK, normalizeName, singularizePhrase, type Catalog } from '../src/catalog';
import { familyIds, foodGroupIds, isFoodGroup, patternEffect, type Pattern } from '../src/exclusions';
import { deriveLedger } from '../src/ledger/derive';
import type { LedgerProfile } from '../src/ledger/merge';
import type { ConstraintLedger, LedgerEntry } from '../src/ledger/types';
import type { Allergen, Diet, MealType } from '../src/types';

export interface CorpusCase {
  id: string;
  turns: string[];
  profile?: LedgerProfile;
  expect: ExpectedLedger;
  note?: string;
}

export interface ExpectedLedger {
  people?: number;
  members?: Array<{ label: string; ageGroup: string }>;
  allergens?: Allergen[];
  diet?: Diet;
  patterns?: Pattern[];
  exclude?: string[];
  dislikes?: string[];
  wanted?: string[];
  useUp?: string[];
  meals?: MealType[];
  days?: number;
  maxMinutesPerMeal?: number;
  totalMinutes?: number;
  targets?: Array<{ nutrient: string; amount: number; per: string }>;
  units?: 'metric' | 'us';
}

export const CORPUS_DIR = path.join(__dirname, '..', 'test', 'ledger-corpus');

export function loadCorpus(dir = CORPUS_DIR): CorpusCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as CorpusCase),
    );
}

/** The held-out quarter: cases whose id hashes to 0 mod 4. */
export function isHeldOut(id: string): boolean {
  return BigInt(`0x${createHash('sha256').update(id).digest('hex')}`) % 4n === 0n;
}

const term = (t: string) => singularizePhrase(normalizeName(t.replace(/-/g, ' ')));

/** The ledger as the corpus writes it: fields of values. */
export function viewOf(ledger: ConstraintLedger): ExpectedLedger {
  const of = <F extends LedgerEntry['field']>(field: F) => ledger.entries.filter((e): e is Extract<LedgerEntry, { field: F }> => e.field === field);
  const view: ExpectedLedger = {};
  const people = of('people')[0];
  if (people) view.people = people.count;
  const members = of('member');
  if (members.length) view.members = members.map((m) => ({ label: m.label, ageGroup: m.ageGroup }));
  if (of('allergen').length) view.allergens = of('allergen').map((e) => e.allergen);
  const diet = of('diet')[0];
  if (diet && diet.diet !== 'omnivore') view.diet = diet.diet;
  if (of('pattern').length) view.patterns = of('pattern').map((e) => e.pattern);
  if (of('exclude').length) view.exclude = of('exclude').map((e) => e.term);
  if (of('dislike').length) view.dislikes = of('dislike').map((e) => e.term);
  if (of('want').length) view.wanted = of('want').map((e) => e.term);
  if (of('useUp').length) view.useUp = of('useUp').map((e) => e.term);
  const meals = of('meals')[0];
  if (meals) view.meals = meals.meals;
  const days = of('days')[0];
  if (days) view.days = days.days;
  const max = of('maxMinutesPerMeal')[0];
  if (max) view.maxMinutesPerMeal = max.minutes;
  const total = of('totalMinutes')[0];
  if (total) view.totalMinutes = total.minutes;
  if (of('target').length) view.targets = of('target').map((t) => ({ nutrient: t.nutrient, amount: t.amount, per: t.per }));
  const units = of('units')[0];
  if (units) view.units = units.units;
  return view;
}

export const FIELDS = ['people', 'members', 'allergens', 'diet', 'patterns', 'exclude', 'dislikes', 'wanted', 'useUp', 'meals', 'days', 'maxMinutesPerMeal', 'totalMinutes', 'targets', 'units'] as const;
export type Field = (typeof FIELDS)[number];

/** The items of a field, as comparable strings (a multiset for members). */
function items(view: ExpectedLedger, field: Field): string[] {
  const v = view[field];
  if (v === undefined) return [];
  switch (field) {
    case 'members':
      return (v as NonNullable<ExpectedLedger['members']>).map((m) => `${term(m.label)}|${m.ageGroup}`);
    case 'targets':
      return (v as NonNullable<ExpectedLedger['targets']>).map((t) => `${t.nutrient}:${t.amount}:${t.per}`);
    case 'meals':
      return [[...(v as string[])].sort().join('+')];
    case 'exclude':
    case 'dislikes':
    case 'wanted':
    case 'useUp':
      return (v as string[]).map(term);
    case 'allergens':
    case 'patterns':
      return [...(v as string[])];
    case 'diet':
      return v === 'omnivore' ? [] : [String(v)];
    default:
      return [String(v)];
  }
}

export interface FieldScore {
  tp: number;
  fp: number;
  fn: number;
}

function compare(expected: string[], predicted: string[]): FieldScore {
  const left = [...predicted];
  let tp = 0;
  for (const e of expected) {
    const i = left.indexOf(e);
    if (i >= 0) {
      tp++;
      left.splice(i, 1);
    }
  }
  return { tp, fp: left.length, fn: expected.length - tp };
}

/** Every ingredient id a view's hard constraints leave out (allergens, diet, regimes, exclusions and dislikes). */
function excludedIds(catalog: Catalog, view: ExpectedLedger): Set<string> {
  const ids = new Set<string>();
  for (const i of catalog.ingredients) if (i.allergens.some((a) => view.allergens?.includes(a))) ids.add(i.id);
  if (view.diet) {
    for (const i of catalog.ingredients) {
      const animalDiet: Diet = i.animal.length === 0 ? 'vegan' : i.animal.every((a) => ['dairy', 'egg', 'honey'].includes(a)) ? 'vegetarian' : i.animal.every((a) => ['dairy', 'egg', 'honey', 'fish', 'shellfish', 'mollusc'].includes(a)) ? 'pescatarian' : 'omnivore';
      if (DIET_RANK[animalDiet] > DIET_RANK[view.diet]) ids.add(i.id);
    }
  }
  for (const p of view.patterns ?? []) for (const id of patternEffect(catalog, p).ids) ids.add(id);
  for (const t of [...(view.exclude ?? []), ...(view.dislikes ?? [])]) {
    const key = t.replace(/ /g, '-');
    for (const id of isFoodGroup(key) ? foodGroupIds(catalog, key) : familyIds(catalog, t)) ids.add(id);
  }
  return ids;
}

/** The expected hard constraints the prediction does not cover, in words. */
export function droppedHard(catalog: Catalog, expected: ExpectedLedger, predicted: ExpectedLedger): string[] {
  const dropped: string[] = [];
  for (const a of expected.allergens ?? []) if (!predicted.allergens?.includes(a)) dropped.push(`allergen ${a}`);
  if (expected.diet && expected.diet !== 'omnivore') {
    if (!predicted.diet || DIET_RANK[predicted.diet] > DIET_RANK[expected.diet]) dropped.push(`diet ${expected.diet}`);
  }
  for (const p of expected.patterns ?? []) if (!predicted.patterns?.includes(p)) dropped.push(`pattern ${p}`);
  const covered = excludedIds(catalog, predicted);
  const said = new Set([...(predicted.exclude ?? []), ...(predicted.dislikes ?? [])].map(term));
  for (const t of [...(expected.exclude ?? []), ...(expected.dislikes ?? [])]) {
    if (said.has(term(t))) continue;
    const key = t.replace(/ /g, '-');
    const ids = isFoodGroup(key) ? foodGroupIds(catalog, key) : familyIds(catalog, t);
    if (ids.length === 0 || !ids.every((id) => covered.has(id))) dropped.push(`exclusion ${t}`);
  }
  return dropped;
}

export interface CaseResult {
  id: string;
  heldOut: boolean;
  expected: ExpectedLedger;
  predicted: ExpectedLedger;
  byField: Record<Field, FieldScore>;
  dropped: string[];
}

export function scoreCase(catalog: Catalog, c: CorpusCase): CaseResult {
  const { ledger } = deriveLedger(catalog, c.profile, c.turns);
  const predicted = viewOf(ledger);
  const byField = {} as Record<Field, FieldScore>;
  for (const f of FIELDS) byField[f] = compare(items(c.expect, f), items(predicted, f));
  return { id: c.id, heldOut: isHeldOut(c.id), expected: c.expect, predicted, byField, dropped: droppedHard(catalog, c.expect, predicted) };
}

export interface Summary {
  cases: number;
  byField: Record<Field, FieldScore & { precision: number; recall: number }>;
  overall: FieldScore & { precision: number; recall: number };
  dropped: number;
  casesWithDrops: string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function summarize(results: readonly CaseResult[]): Summary {
  const byField = {} as Summary['byField'];
  const overall: FieldScore = { tp: 0, fp: 0, fn: 0 };
  for (const f of FIELDS) {
    const s = { tp: 0, fp: 0, fn: 0 };
    for (const r of results) {
      s.tp += r.byField[f].tp;
      s.fp += r.byField[f].fp;
      s.fn += r.byField[f].fn;
    }
    byField[f] = { ...s, precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.tp, s.tp + s.fn) };
    overall.tp += s.tp;
    overall.fp += s.fp;
    overall.fn += s.fn;
  }
  return {
    cases: results.length,
    byField,
    overall: { ...overall, precision: ratio(overall.tp, overall.tp + overall.fp), recall: ratio(overall.tp, overall.tp + overall.fn) },
    dropped: results.reduce((n, r) => n + r.dropped.length, 0),
    casesWithDrops: results.filter((r) => r.dropped.length > 0).map((r) => r.id),
  };
}
