import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Ctx, EXIT, parseCli, runAsMain } from './lib/cli';
import { execCli } from './lib/exec';
import { REPO_ROOT } from './lib/secrets-manifest';

const HELP = `Usage: npm run db:check-migrations -- [--dir DIR] [--base REF]

Checks supabase/migrations before anything is pushed: every file is <YYYYMMDDHHMMSS>_<verb_object>.sql with a real
timestamp, no two share a version, and (with --base, e.g. origin/main) no migration that already exists on the
base was edited, renamed or deleted — applied migrations are immutable; add a new one instead.
Exit codes: 0 all good, 1 a rule is broken, 2 usage.`;

export function checkMigrationNames(files: string[]): string[] {
  const problems: string[] = [];
  const versions = new Map<string, string>();
  for (const file of files) {
    const match = /^(\d{14})_([a-z0-9]+(?:_[a-z0-9]+)+)\.sql$/.exec(file);
    if (!match) {
      problems.push(`${file}: name must be <YYYYMMDDHHMMSS>_<verb_object>.sql`);
      continue;
    }
    const version = match[1] ?? '';
    const stamp = `${version.slice(0, 4)}-${version.slice(4, 6)}-${version.slice(6, 8)}T${version.slice(8, 10)}:${version.slice(10, 12)}:${version.slice(12, 14)}Z`;
    if (Number.isNaN(Date.parse(stamp)) || new Date(stamp).toISOString().slice(0, 19) !== stamp.slice(0, 19)) problems.push(`${file}: ${version} is not a real timestamp`);
    const other = versions.get(version);
    if (other) problems.push(`${file}: version ${version} is also used by ${other}`);
    versions.set(version, file);
  }
  return problems;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { dir: { type: 'string' }, base: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const dir = path.resolve(ctx.cwd, parsed.values.dir ?? path.join(REPO_ROOT, 'supabase', 'migrations'));
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
  } catch {
    ctx.out(`migrations: ${dir} does not exist yet; nothing to check`);
    return EXIT.ok;
  }
  const problems = checkMigrationNames(files);
  if (parsed.values.base) {
    const rel = path.relative(REPO_ROOT, dir);
    const diff = await execCli(ctx, 'git', ['diff', '--name-status', `${parsed.values.base}...HEAD`, '--', rel], { cwd: REPO_ROOT });
    for (const line of diff.stdout.split('\n').filter(Boolean)) {
      const [status, file] = line.split('\t');
      if (status && !status.startsWith('A')) problems.push(`${file}: ${status === 'D' ? 'deleted' : 'changed'} after it was merged (status ${status}); add a new migration instead`);
    }
  }
  for (const p of problems) ctx.err(`FAIL ${p}`);
  ctx.out(`migrations: ${files.length} file(s), ${problems.length} problem(s)`);
  return problems.length ? EXIT.failed : EXIT.ok;
}

runAsMain(module, run);
