import { createClient } from '@supabase/supabase-js';
import { assertSupabaseResult } from './faults';
import type { Transport } from './rpc-store';

export interface SupabaseOptions {
  /** https://<project>.supabase.co, or http://127.0.0.1:54321 for `supabase start`. */
  url: string;
  /**
   * The project's secret key (`sb_secret_...`) or legacy service_role key: it reaches the store functions, which
   * are granted to service_role only. Server-only: read it from the server's environment and never pass it to a
   * client component (the web app's bundle scan checks this).
   */
  secretKey: string;
  /** For tests: the fetch supabase-js uses. */
  fetch?: typeof fetch;
}

/** The Supabase transport: each store function is `POST /rest/v1/rpc/<name>` with the named arguments as JSON. */
export function createSupabaseTransport(options: SupabaseOptions): Transport {
  const client = createClient(options.url, options.secretKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: options.fetch ? { fetch: options.fetch } : {},
  });

  return {
    async call(name, args) {
      return assertSupabaseResult(await client.rpc(name, args));
    },
    async ping() {
      // A read of a row that cannot exist: one round trip through the Data API to the database.
      assertSupabaseResult(await client.rpc('get_profile', { p_owner: '00000000-0000-0000-0000-000000000000' }));
    },
    async close() {
      await client.removeAllChannels();
    },
  };
}
