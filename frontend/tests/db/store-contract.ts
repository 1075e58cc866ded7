/**
 * The store's contract: one suite, run against every transport (store.pglite.test.ts, store.postgres.test.ts,
 * store.supabase.test.ts). Each test uses fresh random owners, so the suite shares one database per file and needs
 * no cleanup between tests.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import type { ConstraintLedger, Message, PlanVersionInput, Profile, Store } from '@/lib/db/types';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { applyPlanAction, catalogVersion, groceryFor, type PlanAction, type PlanSnapshot } from '@chef-chopsky/kitchen/plan-actions';

export interface StoreUnderTest {
  store: Store;
  /** Direct SQL as the database owner, where the transport allows it (not over Supabase): used to check cascades. */
  sql?: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  teardown?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected an AppError ${code}, but the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const profile: Profile = {
  householdSize: 4,
  diet: 'vegetarian',
  allergens: ['peanuts', 'sesame'],
  dislikes: ['mushroom', 'olives'],
  pantry: ['kale', 'tomato', 'chickpeas'],
  maxMinutesPerMeal: 45,
  weeklyPrepMinutes: 240,
  targets: { kcalPerDay: 2000, proteinGPerDay: 100 },
  units: 'us',
  members: [
    { label: 'Sam', ageGroup: 'adult', allergens: ['peanuts'], diet: 'vegetarian' },
    { label: 'Maya', ageGroup: 'child', allergens: ['sesame', 'molluscs'], diet: 'vegan' },
    { label: 'Ana', ageGroup: 'adult', allergens: [], diet: 'omnivore' },
    { label: 'Leo', ageGroup: 'toddler', allergens: [], diet: 'omnivore' },
  ],
};

/** Ledgers as the web app computes them (packages/kitchen/src/ledger): entries with their sources, and lifts. */
const peanutLedger: ConstraintLedger = {
  entries: [
    { id: 'people', field: 'people', count: 4, source: { kind: 'message', turn: 0, quote: 'dinners for 4, my son has a peanut allergy' } },
    { id: 'allergen:peanuts', field: 'allergen', allergen: 'peanuts', who: 'son', source: { kind: 'message', turn: 0, quote: 'dinners for 4, my son has a peanut allergy' } },
  ],
  lifted: [],
};
const plusShellfish: ConstraintLedger = {
  entries: [...peanutLedger.entries, { id: 'allergen:shellfish', field: 'allergen', allergen: 'shellfish', source: { kind: 'edit' } }],
  lifted: [],
};
const empty: ConstraintLedger = { entries: [], lifted: [] };

/** A plan version as the kitchen makes it: the plan, its state, its grocery list and what made it. */
function versionOf(action: PlanAction, from: PlanSnapshot | null = null, ledger: ConstraintLedger = peanutLedger): PlanVersionInput & { snapshot: PlanSnapshot } {
  const result = applyPlanAction(KITCHEN, ledger, from, action);
  const grocery = groceryFor(KITCHEN, result.plan, result.state, ledger);
  const version = { plan: result.plan, state: result.state, ledger, grocery, action, label: result.label, catalogVersion: catalogVersion(KITCHEN) };
  return { ...version, snapshot: { plan: result.plan, state: result.state, catalogVersion: version.catalogVersion } };
}
const created = versionOf({ kind: 'create', request: { days: 3, meals: ['dinner'] } });
const swapped = versionOf({ kind: 'swap', day: 2, slot: 'dinner' }, created.snapshot);
const { snapshot: _created, ...createdVersion } = created;
const { snapshot: _swapped, ...swappedVersion } = swapped;

