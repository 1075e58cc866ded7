/**
 * A reply is completed once (migration 20261207120000): more than one web instance may relay the same run and store
 * what it saw, and the first final status stored is the one that stays. On the embedded transport (PGlite) with the
 * repository's migrations; the multi-instance suite covers it on PostgreSQL 15.
 */
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { randomUUID } from 'node:crypto';
import { createPGliteTransport, openEmbeddedDatabase } from '@/lib/db/embedded';
import { createRpcStore } from '@/lib/db/rpc-store';

let db: PGlite;
beforeAll(async () => {
  ({ db } = await openEmbeddedDatabase({ dataDir: 'memory://' }));
});
afterAll(async () => {
  await db.close();
});

test('a second completion of a reply changes nothing and returns the reply as first stored', async () => {
  const store = createRpcStore(createPGliteTransport(db));
  const ownerId = randomUUID();
  const conversation = await store.createConversation({ ownerId });
  const reply = await store.beginAssistantMessage({ ownerId, conversationId: conversation.id });
  const first = await store.completeAssistantMessage({ ownerId, messageId: reply.id, content: 'Lentil soup.', parts: [], status: 'complete', outputTokens: 3 });
  expect(first).toMatchObject({ status: 'complete', content: 'Lentil soup.' });

  const late = await store.completeAssistantMessage({ ownerId, messageId: reply.id, content: 'Lent', parts: [], status: 'error', errorCode: 'unavailable:agent_stream_cut' });
  expect(late).toMatchObject({ status: 'complete', content: 'Lentil soup.', errorCode: null, outputTokens: 3 });
  await expect(store.listMessagesByConversation({ ownerId, conversationId: conversation.id })).resolves.toEqual([first]);
  // Another owner still learns nothing about it.
  await expect(store.completeAssistantMessage({ ownerId: randomUUID(), messageId: reply.id, content: 'x', parts: [], status: 'error' })).resolves.toBeNull();
});
