/**
 * Load without loss: 200 guests at once, each holding a 10-turn conversation through the web app's chat route (the
 * real handler, the real agent, the store on PostgreSQL 15), with retries on as a browser would do them: a send that
 * fails — a 503, an `error` event, a stream that never says `done` — is sent again with the same clientMessageId.
 * Faults are injected on purpose: some readers hang up mid-reply, and the database drops every connection for a
 * moment in the middle of the run. Then SQL checks that every message was stored exactly once, in order.
 */
import * as chatRoute from '@/app/(chat)/api/chat/route';
import { appContext } from '@/lib/app-context';
import { startProofDatabase, type ProofDatabase } from './support/postgres-store';
import { type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(180_000);

const GUESTS = 200;
const TURNS = 10;
const MAX_ATTEMPTS = 12;

describe('load without loss', () => {
  let db: ProofDatabase;
  let stack: WebStack;

  beforeAll(async () => {
    db = await startProofDatabase({ max_connections: '200' });
    stack = await startWebStack({ databaseUrl: db.appUrl, upstream: { 'proof-model': { tokens: ['Soup', ' it', ' is.'] } }, agentProcess: true });
  }, 120_000);
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
    await db.stop();
  });

  test(`when ${GUESTS} guests each hold a ${TURNS}-turn conversation at once, through hang-ups and a database blip, then every message is stored exactly once and in order`, async () => {
    const tally = { sends: 0, retries: 0, hangUps: 0, failures: new Map<string, number>() };
    const note = (kind: string) => tally.failures.set(kind, (tally.failures.get(kind) ?? 0) + 1);
    const owners = Array.from({ length: GUESTS }, () => newOwner());
    const conversationOf = new Map<string, string>();

    /** One attempt at one send; resolves to the conversation id on success, or a failure kind. */
    const attempt = async (owner: string, clientMessageId: string, content: string, hangUp: boolean): Promise<{ conversationId?: string; failure?: string }> => {
      tally.sends += 1;
      const conversationId = conversationOf.get(owner);
      const response = await (chatRoute.POST as Handler)(
        new Request(`${ORIGIN}/api/chat`, {
          method: 'POST',
          headers: { cookie: stack.cookieFor(owner), origin: ORIGIN, 'content-type': 'application/json' },
          body: JSON.stringify({ clientMessageId, content, conversationId }),
        }),
      );
      if (response.status !== 200) {
        await response.text();
        return { failure: `http ${response.status}` };
      }
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      // A browser gives up on a reply that goes quiet; so does this client, and then it retries.
      let stalled = false;
      const watchdog = setTimeout(() => {
        stalled = true;
        void reader.cancel();
      }, 30_000);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        const id = /"conversationId":"([0-9a-f-]{36})"/.exec(text)?.[1];
        if (id) conversationOf.set(owner, id);
        if (hangUp && text.includes('event: start')) {
          clearTimeout(watchdog);
          await reader.cancel();
          tally.hangUps += 1;
          return { failure: 'hung up' };
        }
      }
      clearTimeout(watchdog);
      if (stalled) return { failure: 'stalled' };
      const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
      if (names.includes('error')) return { failure: 'error event' };
      if (names.at(-1) !== 'done') return { failure: 'no done' };
      return { conversationId: conversationOf.get(owner) };
    };

    const guest = async (owner: string, index: number) => {
      for (let turn = 0; turn < TURNS; turn += 1) {
        const clientMessageId = crypto.randomUUID();
        const content = `guest ${index} turn ${turn}`;
        // About one send in eight hangs up on its first try, as a closing tab or a lost network would.
        const hangUp = (index * TURNS + turn) % 8 === 3;
        for (let tries = 1; ; tries += 1) {
          const result = await attempt(owner, clientMessageId, content, hangUp && tries === 1);
          if (!result.failure) break;
          note(result.failure);
          if (tries >= MAX_ATTEMPTS) throw new Error(`guest ${index} turn ${turn}: ${MAX_ATTEMPTS} attempts failed, last: ${result.failure}`);
          tally.retries += 1;
          await new Promise((resolve) => setTimeout(resolve, 50 * tries));
        }
      }
    };

    let finishedGuests = 0;
    const run = Promise.all(owners.map((owner, index) => guest(owner, index).then(() => (finishedGuests += 1))));
    // A database blip once the run is under way: every connection dropped, new ones refused for 300 ms.
    while (tally.sends < (GUESTS * TURNS) / 3) await new Promise((resolve) => setTimeout(resolve, 20));
    db.proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 300));
    db.proxy.restore();
    await run;
    expect(finishedGuests).toBe(GUESTS);

    const q = async <T>(sql: string, params: unknown[] = []) => (await db.admin.query(sql, params)).rows as T[];
    // Every question once: 2,000 user messages, 10 per owner, no client message id twice, all in one conversation each.
    const [totals] = await q<{ users: string; distinct_ids: string; owners: string }>(
      `select count(*) as users, count(distinct client_message_id) as distinct_ids, count(distinct owner_id) as owners
         from messages where role = 'user' and owner_id = any($1::uuid[])`,
      [owners],
    );
    expect(totals).toEqual({ users: String(GUESTS * TURNS), distinct_ids: String(GUESTS * TURNS), owners: String(GUESTS) });
    const perConversation = await q<{ n: string }>(
      `select count(*) as n from messages where role = 'user' and owner_id = any($1::uuid[]) group by conversation_id`,
      [owners],
    );
    expect(perConversation.map((r) => Number(r.n))).toEqual(Array(GUESTS).fill(TURNS));

    // In order: within each conversation, the questions come in turn order, and each is followed by exactly one
    // complete reply before the next question.
    const rows = await q<{ conversation_id: string; role: string; status: string; content: string }>(
      `select conversation_id, role, status, content from messages where owner_id = any($1::uuid[]) order by conversation_id, seq`,
      [owners],
    );
    const byConversation = new Map<string, typeof rows>();
    for (const row of rows) byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), row]);
    const misordered: string[] = [];
    const repliesPerQuestion: number[] = [];
    for (const [conversationId, messages] of byConversation) {
      const questions = messages.filter((m) => m.role === 'user').map((m) => Number(/turn (\d+)$/.exec(m.content)?.[1]));
      if (questions.join() !== Array.from({ length: TURNS }, (_, i) => i).join()) misordered.push(conversationId);
      let complete = -1;
      for (const message of messages) {
        if (message.role === 'user') {
          if (complete >= 0) repliesPerQuestion.push(complete);
          complete = 0;
        } else if (message.status === 'complete') complete += 1;
      }
      repliesPerQuestion.push(complete);
    }
    expect(misordered).toEqual([]);
    expect(repliesPerQuestion.filter((n) => n !== 1)).toEqual([]);
    expect(repliesPerQuestion).toHaveLength(GUESTS * TURNS);

    // The faults really happened, and the retries really were exercised.
    expect(tally.hangUps).toBeGreaterThan(0);
    expect(tally.retries).toBeGreaterThan(0);
    const ghosts = await q<{ n: string }>(`select count(*) as n from messages where status = 'streaming' and owner_id = any($1::uuid[])`, [owners]);
    console.log(JSON.stringify({ sends: tally.sends, retries: tally.retries, hangUps: tally.hangUps, failures: Object.fromEntries(tally.failures), leftStreaming: Number(ghosts[0]?.n) }));
  });
});
