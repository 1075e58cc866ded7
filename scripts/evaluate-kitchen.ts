/**
 * `npm run kitchen:eval`: plans many generated requests with random constraints over the full corpus and checks each
 * plan against an independent recomputation (packages/kitchen/bench/kitchen-eval.ts). Rewrites the results block of
 * docs/kitchen.md and exits non-zero on any violation.
 *
 * Usage: npm run kitchen:eval [-- --requests 500] [-- --seed 20261122] [-- --dry-run]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runKitchenEval, totalViolations } from '../packages/kitchen/bench/kitchen-eval';
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
const docPath = path.resolve(__dirname, '..', 'docs', 'kitchen.md');
if (values['dry-run']) console.log('kitchen:eval: --dry-run, docs/kitchen.md left as it is');
else {
  const doc = readFileSync(docPath, 'utf8');
  const updated = doc.replace(/<!-- kitchen-eval:start[\s\S]*?<!-- kitchen-eval:end -->/, block);
  if (updated === doc && !doc.includes(block)) {
    console.error('kitchen:eval: docs/kitchen.md has no kitchen-eval block to replace');
    process.exit(1);
  }
  writeFileSync(docPath, updated);
  console.log('kitchen:eval: wrote the results into docs/kitchen.md');
}
process.exit(violations === 0 ? 0 : 1);
