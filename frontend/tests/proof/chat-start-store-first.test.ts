/**
 * The start of a chat sends the agent request before the cook's message is written, so the model's wait and the
 * database writes overlap. That is only allowed under two rules, pinned here with a store that is slow or refuses:
 * nothing the agent says reaches the browser before the cook's message is stored, and a store that refuses the
 * message abandons the agent call (the model request is hung up, nothing is streamed) and fails with the clear error.
 */
import { appContext } from '@/lib/app-context';
import { activeRunCount, runToSseStream, startChatRun } from '@/lib/chat-service';
import type { Store } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import type { RecordedRequest } from '../../../agent/test/support/fake-openai';
import { eventsOf, newOwner, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(60_000);

/** Polls until `check` holds; false when it still does not after `timeoutMs`. */
async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** The store with `startChatTurn` (the write of the cook's message) replaced; every other call reaches the real store. */
function withTurn(store: Store, startChatTurn: Store['startChatTurn']): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      return key === 'startChatTurn' ? startChatTurn : (Reflect.get(target, key, receiver) as unknown);
    },
  });
}

describe('a chat start: the agent call overlaps the writes, the reply waits for them', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({
      upstream: ({ body }) => {
        const last = (body.messages as Array<{ content: string }>).at(-1)?.content ?? '';
        return last.includes('[hang]') ? { firstTokenDelayMs: 5_000 } : { tokens: ['Lentil', ' soup.'] };
      },
    });
  });
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
  });

  test('when the store refuses the cook’s message, then the agent call under way is hung up, no run is left and the send fails with the database error', async () => {
    const { chat } = await appContext();
    const ownerId = newOwner();
    const modelCallsBefore = stack.fake.requests.length;
    let modelCall: RecordedRequest | undefined;
    const refusing = withTurn(chat.store, async () => {
      // Refuse only once the request has reached the model: the abort must travel the whole way.
      await eventually(() => (modelCall = stack.fake.requests[modelCallsBefore]) !== undefined);
      throw new AppError('unavailable:database', 'The database is not reachable right now. Please try again.');
    });
    const runsBefore = activeRunCount();

    const start = startChatRun({ ...chat, store: refusing }, { ownerId, clientMessageId: crypto.randomUUID(), content: 'Plan dinner [hang]' });

    await expect(start).rejects.toMatchObject({ code: 'unavailable:database', status: 503 });
    expect(modelCall).toBeDefined();
    expect(await eventually(() => modelCall!.aborted)).toBe(true);
    expect(modelCall!.firstTokenAt).toBeUndefined();
    expect(activeRunCount()).toBe(runsBefore);
    // The send's writes are one transaction: nothing of it is stored, not even an empty conversation.
    expect((await chat.store.listConversationsByOwner({ ownerId, limit: 10 })).items).toEqual([]);
  });

  test('when the agent has finished its reply before the cook’s message is stored, then the browser’s stream starts only after the message is stored and carries the whole reply', async () => {
    const { chat } = await appContext();
    const ownerId = newOwner();
    const modelCallsBefore = stack.fake.requests.length;
    let modelDoneBeforeStore = false;
    let storedAt = Number.POSITIVE_INFINITY;
    const slow = withTurn(chat.store, async (input) => {
      modelDoneBeforeStore = await eventually(() => stack.fake.requests[modelCallsBefore]?.completed === true);
      const stored = await chat.store.startChatTurn(input);
      storedAt = performance.now();
      return stored;
    });

    const run = await startChatRun({ ...chat, store: slow }, { ownerId, clientMessageId: crypto.randomUUID(), content: 'Plan dinner' });
    const reader = runToSseStream(run).getReader();
    let firstByteAt: number | undefined;
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      firstByteAt ??= performance.now();
      text += new TextDecoder().decode(value);
    }

    expect(modelDoneBeforeStore).toBe(true);
    expect(firstByteAt).toBeGreaterThanOrEqual(storedAt);
    const events = eventsOf(text);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'ledger', 'start', 'delta', 'delta', 'done']);
    const { conversationId, userMessageId } = events[0]!.data as { conversationId: string; userMessageId: string };
    const messages = await chat.store.listMessagesByConversation({ ownerId, conversationId, limit: 10 });
    expect(messages.map((m) => [m.id === userMessageId ? 'this user message' : m.role, m.status, m.content])).toEqual([
      ['this user message', 'complete', 'Plan dinner'],
      ['assistant', 'complete', 'Lentil soup.'],
    ]);
  });
});
