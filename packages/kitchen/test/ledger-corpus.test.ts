/**
 * The phrase corpus in CI: three sets written by separate sessions blind to the extractor (ledger-corpus, -b, -c;
 * docs/kitchen.md says how each was first measured). Every hard constraint the cooks said is kept, overall recall stays
 * at 98% or more, and no plan made from a ledger — with the request a model that forgets every constraint would send —
 * holds an ingredient the cook's words rule out.
 */
import path from 'node:path';
import { droppedHard, loadCorpus, scoreCase, summarize, type CorpusCase, type ExpectedLedger } from '../bench/ledger-eval';
import { KITCHEN } from '../src/default-catalog';
import { deriveLedger } from '../src/ledger/derive';
import { planInputFromLedger } from '../src/ledger/plan-input';
import { planMeals } from '../src/planner';
import { assertPlanSafe, type SafetyProfile } from '../src/safety';

const CORPORA = ['ledger-corpus', 'ledger-corpus-b', 'ledger-corpus-c'];
const cases: CorpusCase[] = CORPORA.flatMap((dir) => loadCorpus(path.join(__dirname, dir)));

/** What the cook's words rule out, as the safety gate checks it. */
function expectedSafety(expect: ExpectedLedger): SafetyProfile {
  return {
    allergens: expect.allergens ?? [],
    diet: expect.diet && expect.diet !== 'omnivore' ? expect.diet : 'omnivore',
    patterns: expect.patterns ?? [],
    exclude: [...(expect.exclude ?? []), ...(expect.dislikes ?? [])],
  };
}

describe('the constraint ledger over the phrase corpus', () => {
  const results = cases.map((c) => scoreCase(KITCHEN, c));
  const summary = summarize(results);

  it('has at least 300 realistic phrasings, single and multi-turn, each with the ledger it must produce', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(cases.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('drops no hard constraint (allergens, diets, regimes, exclusions) in any case', () => {
    expect(results.filter((r) => r.dropped.length > 0).map((r) => `${r.id}: ${r.dropped.join(', ')}`)).toEqual([]);
    expect(summary.dropped).toBe(0);
  });

  it('recalls at least 98% of everything the cooks said, over every field', () => {
    expect(summary.overall.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('makes no plan, even from a request that forgets every constraint, with an ingredient the cook\'s words rule out', () => {
    const unsafe: string[] = [];
    for (const c of cases) {
      const { ledger } = deriveLedger(KITCHEN, c.profile, c.turns);
      const forgetful = planInputFromLedger(ledger, { days: 2, allergens: [], diet: 'omnivore', dislikes: [], exclude: [], patterns: [] });
      const plan = planMeals(KITCHEN, forgetful);
      try {
        assertPlanSafe(KITCHEN, plan, expectedSafety(c.expect));
      } catch (error) {
        unsafe.push(`${c.id}: ${(error as Error).message}`);
      }
    }
    expect(unsafe).toEqual([]);
  });

  it('counts a dropped constraint when one is missing (the scorer can fail)', () => {
    expect(droppedHard(KITCHEN, { allergens: ['peanuts'], exclude: ['pork'] }, {})).toEqual(['allergen peanuts', 'exclusion pork']);
    expect(droppedHard(KITCHEN, { exclude: ['wine'] }, { patterns: ['halal'] })).toEqual([]);
  });
});
