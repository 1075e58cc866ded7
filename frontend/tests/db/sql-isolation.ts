/**
 * Row-level security, checked in SQL the way a Supabase client would reach the tables: as `authenticated` with a
 * JWT's claims in `request.jwt.claims` (PostgREST sets them per request), or as `anon`. Run against PGlite and the
 * PostgreSQL 15 server. Every block runs in a transaction that is rolled back.
 */
import { randomUUID } from 'node:crypto';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { applyPlanAction, catalogVersion, groceryFor } from '@chef-chopsky/kitchen/plan-actions';
import type { Store } from '@/lib/db/types';

export type Rows = Record<string, unknown>[];
export type Query = (text: string, params?: unknown[]) => Promise<Rows>;
/** Runs `fn` inside a rolled-back transaction after `set local role <role>` and, if given, the JWT claims. */
export type AsRole = <T>(role: 'anon' | 'authenticated', claims: Record<string, unknown> | null, fn: (query: Query) => Promise<T>) => Promise<T>;

const PUBLIC_TABLES = ['profiles', 'conversations', 'messages', 'feedback', 'plans', 'plan_versions'];

async function expectSqlError(promise: Promise<unknown>, sqlState: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error(`expected SQLSTATE ${String(sqlState)}, but the statement succeeded`);
    },
    (caught: unknown) => caught as { code?: string },
  );
  expect(error.code).toMatch(sqlState);
}

const noLedger = { entries: [], lifted: [] };
const made = applyPlanAction(KITCHEN, noLedger, null, { kind: 'create', request: { days: 1, meals: ['dinner'] } });
const planVersion = {
  plan: made.plan,
  state: made.state,
  ledger: noLedger,
  grocery: groceryFor(KITCHEN, made.plan, made.state, noLedger),
  action: { kind: 'create' as const },
  label: made.label,
  catalogVersion: catalogVersion(KITCHEN),
};

export function describeSqlIsolation(name: string, get: () => { store: Store; asRole: AsRole }): void {
  describe(`row-level security in SQL on ${name}`, () => {
    let ownerA: string;
    let ownerB: string;
    let conversationA: string;
    let conversationB: string;

    beforeAll(async () => {
      const { store } = get();
      ownerA = randomUUID();
      ownerB = randomUUID();
      conversationA = (await store.createConversation({ ownerId: ownerA, title: 'A plans' })).id;
      conversationB = (await store.createConversation({ ownerId: ownerB, title: 'B plans' })).id;
      for (const [ownerId, conversationId] of [
        [ownerA, conversationA],
        [ownerB, conversationB],
      ] as const) {
        await store.appendUserMessage({ ownerId, conversationId, clientMessageId: 'm', content: 'lentils' });
        const reply = await store.beginAssistantMessage({ ownerId, conversationId });
        await store.completeAssistantMessage({ ownerId, messageId: reply.id, content: 'ok', parts: [], status: 'complete' });
        await store.saveMessageFeedback({ ownerId, messageId: reply.id, rating: 'up' });
        await store.saveProfileByOwner({
          ownerId,
          profile: {
            householdSize: 2,
            diet: 'vegan',
            allergens: [],
            dislikes: [],
            pantry: [],
            maxMinutesPerMeal: null,
            weeklyPrepMinutes: null,
            targets: {},
            units: 'metric',
            members: [],
          },
        });
        await store.createPlan({ ownerId, conversationId, version: planVersion });
      }
    });

    const claimsOf = (sub: string) => ({ sub, role: 'authenticated' });

    test.each(PUBLIC_TABLES)('authenticated A sees only its own rows in %s', async (table) => {
      const rows = await get().asRole('authenticated', claimsOf(ownerA), (query) =>
        query(`select distinct owner_id::text as owner from public.${table}`),
      );
      expect(rows).toEqual([{ owner: ownerA }]);
    });

    test("authenticated A cannot change, delete or insert B's rows", async () => {
      await get().asRole('authenticated', claimsOf(ownerA), async (query) => {
        expect(await query(`update public.conversations set title = 'taken' where id = $1 returning id`, [conversationB])).toEqual([]);
        expect(await query(`delete from public.messages where conversation_id = $1 returning id`, [conversationB])).toEqual([]);
        expect(await query(`delete from public.conversations where id = $1 returning id`, [conversationB])).toEqual([]);
        expect(await query(`update public.profiles set household_size = 9 where owner_id = $1 returning owner_id`, [ownerB])).toEqual([]);
        await expectSqlError(query(`insert into public.conversations (owner_id, title) values ($1, 'forged')`, [ownerB]), '42501');
      });
      await get().asRole('authenticated', claimsOf(ownerA), async (query) => {
        // Own owner id, someone else's conversation: the composite foreign key refuses it.
        await expectSqlError(
          query(`insert into public.messages (conversation_id, owner_id, role, content) values ($1, $2, 'user', 'x')`, [
            conversationB,
            ownerA,
          ]),
          '23503',
        );
      });
      const [b] = await get().asRole('authenticated', claimsOf(ownerB), (query) =>
        query(`select title, (select count(*)::int from public.messages) as messages from public.conversations`),
      );
      expect(b).toEqual({ title: 'B plans', messages: 2 });
    });

    test('authenticated A writes its own rows, and the triggers keep its conversation current', async () => {
      const row = await get().asRole('authenticated', claimsOf(ownerA), async (query) => {
        await query(`insert into public.messages (conversation_id, owner_id, role, content) values ($1, $2, 'user', 'more')`, [
          conversationA,
          ownerA,
        ]);
        const [conversation] = await query(`select last_message_at = now() as bumped from public.conversations where id = $1`, [conversationA]);
        return conversation;
      });
      expect(row).toEqual({ bumped: true });
    });

    test('authenticated without a subject sees nothing', async () => {
      const rows = await get().asRole('authenticated', null, (query) =>
        query(`select (select count(*)::int from public.conversations) + (select count(*)::int from public.messages) as n`),
      );
      expect(rows).toEqual([{ n: 0 }]);
    });

    test.each(PUBLIC_TABLES)('anon has no access to %s at all', async (table) => {
      await get().asRole('anon', null, (query) => expectSqlError(query(`select 1 from public.${table} limit 1`), '42501'));
    });

    test.each(['anon', 'authenticated'] as const)('%s cannot execute the store functions, which take any owner', async (role) => {
      await get().asRole(role, claimsOf(ownerA), (query) =>
        expectSqlError(query(`select public.get_conversation($1, $2)`, [ownerB, conversationB]), '42501'),
      );
      const [privileges] = await get().asRole(role, null, (query) =>
        query(
          `select count(*) filter (where has_function_privilege(p.oid, 'execute'))::int as executable, count(*)::int as total
             from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public'`,
        ),
      );
      expect(privileges).toMatchObject({ executable: 0 });
      expect((privileges as { total: number }).total).toBeGreaterThanOrEqual(14);
    });
  });
}
