/**
 * A send whose start fails part-way — the database drops between storing the assistant placeholder and reading the
 * profile — must not leave a run behind: a retry of the same send (same clientMessageId) has to get a working reply,
 * not follow a run that will never end. load-web.test.ts saw it (a guest's retry hung for good after a database blip,
 * when the run was registered before the profile was read); this pins it deterministically with a store that fails
 * that one read once.
 */
import { appContext } from '@/lib/app-context';
import { activeRunCount, runToSseStream, startChatRun } from '@/lib/chat-service';
import type { Store } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { newOwner, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(60_000);

describe('a send whose start fails part-way', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
  });

  test('when reading the profile fails once, then no run is left registered and the retried send streams to done', async () => {
    const { chat } = await appContext();
    let failNext = true;
    const flaky = new Proxy(chat.store, {
      get(target, key, receiver) {
        if (key === 'getProfileByOwner' && failNext) {
          return async () => {
            failNext = false;
            throw new AppError('unavailable:database', 'The database is not reachable right now. Please try again.');
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as Store;
    const deps = { ...chat, store: flaky };
    const ownerId = newOwner();
    const input = { ownerId, clientMessageId: crypto.randomUUID(), content: 'Plan dinner' };
    const before = activeRunCount();

    await expect(startChatRun(deps, input)).rejects.toMatchObject({ code: 'unavailable:database' });
    expect(activeRunCount()).toBe(before);

    const conversations = await chat.store.listConversationsByOwner({ ownerId, limit: 10 });
    const conversationId = conversations.items[0]?.id;
    const retry = await startChatRun(deps, { ...input, conversationId });
    const reader = runToSseStream(retry).getReader();
    const timer = setTimeout(() => void reader.cancel(), 10_000);
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    clearTimeout(timer);
    expect(text).toMatch(/event: done/);
  });
});
