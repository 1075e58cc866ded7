import { mergeFragments, mergeProseLine, mergeTableRow } from '../lib/bench-compare';

const before = `## Kitchen

Command: \`npm run bench:kitchen\` (agent/bench/kitchen.ts), 1000 timed runs after 100 warm-up runs, in-process, over the full corpus
(304 ingredients, 173 recipes). Measured 2026-12-04T20:41:39.309Z on 2 × AMD EPYC, Node v20.20.2,
1-minute load average 0.64 when it finished (wall-clock times; other work on the machine shows up in p95/p99).

| What | p50 (ms) | p95 (ms) | p99 (ms) | Goal (p95) | Met |
|---|---:|---:|---:|---:|:---:|
| plan: 7 days × 3 meals for 4, constrained | 0.959 | 1.561 | 11.94 | < 10 ms | no |
| grocery list for that plan | 0.162 | 0.217 | 0.539 | < 2 ms | yes |
`;
const after = before
  .replace('2026-12-04T20:41:39.309Z', '2026-12-08T09:10:11.000Z')
  .replace('v20.20.2', 'v24.21.0')
  .replace('0.64 when', '1.2 when')
  .replace('| 0.959 | 1.561 | 11.94 | < 10 ms | no |', '| 0.812 | 1.561 | 9.5 | < 10 ms | yes |');
const labels = { before: 'Node v20.20.2', after: 'Node v24.21.0' };

describe('before/after fragments of one benchmark', () => {
  test('table cells that differ read "before → after" and equal cells stay as they are', () => {
    const merged = mergeFragments(before, after, labels).split('\n');
    expect(merged).toContain('| plan: 7 days × 3 meals for 4, constrained | 0.959 → 0.812 | 1.561 | 11.94 → 9.5 | < 10 ms | no → yes |');
    expect(merged).toContain('| grocery list for that plan | 0.162 | 0.217 | 0.539 | < 2 ms | yes |');
    expect(merged).toContain('|---|---:|---:|---:|---:|:---:|');
  });

  test('prose keeps the after run\'s time and reads the Node version and the load as "before → after"', () => {
    const merged = mergeFragments(before, after, labels);
    expect(merged).toContain('Measured 2026-12-08T09:10:11.000Z on 2 × AMD EPYC, Node v20.20.2 → v24.21.0,');
    expect(merged).toContain('1-minute load average 0.64 → 1.2 when it finished');
    expect(merged).not.toContain('2026-12-04T20:41:39.309Z');
    expect(merged).toContain('(304 ingredients, 173 recipes)');
  });

  test('the section keeps its heading and says what the arrows mean', () => {
    const merged = mergeFragments(before, after, labels).split('\n');
    expect(merged[0]).toBe('## Kitchen');
    expect(merged[2]).toBe('Before → after: every figure that differs reads "Node v20.20.2 → Node v24.21.0", both measured in the same `npm run bench`.');
  });

  test('fragments that do not line up are not merged: the after fragment stands, with a note', () => {
    const merged = mergeFragments(`${before}| one more row | 1 | 2 | 3 | — | — |\n`, after, labels);
    expect(merged.startsWith(after.trimEnd())).toBe(true);
    expect(merged).toContain('does not line up');
    expect(merged).not.toContain('→ 0.812');
  });

  test('a prose line of another shape, or a row with another label, is the after run\'s', () => {
    expect(mergeProseLine('Agent RSS idle: 127 MB.', 'Agent RSS idle: 127 MB, peak 140 MB.')).toBe('Agent RSS idle: 127 MB, peak 140 MB. (before: Agent RSS idle: 127 MB.)');
    expect(mergeTableRow('| direct | 1 | 2 |', '| agent | 1 | 3 |')).toBe('| agent | 1 | 3 |');
    expect(mergeTableRow('| direct | 102.5 / 105.4 | 2 |', '| direct | 101 / 104.5 | 2 |')).toBe('| direct | 102.5 / 105.4 → 101 / 104.5 | 2 |');
  });
});
