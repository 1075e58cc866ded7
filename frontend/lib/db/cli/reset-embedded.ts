/**
 * `npm run db:reset [-- --yes]`: rebuilds the embedded database (PGlite in DATA_DIR, default `<repo>/.data`) from
 * supabase/migrations. A dry run unless --yes is given. Refuses when SUPABASE_URL or DATABASE_URL is set: remote
 * databases change only through `npm run db:push-migrations`.
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openEmbeddedDatabase } from '../embedded';
import { storeConfigFromEnv, type StoreEnv } from '../index';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { yes: { type: 'boolean', default: false } } });
  const config = storeConfigFromEnv(process.env as StoreEnv);
  if (config.kind !== 'embedded') {
    console.error(`db:reset: the configured database is ${config.kind}, not embedded; refusing to touch it`);
    return 1;
  }
  if (!values.yes) {
    console.log(`db:reset: would delete ${config.dataDir}${existsSync(config.dataDir) ? '' : ' (absent)'} and apply supabase/migrations`);
    console.log('db:reset: dry run; pass --yes (npm run db:reset -- --yes) to do it');
    return 0;
  }
  console.log(`db:reset: deleting ${config.dataDir}`);
  rmSync(config.dataDir, { recursive: true, force: true });
  const { db, applied } = await openEmbeddedDatabase({ dataDir: config.dataDir, migrationsDir: config.migrationsDir });
  await db.close();
  console.log(`db:reset: applied ${applied.length} migration(s): ${applied.join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
