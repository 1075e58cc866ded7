/**
 * The contract suite against a real Supabase: `supabase start` on a CI runner with Docker, or a throwaway project.
 * Needs SUPABASE_TEST_URL (e.g. http://127.0.0.1:54321) and SUPABASE_TEST_SECRET_KEY (the secret / service_role key)
 * with the migrations applied. Without them the suite is skipped, as PostgREST cannot run on this machine.
 */
import { createStore } from '@/lib/db';
import { describeStoreContract } from './store-contract';

const url = process.env.SUPABASE_TEST_URL;
const secretKey = process.env.SUPABASE_TEST_SECRET_KEY;

if (url && secretKey) {
  describeStoreContract(`Supabase at ${url}`, async () => ({ store: createStore({ kind: 'supabase', url, secretKey }) }));
} else {
  describe.skip('the store contract over a real Supabase: skipped, set SUPABASE_TEST_URL and SUPABASE_TEST_SECRET_KEY to run it', () => {
    test('runs the contract suite through supabase-js', () => {
      expect(url && secretKey).toBeTruthy();
    });
  });
}
