/**
 * The database going away while a reply streams, and coming back. Every word still reaches the cook; storing the reply
 * fails, so the stream must end with an error the cook can act on (Retry), not with `done` (which tells the page the
 * reply is safe when it is not); retrying the same send then stores one question and one complete reply. The failed
 * reply's row is stored as failed once the database is back, and a row a dead run left `streaming` reads as cut off.
 */
import * as chatRoute from '@/app/(chat)/api/chat/route';
import * as conversationRoute from '@/app/(chat)/api/conversations/[id]/route';
import { appContext } from '@/lib/app-context';
import { FRIENDLY_COPY } from '@/lib/chat-types';
import { startProofDatabase, type ProofDatabase } from './support/postgres-store';
import { call, eventsOf, type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(90_000);

const DRIP = Array.from({ length: 24 }, (_, i) => ` word${i}`);

describe('the database going away mid-reply', () => {
  let db: ProofDatabase;
  let stack: WebStack;
  const owner = newOwner();
  let headers: Record<string, string>;

  beforeAll(async () => {
    db = await startProofDatabase();
    stack = await startWebStack({ databaseUrl: db.appUrl, upstream: { 'proof-model': { tokens: DRIP, tokenIntervalMs: 40 } } });
    headers = { cookie: stack.cookieFor(owner), origin: ORIGIN, 'content-type': 'application/json' };
  }, 120_000);
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
    await db.stop();
  });

  const chat = (content: string, clientMessageId: string, conversationId?: string) =>
    call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId, content, conversationId }) });

  test('when the database goes away mid-reply and comes back, then the cook gets an error (not a hang), and retrying the same send gives one stored question and a complete reply', async () => {
    const clientMessageId = crypto.randomUUID();
    const content = 'Plan dinner [drip] across an outage';
    const response = await (chatRoute.POST as Handler)(
      new Request(`${ORIGIN}/api/chat`, { method: 'POST', headers, body: JSON.stringify({ clientMessageId, content }) }),
    );
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    let cut = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      if (!cut && text.includes('event: delta')) {
        db.proxy.cut();
        cut = true;
      }
    }
    db.proxy.restore();
    const events = eventsOf(text);
    // Every word reached the cook; only storing the reply failed, and the cook is told so.
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toBe(DRIP.join(''));
    expect(events.at(-1)).toEqual({ event: 'error', data: { code: 'unavailable:store', message: FRIENDLY_COPY.generic } });
    const { conversationId } = events[0]?.data as { conversationId: string };

    let retried = await chat(content, clientMessageId, conversationId);
    for (let attempt = 1; attempt < 5 && retried.status === 503; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await chat(content, clientMessageId, conversationId);
    }
    expect(retried.status).toBe(200);
    expect(eventsOf(retried.text).at(-1)?.event).toBe('done');
    const view = await call(conversationRoute.GET as Handler, { method: 'GET', path: `/api/conversations/${conversationId}`, headers, params: { id: conversationId } });
    const { messages } = JSON.parse(view.text) as { messages: Array<{ role: string; content: string; status: string }> };
    expect(messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([content]);
    expect(messages.filter((m) => m.role === 'assistant' && m.status === 'complete').map((m) => m.content)).toEqual([DRIP.join('')]);
    const { rows } = await db.admin.query<{ n: string }>('select count(*) as n from messages where client_message_id = $1', [clientMessageId]);
    expect(Number(rows[0]?.n)).toBe(1);

    // The first reply's row does not stay `streaming`: the retried send found it still being written, followed the
    // agent's run (kept after it finished) instead of asking the model again, and stored it complete; the first run's
    // own later attempt to store "saving failed" changes nothing (a reply is completed once).
    const firstReplyId = (events[0]?.data as { assistantMessageId: string }).assistantMessageId;
    let first: { status: string; content: string; error_code: string | null } | undefined;
    for (let waited = 0; waited < 20_000; waited += 250) {
      first = (await db.admin.query<{ status: string; content: string; error_code: string | null }>('select status, content, error_code from messages where id = $1', [firstReplyId])).rows[0];
      if (first?.status !== 'streaming') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(first).toEqual({ status: 'complete', content: DRIP.join(''), error_code: null });
    // Wait out the first run's later attempts to store its failure (about 15 s in all): the reply stays complete.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const still = (await db.admin.query<{ status: string }>('select status from messages where id = $1', [firstReplyId])).rows[0];
    expect(still?.status).toBe('complete');
  });

  test('when a run died before storing its reply, then once no run can still be live the reply reads as cut off (with Retry), a younger one still reads as streaming, and retrying stores one complete reply', async () => {
    const clientMessageId = crypto.randomUUID();
    const content = 'Plan lunch [drip] for a run that dies';
    const done = eventsOf((await chat(content, clientMessageId)).text);
    const { conversationId, assistantMessageId } = done[0]?.data as { conversationId: string; assistantMessageId: string };
    // What a run that died mid-reply leaves behind: its row still `streaming`, begun long before any run's time limit.
    await db.admin.query("update messages set status = 'streaming', content = 'Half a', created_at = now() - interval '1 hour' where id = $1", [assistantMessageId]);
    const read = async () => {
      const view = await call(conversationRoute.GET as Handler, { method: 'GET', path: `/api/conversations/${conversationId}`, headers, params: { id: conversationId } });
      return (JSON.parse(view.text) as { messages: Array<{ id: string; role: string; content: string; status: string; errorMessage: string | null }> }).messages;
    };
    expect((await read()).find((m) => m.id === assistantMessageId)).toMatchObject({ status: 'error', content: 'Half a', errorMessage: FRIENDLY_COPY.lost });

    // A reply begun just now may still be running somewhere: it is shown as streaming, not as failed.
    await db.admin.query("update messages set created_at = now() where id = $1", [assistantMessageId]);
    expect((await read()).find((m) => m.id === assistantMessageId)).toMatchObject({ status: 'streaming', errorMessage: null });
    await db.admin.query("update messages set created_at = now() - interval '1 hour' where id = $1", [assistantMessageId]);

    const retried = await chat(content, clientMessageId, conversationId);
    expect(eventsOf(retried.text).at(-1)?.event).toBe('done');
    const replies = (await read()).filter((m) => m.role === 'assistant');
    expect(replies.map((m) => m.status)).toEqual(['error', 'complete']);
    expect(replies[1]?.content).toBe(DRIP.join(''));
  });
});
