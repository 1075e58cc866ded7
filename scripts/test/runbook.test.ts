import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run as secretsDocs } from '../secrets-docs';
import { environmentsOf, loadManifest, REPO_ROOT } from '../lib/secrets-manifest';
import { testCtx } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validate } = require('./fakes/cli-specs.js') as { validate: (cli: string, argv: string[]) => string | null };

/** Splits a shell command line into words, honouring single and double quotes (no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** `npm run NAME -- ARGS` in a line (after any env assignments or a pipe), cut at the next pipe or `&&`. */
function npmCommand(line: string): { name: string; args: string[] } | null {
  const m = /npm run (?:--silent |-s )?([\w:-]+)(?: -- (.*))?$/.exec(line.split(/\s(?:\||&&)\s/).find((part) => part.includes('npm run ')) ?? '');
  return m ? { name: m[1] ?? '', args: m[2] ? words(m[2]) : [] } : null;
}

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

  test('every ops script command it gives is accepted by the script (its flags exist), checked with --help', async () => {
    const blocks = codeBlockLines(text);
    const inline = inlineCode(text).filter((c) => c.includes('npm run '));
    for (const line of [...blocks, ...inline]) {
      const command = npmCommand(line);
      if (!command) continue;
      const m = /^tsx (scripts\/[\w-]+\.ts)((?: \w+)*)$/.exec(scripts[command.name] ?? '');
      if (!m) continue;
      const mod = (await import(path.join(REPO_ROOT, m[1] ?? ''))) as { run: (argv: string[], ctx: ReturnType<typeof testCtx>) => Promise<number> };
      const fixed = (m[2] ?? '').trim().split(' ').filter(Boolean);
      const ctx = testCtx();
      let outcome: string;
      try {
        outcome = String(await mod.run([...fixed, ...command.args, '--help'], ctx));
      } catch (error) {
        outcome = (error as Error).message.split('\n')[0] ?? 'error';
      }
      expect({ line, outcome }).toEqual({ line, outcome: '0' });
      expect(ctx.calls()).toEqual([]);
    }
  });

  test('every railway, vercel and gh command it gives is one the real CLI accepts', () => {
    const lines = [...codeBlockLines(text), ...inlineCode(text).filter((c) => c.includes(' --'))];
    for (const line of lines) {
      const argv = words(line.replace(/^\w+=\S+\s+/, ''));
      const cli = argv[0] ?? '';
      if (!['railway', 'vercel', 'gh'].includes(cli)) continue;
      expect({ line, problem: validate(cli, argv.slice(1)) }).toEqual({ line, problem: null });
    }
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
    for (const heading of ['## Architecture', '## Environments', '## Health checks', '## Deploy', '## Rollback (P0: under 5 minutes)', '## Incident response', '### Roles', '### Escalation', '### Postmortem', '## Alert thresholds', '## Secrets', '## Maintenance', '## Backups and point-in-time restore', '## Scaling', '## Troubleshooting', '## DNS']) {
      expect(text).toContain(heading);
    }
    for (const topic of ['CORS', 'Streaming', '401s', 'Model errors', 'Database', 'MAINTENANCE_MODE', '5% of requests for 5 minutes', '2 s for 10 minutes', '3 attempts in a row', 'Incident commander', 'Communications', 'Status page', 'Replicas', 'Connection pooling', 'deploy:unfreeze']) {
      expect(text).toContain(topic);
    }
    expect(text).toMatch(/curl .*\/health\/ready/);
  });

  test('what it says about paging, readiness and rollback is what the code does', () => {
    // the monitor's own text points here, and staging never pages
    expect(readFileSync(path.join(REPO_ROOT, 'scripts', 'monitor-health.ts'), 'utf8')).toContain('RUNBOOK.md "Incident response"');
    expect(text).toMatch(/\| \*\*P3\*\* \| staging .* \| channel only, never a page \|/);
    // readiness warns (not fails) when only the fallback model answers: health.ts says so too
    expect(readFileSync(path.join(REPO_ROOT, 'agent', 'src', 'http', 'routes', 'health.ts'), 'utf8')).toContain("status: 'warn', output: `primary model unavailable");
    expect(text).toContain('`warn` (200) when only the fallback model answers');
    // the rollback runs a smoke chat: rollback.ts does
    expect(readFileSync(path.join(REPO_ROOT, 'scripts', 'rollback.ts'), 'utf8')).toContain('webAppChat(');
  });

  test('the generated secrets tables match the manifest', async () => {
    const ctx = testCtx();
    expect(await secretsDocs(['--check'], ctx)).toBe(0);
    for (const secret of loadManifest().secrets) expect(text).toContain(`\`${secret.name}\``);
  });
});
