/**
 * The web app's server side with marker secrets — the session secret, the gateway token, the database password — run
 * through success and every failure it can reach: the database unreachable, the agent unreachable, the agent refusing
 * the token, bad input. Everything it produced is scanned: every response (status, headers, body), everything written
 * to the console, and the agent's logs. (The built client bundle is scanned by the end-to-end suite.)
 */
import * as chatRoute from '@/app/(chat)/api/chat/route';
import * as conversationsRoute from '@/app/(chat)/api/conversations/route';
import * as readyRoute from '@/app/(health)/api/health/ready/route';
import * as profileRoute from '@/app/(profile)/api/profile/route';
import { appContext } from '@/lib/app-context';
import { runToSseStream, startChatRun } from '@/lib/chat-service';
import { signSessionValue } from '@/lib/session';
import { startProofDatabase, type ProofDatabase } from './support/postgres-store';
import { call, type Answer, type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(90_000);

const MARK = `${process.pid}${Date.now().toString(36)}`;
const SESSION_SECRET = `marker-session-${MARK}-0123456789abcdef0123456789`;
const GATEWAY_TOKEN = `marker-gw-${MARK}`;
const DB_PASSWORD = `marker-db-${MARK}`;
const MARKERS = [SESSION_SECRET, GATEWAY_TOKEN, DB_PASSWORD, MARK];

describe('secrets in the web app', () => {
  let db: ProofDatabase;
  let stack: WebStack;
  const consoleLines: string[] = [];
  const restores: Array<() => void> = [];

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      restores.push(() => (console[level] = original));
    }
    db = await startProofDatabase();
    await db.admin.query(`create role chef_marker login password '${DB_PASSWORD}' noinherit`);
    await db.admin.query('grant service_role to chef_marker');
    await db.admin.query('alter role chef_marker inherit');
    stack = await startWebStack({
      databaseUrl: `postgresql://chef_marker:${DB_PASSWORD}@127.0.0.1:${db.proxy.port}/postgres`,
      agentEnv: { GATEWAY_TOKEN },
      webEnv: { GATEWAY_TOKEN, SESSION_SECRET },
    });
  }, 120_000);
  afterAll(async () => {
    for (const restore of restores) restore();
    await (await appContext()).store.close();
    await stack.close();
    await db.stop();
  });

  test('when the app serves and fails with marker secrets, then no marker appears in any response, console line or agent log', async () => {
    const owner = newOwner();
    const cookie = `chopsky_session=${signSessionValue(owner, SESSION_SECRET)}`;
    const headers = { cookie, origin: ORIGIN, 'content-type': 'application/json' };
    const answers: Answer[] = [];
    const chat = async (content: string) => {
      const answer = await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId: crypto.randomUUID(), content }) });
      answers.push(answer);
      return answer;
    };

    expect((await chat('Plan dinner')).text).toMatch(/event: done/);
    answers.push(await call(profileRoute.GET as Handler, { method: 'GET', path: '/api/profile', headers: { cookie } }));
    answers.push(await call(readyRoute.GET as Handler, { method: 'GET', path: '/api/health/ready' }));
    // Refusals that carry secret-shaped input back at the app.
    answers.push(await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers: { ...headers, cookie: `chopsky_session=${owner}.${SESSION_SECRET}` }, body: '{}' }));
    answers.push(await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: `{"content":"${GATEWAY_TOKEN}"` }));
    answers.push(await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId: SESSION_SECRET, content: DB_PASSWORD }) }));

    // The database away: chat, list and readiness all fail, and the pg errors are logged.
    db.proxy.cut();
    try {
      const down = await chat('Plan dinner while the database is away');
      expect(down.status).toBe(503);
      answers.push(await call(conversationsRoute.GET as Handler, { method: 'GET', path: '/api/conversations', headers: { cookie } }));
      const ready = await call(readyRoute.GET as Handler, { method: 'GET', path: '/api/health/ready' });
      expect(ready.status).toBe(503);
      answers.push(ready);
    } finally {
      db.proxy.restore();
    }

    // The agent unreachable, and the agent refusing a token it does not know: the run ends with the friendly copy.
    const { chat: deps } = await appContext();
    for (const broken of [{ agentUrl: 'http://127.0.0.1:9' }, { gatewayToken: `${GATEWAY_TOKEN}-rotated-away` }]) {
      let run;
      for (let tries = 0; tries < 5 && !run; tries += 1) {
        run = await startChatRun({ ...deps, ...broken }, { ownerId: owner, clientMessageId: crypto.randomUUID(), content: 'Plan dinner' }).catch(() => undefined);
      }
      expect(run).toBeDefined();
      const text = await new Response(runToSseStream(run as NonNullable<typeof run>)).text();
      expect(text).toMatch(/event: error/);
      answers.push({ status: 200, headers: new Headers(), text });
    }

    const transcripts = answers.map((a) => `${a.status}\n${[...a.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${a.text}`).join('\n');
    const logs = consoleLines.join('\n');
    // The scan would pass vacuously on nothing: there must be failures logged and refusals answered.
    expect(logs).toMatch(/agent call failed|storing the assistant message failed|unhandled route error|database/i);
    expect(answers.filter((a) => a.status >= 400).length).toBeGreaterThanOrEqual(4);
    for (const marker of MARKERS) {
      expect(transcripts).not.toContain(marker);
      expect(logs).not.toContain(marker);
      expect(stack.agent?.logs.text() ?? '').not.toContain(marker);
    }
  });
});
