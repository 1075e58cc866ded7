/**
 * The Supabase transport, end to end through supabase-js against a local server shaped like the Data API
 * (postgrest-over-pglite.ts): the exact requests it sends, how it reads errors, and the whole contract suite.
 */
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { createStore } from '@/lib/db';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import { storeFunctions } from '@/lib/db/rpc-store';
import type { Store } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { startPostgrestOverPGlite, type PostgrestOverPGlite } from './postgrest-over-pglite';
import { describeRecipeStoreContract, lentilSoup } from './recipe-store-contract';
import { describeStoreContract } from './store-contract';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { applyPlanAction, catalogVersion, groceryFor } from '@chef-chopsky/kitchen/plan-actions';

const ledger = { entries: [], lifted: [] };
const made = applyPlanAction(KITCHEN, ledger, null, { kind: 'create', request: { days: 1, meals: ['dinner'] } });
const planVersion = {
  plan: made.plan,
  state: made.state,
  ledger,
  grocery: groceryFor(KITCHEN, made.plan, made.state, ledger),
  action: { kind: 'create' as const },
  label: made.label,
  catalogVersion: catalogVersion(KITCHEN),
};

const SECRET_KEY = 'sb_secret_test_0123456789abcdef';
let db: PGlite;
let api: PostgrestOverPGlite;
let store: Store;

beforeAll(async () => {
  db = (await openEmbeddedDatabase({ dataDir: 'memory://' })).db;
  api = await startPostgrestOverPGlite(db);
  store = createStore({ kind: 'supabase', url: api.url, secretKey: SECRET_KEY });
});

afterAll(async () => {
  await store?.close();
  await api?.close();
  await db?.close();
});

describe('the requests the Supabase transport sends', () => {
  beforeEach(() => {
    api.requests.length = 0;
  });

  test('createConversation is one POST to /rest/v1/rpc/create_conversation with the key headers and named arguments', async () => {
    const ownerId = randomUUID();
    const conversation = await store.createConversation({ ownerId, title: 'Tacos', metadata: { via: 'test' } });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/rest/v1/rpc/create_conversation',
      body: { p_owner: ownerId, p_title: 'Tacos', p_metadata: { via: 'test' } },
    });
    expect(request!.headers).toMatchObject({
      apikey: SECRET_KEY,
      authorization: `Bearer ${SECRET_KEY}`,
      'content-type': 'application/json',
    });
    expect(conversation).toMatchObject({ ownerId, title: 'Tacos', metadata: { via: 'test' } });
  });

  test('the key travels only in headers, never in the URL', async () => {
    await store.getProfileByOwner({ ownerId: randomUUID() });
    expect(api.requests.map((r) => r.path)).toEqual(['/rest/v1/rpc/get_profile']);
    expect(api.requests[0]!.path).not.toContain(SECRET_KEY);
  });

  test('every store operation calls its function with exactly its declared parameters, nulls included', async () => {
    const ownerId = randomUUID();
    const conversation = await store.createConversation({ ownerId });
    await store.listConversationsByOwner({ ownerId });
    await store.getConversationById({ ownerId, conversationId: conversation.id });
    await store.renameConversationById({ ownerId, conversationId: conversation.id, title: 'Renamed' });
    await store.archiveConversationById({ ownerId, conversationId: conversation.id, archived: false });
    await store.appendUserMessage({ ownerId, conversationId: conversation.id, clientMessageId: 'c1', content: 'hello' });
    const reply = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
    await store.startChatTurn({ ownerId, clientMessageId: 'c2', content: 'a first send' });
    await store.startChatTurn({ ownerId, conversationId: conversation.id, clientMessageId: 'c3', content: 'a next send' });
    await store.saveConversationLedger({ ownerId, conversationId: conversation.id, ledger: { entries: [], lifted: [] }, before: { entries: [], lifted: [] } });
    await store.completeAssistantMessage({ ownerId, messageId: reply.id, content: 'hi', parts: [], status: 'complete' });
    await store.listMessagesByConversation({ ownerId, conversationId: conversation.id });
    const regenerated = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
    await store.supersedeMessages({ ownerId, conversationId: conversation.id, messageIds: [reply.id], by: regenerated.id });
    await store.saveMessageFeedback({ ownerId, messageId: reply.id, rating: 'up' });
    await store.saveConversationRating({ ownerId, conversationId: conversation.id, rating: 4, tags: ['quick'] });
    await store.getCurrentPlan({ ownerId, conversationId: conversation.id });
    await store.getPlan({ ownerId, planId: randomUUID() });
    await store.createPlan({ ownerId, conversationId: conversation.id, version: planVersion }).catch(() => null);
    await store.createPlan({ ownerId, conversationId: conversation.id, version: planVersion, from: { messageId: reply.id, event: 1 } }).catch(() => null);
    await store.addPlanVersion({ ownerId, planId: randomUUID(), baseVersion: 1, version: planVersion }).catch(() => null);
    await store.setPlanTick({ ownerId, planId: randomUUID(), ingredientId: 'rice', ticked: true });
    await store.setPlanShare({ ownerId, planId: randomUUID(), shareId: null });
    await store.getSharedPlan({ shareId: randomUUID() });
    await store.getProfileByOwner({ ownerId });
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
    await store.deleteConversationById({ ownerId, conversationId: conversation.id });
    const recipe = (await store.saveRecipe({ ownerId, recipe: lentilSoup }))!;
    await store.saveRecipe({ ownerId, recipeId: recipe.id, recipe: lentilSoup });
    await store.listRecipesByOwner({ ownerId });
    await store.getRecipeById({ ownerId, recipeId: recipe.id });
    await store.markRecipeById({ ownerId, recipeId: recipe.id, mark: 'favourite' });
    await store.saveLinkedRecipe({ ownerId, messageId: randomUUID(), link: 'https://example.org/soup', recipe: null });
    await store.deleteRecipeById({ ownerId, recipeId: recipe.id });

    const called = api.requests.map((r) => r.path.replace('/rest/v1/rpc/', ''));
    expect([...new Set(called)].sort()).toEqual(Object.keys(storeFunctions).sort());
    for (const request of api.requests) {
      const name = request.path.replace('/rest/v1/rpc/', '') as keyof typeof storeFunctions;
      expect(Object.keys(request.body as object).sort()).toEqual(storeFunctions[name].map(([param]) => param).sort());
      expect(request.method).toBe('POST');
    }
    expect(api.requests.find((r) => r.path.endsWith('/begin_assistant_message'))!.body).toEqual({
      p_owner: ownerId,
      p_conversation_id: conversation.id,
      p_client_message_id: null,
      p_model: null,
    });
  });
});

