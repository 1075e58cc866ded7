/**
 * The conversation store: the only way the web app touches the database. Server-only by convention: import it from
 * route handlers, server actions and server components, never from a client component (the Supabase secret key and
 * the database URL must not reach a browser bundle). `server-only` is not imported here because jest cannot load it.
 *
 *   const store = getStore(storeConfigFromEnv(process.env));
 *   const conversation = await store.createConversation({ ownerId });
 */
import path from 'node:path';
import { createEmbeddedTransport } from './embedded';
import { findRepoRoot } from './migrations';
import { createPostgresTransport } from './postgres';
import { type AroundStoreCall, createRpcStore } from './rpc-store';
import { createSupabaseTransport } from './supabase';
import type { Store } from './types';

export * from './types';

export type StoreConfig =
  | { kind: 'supabase'; url: string; secretKey: string }
  | { kind: 'postgres'; url: string; maxConnections?: number }
  | { kind: 'embedded'; dataDir: string; migrationsDir?: string };

export interface StoreOptions {
  /** Wraps every store function call (a tracing span, say: lib/store-spans.ts). */
  around?: AroundStoreCall;
}

export function createStore(config: StoreConfig, { around }: StoreOptions = {}): Store {
  return createRpcStore(transportFor(config), around);
}

/** The transport a config names; the store over it is the same for all three. */
function transportFor(config: StoreConfig) {
  switch (config.kind) {
    case 'supabase':
      return createSupabaseTransport({ url: config.url, secretKey: config.secretKey });
    case 'postgres':
      return createPostgresTransport({ url: config.url, maxConnections: config.maxConnections });
    case 'embedded':
      return createEmbeddedTransport({ dataDir: config.dataDir, migrationsDir: config.migrationsDir });
  }
}

export interface StoreEnv {
  SUPABASE_URL?: string;
  SUPABASE_SECRET_KEY?: string;
  DATABASE_URL?: string;
  DATA_DIR?: string;
  APP_ENV?: string;
}

/**
 * Chooses the transport: Supabase when SUPABASE_URL is set (SUPABASE_SECRET_KEY is then required), else PostgreSQL
 * when DATABASE_URL is set, else the embedded PGlite in DATA_DIR (default `<repo>/.data`). In production
 * (APP_ENV=production) the embedded default is refused: a missing database setting is an error, not a laptop database.
 */
export function storeConfigFromEnv(env: StoreEnv): StoreConfig {
  const value = (name: keyof StoreEnv) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const supabaseUrl = value('SUPABASE_URL');
  const secretKey = value('SUPABASE_SECRET_KEY');
  const databaseUrl = value('DATABASE_URL');

  if (supabaseUrl) {
    if (!secretKey) throw new Error('SUPABASE_URL is set but SUPABASE_SECRET_KEY is missing');
    return { kind: 'supabase', url: supabaseUrl, secretKey };
  }
  if (secretKey) throw new Error('SUPABASE_SECRET_KEY is set but SUPABASE_URL is missing');
  if (databaseUrl) return { kind: 'postgres', url: databaseUrl };
  if (value('APP_ENV') === 'production') {
    throw new Error(
      'No database configured for production: set SUPABASE_URL and SUPABASE_SECRET_KEY, or DATABASE_URL (the embedded database is for development only)',
    );
  }
  const dataDir = value('DATA_DIR');
  return { kind: 'embedded', dataDir: dataDir ? path.resolve(dataDir) : path.join(findRepoRoot(), '.data') };
}

const singletonKey = Symbol.for('chef-chopsky.store');
type Singleton = { key: string; store: Store };

/**
 * One store per process, kept on globalThis so that Next.js hot reloads (which re-evaluate modules) reuse the open
 * pool or PGlite instead of opening another one (two PGlite instances on one data directory corrupt it). A different
 * config replaces and closes the previous store.
 */
export function getStore(config: StoreConfig, options: StoreOptions = {}): Store {
  const holder = globalThis as typeof globalThis & { [singletonKey]?: Singleton };
  const key = JSON.stringify(config);
  const current = holder[singletonKey];
  if (current?.key === key) return current.store;
  if (current) {
    // Nothing waits for the old store; a failure to close it must not take the new one down, but is worth a line.
    current.store.close().catch((error: unknown) => console.error('store: closing the replaced store failed', error));
  }
  const store = createStore(config, options);
  holder[singletonKey] = { key, store };
  return store;
}
