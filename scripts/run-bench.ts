/**
 * `npm run bench`: runs every area's benchmark in turn (each writes bench/results/<area>.json and .md), then
 * assembles docs/performance.md from those fragments so every number in it names the command that measured it.
 *
 * Usage: npm run bench [-- --only agent,kitchen] [-- --assemble-only] [-- --node PATH] [-- --compare-node PATH]
 *   --node PATH          run the benchmarks, and every process they measure, under that Node binary (default: this one)
 *   --compare-node PATH  before/after in one run: each area runs first under PATH (its fragments are kept as
 *                        bench/results/<area>.before.json and .md), then under --node; docs/performance.md then shows
 *                        each figure that differs as "before → after". Without it, an area's old .before files go.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mergeFragments } from './lib/bench-compare';

const AREAS = ['agent', 'kitchen', 'store', 'web', 'plan', 'stack', 'scale'] as const;
const root = path.resolve(__dirname, '..');
const results = path.join(root, 'bench', 'results');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'assemble-only': { type: 'boolean', default: false },
    node: { type: 'string' },
    'compare-node': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run bench [-- --only agent,kitchen,store,web,plan,stack] [-- --assemble-only] [-- --node PATH] [-- --compare-node PATH]');
  process.exit(0);
}

/** `vX.Y.Z` of a Node binary; exits when it is not one. */
function nodeVersion(binary: string): string {
  const probe = spawnSync(binary, ['-p', 'process.version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.error(`bench: ${binary} is not a Node binary that runs (${probe.error?.message ?? probe.stderr.trim()})`);
    process.exit(2);
  }
  return probe.stdout.trim();
}

/**
 * Runs `npm run <script>` with `node` on PATH being `binary`: npm, tsx and the benchmark run on it, and so does every
 * process the benchmark starts (they start with process.execPath, or `npm`/`npx`, which find `node` on PATH).
 */
function runUnder(binary: string, script: string): number {
  const shim = mkdtempSync(path.join(os.tmpdir(), 'chef-bench-node-'));
  symlinkSync(binary, path.join(shim, 'node'));
  try {
    const result = spawnSync('npm', ['run', script], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATH: `${shim}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    return result.status ?? 1;
  } finally {
    rmSync(shim, { recursive: true, force: true });
  }
}

const fragment = (area: string, suffix = '') => ({
  md: path.join(results, `${area}${suffix}.md`),
  json: path.join(results, `${area}${suffix}.json`),
});

const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
const selected = values.only ? values.only.split(',').map((s) => s.trim()) : [...AREAS];
const afterNode = path.resolve(values.node ?? process.execPath);
const afterVersion = nodeVersion(afterNode);
const beforeNode = values['compare-node'] ? path.resolve(values['compare-node']) : null;
const beforeVersion = beforeNode ? nodeVersion(beforeNode) : null;
let failed = 0;

if (!values['assemble-only']) {
  for (const area of selected) {
    const script = `bench:${area}`;
    if (!scripts[script]) {
      console.log(`bench: no "${script}" script, skipping ${area}`);
      continue;
    }
    const before = fragment(area, '.before');
    for (const file of Object.values(before)) rmSync(file, { force: true });
    if (beforeNode) {
      console.log(`bench: npm run ${script} under Node ${beforeVersion} (${beforeNode}), the before run`);
      const started = Date.now();
      const status = runUnder(beforeNode, script);
      if (status !== 0) {
        console.error(`bench: ${script} under Node ${beforeVersion} failed with exit code ${status}`);
        failed += 1;
      }
      // A benchmark that missed a goal exits non-zero but has written its figures: they are the before run's all the
      // same. A fragment older than this run (the committed one) is not.
      const after = fragment(area);
      for (const kind of ['md', 'json'] as const) {
        if (existsSync(after[kind]) && statSync(after[kind]).mtimeMs >= started) renameSync(after[kind], before[kind]);
      }
    }
    console.log(`bench: npm run ${script} under Node ${afterVersion} (${afterNode})`);
    const status = runUnder(afterNode, script);
    if (status !== 0) {
      console.error(`bench: ${script} failed with exit code ${status}`);
      failed += 1;
    }
  }
}

/** The "Node vX" a fragment says it was measured on (every area's fragment names it). */
const measuredOn = (md: string) => /Node (v\d+\.\d+\.\d+)/.exec(md)?.[1] ?? 'unknown Node';

const sections = AREAS.filter((area) => existsSync(fragment(area).md)).map((area) => {
  const after = readFileSync(fragment(area).md, 'utf8').trim();
  const before = fragment(area, '.before').md;
  if (!existsSync(before)) return after;
  const beforeMd = readFileSync(before, 'utf8').trim();
  return mergeFragments(beforeMd, after, { before: `Node ${measuredOn(beforeMd)}`, after: `Node ${measuredOn(after)}` });
});

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const compared = beforeVersion ? ` Before → after: Node ${beforeVersion} → ${afterVersion}, each area measured under both in this run.` : '';
const doc = `# Performance

Every number on this page was written by \`npm run bench\` (scripts/run-bench.ts), which runs each area's benchmark
and assembles this file from \`bench/results/<area>.md\`; the raw numbers are in \`bench/results/<area>.json\`.
Each section names the command that measured it and when. Benchmarks run on loopback only, against local stand-ins
for the model provider, so they measure our overhead, not a provider's. \`npm run bench -- --compare-node PATH\` runs each
area under that other Node first and shows every figure as "before → after" (the before run's numbers are in
\`bench/results/<area>.before.json\`).

Machine of the last assembly: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${afterVersion}, ${os.platform()} ${os.release()}.${compared}

${sections.join('\n\n')}
`;
writeFileSync(path.join(root, 'docs', 'performance.md'), doc);
console.log(`bench: wrote docs/performance.md from ${sections.length} section(s)`);
process.exit(failed > 0 ? 1 : 0);
