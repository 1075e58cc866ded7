/** Choosing the transport from the environment, and the per-process store that survives hot reloads. */
import path from 'node:path';
import { getStore, storeConfigFromEnv, type StoreConfig } from '@/lib/db';
import { findRepoRoot } from '@/lib/db/migrations';

describe('storeConfigFromEnv', () => {
  test('with nothing set outside production, the store is embedded in <repo>/.data', () => {
    expect(storeConfigFromEnv({})).toEqual({ kind: 'embedded', dataDir: path.join(findRepoRoot(), '.data') });
    expect(storeConfigFromEnv({ APP_ENV: 'development', SUPABASE_URL: ' ' })).toMatchObject({ kind: 'embedded' });
  });

  test('DATA_DIR moves the embedded database, resolved against the working directory', () => {
    expect(storeConfigFromEnv({ DATA_DIR: 'tmp/db' })).toEqual({ kind: 'embedded', dataDir: path.resolve('tmp/db') });
  });

  test('DATABASE_URL selects the pg transport', () => {
    expect(storeConfigFromEnv({ DATABASE_URL: 'postgresql://app@db:5432/chef' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://app@db:5432/chef',
    });
  });

  test('SUPABASE_URL with SUPABASE_SECRET_KEY selects Supabase, ahead of DATABASE_URL', () => {
    expect(
      storeConfigFromEnv({ SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SECRET_KEY: 'sb_secret_x', DATABASE_URL: 'postgresql://a@b/c' }),
    ).toEqual({ kind: 'supabase', url: 'https://x.supabase.co', secretKey: 'sb_secret_x' });
  });

  test('half a Supabase configuration is an error, not a silent fallback', () => {
    expect(() => storeConfigFromEnv({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow(/SUPABASE_SECRET_KEY/);
    expect(() => storeConfigFromEnv({ SUPABASE_SECRET_KEY: 'sb_secret_x' })).toThrow(/SUPABASE_URL/);
  });

  test('in production, no database setting is an error that names the settings', () => {
    expect(() => storeConfigFromEnv({ APP_ENV: 'production' })).toThrow(/SUPABASE_URL.*DATABASE_URL/);
    expect(storeConfigFromEnv({ APP_ENV: 'production', DATABASE_URL: 'postgresql://a@b/c' })).toMatchObject({ kind: 'postgres' });
  });
});

describe('getStore', () => {
  const memory: StoreConfig = { kind: 'embedded', dataDir: 'memory://' };

  test('returns one store per process, also when the module is evaluated again (a Next.js hot reload)', () => {
    const first = getStore(memory);
    let reloaded: unknown;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      reloaded = (require('@/lib/db') as typeof import('@/lib/db')).getStore({ ...memory });
    });
    expect(reloaded).toBe(first);
    expect(getStore(memory)).toBe(first);
  });

  test('a different configuration replaces the store and closes the previous one', async () => {
    const previous = getStore(memory);
    const next = getStore({ kind: 'embedded', dataDir: 'memory://', migrationsDir: findRepoRoot() + '/supabase/migrations' });
    expect(next).not.toBe(previous);
    await expect(previous.ping()).rejects.toMatchObject({ code: 'unavailable:database' });
    await next.close();
  });
});
