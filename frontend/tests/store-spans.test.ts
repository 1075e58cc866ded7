import { randomUUID } from 'node:crypto';
import * as Sentry from '@sentry/node';
import { defaultStackParser, getCurrentScope, makeNodeTransport, NodeClient } from '@sentry/node';
import { startSentrySink, type SentrySink } from '../../agent/test/support/sentry-sink';
import { createStore } from '@/lib/db';
import type { Store } from '@/lib/db/types';
import { sentryStoreSpans } from '@/lib/store-spans';
import { startPostgresServer, type PostgresServer } from './support/postgres-server';
import { pushMigrations } from './db/supabase-cli';

/**
 * Store calls in Sentry traces (lib/store-spans.ts), with the real SDK posting to a local capture server and the store
 * on a real PostgreSQL 15 server. The client is bound by hand without `Sentry.init`'s integrations (as in
 * error-reporting.test.ts): traces whose name starts with "sampled" are sampled, the rest are not.
 */

jest.setTimeout(120_000);

let sink: SentrySink;
let client: NodeClient;
let server: PostgresServer;
let store: Store;
/** Every span started, sampled or not. */
let startedSpans = 0;

beforeAll(async () => {
  [sink, server] = await Promise.all([startSentrySink('public'), startPostgresServer()]);
  pushMigrations(server.url);
  client = new NodeClient({
    dsn: sink.dsn,
    transport: makeNodeTransport,
    stackParser: defaultStackParser,
    integrations: [],
    tracesSampler: ({ name }) => name.startsWith('sampled'),
  });
  getCurrentScope().setClient(client);
  client.init();
  client.on('spanStart', () => void (startedSpans += 1));
  store = createStore({ kind: 'postgres', url: server.url }, { around: sentryStoreSpans(Sentry) });
});

afterAll(async () => {
  await store?.close();
  await client?.close(2000);
  getCurrentScope().setClient(undefined);
  await Promise.all([sink?.close(), server?.stop()]);
});

/** The child spans (name and attributes) of the trace whose root is named `segment`, as the SDK streams them (span v2 items). */
async function spansOf(segment: string): Promise<Array<{ name: string; attributes: Record<string, unknown> }>> {
  await client.flush(5000);
  const spans: Array<{ name: string; attributes: Record<string, unknown> }> = [];
  for (const body of sink.bodies) {
    const lines = body.split('\n').filter(Boolean);
    for (let i = 1; i + 1 < lines.length; i += 2) {
      if ((JSON.parse(lines[i]!) as { type?: string }).type !== 'span') continue;
      const { items } = JSON.parse(lines[i + 1]!) as { items: Array<{ name: string; is_segment?: boolean; attributes: Record<string, { value: unknown }> }> };
      for (const item of items) {
        const attributes = Object.fromEntries(Object.entries(item.attributes).map(([key, { value }]) => [key, value]));
        if (!item.is_segment && attributes['sentry.segment.name'] === segment) spans.push({ name: item.name, attributes });
      }
    }
  }
  return spans;
}

test('in a sampled trace, each store call gets a span named after its store function, with no argument in it', async () => {
  const ownerId = randomUUID();
  const conversation = await Sentry.startSpan({ name: 'sampled GET /api/conversations', forceTransaction: true }, async () => {
    const created = await store.createConversation({ ownerId, title: 'Weeknight dinners' });
    await store.listConversationsByOwner({ ownerId });
    return created;
  });
  expect(conversation.title).toBe('Weeknight dinners');

  const spans = await spansOf('sampled GET /api/conversations');
  expect(spans.map((span) => span.name)).toEqual(['store.create_conversation', 'store.list_conversations']);
  expect(spans[0]!.attributes).toMatchObject({ 'sentry.op': 'db', 'db.system.name': 'postgresql', 'db.operation.name': 'create_conversation' });
  const sent = sink.bodies.join('\n');
  expect(sent).not.toContain(ownerId);
  expect(sent).not.toContain('Weeknight dinners');
});

test('in an unsampled trace, and outside any trace, store calls start no span and return the same results', async () => {
  const ownerId = randomUUID();
  startedSpans = 0;
  const [inside] = await Sentry.startSpan({ name: 'unsampled POST /api/chat', forceTransaction: true }, async () => {
    await store.createConversation({ ownerId, title: 'Soup' });
    return (await store.listConversationsByOwner({ ownerId })).items;
  });
  const [outside] = (await store.listConversationsByOwner({ ownerId })).items;

  // The root alone: no span was started for the two calls inside it or the one after.
  expect(startedSpans).toBe(1);
  expect(inside?.title).toBe('Soup');
  expect(outside).toEqual(inside);
});
