/**
 * `npm run db:types`: starts the PostgreSQL 15 test server, applies supabase/migrations with the Supabase CLI, and
 * writes the generated types to frontend/lib/db/database.types.ts. store.postgres.test.ts fails when that file
 * differs from what the migrations generate, so run this after changing a migration and commit the result.
 */
import { writeFileSync } from 'node:fs';
import { startPostgresServer } from '../support/postgres-server';
import { DATABASE_TYPES_FILE, generateTypes, pushMigrations } from './supabase-cli';

async function main(): Promise<void> {
  const server = await startPostgresServer();
  try {
    console.log(`db:types: PostgreSQL 15 on port ${server.port}; applying migrations with the Supabase CLI`);
    pushMigrations(server.url);
    const types = generateTypes(server.url);
    writeFileSync(DATABASE_TYPES_FILE, types);
    console.log(`db:types: wrote ${DATABASE_TYPES_FILE}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