describe('how the Supabase transport reads errors', () => {
  const ownerId = randomUUID();

  test.each([
    [400, { code: 'CH404', message: 'conversation_not_found', details: null, hint: null }, 'not_found:conversation'],
    [400, { code: 'CH400', message: 'feedback_requires_assistant_message', details: null, hint: null }, 'bad_request:feedback'],
    [400, { code: '23514', message: 'new row violates check constraint', details: null, hint: null }, 'internal:database'],
    [503, { code: 'PGRST001', message: 'Database client error. Retrying the connection.', details: null, hint: null }, 'unavailable:database'],
    [502, { message: 'An invalid response was received from the upstream server' }, 'unavailable:database'],
    [500, { code: 'XX000', message: 'internal error', details: null, hint: null }, 'internal:database'],
  ])('HTTP %i with %j is %s', async (status, body, code) => {
    api.respondNextWith({ status, body });
    const error = await store.getConversationById({ ownerId, conversationId: randomUUID() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).not.toContain('constraint');
  });

  test('a server that cannot be reached is unavailable:database', async () => {
    const unreachable = createStore({ kind: 'supabase', url: 'http://127.0.0.1:1', secretKey: SECRET_KEY });
    try {
      await expect(unreachable.ping()).rejects.toMatchObject({ code: 'unavailable:database' });
      await expect(unreachable.createConversation({ ownerId })).rejects.toMatchObject({ code: 'unavailable:database', status: 503 });
    } finally {
      await unreachable.close();
    }
  });
});

describeStoreContract('Supabase (supabase-js against a Data API stand-in over PGlite)', async () => ({
  store: createStore({ kind: 'supabase', url: api.url, secretKey: SECRET_KEY }),
  sql: async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows,
}));

describeRecipeStoreContract('Supabase (supabase-js against a Data API stand-in over PGlite)', () => ({ store }));
