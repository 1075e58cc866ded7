/**
 * Migration hygiene, and how the embedded store applies migrations: names and versions, a block comment per table,
 * RLS on every table; and on a data directory on disk: the first open applies all, a reopen applies only a new
 * migration, a failing one leaves nothing behind.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations, openEmbeddedDatabase } from '@/lib/db/embedded';
import { MIGRATION_FILE_PATTERN, findMigrationsDir, readMigrations } from '@/lib/db/migrations';

const migrationsDir = findMigrationsDir();
const files = readdirSync(migrationsDir);
const migrations = readMigrations(migrationsDir);

describe('the migration files', () => {
  test('every file is <YYYYMMDDHHMMSS>_<verb_object>.sql with a real UTC timestamp', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const match = MIGRATION_FILE_PATTERN.exec(file);
      expect({ file, named: Boolean(match) && /^[a-z]+_[a-z0-9_]+$/.test(match![2]!) }).toEqual({ file, named: true });
      const v = match![1]!;
      const stamp = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(8, 10)}:${v.slice(10, 12)}:${v.slice(12, 14)}.000Z`;
      expect(new Date(stamp).toISOString()).toBe(stamp);
    }
  });

  test('no two migrations share a version', () => {
    const versions = migrations.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
  });

  test('every table is created right after a block comment that says what it is for', () => {
    for (const migration of migrations) {
      const tables = [...migration.sql.matchAll(/create table (?:if not exists )?([a-z_.]+)/gi)];
      for (const table of tables) {
        const before = migration.sql.slice(0, table.index).trimEnd();
        expect({ table: table[1], commented: before.endsWith('*/') }).toEqual({ table: table[1], commented: true });
      }
    }
  });
});

describe('the embedded store on a data directory', () => {
  let root: string;
  let dataDir: string;
  let localMigrations: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'chef-embedded-'));
    dataDir = path.join(root, 'data');
    localMigrations = path.join(root, 'migrations');
    mkdirSync(localMigrations);
    for (const file of files) copyFileSync(path.join(migrationsDir, file), path.join(localMigrations, file));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the first open applies every migration, records it like the CLI, and leaves RLS on every table', async () => {
    const { db, applied } = await openEmbeddedDatabase({ dataDir, migrationsDir: localMigrations });
    try {
      expect(applied).toEqual(migrations.map((m) => m.version));
      const history = await db.query<{ version: string; name: string }>(
        'select version, name from supabase_migrations.schema_migrations order by version',
      );
      expect(history.rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
      const tables = await db.query<{ table: string; rls: boolean }>(
        `select c.relname as table, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
      );
      expect(tables.rows).toEqual(['conversations', 'feedback', 'messages', 'plan_versions', 'plans', 'profiles', 'recipe_lines', 'recipes'].map((table) => ({ table, rls: true })));
      await db.query(`select public.create_conversation('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'kept', '{}')`);
    } finally {
      await db.close();
    }
  }, 60_000);

  test('reopening keeps the data and applies only a new migration; a failing migration leaves no trace', async () => {
    writeFileSync(path.join(localMigrations, '29990101000000_create_marker.sql'), 'create table public.marker (id int);');
    const { db, applied } = await openEmbeddedDatabase({ dataDir, migrationsDir: localMigrations });
    try {
      expect(applied).toEqual(['29990101000000']);
      const rows = await db.query(`select title from public.conversations`);
      expect(rows.rows).toEqual([{ title: 'kept' }]);

      // A migration that fails is rolled back whole and not recorded, and applying stops loudly.
      writeFileSync(path.join(localMigrations, '29990102000000_break_things.sql'), 'create table public.half (id int);\nselect 1 / 0;');
      await expect(applyMigrations(db, readMigrations(localMigrations))).rejects.toThrow(/division by zero/);
      const after = await db.query(
        `select to_regclass('public.half') as half, (select max(version) from supabase_migrations.schema_migrations) as latest`,
      );
      expect(after.rows).toEqual([{ half: null, latest: '29990101000000' }]);
    } finally {
      await db.close();
    }
  }, 60_000);

  test('a data directory of another PostgreSQL major is refused with its major and the command that rebuilds it', async () => {
    const otherDir = path.join(root, 'other-major');
    const engineMajor = await (async () => {
      const { db } = await openEmbeddedDatabase({ dataDir: otherDir, migrationsDir });
      try {
        return (await db.query<{ major: string }>(`select current_setting('server_version_num')::int / 10000 as major`)).rows[0]!.major;
      } finally {
        await db.close();
      }
    })();
    const olderMajor = String(Number(engineMajor) - 1);
    // PostgreSQL checks PG_VERSION at start-up and refuses another major's files, as it does for a directory an older
    // PGlite made.
    writeFileSync(path.join(otherDir, 'PG_VERSION'), `${olderMajor}\n`);
    const refused = await openEmbeddedDatabase({ dataDir: otherDir, migrationsDir }).then(
      async ({ db }) => {
        await db.close();
        return null;
      },
      (error: unknown) => error as Error,
    );
    expect(refused?.message).toContain(`${otherDir}, a PostgreSQL ${olderMajor} data directory`);
    expect(refused?.message).toContain('npm run db:reset -- --yes');
    expect(refused?.cause).toBeInstanceOf(Error);
  }, 60_000);
});
