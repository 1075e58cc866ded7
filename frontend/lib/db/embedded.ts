import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { SUPABASE_BOOTSTRAP_SQL } from './bootstrap';
import { MIGRATION_HISTORY_SQL, findMigrationsDir, readMigrations, type Migration } from './migrations';
import { sqlForCall, type Transport } from './rpc-store';

export interface EmbeddedOptions {
  /** PGlite's data directory, or `memory://` for a throwaway in-memory database. */
  dataDir: string;
  /** Defaults to the `supabase/migrations` found by walking up from process.cwd(). */
  migrationsDir?: string;
}

/**
 * Opens PGlite on `dataDir` and brings it up to date with supabase/migrations (applyMigrations), recording versions in
 * `supabase_migrations.schema_migrations` like the CLI. One process per data directory: PGlite does not lock it.
 */
export async function openEmbeddedDatabase(options: EmbeddedOptions): Promise<{ db: PGlite; applied: string[] }> {
  const migrations = readMigrations(options.migrationsDir ?? findMigrationsDir());
  // PGlite is ESM-only at heart and loads its WASM through import(): keep it a dynamic import so that CommonJS
  // callers (jest, Next.js server bundles with `serverExternalPackages`) can load it.
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = options.dataDir === 'memory://';
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(inMemory ? undefined : options.dataDir).catch((error: unknown) => {
    throw inMemory ? error : explainUnopenableDataDir(options.dataDir, error);
  });
  try {
    return { db, applied: await applyMigrations(db, migrations) };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * PGlite reports only "failed to initialize". On a developer's machine the usual cause is a data directory made by an
 * older PGlite: each PGlite minor may move to a new PostgreSQL major (0.5 ran 18, 0.6 runs 19), and PostgreSQL does
 * not read an older major's files. PG_VERSION, written by initdb, names the major that made the directory.
 */
function explainUnopenableDataDir(dataDir: string, error: unknown): unknown {
  let major: string;
  try {
    major = readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return error;
  }
  return new Error(
    `PGlite could not open ${dataDir}, a PostgreSQL ${major} data directory. If PGlite was upgraded since it was made, ` +
      'its PostgreSQL major cannot read that one: rebuild it from supabase/migrations with `npm run db:reset -- --yes` ' +
      '(its rows are lost), or set DATA_DIR to a new directory.',
    { cause: error },
  );
}

/**
 * Creates Supabase's roles and `auth` schema (idempotent), then applies the migrations the history table does not
 * list, in version order, each in one transaction with its history row: a failing migration leaves no trace and
 * stops the rest. Returns the versions applied.
 */
export async function applyMigrations(db: PGlite, migrations: Migration[]): Promise<string[]> {
  await db.exec(SUPABASE_BOOTSTRAP_SQL);
  await db.exec(MIGRATION_HISTORY_SQL);
  const done = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((row) => row.version),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        [migration.sql],
      ]);
    });
    applied.push(migration.version);
  }
  return applied;
}

/** A transport over a PGlite the caller opened (and closes): for tests and tools that also need direct SQL. */
export function createPGliteTransport(db: PGlite): Transport {
  return {
    async call(name, args) {
      const { text, values } = sqlForCall(name, args);
      const result = await db.query<{ result: unknown }>(text, values);
      return result.rows[0]?.result ?? null;
    },
    async ping() {
      await db.query('select 1');
    },
    async close() {},
  };
}

/** The embedded transport. Opening is lazy and shared: the first call waits for it; a failed open is retried. */
export function createEmbeddedTransport(options: EmbeddedOptions): Transport {
  let opening: Promise<PGlite> | null = null;
  let closed = false;
  const database = (): Promise<PGlite> => {
    if (closed) return Promise.reject(new Error('PGlite is closed'));
    opening ??= openEmbeddedDatabase(options).then(
      ({ db }) => db,
      (error: unknown) => {
        opening = null;
        throw error;
      },
    );
    return opening;
  };

  return {
    async call(name, args) {
      return createPGliteTransport(await database()).call(name, args);
    },
    async ping() {
      await createPGliteTransport(await database()).ping();
    },
    async close() {
      closed = true;
      if (opening) {
        const pending = opening;
        opening = null;
        await (await pending.catch(() => null))?.close();
      }
    },
  };
}
