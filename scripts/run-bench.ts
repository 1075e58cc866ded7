/**
 * `npm run bench`: runs every area's benchmark in turn (each writes bench/results/<area>.json and .md), then
 * assembles docs/performance.md from those fragments so every number in it names the command that measured it.
 *
 * Usage: npm run bench [-- --only agent,kitchen] [-- --assemble-only]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const AREAS = ['agent', 'kitchen', 'store', 'web', 'stack'] as const;
const root = path.resolve(__dirname, '..');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'assemble-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run bench [-- --only agent,kitchen,store,web,stack] [-- --assemble-only]');
  process.exit(0);
}

const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
const selected = values.only ? values.only.split(',').map((s) => s.trim()) : [...AREAS];
let failed = 0;

if (!values['assemble-only']) {
  for (const area of selected) {
    const script = `bench:${area}`;
    if (!scripts[script]) {
      console.log(`bench: no "${script}" script, skipping ${area}`);
      continue;
    }
    console.log(`bench: npm run ${script}`);
    const result = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) {
      console.error(`bench: ${script} failed with exit code ${result.status}`);
      failed += 1;
    }
  }
}

const sections = AREAS.map((area) => path.join(root, 'bench', 'results', `${area}.md`))
  .filter((file) => existsSync(file))
  .map((file) => readFileSync(file, 'utf8').trim());

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const doc = `# Performance

Every number on this page was written by \`npm run bench\` (scripts/run-bench.ts), which runs each area's benchmark
and assembles this file from \`bench/results/<area>.md\`; the raw numbers are in \`bench/results/<area>.json\`.
Each section names the command that measured it and when. Benchmarks run on loopback only, against local stand-ins
for the model provider, so they measure our overhead, not a provider's.

Machine of the last assembly: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.

${sections.join('\n\n')}
`;
writeFileSync(path.join(root, 'docs', 'performance.md'), doc);
console.log(`bench: wrote docs/performance.md from ${sections.length} section(s)`);
process.exit(failed > 0 ? 1 : 0);
