import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `<YYYYMMDDHHMMSS>_<verb_object>.sql`, the Supabase CLI's naming; the timestamp is the version. */
export const MIGRATION_FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: string;
  name: string;
  file: string;
  sql: string;
}

/**
 * The repository's `supabase/migrations`, found by walking up from `from` (process.cwd() by default): the web app
 * runs from `frontend/` or the repository root, and Next.js bundles move compiled files, so a path relative to this
 * module would not survive.
 */
export function findMigrationsDir(from: string = process.cwd()): string {
  // Read at run time only by the embedded database (development); the ignore comment keeps Next.js's output tracing
  // from copying the whole repository into the server build because of this walk.
  let dir = path.resolve(/*turbopackIgnore: true*/ from);
  for (;;) {
    const candidate = path.join(dir, 'supabase', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`supabase/migrations not found in ${from} or any parent directory; pass migrationsDir`);
    }
    dir = parent;
  }
}

/** The repository root: the directory that holds `supabase/migrations`. */
export function findRepoRoot(from: string = process.cwd()): string {
  return path.dirname(path.dirname(findMigrationsDir(from)));
}

/** Every migration in version order. A file in the directory that does not follow the naming is an error. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = MIGRATION_FILE_PATTERN.exec(file);
      if (!match) throw new Error(`migration ${file} is not named <YYYYMMDDHHMMSS>_<verb_object>.sql`);
      return { version: match[1]!, name: match[2]!, file, sql: readFileSync(path.join(dir, file), 'utf8') };
    });
}

/** The Supabase CLI's history table, so a database migrated by either the CLI or the embedded store reads the same. */
export const MIGRATION_HISTORY_SQL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text not null primary key,
  statements text[],
  name text
);
`;
