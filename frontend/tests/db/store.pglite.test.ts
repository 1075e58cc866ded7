/**
 * The contract suite and the SQL isolation checks on the embedded transport: PGlite with the repository's
 * migrations, one in-memory instance for the whole file (opening one costs seconds).
 */
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { openEmbeddedDatabase, createPGliteTransport } from '@/lib/db/embedded';
import { createRpcStore } from '@/lib/db/rpc-store';
import type { Store } from '@/lib/db/types';
import { describeStoreContract } from './store-contract';
import { describeRecipeStoreContract } from './recipe-store-contract';
import { describeSqlIsolation, type AsRole } from './sql-isolation';

let opened: Promise<PGlite> | null = null;
const database = () => (opened ??= openEmbeddedDatabase({ dataDir: 'memory://' }).then(({ db }) => db));

afterAll(async () => {
  if (opened) await (await opened).close();
});

describeStoreContract('PGlite (embedded)', async () => {
  const db = await database();
  return {
    store: createRpcStore(createPGliteTransport(db)),
    sql: async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows,
  };
});

let isolationStore: Store;
let asRole: AsRole;
beforeAll(async () => {
  const db = await database();
  isolationStore = createRpcStore(createPGliteTransport(db));
  asRole = (role, claims, fn) =>
    db
      .transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        if (claims) await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
        const result = await fn(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows);
        await tx.rollback();
        return result;
      });
});

describeSqlIsolation('PGlite', () => ({ store: isolationStore, asRole }));
describeRecipeStoreContract('PGlite', () => ({ store: isolationStore, asRole }));
