/**
 * Faults through the web app's chat route (the real handler, store on PostgreSQL 15, the real agent, the local model
 * stand-in): upstream failures end as the right copy on screen and the right status in the store; a browser that
 * leaves mid-reply still gets the full reply stored; the database going away before or during a chat, and coming
 * back, loses nothing the cook typed and never crashes the process.
 */
import * as chatRoute from '@/app/(chat)/api/chat/route';
import { appContext } from '@/lib/app-context';
import { FRIENDLY_COPY } from '@/lib/chat-types';
import type { Message } from '@/lib/db/types';
import type { Script } from '../../../agent/test/support/fake-openai';
import { startProofDatabase, type ProofDatabase } from './support/postgres-store';
import { call, eventsOf, type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(90_000);

const DRIP = Array.from({ length: 24 }, (_, i) => ` word${i}`);
/** Each chat names its upstream behaviour in its message, so one upstream serves every test. */
const scripts: Record<string, Script> = {
  ok: { tokens: ['Lentil', ' soup.'] },
  '500': { status: 500 },
  '429': { status: 429 },
  hang: { firstTokenDelayMs: 5_000 },
  cutmid: { tokens: ['One', ' two', ' three'], cutAfterTokens: 2 },
  drip: { tokens: DRIP, tokenIntervalMs: 40 },
};

describe('faults through the web chat route', () => {
  let db: ProofDatabase;
  let stack: WebStack;
  const owner = newOwner();
  let headers: Record<string, string>;

  beforeAll(async () => {
    db = await startProofDatabase();
    stack = await startWebStack({
      databaseUrl: db.appUrl,
      upstream: ({ body }) => {
        const last = (body.messages as Array<{ content: string }>).at(-1)?.content ?? '';
        return scripts[/\[(\w+)\]/.exec(last)?.[1] ?? 'ok'] ?? {};
      },
      agentEnv: { MODEL_FIRST_TOKEN_TIMEOUT_MS: '1000' },
    });
    headers = { cookie: stack.cookieFor(owner), origin: ORIGIN, 'content-type': 'application/json' };
  }, 120_000);
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
    await db.stop();
  });

  const chat = (content: string, clientMessageId: string = crypto.randomUUID(), conversationId?: string) =>
    call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId, content, conversationId }) });

  const stored = async (conversationId: string): Promise<Message[]> =>
    (await appContext()).store.listMessagesByConversation({ ownerId: owner, conversationId, limit: 500 });

  const waitForFinal = async (conversationId: string, assistantMessageId: string): Promise<Message> => {
    for (let i = 0; i < 600; i += 1) {
      const reply = (await stored(conversationId)).find((m) => m.id === assistantMessageId);
      if (reply && reply.status !== 'streaming') return reply;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the assistant message never reached a final status');
  };

  test.each([
    ['the provider fails (500)', '500', { code: 'unavailable:agent', message: FRIENDLY_COPY.generic }, ''],
    ['the provider rate-limits (429)', '429', { code: 'unavailable:agent', message: FRIENDLY_COPY.generic }, ''],
    ['the first token never comes', 'hang', { code: 'timeout:agent', message: FRIENDLY_COPY.timeout }, ''],
    ['the stream is cut mid-way', 'cutmid', { code: 'unavailable:agent', message: FRIENDLY_COPY.generic }, 'One two'],
  ])('when %s, then the cook sees the right copy and the reply is stored as error with what was written', async (_label, fault, error, partial) => {
    const content = `Plan dinner [${fault}]`;
    const answer = await chat(content);
    expect(answer.status).toBe(200);
    const events = eventsOf(answer.text);
    expect(events[0]?.event).toBe('conversation');
    expect(events.at(-1)).toEqual({ event: 'error', data: error });
    const { conversationId, assistantMessageId } = events[0]?.data as { conversationId: string; assistantMessageId: string };
    const messages = await stored(conversationId);
    expect(messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'error']]);
    expect(messages[0]?.content).toBe(content);
    expect(messages[1]).toMatchObject({ id: assistantMessageId, content: partial, errorCode: error.code });
  });

  test('when the browser goes away mid-reply, then the full reply is still stored as complete', async () => {
    const response = await (chatRoute.POST as Handler)(
      new Request(`${ORIGIN}/api/chat`, { method: 'POST', headers, body: JSON.stringify({ clientMessageId: crypto.randomUUID(), content: 'Plan dinner [drip]' }) }),
    );
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    while ((seen.match(/event: delta/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before two deltas');
      seen += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const { conversationId, assistantMessageId } = eventsOf(seen)[0]?.data as { conversationId: string; assistantMessageId: string };
    expect((await stored(conversationId)).find((m) => m.id === assistantMessageId)?.status).toBe('streaming');
    const reply = await waitForFinal(conversationId, assistantMessageId);
    expect(reply).toMatchObject({ status: 'complete', content: DRIP.join(''), model: 'proof-model', errorCode: null });
  });

  test('when the database is unreachable as a chat is sent, then 503 with the database copy, and the same send succeeds once it is back', async () => {
    const clientMessageId = crypto.randomUUID();
    db.proxy.cut();
    let refused;
    try {
      refused = await chat('Plan dinner while the database is away', clientMessageId);
    } finally {
      db.proxy.restore();
    }
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'unavailable:database' });

    // A client that retries the same send: the pool may still hold a connection the outage killed, so the first send
    // after recovery may fail too; it must succeed within a few tries and be stored once.
    let retried = await chat('Plan dinner while the database is away', clientMessageId);
    for (let attempt = 1; attempt < 5 && retried.status === 503; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await chat('Plan dinner while the database is away', clientMessageId);
    }
    expect(retried.status).toBe(200);
    expect(eventsOf(retried.text).at(-1)?.event).toBe('done');
    const { rows } = await db.admin.query('select role, status from messages where client_message_id = $1', [clientMessageId]);
    expect(rows).toEqual([{ role: 'user', status: 'complete' }]);
  });
});
