/**
 * The store on a real PostgreSQL 15 server shaped like Supabase (frontend/tests/support/postgres-server.ts), with
 * the migrations applied by the real Supabase CLI: the contract suite through the pg transport (as a login role that
 * is only a member of service_role), row-level security in SQL as `authenticated` / `anon`, migration hygiene, and
 * the committed generated types checked for drift.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { createStore } from '@/lib/db';
import { findRepoRoot, readMigrations } from '@/lib/db/migrations';
import { storeFunctions } from '@/lib/db/rpc-store';
import type { Store } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server';
import { describeRecipeStoreContract } from './recipe-store-contract';
import { describeSqlIsolation, type AsRole } from './sql-isolation';
import { describeStoreContract } from './store-contract';
import { DATABASE_TYPES_FILE, generateTypes, pushMigrations } from './supabase-cli';

const APP_ROLE = 'chef_app';
let server: PostgresServer;
let admin: Pool;
let pushOutput = '';
let isolationStore: Store;

beforeAll(async () => {
  server = await startPostgresServer();
  pushOutput = pushMigrations(server.url);
  admin = new Pool({ connectionString: server.url, max: 4 });
  // The web app's least-privileged login: it can execute the store functions (through service_role) and nothing else.
  await admin.query(`create role ${APP_ROLE} login password '${APP_ROLE}' noinherit`);
  await admin.query(`grant service_role to ${APP_ROLE}`);
  await admin.query(`alter role ${APP_ROLE} inherit`);
  isolationStore = createStore({ kind: 'postgres', url: server.urlFor(APP_ROLE) });
}, 120_000);

// One teardown, in order: every pool closes before the server stops (a server shutting down under an idle pool
// makes its clients emit errors).
afterAll(async () => {
  await isolationStore?.close();
  await admin?.end();
  await server?.stop();
});

describe('migrations applied by the Supabase CLI', () => {
  test('db push applied every migration file, and the history lists exactly their versions', async () => {
    const migrations = readMigrations(`${findRepoRoot()}/supabase/migrations`);
    for (const migration of migrations) expect(pushOutput).toContain(`Applying migration ${migration.file}`);
    const { rows } = await admin.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
    expect(rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
  });

  test('a second push has nothing to apply', () => {
    expect(pushMigrations(server.url)).not.toContain('Applying migration');
  });

  test('row-level security is enabled on every table in public', async () => {
    const { rows } = await admin.query<{ table: string; rls: boolean }>(
      `select c.relname as table, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(rows.map((row) => row.table)).toEqual(['conversations', 'feedback', 'messages', 'plan_versions', 'plans', 'profiles', 'recipe_lines', 'recipes']);
    expect(rows.filter((row) => !row.rls)).toEqual([]);
  });

  test('every SECURITY DEFINER function pins its search_path', async () => {
    const { rows } = await admin.query<{ name: string; config: string[] | null }>(
      `select n.nspname || '.' || p.proname as name, p.proconfig as config from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname in ('public', 'app_private')`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(Object.keys(storeFunctions).length);
    expect(rows.filter((row) => !(row.config ?? []).includes('search_path=""'))).toEqual([]);
  });

  test('the store calls each function with exactly the parameters the database declares', async () => {
    const { rows } = await admin.query<{ name: string; args: string[] }>(
      `select p.proname as name, p.proargnames as args from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' order by 1`,
    );
    const declared = Object.fromEntries(rows.map((row) => [row.name, row.args]));
    const called = Object.fromEntries(Object.entries(storeFunctions).map(([name, params]) => [name, params.map(([param]) => param)]));
    expect(declared).toEqual(called);
  });

  test('the seed (supabase db reset) runs through the store functions', async () => {
    await admin.query(readFileSync(`${findRepoRoot()}/supabase/seed.sql`, 'utf8'));
    const { rows } = await admin.query(
      `select count(*)::int as messages from public.messages where owner_id = '00000000-0000-4000-8000-00000000dec0'`,
    );
    expect(rows).toEqual([{ messages: 2 }]);
  });

  test('the committed database.types.ts is what `supabase gen types` makes of the migrations', () => {
    const committed = readFileSync(DATABASE_TYPES_FILE, 'utf8');
    const generated = generateTypes(server.url);
    if (generated !== committed) {
      throw new Error('frontend/lib/db/database.types.ts is out of date with supabase/migrations: run `npm run db:types` and commit it');
    }
  }, 300_000);
});

describeStoreContract('PostgreSQL 15 (pg, as a member of service_role)', async () => ({
  store: createStore({ kind: 'postgres', url: server.urlFor(APP_ROLE) }),
  sql: async (text, params) => (await admin.query(text, params)).rows,
}));

const asRole: AsRole = async (role, claims, fn) => {
  const client = await admin.connect();
  try {
    await client.query('begin');
    await client.query(`set local role ${role}`);
    if (claims) await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    return await fn(async (text, params) => (await client.query(text, params)).rows);
  } finally {
    await client.query('rollback');
    client.release();
  }
};
describeSqlIsolation('PostgreSQL 15', () => ({ store: isolationStore, asRole }));
describeRecipeStoreContract('PostgreSQL 15 (pg, as a member of service_role)', () => ({ store: isolationStore, asRole }));

describe('the pg transport when the database is unreachable', () => {
  test('a refused connection is unavailable:database, never a 400', async () => {
    const unreachable = createStore({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:1/postgres' });
    try {
      const error = await unreachable.createConversation({ ownerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'unavailable:database', status: 503 });
      await expect(unreachable.ping()).rejects.toMatchObject({ code: 'unavailable:database' });
    } finally {
      await unreachable.close();
    }
  });

});

describe('the pg transport when its connections are killed', () => {
  test('the process survives, a call fails at most as unavailable:database, and the pool reconnects', async () => {
    const store = createStore({ kind: 'postgres', url: server.urlFor(APP_ROLE), maxConnections: 2 });
    try {
      await store.ping();
      const { rows } = await admin.query(`select pg_terminate_backend(pid) as killed from pg_stat_activity where usename = $1`, [APP_ROLE]);
      expect(rows.length).toBeGreaterThan(0);
      const outcomes: string[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const outcome = await store.ping().then(
          () => 'ok',
          (error: unknown) => (error as AppError).code,
        );
        outcomes.push(outcome);
        if (outcome === 'ok') break;
      }
      expect(outcomes.at(-1)).toBe('ok');
      expect(outcomes.filter((outcome) => outcome !== 'ok').every((code) => code === 'unavailable:database')).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('the app login role', () => {
  test('sees no rows when it queries a table itself: row-level security applies (BYPASSRLS is not inherited)', async () => {
    const owned = await isolationStore.createConversation({ ownerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
    const appPool = new Pool({ connectionString: server.urlFor(APP_ROLE), max: 1 });
    try {
      const { rows } = await appPool.query('select id from public.conversations where id = $1', [owned.id]);
      expect(rows).toEqual([]);
    } finally {
      await appPool.end();
    }
  });
});
