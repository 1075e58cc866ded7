/**
 * `npm run kitchen:eval`: plans many generated requests with random constraints over the full corpus and checks each
 * plan against an independent recomputation (packages/kitchen/bench/kitchen-eval.ts); then scores the constraint
 * ledger against the three phrase corpora (packages/kitchen/bench/ledger-eval.ts): per-field precision and recall,
 * dropped hard constraints, and whether any plan made from a ledger, with a request that forgets every constraint,
 * holds an ingredient the cook's words rule out. Rewrites both results blocks of docs/kitchen.md and exits non-zero on
 * any violation, any dropped hard constraint, or recall under 98%.
 *
 * Usage: npm run kitchen:eval [-- --requests 500] [-- --seed 20261122] [-- --dry-run]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { runKitchenEval, totalViolations } from '../packages/kitchen/bench/kitchen-eval';
import { FIELDS, loadCorpus, scoreCase, summarize, type CorpusCase, type ExpectedLedger, type Summary } from '../packages/kitchen/bench/ledger-eval';
import { deriveLedger } from '@chef-chopsky/kitchen/ledger/derive';
import { planInputFromLedger } from '@chef-chopsky/kitchen/ledger/plan-input';
import { planMeals } from '@chef-chopsky/kitchen/planner';
import { assertPlanSafe } from '@chef-chopsky/kitchen/safety';
import { INGREDIENTS } from '@chef-chopsky/kitchen/data/ingredients';
import { RECIPES } from '@chef-chopsky/kitchen/data/recipes';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '500' },
    seed: { type: 'string', default: '20261122' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const requests = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  console.error('kitchen:eval: --requests and --seed must be whole numbers');
  process.exit(2);
}

console.log(`kitchen:eval: planning ${requests} generated requests (seed ${seed}) over ${INGREDIENTS.length} ingredients and ${RECIPES.length} recipes`);
const r = runKitchenEval({ catalog: KITCHEN, ingredients: INGREDIENTS, recipes: RECIPES, requests, seed });
const violations = totalViolations(r);
const command = `npm run kitchen:eval -- --requests ${requests} --seed ${seed}`;
const unmet = Object.entries(r.unmetByConstraint)
  .sort((a, b) => b[1] - a[1])
  .map(([k, v]) => `\`${k}\` ${v}`)
  .join(', ');

const block = [
  '<!-- kitchen-eval:start (written by scripts/evaluate-kitchen.ts; do not edit by hand) -->',
  `Command: \`${command}\`, run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version},`,
  `over ${INGREDIENTS.length} ingredients and ${RECIPES.length} recipes. Wall time ${(r.wallMs / 1000).toFixed(1)} s.`,
  '',
  '| Measure | Result |',
  '|---|---|',
  `| Requests planned (random days 1–7, meal slots, 1–8 people, diet, 0–3 allergens, 0–2 dislikes, 0–3 use-up items, time limits, targets, batch cooking) | ${r.requests} |`,
  `| Meals planned / cooked / leftovers | ${r.mealsPlanned} / ${r.mealsCooked} / ${r.leftoverMeals} |`,
  `| Swaps checked (every other meal kept) / determinism re-runs | ${r.swapsChecked} / ${r.determinismChecked} |`,
  `| Grocery items checked / grams checked | ${r.groceryItems} / ${r.gramsChecked.toLocaleString('en-US')} g |`,
  `| **Allergen violations** | **${r.violations.allergen}** |`,
  `| **Diet violations** | **${r.violations.diet}** |`,
  `| Dislike violations / per-meal time violations | ${r.violations.dislike} / ${r.violations.time} |`,
  `| **Grocery totals ≠ recipe totals** (tolerance 0.0001 g) | **${r.violations.grocery}** |`,
  `| **Nutrition ≠ ingredient sums** (per meal and per day, as shipped to one decimal) | **${r.violations.nutrition}** |`,
  `| Determinism / swap violations | ${r.violations.determinism} / ${r.violations.swap} |`,
  `| Requests with an unmet constraint, reported in \`unmet\` with what would relax it | ${r.infeasible} (${unmet || 'none'}) |`,
  `| Plan time p50 / p95 / max (ms, random sizes, cold and warm) | ${r.planMs.p50} / ${r.planMs.p95} / ${r.planMs.max} |`,
  `| Grocery list time p50 / p95 / max (ms) | ${r.groceryMs.p50} / ${r.groceryMs.p95} / ${r.groceryMs.max} |`,
  '',
  violations === 0 ? '**Result: pass — zero violations.**' : `**Result: FAIL — ${violations} violation(s).** First ones:\n\n${r.examples.map((e) => `- ${e}`).join('\n')}`,
  '<!-- kitchen-eval:end -->',
].join('\n');

console.log(block);

// The constraint ledger over the phrase corpora.
const CORPORA = [
  ['A', 'ledger-corpus', 'written with the extractor; its held-out quarter (ids hashing to 0 mod 4) was scored before tuning'],
  ['B', 'ledger-corpus-b', 'written blind by a separate session, scored once before any tuning on it'],
  ['C', 'ledger-corpus-c', 'written blind by another session, scored once before any tuning on it'],
] as const;
const corpusRoot = path.resolve(__dirname, '..', 'packages', 'kitchen', 'test');
const ledgerStarted = performance.now();
const scored = CORPORA.map(([name, dir, how]) => {
  const cases = loadCorpus(path.join(corpusRoot, dir));
  return { name, dir, how, cases, summary: summarize(cases.map((c) => scoreCase(KITCHEN, c))) };
});
const allCases: CorpusCase[] = scored.flatMap((c) => c.cases);
const all = summarize(allCases.map((c) => scoreCase(KITCHEN, c)));

/** A plan from the ledger with the request a model that forgets every constraint would send, checked against the corpus. */
function unsafePlans(cases: readonly CorpusCase[]): string[] {
  const safetyOf = (e: ExpectedLedger) => ({ allergens: e.allergens ?? [], diet: e.diet ?? 'omnivore', patterns: e.patterns ?? [], exclude: [...(e.exclude ?? []), ...(e.dislikes ?? [])] });
  const unsafe: string[] = [];
  for (const c of cases) {
    const { ledger } = deriveLedger(KITCHEN, c.profile, c.turns);
    const plan = planMeals(KITCHEN, planInputFromLedger(ledger, { days: 2, allergens: [], diet: 'omnivore', dislikes: [], exclude: [], patterns: [] }));
    try {
      assertPlanSafe(KITCHEN, plan, safetyOf(c.expect));
    } catch (error) {
      unsafe.push(`${c.id}: ${(error as Error).message}`);
    }
  }
  return unsafe;
}
const unsafe = unsafePlans(allCases);
const ledgerMs = performance.now() - ledgerStarted;
const pctOf = (x: number) => `${(x * 100).toFixed(1)} %`;
const row = (label: string, s: Summary) => `| ${label} | ${s.cases} | ${pctOf(s.overall.precision)} | ${pctOf(s.overall.recall)} | ${s.dropped} |`;
const ledgerPass = all.dropped === 0 && all.overall.recall >= 0.98 && unsafe.length === 0;
const ledgerBlock = [
  '<!-- ledger-eval:start (written by scripts/evaluate-kitchen.ts; do not edit by hand) -->',
  `Command: \`${command}\`, run ${new Date().toISOString()}, Node ${process.version}. Scored in ${(ledgerMs / 1000).toFixed(1)} s.`,
  '',
  '| Corpus | Cases | Precision | Recall | Dropped hard constraints |',
  '|---|---:|---:|---:|---:|',
  ...scored.map((c) => row(`${c.name} (\`packages/kitchen/test/${c.dir}\`; ${c.how})`, c.summary)),
  row('**All**', all),
  '',
  '| Field | Said | Precision | Recall |',
  '|---|---:|---:|---:|',
  ...FIELDS.map((f) => {
    const s = all.byField[f];
    return `| ${f} | ${s.tp + s.fn} | ${pctOf(s.precision)} | ${pctOf(s.recall)} |`;
  }),
  '',
  `Plans made from each case's ledger with a request that forgets every constraint (\`{ days: 2, allergens: [], diet: 'omnivore', dislikes: [], exclude: [], patterns: [] }\`) that hold an ingredient the cook's words rule out: **${unsafe.length}** of ${allCases.length}.`,
  '',
  ledgerPass
    ? '**Result: pass — 0 dropped hard constraints, recall ≥ 98 %, no unsafe plan.**'
    : `**Result: FAIL.** Cases with drops: ${all.casesWithDrops.join(', ') || 'none'}; unsafe plans: ${unsafe.slice(0, 5).join('; ') || 'none'}.`,
  '<!-- ledger-eval:end -->',
].join('\n');
console.log(ledgerBlock);

const docPath = path.resolve(__dirname, '..', 'docs', 'kitchen.md');
if (values['dry-run']) console.log('kitchen:eval: --dry-run, docs/kitchen.md left as it is');
else {
  let doc = readFileSync(docPath, 'utf8');
  for (const [name, text] of [
    ['kitchen-eval', block],
    ['ledger-eval', ledgerBlock],
  ] as const) {
    const updated = doc.replace(new RegExp(`<!-- ${name}:start[\\s\\S]*?<!-- ${name}:end -->`), text);
    if (updated === doc && !doc.includes(text)) {
      console.error(`kitchen:eval: docs/kitchen.md has no ${name} block to replace`);
      process.exit(1);
    }
    doc = updated;
  }
  writeFileSync(docPath, doc);
  console.log('kitchen:eval: wrote the results into docs/kitchen.md');
}
process.exit(violations === 0 && ledgerPass ? 0 : 1);