export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`the store contract over ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });

    afterAll(async () => {
      await subject?.store.close();
      await subject?.teardown?.();
    });

    const newOwner = () => randomUUID();

    async function conversationWithReply(ownerId: string, text = 'What can I cook with kale?') {
      const conversation = await store.createConversation({ ownerId, title: 'Kale week' });
      const { message: user } = await store.appendUserMessage({
        ownerId,
        conversationId: conversation.id,
        clientMessageId: randomUUID(),
        content: text,
      });
      const begun = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id, model: 'offline-chef' });
      const assistant = (await store.completeAssistantMessage({
        ownerId,
        messageId: begun.id,
        content: 'Try a kale and chickpea stew.',
        parts: [],
        status: 'complete',
      })) as Message;
      return { conversation, user, assistant };
    }

    test('ping answers when the database is reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('conversations', () => {
      test('a new conversation has defaults, and get returns it as created', async () => {
        const ownerId = newOwner();
        const created = await store.createConversation({ ownerId });
        expect(created).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          ownerId,
          title: 'New conversation',
          status: 'active',
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          updatedAt: expect.any(String),
          lastMessageAt: null,
          metadata: {},
          rating: null,
        });
        // One conversation read alone also carries its constraint ledger, empty at first.
        await expect(store.getConversationById({ ownerId, conversationId: created.id })).resolves.toEqual({ ...created, ledger: { entries: [], lifted: [] } });
      });

      test('title is trimmed and metadata round-trips', async () => {
        const ownerId = newOwner();
        const created = await store.createConversation({ ownerId, title: '  Sunday prep  ', metadata: { source: 'web', n: 2 } });
        expect(created.title).toBe('Sunday prep');
        expect(created.metadata).toEqual({ source: 'web', n: 2 });
      });

      test('when the conversation does not exist, get returns null', async () => {
        await expect(store.getConversationById({ ownerId: newOwner(), conversationId: randomUUID() })).resolves.toBeNull();
      });

      test('the list is newest activity first: a new message moves its conversation to the top', async () => {
        const ownerId = newOwner();
        // PGlite's clock ticks in milliseconds: two writes in one tick tie on time and are then ordered by id, so each
        // step waits for the clock to move on.
        const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
        const first = await store.createConversation({ ownerId, title: 'first' });
        await tick();
        const second = await store.createConversation({ ownerId, title: 'second' });
        await tick();
        const third = await store.createConversation({ ownerId, title: 'third' });
        let page = await store.listConversationsByOwner({ ownerId });
        expect(page.items.map((c) => c.title)).toEqual(['third', 'second', 'first']);

        await tick();
        await store.appendUserMessage({ ownerId, conversationId: first.id, clientMessageId: 'm1', content: 'hello' });
        page = await store.listConversationsByOwner({ ownerId });
        expect(page.items.map((c) => c.id)).toEqual([first.id, third.id, second.id]);
        expect(page.nextCursor).toBeNull();
      });

      test('pages follow the cursor without gaps or repeats, and the last page has no cursor', async () => {
        const ownerId = newOwner();
        const ids: string[] = [];
        for (let i = 0; i < 5; i += 1) ids.unshift((await store.createConversation({ ownerId, title: `c${i}` })).id);
        const seen: string[] = [];
        let cursor: string | null = null;
        const sizes: number[] = [];
        do {
          const page = await store.listConversationsByOwner({ ownerId, limit: 2, cursor });
          sizes.push(page.items.length);
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(sizes).toEqual([2, 2, 1]);
        // Pages in the one-page order, each conversation once. (Compared with the unpaged list, not with the creation
        // order: two conversations created within the clock's resolution tie on time and are ordered by id.)
        expect(seen).toEqual((await store.listConversationsByOwner({ ownerId, limit: 100 })).items.map((c) => c.id));
        expect([...seen].sort()).toEqual([...ids].sort());
      });

      test('a page exactly at the end has no cursor', async () => {
        const ownerId = newOwner();
        await store.createConversation({ ownerId });
        await store.createConversation({ ownerId });
        const page = await store.listConversationsByOwner({ ownerId, limit: 2 });
        expect(page.items).toHaveLength(2);
        expect(page.nextCursor).toBeNull();
      });

      test('search matches a title substring, case-insensitively, with % and _ taken literally', async () => {
        const ownerId = newOwner();
        const soup = await store.createConversation({ ownerId, title: 'Lentil SOUP ideas' });
        await store.createConversation({ ownerId, title: 'Tacos' });
        const percent = await store.createConversation({ ownerId, title: '100% whole wheat' });
        expect((await store.listConversationsByOwner({ ownerId, search: 'soup' })).items.map((c) => c.id)).toEqual([soup.id]);
        expect((await store.listConversationsByOwner({ ownerId, search: '0%' })).items.map((c) => c.id)).toEqual([percent.id]);
        expect((await store.listConversationsByOwner({ ownerId, search: 'T_cos' })).items).toEqual([]);
      });

      test('search matches message text by word stem', async () => {
        const ownerId = newOwner();
        const roast = await store.createConversation({ ownerId, title: 'Dinner' });
        await store.appendUserMessage({ ownerId, conversationId: roast.id, clientMessageId: 'a', content: 'I love roasting vegetables' });
        const other = await store.createConversation({ ownerId, title: 'Lunch' });
        await store.appendUserMessage({ ownerId, conversationId: other.id, clientMessageId: 'a', content: 'Something with rice' });
        expect((await store.listConversationsByOwner({ ownerId, search: 'roasted vegetable' })).items.map((c) => c.id)).toEqual([
          roast.id,
        ]);
        expect((await store.listConversationsByOwner({ ownerId, search: 'quinoa' })).items).toEqual([]);
      });

      test('search never reaches another owner\'s messages', async () => {
        const ownerA = newOwner();
        const ownerB = newOwner();
        const a = await store.createConversation({ ownerId: ownerA, title: 'A' });
        await store.appendUserMessage({ ownerId: ownerA, conversationId: a.id, clientMessageId: 'a', content: 'secret saffron risotto' });
        await store.createConversation({ ownerId: ownerB, title: 'B' });
        expect((await store.listConversationsByOwner({ ownerId: ownerB, search: 'saffron' })).items).toEqual([]);
      });

      test('archived conversations leave the default list; status filters select them', async () => {
        const ownerId = newOwner();
        const kept = await store.createConversation({ ownerId, title: 'kept' });
        const old = await store.createConversation({ ownerId, title: 'old' });
        const archived = await store.archiveConversationById({ ownerId, conversationId: old.id, archived: true });
        expect(archived?.status).toBe('archived');
        expect((await store.listConversationsByOwner({ ownerId })).items.map((c) => c.id)).toEqual([kept.id]);
        expect((await store.listConversationsByOwner({ ownerId, status: 'archived' })).items.map((c) => c.id)).toEqual([old.id]);
        expect((await store.listConversationsByOwner({ ownerId, status: 'all' })).items).toHaveLength(2);

        const restored = await store.archiveConversationById({ ownerId, conversationId: old.id, archived: false });
        expect(restored?.status).toBe('active');
        expect((await store.listConversationsByOwner({ ownerId, status: 'active' })).items).toHaveLength(2);
      });

      test('rename changes the title and updated time; a missing conversation gives null', async () => {
        const ownerId = newOwner();
        const created = await store.createConversation({ ownerId, title: 'before' });
        await sleep(5);
        const renamed = await store.renameConversationById({ ownerId, conversationId: created.id, title: ' after ' });
        expect(renamed?.title).toBe('after');
        expect(Date.parse(renamed!.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
        await expect(store.renameConversationById({ ownerId, conversationId: randomUUID(), title: 'x' })).resolves.toBeNull();
        await expect(store.archiveConversationById({ ownerId, conversationId: randomUUID(), archived: true })).resolves.toBeNull();
      });

      test('delete removes the conversation with its messages and feedback; a second delete is false', async () => {
        const ownerId = newOwner();
        const { conversation, assistant } = await conversationWithReply(ownerId);
        await store.saveMessageFeedback({ ownerId, messageId: assistant.id, rating: 'up' });
        await store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 5 });

        await expect(store.deleteConversationById({ ownerId, conversationId: conversation.id })).resolves.toBe(true);
        await expect(store.getConversationById({ ownerId, conversationId: conversation.id })).resolves.toBeNull();
        await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toEqual([]);
        await expect(store.deleteConversationById({ ownerId, conversationId: conversation.id })).resolves.toBe(false);
        if (subject.sql) {
          const [counts] = await subject.sql(
            `select (select count(*) from public.messages where conversation_id = $1)::int as messages,
                    (select count(*) from public.feedback where conversation_id = $1)::int as feedback`,
            [conversation.id],
          );
          expect(counts).toEqual({ messages: 0, feedback: 0 });
        }
      });
    });

    describe('messages', () => {
      test('a retried send is stored once: the second call returns the stored row with created false', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const first = await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'c-1', content: 'Plan my week' });
        const again = await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'c-1', content: 'Plan my week!' });
        expect(first.created).toBe(true);
        expect(again.created).toBe(false);
        expect(again.message).toEqual(first.message);
        expect(first.message).toMatchObject({ role: 'user', status: 'complete', content: 'Plan my week', clientMessageId: 'c-1', feedback: null });
        await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toHaveLength(1);
      });

      test('concurrent duplicates of one send create exactly one row', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'same', content: 'hi' }),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
        await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toHaveLength(1);
      });

      test('the same client message id in another conversation is another message', async () => {
        const ownerId = newOwner();
        const one = await store.createConversation({ ownerId });
        const two = await store.createConversation({ ownerId });
        const a = await store.appendUserMessage({ ownerId, conversationId: one.id, clientMessageId: 'x', content: 'a' });
        const b = await store.appendUserMessage({ ownerId, conversationId: two.id, clientMessageId: 'x', content: 'b' });
        expect(b.created).toBe(true);
        expect(b.message.id).not.toBe(a.message.id);
      });

      test('appending to a conversation that does not exist is not_found', async () => {
        await expectAppError(
          store.appendUserMessage({ ownerId: newOwner(), conversationId: randomUUID(), clientMessageId: 'x', content: 'hi' }),
          'not_found:conversation',
        );
        await expectAppError(
          store.beginAssistantMessage({ ownerId: newOwner(), conversationId: randomUUID() }),
          'not_found:conversation',
        );
      });

      test('a send in one call: a first send creates the conversation, the message and a streaming reply; retried without its conversation id, it finds them and creates nothing', async () => {
        const ownerId = newOwner();
        const clientMessageId = randomUUID();
        const first = await store.startChatTurn({ ownerId, clientMessageId, content: 'Plan my week', title: 'Plan my week' });
        expect(first.created).toBe(true);
        expect(first.message).toMatchObject({ conversationId: first.conversationId, role: 'user', status: 'complete', content: 'Plan my week', clientMessageId });
        expect(first.reply).toMatchObject({ conversationId: first.conversationId, role: 'assistant', status: 'streaming', content: '' });
        await expect(store.getConversationById({ ownerId, conversationId: first.conversationId })).resolves.toMatchObject({ title: 'Plan my week' });

        // The `conversation` event was lost: the browser sends the same message again, still without a conversation id.
        const again = await store.startChatTurn({ ownerId, clientMessageId, content: 'Plan my week', title: 'Plan my week' });
        expect(again).toEqual({ conversationId: first.conversationId, message: first.message, created: false, reply: null });
        // And with the conversation id it has since learnt.
        const known = await store.startChatTurn({ ownerId, conversationId: first.conversationId, clientMessageId, content: 'Plan my week' });
        expect(known).toEqual(again);
        expect((await store.listConversationsByOwner({ ownerId })).items.map((c) => c.id)).toEqual([first.conversationId]);
        expect((await store.listMessagesByConversation({ ownerId, conversationId: first.conversationId })).map((m) => m.id)).toEqual([
          first.message.id,
          first.reply!.id,
        ]);

        // A next message in that conversation: a new message and reply, same conversation.
        const next = await store.startChatTurn({ ownerId, conversationId: first.conversationId, clientMessageId: randomUUID(), content: 'Make it vegan' });
        expect(next).toMatchObject({ conversationId: first.conversationId, created: true, reply: { status: 'streaming' } });
      });

      test('concurrent copies of one first send create one conversation; another owner with the same client message id gets their own', async () => {
        const ownerId = newOwner();
        const clientMessageId = randomUUID();
        const results = await Promise.all(Array.from({ length: 6 }, () => store.startChatTurn({ ownerId, clientMessageId, content: 'hi' })));
        expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(results.filter((r) => r.reply !== null)).toHaveLength(1);
        expect((await store.listConversationsByOwner({ ownerId })).items).toHaveLength(1);

        const other = await store.startChatTurn({ ownerId: newOwner(), clientMessageId, content: 'hi' });
        expect(other.created).toBe(true);
        expect(other.conversationId).not.toBe(results[0]!.conversationId);
      });

      test("a send into a conversation that does not exist, or is someone else's, is not_found and stores nothing", async () => {
        const owner = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId: owner, clientMessageId: randomUUID(), content: 'mine' });
        const intruder = newOwner();
        await expectAppError(store.startChatTurn({ ownerId: intruder, conversationId, clientMessageId: randomUUID(), content: 'hi' }), 'not_found:conversation');
        await expectAppError(store.startChatTurn({ ownerId: intruder, conversationId: randomUUID(), clientMessageId: randomUUID(), content: 'hi' }), 'not_found:conversation');
        await expect(store.listMessagesByConversation({ ownerId: owner, conversationId })).resolves.toHaveLength(2);
        expect((await store.listConversationsByOwner({ ownerId: intruder })).items).toHaveLength(0);
      });

      test('a send stores its ledger on the conversation and on the new message; a retried send changes neither', async () => {
        const ownerId = newOwner();
        const clientMessageId = randomUUID();
        const first = await store.startChatTurn({ ownerId, clientMessageId, content: 'dinners for 4, my son has a peanut allergy', ledger: peanutLedger });
        expect(first.message.ledger).toEqual(peanutLedger);
        expect(first.reply?.ledger).toBeNull();
        await expect(store.getConversationById({ ownerId, conversationId: first.conversationId })).resolves.toMatchObject({ ledger: peanutLedger });
        // A list page does not carry ledgers.
        expect((await store.listConversationsByOwner({ ownerId })).items[0]).not.toHaveProperty('ledger');

        const again = await store.startChatTurn({ ownerId, clientMessageId, content: 'dinners for 4, my son has a peanut allergy', ledger: empty });
        expect(again.created).toBe(false);
        await expect(store.getConversationById({ ownerId, conversationId: first.conversationId })).resolves.toMatchObject({ ledger: peanutLedger });
        const stored = await store.listMessagesByConversation({ ownerId, conversationId: first.conversationId });
        expect(stored.map((m) => m.ledger)).toEqual([peanutLedger, null]);
      });

      test('a send whose ledger was computed from one the conversation no longer holds is a conflict and stores nothing', async () => {
        const ownerId = newOwner();
        const first = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'peanut allergy', ledger: peanutLedger });
        const conversationId = first.conversationId;
        // Another tab added a chip meanwhile: this send was read against the ledger before it.
        await store.saveConversationLedger({ ownerId, conversationId, ledger: plusShellfish, before: peanutLedger });
        await expectAppError(
          store.startChatTurn({ ownerId, conversationId, clientMessageId: randomUUID(), content: 'for 6', ledger: peanutLedger, ledgerBefore: peanutLedger }),
          'conflict:ledger',
        );
        await expect(store.listMessagesByConversation({ ownerId, conversationId })).resolves.toHaveLength(2);
        // Read against the current ledger, it goes through.
        const next = await store.startChatTurn({ ownerId, conversationId, clientMessageId: randomUUID(), content: 'for 6', ledger: plusShellfish, ledgerBefore: plusShellfish });
        expect(next.created).toBe(true);
      });

      test("a chip edit is stored compare-and-set: a stale `before` is a conflict, someone else's conversation is null", async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'hi', ledger: peanutLedger });
        const saved = await store.saveConversationLedger({ ownerId, conversationId, ledger: plusShellfish, before: peanutLedger });
        expect(saved).toMatchObject({ id: conversationId, ledger: plusShellfish });
        await expectAppError(store.saveConversationLedger({ ownerId, conversationId, ledger: empty, before: peanutLedger }), 'conflict:ledger');
        await expect(store.getConversationById({ ownerId, conversationId })).resolves.toMatchObject({ ledger: plusShellfish });
        await expect(store.saveConversationLedger({ ownerId: newOwner(), conversationId, ledger: empty, before: plusShellfish })).resolves.toBeNull();
        await expect(store.saveConversationLedger({ ownerId, conversationId: randomUUID(), ledger: empty, before: empty })).resolves.toBeNull();
        // A conversation made before ledgers existed starts with an empty one.
        const old = await store.createConversation({ ownerId });
        await expect(store.getConversationById({ ownerId, conversationId: old.id })).resolves.toMatchObject({ ledger: empty });
      });

      test('a ledger the contract refuses is a bad request naming the field', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'hi' });
        const unknownAllergen = { entries: [{ id: 'allergen:nuts', field: 'allergen', allergen: 'nuts', source: { kind: 'edit' } }], lifted: [] } as unknown as ConstraintLedger;
        const error = await expectAppError(store.saveConversationLedger({ ownerId, conversationId, ledger: unknownAllergen, before: empty }), 'bad_request:ledger');
        expect(error.details).toEqual([expect.objectContaining({ path: 'ledger.entries.0.allergen', message: expect.stringContaining('Unknown allergen') })]);
        const tooMany = {
          entries: Array.from({ length: 51 }, (_, i) => ({ id: `dislike:food${i}`, field: 'dislike', term: `food${i}`, source: { kind: 'edit' } })),
          lifted: [],
        } as ConstraintLedger;
        const long = await expectAppError(store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'hi', ledger: tooMany }), 'bad_request:message');
        expect(long.details).toEqual([expect.objectContaining({ path: 'ledger.entries', message: expect.stringContaining('at most 50') })]);
      });

      test('an assistant message begins empty and streaming, and completes with its content, parts, tokens and latency', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const begun = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id, model: 'gpt-test' });
        expect(begun).toMatchObject({ role: 'assistant', status: 'streaming', content: '', parts: [], model: 'gpt-test', inputTokens: null });

        const parts = [
          { type: 'plan' as const, plan: { days: [{ day: 'Mon', meals: ['stew'] }] } },
          { type: 'grocery' as const, grocery: { sections: [{ name: 'Produce', items: ['kale'] }] } },
        ];
        const completed = await store.completeAssistantMessage({
          ownerId,
          messageId: begun.id,
          content: 'Here is your week.',
          parts,
          status: 'complete',
          inputTokens: 120,
          outputTokens: 480,
          latencyMs: 2100,
        });
        expect(completed).toMatchObject({
          id: begun.id,
          status: 'complete',
          content: 'Here is your week.',
          parts,
          model: 'gpt-test',
          inputTokens: 120,
          outputTokens: 480,
          latencyMs: 2100,
          errorCode: null,
        });
        await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toEqual([completed]);
      });

      test('a stopped reply keeps its partial text as interrupted; a failed one records its error code', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const stopped = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
        const failed = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
        await expect(
          store.completeAssistantMessage({ ownerId, messageId: stopped.id, content: 'Half a', parts: [], status: 'interrupted' }),
        ).resolves.toMatchObject({ status: 'interrupted', content: 'Half a' });
        await expect(
          store.completeAssistantMessage({
            ownerId,
            messageId: failed.id,
            content: '',
            parts: [],
            status: 'error',
            errorCode: 'timeout:agent',
            model: 'fallback-model',
          }),
        ).resolves.toMatchObject({ status: 'error', errorCode: 'timeout:agent', model: 'fallback-model' });
      });

      test('begin with a client message id is idempotent too', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const one = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'reply-1' });
        const two = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'reply-1' });
        expect(two.id).toBe(one.id);
        await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toHaveLength(1);
      });

      test('only assistant messages can be completed; a missing one gives null', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const { message } = await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'u', content: 'hi' });
        await expectAppError(
          store.completeAssistantMessage({ ownerId, messageId: message.id, content: 'x', parts: [], status: 'complete' }),
          'bad_request:message',
        );
        await expect(
          store.completeAssistantMessage({ ownerId, messageId: randomUUID(), content: 'x', parts: [], status: 'complete' }),
        ).resolves.toBeNull();
      });

      test('last message time follows new messages and completions, and never precedes creation', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        await sleep(5);
        await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'u', content: 'hi' });
        const afterUser = await store.getConversationById({ ownerId, conversationId: conversation.id });
        expect(afterUser!.lastMessageAt).not.toBeNull();
        expect(Date.parse(afterUser!.lastMessageAt!)).toBeGreaterThan(Date.parse(conversation.createdAt));

        const begun = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
        await sleep(5);
        await store.completeAssistantMessage({ ownerId, messageId: begun.id, content: 'done', parts: [], status: 'complete' });
        const afterReply = await store.getConversationById({ ownerId, conversationId: conversation.id });
        expect(Date.parse(afterReply!.lastMessageAt!)).toBeGreaterThan(Date.parse(afterUser!.lastMessageAt!));
      });

      test('messages list oldest first; a limit keeps the latest ones', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        for (let i = 1; i <= 4; i += 1) {
          await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: `m${i}`, content: `message ${i}` });
        }
        const all = await store.listMessagesByConversation({ ownerId, conversationId: conversation.id });
        expect(all.map((m) => m.content)).toEqual(['message 1', 'message 2', 'message 3', 'message 4']);
        const latest = await store.listMessagesByConversation({ ownerId, conversationId: conversation.id, limit: 2 });
        expect(latest.map((m) => m.content)).toEqual(['message 3', 'message 4']);
      });

      test('a regenerated reply, and an edited message with its replies, are superseded and stay stored with what replaced them; superseding again changes nothing', async () => {
        const ownerId = newOwner();
        const { conversation, user, assistant } = await conversationWithReply(ownerId);
        const conversationId = conversation.id;
        await store.saveMessageFeedback({ ownerId, messageId: assistant.id, rating: 'down' });
        // Regenerate: a new reply takes the old one's place.
        const regenerated = await store.beginAssistantMessage({ ownerId, conversationId });
        await expect(store.supersedeMessages({ ownerId, conversationId, messageIds: [assistant.id], by: regenerated.id })).resolves.toEqual([assistant.id]);
        // Edit: the new message takes the place of the old one and both its replies.
        const edited = await store.startChatTurn({ ownerId, conversationId, clientMessageId: randomUUID(), content: 'What can I cook with chard?' });
        const turn = [user.id, assistant.id, regenerated.id];
        await expect(store.supersedeMessages({ ownerId, conversationId, messageIds: turn, by: edited.message.id })).resolves.toEqual([user.id, regenerated.id]);
        await expect(store.supersedeMessages({ ownerId, conversationId, messageIds: turn, by: edited.message.id })).resolves.toEqual([user.id, regenerated.id]);

        const stored = await store.listMessagesByConversation({ ownerId, conversationId });
        expect(stored.map((m) => [m.id, m.supersededBy])).toEqual([
          [user.id, edited.message.id],
          [assistant.id, regenerated.id],
          [regenerated.id, edited.message.id],
          [edited.message.id, null],
          [edited.reply!.id, null],
        ]);
        // Kept as it was: the text, and the feedback the cook gave.
        expect(stored[0]!.content).toBe('What can I cook with kale?');
        expect(stored[1]).toMatchObject({ content: 'Try a kale and chickpea stew.', feedback: { rating: 'down' } });
        await expect(store.deleteConversationById({ ownerId, conversationId })).resolves.toBe(true);
        await expect(store.listMessagesByConversation({ ownerId, conversationId })).resolves.toEqual([]);
      });

      test("superseding is not_found for a replacement that is not a later message of the same conversation, or another owner's; nothing changes", async () => {
        const ownerId = newOwner();
        const a = await conversationWithReply(ownerId);
        const b = await conversationWithReply(ownerId);
        const conversationId = a.conversation.id;
        const cases = [
          // The replacement is older than what it replaces.
          { ownerId, conversationId, messageIds: [a.assistant.id], by: a.user.id },
          // A message of another conversation.
          { ownerId, conversationId, messageIds: [b.assistant.id], by: a.assistant.id },
          // The replacement is in another conversation.
          { ownerId, conversationId, messageIds: [a.user.id], by: b.assistant.id },
          // Another owner.
          { ownerId: newOwner(), conversationId, messageIds: [a.user.id], by: a.assistant.id },
          // A message that does not exist.
          { ownerId, conversationId, messageIds: [randomUUID()], by: a.assistant.id },
        ];
        for (const args of cases) await expectAppError(store.supersedeMessages(args), 'not_found:message');
        await expectAppError(store.supersedeMessages({ ownerId, conversationId, messageIds: [], by: a.assistant.id }), 'bad_request:message');
        const stored = [
          ...(await store.listMessagesByConversation({ ownerId, conversationId })),
          ...(await store.listMessagesByConversation({ ownerId, conversationId: b.conversation.id })),
        ];
        expect(stored.map((m) => m.supersededBy)).toEqual([null, null, null, null]);
      });
    });

    describe('feedback', () => {
      test('thumbs up, then down with a comment, then removed', async () => {
        const ownerId = newOwner();
        const { conversation, assistant } = await conversationWithReply(ownerId);
        await expect(store.saveMessageFeedback({ ownerId, messageId: assistant.id, rating: 'up' })).resolves.toEqual({
          rating: 'up',
          comment: null,
        });
        await expect(
          store.saveMessageFeedback({ ownerId, messageId: assistant.id, rating: 'down', comment: 'Too much cumin' }),
        ).resolves.toEqual({ rating: 'down', comment: 'Too much cumin' });
        let messages = await store.listMessagesByConversation({ ownerId, conversationId: conversation.id });
        expect(messages.find((m) => m.id === assistant.id)?.feedback).toEqual({ rating: 'down', comment: 'Too much cumin' });

        await expect(store.saveMessageFeedback({ ownerId, messageId: assistant.id, rating: null })).resolves.toBeNull();
        messages = await store.listMessagesByConversation({ ownerId, conversationId: conversation.id });
        expect(messages.find((m) => m.id === assistant.id)?.feedback).toBeNull();
      });

      test('a user message takes no feedback; a missing message is not_found', async () => {
        const ownerId = newOwner();
        const { user } = await conversationWithReply(ownerId);
        await expectAppError(store.saveMessageFeedback({ ownerId, messageId: user.id, rating: 'up' }), 'bad_request:feedback');
        await expectAppError(store.saveMessageFeedback({ ownerId, messageId: randomUUID(), rating: 'up' }), 'not_found:message');
      });

      test('a conversation takes a 1-5 rating with tags; the latest rating wins and shows on the conversation', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        await expect(
          store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 3, tags: ['too slow', 'tasty', 'tasty'] }),
        ).resolves.toEqual({ rating: 3, tags: ['too slow', 'tasty'], comment: null });
        await expect(
          store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 5, comment: 'Great plan' }),
        ).resolves.toEqual({ rating: 5, tags: [], comment: 'Great plan' });
        await expect(store.getConversationById({ ownerId, conversationId: conversation.id })).resolves.toMatchObject({ rating: 5 });
        await expect(store.saveConversationRating({ ownerId, conversationId: randomUUID(), rating: 4 })).resolves.toBeNull();
      });

      test.each([0, 6, 2.5])('a conversation rating of %p is a bad request', async (rating) => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        await expectAppError(store.saveConversationRating({ ownerId, conversationId: conversation.id, rating }), 'bad_request:feedback');
      });

      test('more than 10 tags, or an empty tag, is a bad request', async () => {
        const ownerId = newOwner();
        const conversation = await store.createConversation({ ownerId });
        const tags = Array.from({ length: 11 }, (_, i) => `tag${i}`);
        await expectAppError(store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 4, tags }), 'bad_request:feedback');
        await expectAppError(
          store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 4, tags: ['  '] }),
          'bad_request:feedback',
        );
      });
    });

    describe('plans', () => {
      test('a plan starts at version 1 in its conversation, is the conversation\'s current plan, and reads back as stored', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan 3 dinners' });
        await expect(store.getCurrentPlan({ ownerId, conversationId })).resolves.toBeNull();
        const plan = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        expect(plan).toMatchObject({ conversationId, version: 1, currentVersion: 1, label: 'new 3-day plan', ticks: [], shareId: null, catalogVersion: catalogVersion(KITCHEN) });
        expect(plan.plan).toEqual(created.plan);
        expect(plan.state).toEqual(created.state);
        expect(plan.grocery).toEqual(created.grocery);
        expect(plan.versions).toEqual([{ version: 1, label: 'new 3-day plan', createdAt: expect.any(String) }]);
        await expect(store.getCurrentPlan({ ownerId, conversationId })).resolves.toEqual(plan);
        await expect(store.getPlan({ ownerId, planId: plan.planId })).resolves.toEqual(plan);
      });

      test('a new version is compare-and-set on the version it was made from: a stale base is a conflict and writes nothing', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const first = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        const second = await store.addPlanVersion({ ownerId, planId: first.planId, baseVersion: 1, version: swappedVersion });
        expect(second).toMatchObject({ version: 2, currentVersion: 2, label: 'swapped Tuesday dinner' });
        expect(second.versions.map((v) => v.version)).toEqual([2, 1]);
        // Another tab still on version 1 tries its own change.
        await expectAppError(store.addPlanVersion({ ownerId, planId: first.planId, baseVersion: 1, version: createdVersion }), 'conflict:plan');
        await expect(store.getCurrentPlan({ ownerId, conversationId })).resolves.toMatchObject({ version: 2 });
        // Every version stays readable.
        await expect(store.getPlan({ ownerId, planId: first.planId, version: 1 })).resolves.toMatchObject({ version: 1, currentVersion: 2, label: 'new 3-day plan' });
        await expect(store.getPlan({ ownerId, planId: first.planId, version: 9 })).resolves.toBeNull();
      });

      test('a second plan in a conversation becomes its current plan; the first stays readable', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const first = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        await sleep(5);
        const second = await store.createPlan({ ownerId, conversationId, version: swappedVersion });
        await expect(store.getCurrentPlan({ ownerId, conversationId })).resolves.toMatchObject({ planId: second.planId });
        await expect(store.getPlan({ ownerId, planId: first.planId })).resolves.toMatchObject({ planId: first.planId, version: 1 });
      });

      test('a plan made by a reply\'s event is created once: the same reply and event id find that plan at version 1, another event id makes another', async () => {
        const ownerId = newOwner();
        const turn = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const { conversationId } = turn;
        const from = { messageId: turn.reply!.id, event: 4 };
        const [a, b] = await Promise.all([
          store.createPlan({ ownerId, conversationId, version: createdVersion, from }),
          store.createPlan({ ownerId, conversationId, version: createdVersion, from }),
        ]);
        expect(b.planId).toBe(a.planId);
        await store.addPlanVersion({ ownerId, planId: a.planId, baseVersion: 1, version: swappedVersion });
        // Stored again later (an instance that follows the reply): the plan at version 1, and the new version is kept.
        const again = await store.createPlan({ ownerId, conversationId, version: swappedVersion, from });
        expect(again).toMatchObject({ planId: a.planId, version: 1, currentVersion: 2, label: 'new 3-day plan' });
        await sleep(5);
        const next = await store.createPlan({ ownerId, conversationId, version: swappedVersion, from: { ...from, event: 9 } });
        expect(next.planId).not.toBe(a.planId);
        await expect(store.getCurrentPlan({ ownerId, conversationId })).resolves.toMatchObject({ planId: next.planId });
        // Another owner's reply, or the cook's own message, makes nothing.
        await expectAppError(store.createPlan({ ownerId, conversationId, version: createdVersion, from: { messageId: turn.message.id, event: 1 } }), 'not_found:message');
        await expectAppError(store.createPlan({ ownerId: newOwner(), conversationId, version: createdVersion, from: { ...from, event: 1 } }), 'not_found:message');
      });

      test('ticks belong to the plan and carry over to a new version for the items it still buys', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const plan = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        const items = created.grocery.sections.flatMap((s) => s.items.map((i) => i.ingredientId));
        const stillBought = new Set(swapped.grocery.sections.flatMap((s) => s.items.map((i) => i.ingredientId)));
        const kept = items.find((id) => stillBought.has(id))!;
        const dropped = items.find((id) => !stillBought.has(id))!;
        expect(dropped).toBeDefined();
        await store.setPlanTick({ ownerId, planId: plan.planId, ingredientId: kept, ticked: true });
        await expect(store.setPlanTick({ ownerId, planId: plan.planId, ingredientId: dropped, ticked: true })).resolves.toEqual([kept, dropped].sort());
        const next = await store.addPlanVersion({ ownerId, planId: plan.planId, baseVersion: 1, version: swappedVersion });
        expect(next.ticks).toEqual([kept]);
        await expect(store.setPlanTick({ ownerId, planId: plan.planId, ingredientId: kept, ticked: false })).resolves.toEqual([]);
        await expect(store.setPlanTick({ ownerId: newOwner(), planId: plan.planId, ingredientId: kept, ticked: true })).resolves.toBeNull();
      });

      test('a share id shows the current version and nothing else; a new id or revoking ends the old link', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const plan = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        const shareId = randomUUID();
        await expect(store.setPlanShare({ ownerId, planId: plan.planId, shareId })).resolves.toBe(true);
        const shared = await store.getSharedPlan({ shareId });
        expect(shared).toEqual({ version: 1, label: 'new 3-day plan', plan: created.plan, grocery: created.grocery, createdAt: expect.any(String) });
        expect(Object.keys(shared!).sort()).toEqual(['createdAt', 'grocery', 'label', 'plan', 'version']);
        await store.setPlanShare({ ownerId, planId: plan.planId, shareId: randomUUID() });
        await expect(store.getSharedPlan({ shareId })).resolves.toBeNull();
        await store.setPlanShare({ ownerId, planId: plan.planId, shareId: null });
        await expect(store.getPlan({ ownerId, planId: plan.planId })).resolves.toMatchObject({ shareId: null });
        await expect(store.setPlanShare({ ownerId: newOwner(), planId: plan.planId, shareId })).resolves.toBe(false);
      });

      test("another owner's plans are not found, and deleting the conversation deletes its plans and their links", async () => {
        const ownerId = newOwner();
        const intruder = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const plan = await store.createPlan({ ownerId, conversationId, version: createdVersion });
        await expect(store.getPlan({ ownerId: intruder, planId: plan.planId })).resolves.toBeNull();
        await expect(store.getCurrentPlan({ ownerId: intruder, conversationId })).resolves.toBeNull();
        await expectAppError(store.addPlanVersion({ ownerId: intruder, planId: plan.planId, baseVersion: 1, version: swappedVersion }), 'not_found:plan');
        await expectAppError(store.createPlan({ ownerId: intruder, conversationId, version: createdVersion }), 'not_found:conversation');
        const shareId = randomUUID();
        await store.setPlanShare({ ownerId, planId: plan.planId, shareId });
        await store.deleteConversationById({ ownerId, conversationId });
        await expect(store.getPlan({ ownerId, planId: plan.planId })).resolves.toBeNull();
        await expect(store.getSharedPlan({ shareId })).resolves.toBeNull();
      });

      test('a malformed version or action is a bad request naming the field', async () => {
        const ownerId = newOwner();
        const { conversationId } = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'plan' });
        const error = await expectAppError(
          store.createPlan({ ownerId, conversationId, version: { ...createdVersion, action: { kind: 'teleport' } as unknown as PlanAction } }),
          'bad_request:plan',
        );
        expect((error.details as Array<{ path: string }>).map((d) => d.path)).toEqual(['version.action.kind']);
      });
    });

    describe('profiles', () => {
      test('an owner without a profile gets null; a saved profile reads back the same', async () => {
        const ownerId = newOwner();
        await expect(store.getProfileByOwner({ ownerId })).resolves.toBeNull();
        const saved = await store.saveProfileByOwner({ ownerId, profile });
        const { updatedAt, ...fields } = saved;
        expect(fields).toEqual(profile);
        expect(updatedAt).toEqual(expect.any(String));
        await expect(store.getProfileByOwner({ ownerId })).resolves.toEqual(saved);
      });

      test('saving again replaces every field; absent targets read back as null', async () => {
        const ownerId = newOwner();
        await store.saveProfileByOwner({ ownerId, profile });
        const next: Profile = {
          householdSize: 1,
          diet: 'omnivore',
          allergens: [],
          dislikes: [],
          pantry: [],
          maxMinutesPerMeal: null,
          weeklyPrepMinutes: null,
          targets: {},
          units: 'metric',
          members: [],
        };
        const saved = await store.saveProfileByOwner({ ownerId, profile: next });
        expect(saved).toMatchObject({ ...next, targets: { kcalPerDay: null, proteinGPerDay: null } });
      });

      test.each([
        ['household of 0', { householdSize: 0 }],
        ['unknown diet', { diet: 'keto' }],
        ['unknown allergen', { allergens: ['nuts'] }],
        ['negative protein', { targets: { proteinGPerDay: -1 } }],
        ["a member's unknown allergen", { members: [{ label: 'Sam', ageGroup: 'adult', allergens: ['nuts'], diet: 'vegan' }] }],
        ['a member without a name', { members: [{ label: ' ', ageGroup: 'adult', allergens: [], diet: 'vegan' }] }],
        ['21 members', { members: Array.from({ length: 21 }, (_, i) => ({ label: `P${i}`, ageGroup: 'adult', allergens: [], diet: 'vegan' })) }],
      ])('a profile with %s is a bad request', async (_label, change) => {
        await expectAppError(
          store.saveProfileByOwner({ ownerId: newOwner(), profile: { ...profile, ...change } as unknown as Profile }),
          'bad_request:profile',
        );
      });
    });

    describe('bad input', () => {
      test('an owner id that is not a uuid is a bad request with exposed details', async () => {
        const error = await expectAppError(store.createConversation({ ownerId: 'not-a-uuid' }), 'bad_request:conversation');
        expect(error.exposeDetails).toBe(true);
        expect(error.details).toEqual([expect.objectContaining({ path: 'ownerId' })]);
        expect(error.status).toBe(400);
      });

      test('malformed ids, limits, titles, cursors and statuses are bad requests', async () => {
        const ownerId = newOwner();
        await expectAppError(store.getConversationById({ ownerId, conversationId: '42' }), 'bad_request:conversation');
        await expectAppError(store.listConversationsByOwner({ ownerId, limit: 0 }), 'bad_request:conversation');
        await expectAppError(store.listConversationsByOwner({ ownerId, cursor: 'garbage' }), 'bad_request:cursor');
        await expectAppError(store.createConversation({ ownerId, title: '   ' }), 'bad_request:conversation');
        await expectAppError(store.createConversation({ ownerId, title: 'x'.repeat(201) }), 'bad_request:conversation');
        const conversation = await store.createConversation({ ownerId });
        await expectAppError(
          store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: '', content: 'hi' }),
          'bad_request:message',
        );
        await expectAppError(
          store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'a', content: '' }),
          'bad_request:message',
        );
        const begun = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
        await expectAppError(
          store.completeAssistantMessage({
            ownerId,
            messageId: begun.id,
            content: 'x',
            parts: [],
            status: 'streaming' as unknown as 'complete',
          }),
          'bad_request:message',
        );
        await expectAppError(
          store.completeAssistantMessage({
            ownerId,
            messageId: begun.id,
            content: 'x',
            parts: [{ type: 'recipe' } as unknown as { type: 'plan'; plan: unknown }],
            status: 'complete',
          }),
          'bad_request:message',
        );
        await expectAppError(
          store.completeAssistantMessage({ ownerId, messageId: begun.id, content: 'x', parts: [], status: 'complete', inputTokens: -1 }),
          'bad_request:message',
        );
      });
    });

    describe('isolation between owners', () => {
      test("owner B can never read, list, change or delete owner A's rows", async () => {
        const ownerA = newOwner();
        const ownerB = newOwner();
        const { conversation, user, assistant } = await conversationWithReply(ownerA);
        await store.saveProfileByOwner({ ownerId: ownerA, profile });
        await store.createConversation({ ownerId: ownerB, title: "B's own" });
        const ids = { ownerId: ownerB, conversationId: conversation.id };

        await expect(store.getConversationById(ids)).resolves.toBeNull();
        const listed = await store.listConversationsByOwner({ ownerId: ownerB, status: 'all' });
        expect(listed.items.map((c) => c.ownerId)).toEqual([ownerB]);
        await expect(store.listMessagesByConversation(ids)).resolves.toEqual([]);
        await expect(store.getProfileByOwner({ ownerId: ownerB })).resolves.toBeNull();

        await expect(store.renameConversationById({ ...ids, title: 'mine now' })).resolves.toBeNull();
        await expect(store.archiveConversationById({ ...ids, archived: true })).resolves.toBeNull();
        await expect(store.deleteConversationById(ids)).resolves.toBe(false);
        await expectAppError(store.appendUserMessage({ ...ids, clientMessageId: 'b', content: 'hi' }), 'not_found:conversation');
        await expectAppError(store.beginAssistantMessage(ids), 'not_found:conversation');
        await expect(
          store.completeAssistantMessage({ ownerId: ownerB, messageId: assistant.id, content: 'x', parts: [], status: 'error' }),
        ).resolves.toBeNull();
        await expectAppError(store.saveMessageFeedback({ ownerId: ownerB, messageId: assistant.id, rating: 'down' }), 'not_found:message');
        await expectAppError(store.saveMessageFeedback({ ownerId: ownerB, messageId: user.id, rating: 'down' }), 'not_found:message');
        await expect(store.saveConversationRating({ ...ids, rating: 1 })).resolves.toBeNull();

        const after = await store.getConversationById({ ownerId: ownerA, conversationId: conversation.id });
        expect(after).toMatchObject({ title: 'Kale week', status: 'active', rating: null });
        const messages = await store.listMessagesByConversation({ ownerId: ownerA, conversationId: conversation.id });
        expect(messages.map((m) => [m.id, m.status, m.feedback])).toEqual([
          [user.id, 'complete', null],
          [assistant.id, 'complete', null],
        ]);
      });
    });
  });
}
