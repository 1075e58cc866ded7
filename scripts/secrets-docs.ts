import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Ctx, EXIT, OperationError, parseCli, runAsMain } from './lib/cli';
import { describeLocations, loadManifest, REPO_ROOT, type SecretsManifest } from './lib/secrets-manifest';

const HELP = `Usage: npm run secrets:docs -- [--check]

Regenerates the secrets tables in RUNBOOK.md and docs/secrets.md from ops/secrets.manifest.json (between the
markers ${'<!-- secrets-table:start -->'} and ${'<!-- secrets-table:end -->'}).
  --check   change nothing; exit 1 when a file is out of date (CI and the scripts tests run this)
Exit codes: 0 up to date (or rewritten), 1 out of date with --check or markers missing, 2 usage.`;

export const START = '<!-- secrets-table:start -->';
export const END = '<!-- secrets-table:end -->';
export const DOC_FILES = ['RUNBOOK.md', path.join('docs', 'secrets.md')];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderSecretsTable(manifest: SecretsManifest): string {
  const lines = [
    START,
    '<!-- generated from ops/secrets.manifest.json by `npm run secrets:docs`; edit the manifest, not this table -->',
    '',
    '| secret | lives in | read by | purpose | how to obtain | rotate every |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of manifest.secrets) {
    const rotation = s.rotationDays === null ? 'not scheduled' : `${s.rotationDays} days`;
    const name = `\`${s.name}\`${s.required ? '' : ' (optional)'}${s.runtimeName ? ` → \`${s.runtimeName}\`` : ''}`;
    lines.push(`| ${name} | ${cell(describeLocations(s))} | ${s.readBy.map((f) => `\`${f}\``).join(', ')} | ${cell(s.purpose)} | ${cell(s.obtain)} | ${rotation} |`);
  }
  lines.push('', END);
  return lines.join('\n');
}

export function replaceBetweenMarkers(document: string, table: string, file: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new OperationError(`${file} has no ${START} ... ${END} markers`);
  return `${document.slice(0, start)}${table}${document.slice(end + END.length)}`;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { check: { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const table = renderSecretsTable(loadManifest());
  let stale = 0;
  for (const file of DOC_FILES) {
    const full = path.join(REPO_ROOT, file);
    const current = await readFile(full, 'utf8');
    const next = replaceBetweenMarkers(current, table, file);
    if (next === current) {
      ctx.out(`secrets-docs: ${file} is up to date`);
    } else if (parsed.values.check) {
      stale += 1;
      ctx.err(`secrets-docs: ${file} is out of date; run npm run secrets:docs`);
    } else {
      await writeFile(full, next);
      ctx.out(`secrets-docs: rewrote the table in ${file}`);
    }
  }
  return stale ? EXIT.failed : EXIT.ok;
}

runAsMain(module, run);
