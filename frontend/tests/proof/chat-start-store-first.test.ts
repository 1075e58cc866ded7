/**
 * A chat start stores first, then asks the model: the agent's run is keyed by the stored reply's id (so any instance
 * can follow or stop it), so nothing reaches the agent before the cook's message and its reply row are written. Pinned
 * here with a store that refuses or is slow.
 */
import { appContext } from '@/lib/app-context';
import { activeRunCount, runToSseStream, startChatRun } from '@/lib/chat-service';
import type { Store } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { eventsOf, newOwner, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(60_000);

/** The store with `startChatTurn` (the write of the cook's message) replaced; every other call reaches the real store. */
function withTurn(store: Store, startChatTurn: Store['startChatTurn']): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      return key === 'startChatTurn' ? startChatTurn : (Reflect.get(target, key, receiver) as unknown);
    },
  });
}

describe('a chat start: the message is stored before the model is asked', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ upstream: { 'proof-model': { tokens: ['Lentil', ' soup.'] } } });
  });
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
  });

  test('when the store refuses the cook’s message, then the model is never called, no run is left and the send fails with the database error', async () => {
    const { chat } = await appContext();
    const ownerId = newOwner();
    const modelCallsBefore = stack.fake.requests.length;
    const refusing = withTurn(chat.store, async () => {
      throw new AppError('unavailable:database', 'The database is not reachable right now. Please try again.');
    });
    const runsBefore = activeRunCount();

    await expect(startChatRun({ ...chat, store: refusing }, { ownerId, clientMessageId: crypto.randomUUID(), content: 'Plan dinner' })).rejects.toMatchObject({
      code: 'unavailable:database',
      status: 503,
    });
    expect(stack.fake.requests.length).toBe(modelCallsBefore);
    expect(activeRunCount()).toBe(runsBefore);
    expect((await chat.store.listConversationsByOwner({ ownerId, limit: 10 })).items).toEqual([]);
  });

  test('when the store is slow, then the model is asked only after the message is stored, under the reply row’s id, and the reply is stored complete', async () => {
    const { chat } = await appContext();
    const ownerId = newOwner();
    const modelCallsBefore = stack.fake.requests.length;
    let callsWhenStored = -1;
    const slow = withTurn(chat.store, async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stored = await chat.store.startChatTurn(input);
      callsWhenStored = stack.fake.requests.length;
      return stored;
    });

    const run = await startChatRun({ ...chat, store: slow }, { ownerId, clientMessageId: crypto.randomUUID(), content: 'Plan dinner' });
    const text = await new Response(runToSseStream(run)).text();
    await run.finished;

    expect(callsWhenStored).toBe(modelCallsBefore);
    expect(stack.fake.requests.length).toBe(modelCallsBefore + 1);
    const events = eventsOf(text);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'ledger', 'start', 'delta', 'delta', 'done']);
    const { conversationId, userMessageId, assistantMessageId } = events[0]!.data as Record<string, string>;
    expect(run.assistantMessageId).toBe(assistantMessageId);
    const messages = await chat.store.listMessagesByConversation({ ownerId, conversationId: conversationId!, limit: 10 });
    expect(messages.map((m) => [m.id === userMessageId ? 'this user message' : m.role, m.status, m.content])).toEqual([
      ['this user message', 'complete', 'Plan dinner'],
      ['assistant', 'complete', 'Lentil soup.'],
    ]);
  });
});
