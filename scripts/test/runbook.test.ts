import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run as secretsDocs } from '../secrets-docs';
import { environmentsOf, loadManifest, REPO_ROOT } from '../lib/secrets-manifest';
import { testCtx } from './helpers';

const DOCS = ['RUNBOOK.md', 'docs/secrets.md', 'docs/environments.md', 'docs/architecture.md'];
const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** Written by the first rotation, so it need not exist in a fresh clone. */
const CREATED_AT_RUNTIME = ['ops/audit/secret-rotations.jsonl'];

function codeBlockLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const [, body] of markdown.matchAll(/```(?:bash|sh)\n([\s\S]*?)```/g)) {
    lines.push(...(body ?? '').split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#')));
  }
  return lines;
}

function inlineCode(markdown: string): string[] {
  return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
}

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
  const commands = [...codeBlockLines(text), ...inlineCode(text)];

  test('every npm script it names exists in package.json', () => {
    const named = commands.flatMap((c) => [...c.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1] ?? ''));
    for (const name of named) expect({ name, exists: name in scripts }).toEqual({ name, exists: true });
  });

  test('every repository file or folder it names exists', () => {
    const paths = commands.flatMap((c) => [...c.matchAll(/(?:^|[\s"'(=])((?:scripts|ops|docs|supabase|agent|frontend|\.github)\/[\w./*-]*)/g)].map((m) => m[1] ?? ''));
    const fromLinks = [...text.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => path.join(path.dirname(doc), m[1] ?? ''));
    for (const p of [...paths, ...fromLinks]) {
      const clean = p.replace(/\*\*?.*$/, '').replace(/[.,]$/, '');
      if (CREATED_AT_RUNTIME.includes(clean)) continue;
      expect({ path: clean, exists: existsSync(path.join(REPO_ROOT, clean)) }).toEqual({ path: clean, exists: true });
    }
  });

  test('every secret a rotation command names is in the manifest, with an environment it is used in', () => {
    const manifest = loadManifest();
    for (const c of commands) {
      const m = /secrets:rotate -- (\w+) --env (\w+)/.exec(c);
      if (!m) continue;
      const spec = manifest.secrets.find((s) => s.name === m[1]);
      expect({ command: c, known: Boolean(spec), env: spec ? [...environmentsOf(spec), ...(spec.github.includes('repository') ? ['repository'] : [])].includes(m[2] ?? '') : false }).toEqual({ command: c, known: true, env: true });
    }
  });
});

describe('RUNBOOK.md content', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'RUNBOOK.md'), 'utf8');

  test('covers what on-call needs', () => {
    for (const heading of ['## Architecture', '## Environments', '## Health checks', '## Deploy', '## Rollback (P0: under 5 minutes)', '## Incidents', '## Alert thresholds', '## Secrets', '## Maintenance', '## Troubleshooting', '## DNS']) {
      expect(text).toContain(heading);
    }
    for (const topic of ['CORS', 'Streaming', '401s', 'Model errors', 'Database', 'MAINTENANCE_MODE', '5% of requests for 5 minutes', '2 s for 10 minutes', '3 times in a row']) {
      expect(text).toContain(topic);
    }
    expect(text).toMatch(/curl .*\/health\/ready/);
  });

  test('the generated secrets tables match the manifest', async () => {
    const ctx = testCtx();
    expect(await secretsDocs(['--check'], ctx)).toBe(0);
    for (const secret of loadManifest().secrets) expect(text).toContain(`\`${secret.name}\``);
  });
});
