/**
 * Property-based fuzzing of every web endpoint: the real route handlers, called with real Requests, on a real store
 * (PGlite) and the real agent in front of the local model stand-in. Missing, forged or foreign session cookies,
 * foreign origins, wrong content types, broken JSON, wrong types, huge and empty fields and odd Unicode (lone
 * surrogates, NUL, right-to-left, zero-width, emoji): every answer is below 500, and every refusal is a JSON
 * `{ code, message, requestId }` whose status follows from its code.
 */
import fc from 'fast-check';
import * as chatRoute from '@/app/(chat)/api/chat/route';
import * as stopRoute from '@/app/(chat)/api/chat/stop/route';
import * as conversationRoute from '@/app/(chat)/api/conversations/[id]/route';
import * as conversationsRoute from '@/app/(chat)/api/conversations/route';
import * as feedbackRoute from '@/app/(chat)/api/feedback/route';
import * as healthRoute from '@/app/(health)/api/health/route';
import * as readyRoute from '@/app/(health)/api/health/ready/route';
import * as profileRoute from '@/app/(profile)/api/profile/route';
import { appContext } from '@/lib/app-context';
import { signSessionValue } from '@/lib/session';
import { call, type Answer, type Call, type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(90_000);

const STATUS_BY_TYPE: Record<string, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, payload_too_large: 413,
  rate_limited: 429, unavailable: 503, timeout: 504, internal: 500,
};
const LEAK = /\bat [^\n]+:\d+:\d+|node_modules|\/lib\/|TypeError|SyntaxError|ZodError|PGlite|SQLSTATE|syntax error at/;

// --- arbitraries -------------------------------------------------------------------------------------------------

const oddChar = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u0000', '\u202e', '\u200f', '\u200b', '\u200d', '\ufeff', '\u2028', '👩‍👩‍👧‍👦', '🧑🏽‍🍳', 'e\u0301', '\uffff', '%', '_', '\\', "'", '"', '<b>'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const oddString = fc.string({ unit: oddChar, maxLength: 30 });
const json = fc.jsonValue({ maxDepth: 3 });
const huge = fc.constantFrom(120, 2_001, 8_001, 70_000).map((n) => 'é'.repeat(n));
const text = fc.oneof({ weight: 5, arbitrary: oddString }, { weight: 1, arbitrary: huge }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u0000') }, { weight: 1, arbitrary: json });
const idLike = fc.oneof(fc.uuid(), oddString, fc.constantFrom('', '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '../..'), json);

const bodies: Record<string, fc.Arbitrary<unknown>> = {
  chat: fc.record({ conversationId: idLike, clientMessageId: idLike, content: text }, { requiredKeys: [] }),
  stop: fc.record({ assistantMessageId: idLike }, { requiredKeys: [] }),
  patch: fc.record({ title: text, archived: fc.oneof(fc.boolean(), json), rating: fc.oneof(fc.integer({ min: -3, max: 9 }), json), ratingComment: text }, { requiredKeys: [] }),
  feedback: fc.record({ messageId: idLike, rating: fc.oneof(fc.constantFrom('up', 'down', null, 'sideways'), json), comment: text }, { requiredKeys: [] }),
  profile: fc.record(
    {
      householdSize: fc.oneof(fc.integer({ min: -2, max: 30 }), json),
      diet: fc.oneof(fc.constantFrom('omnivore', 'vegan', 'carnivore'), json),
      allergens: fc.oneof(fc.array(fc.constantFrom('peanuts', 'milk', 'moonbeams')), json),
      dislikes: fc.oneof(fc.array(oddString, { maxLength: 60 }), json),
      pantry: fc.oneof(fc.array(text, { maxLength: 3 }), json),
      maxMinutesPerMeal: fc.oneof(fc.integer({ min: -1, max: 700 }), fc.constant(null), json),
      weeklyPrepMinutes: fc.oneof(fc.integer({ min: -1, max: 7000 }), fc.constant(null)),
      targets: fc.oneof(fc.record({ kcalPerDay: fc.oneof(fc.integer(), fc.constant(null)), proteinGPerDay: fc.integer() }, { requiredKeys: [] }), json),
      units: fc.oneof(fc.constantFrom('metric', 'us', 'imperial'), json),
    },
    { requiredKeys: [] },
  ),
};
/** A body as bytes: usually the JSON of a shaped value, sometimes not JSON at all. */
const bodyFor = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: shape.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: json.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '{"content":"\\ud800"}', `{"content":"${'x'.repeat(70_000)}"}`, '{"__proto__":{"content":"hi"}}') },
  );

describe('fuzzing every web endpoint', () => {
  let stack: WebStack;
  const owner = newOwner();
  const statuses = new Map<number, number>();
  let cases = 0;
  const errorLog: string[] = [];
  let restoreConsole: () => void = () => undefined;

  beforeAll(async () => {
    stack = await startWebStack();
    // Open the database (initdb and migrations) before the clock of the first property starts.
    await call(profileRoute.GET as Handler, { method: 'GET', path: '/api/profile', headers: { cookie: stack.cookieFor(owner) } });
    const original = console.error;
    console.error = (...args: unknown[]) => errorLog.push(args.map(String).join(' '));
    restoreConsole = () => (console.error = original);
  });
  afterAll(async () => {
    restoreConsole();
    await (await appContext()).store.close();
    await stack.close();
  });

  const cookie = fc.oneof(
    { weight: 4, arbitrary: fc.constant('valid') },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          'chopsky_session=',
          'chopsky_session=%E0%A4%A',
          `chopsky_session=${owner}`,
          `chopsky_session=${owner}.`,
          `chopsky_session=${owner}.${'A'.repeat(43)}`,
          `chopsky_session=${signSessionValue(owner, 'some-other-secret-some-other-secret!!')}`,
          `chopsky_session=${signSessionValue(owner.toUpperCase(), 'x')}`,
          `other=1; chopsky_session=${owner}.forged`,
        ),
        fc.uuid().map((id) => `chopsky_session=${id}.${Buffer.from(id).toString('base64url').slice(0, 43)}`),
        fc.string({ maxLength: 80 }).map((value) => `chopsky_session=${encodeURIComponent(value)}`),
      ),
    },
  );
  const origin = fc.oneof(
    { weight: 4, arbitrary: fc.constant(ORIGIN) },
    { weight: 2, arbitrary: fc.constantFrom(undefined, 'null', 'https://chef.test', 'http://chef.test.evil.test', 'http://evil.test', `${ORIGIN}/`, 'http://chef.test:80') },
  );
  const contentType = fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8') });

  const send = async (handler: Handler, request: Call): Promise<Answer> => {
    const answer = await call(handler, request);
    cases += 1;
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    return answer;
  };

  const expectWellFormed = (answer: Answer) => {
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).not.toMatch(LEAK);
    if (answer.status < 400) return;
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(answer.text) as { code: string; message: string; requestId: string };
    expect(body.code).toMatch(/^[a-z_]+:[a-z_]+$/);
    expect(STATUS_BY_TYPE[body.code.split(':')[0] ?? '']).toBe(answer.status);
    expect(body.message.length).toBeGreaterThan(0);
    expect(body.requestId).toEqual(expect.any(String));
    expect(answer.headers.get('x-request-id')).toBe(body.requestId);
  };

  /** The refusals that come first, whatever the body: foreign origin 403, then no valid session 401. */
  const expectGate = (answer: Answer, { stateChanging, originHeader, cookieValid }: { stateChanging: boolean; originHeader?: string; cookieValid: boolean }) => {
    if (stateChanging && originHeader !== ORIGIN) {
      expect(answer.status).toBe(403);
      return true;
    }
    if (!cookieValid) {
      expect(answer.status).toBe(401);
      return true;
    }
    return false;
  };

  /** `runs` is set per endpoint so the file stays well inside 90 s on 2 cores: a valid chat runs the whole stack. */
  const endpoints: Array<{ name: string; method: string; handler: Handler; path: (id: string) => string; body?: fc.Arbitrary<unknown>; stateChanging: boolean; withId?: boolean; runs: number }> = [
    { name: 'POST /api/chat', method: 'POST', handler: chatRoute.POST as Handler, path: () => '/api/chat', body: bodies.chat, stateChanging: true, runs: 150 },
    { name: 'POST /api/chat/stop', method: 'POST', handler: stopRoute.POST as Handler, path: () => '/api/chat/stop', body: bodies.stop, stateChanging: true, runs: 300 },
    { name: 'GET /api/conversations/[id]', method: 'GET', handler: conversationRoute.GET as Handler, path: (id) => `/api/conversations/${encodeURIComponent(id)}`, stateChanging: false, withId: true, runs: 250 },
    { name: 'PATCH /api/conversations/[id]', method: 'PATCH', handler: conversationRoute.PATCH as Handler, path: (id) => `/api/conversations/${encodeURIComponent(id)}`, body: bodies.patch, stateChanging: true, withId: true, runs: 260 },
    { name: 'DELETE /api/conversations/[id]', method: 'DELETE', handler: conversationRoute.DELETE as Handler, path: (id) => `/api/conversations/${encodeURIComponent(id)}`, stateChanging: true, withId: true, runs: 250 },
    { name: 'POST /api/feedback', method: 'POST', handler: feedbackRoute.POST as Handler, path: () => '/api/feedback', body: bodies.feedback, stateChanging: true, runs: 260 },
    { name: 'GET /api/profile', method: 'GET', handler: profileRoute.GET as Handler, path: () => '/api/profile', stateChanging: false, runs: 250 },
    { name: 'PUT /api/profile', method: 'PUT', handler: profileRoute.PUT as Handler, path: () => '/api/profile', body: bodies.profile, stateChanging: true, runs: 300 },
  ];

  test.each(endpoints.map((e) => [e.name, e] as const))('%s: forged cookies, foreign origins and bad bodies get a JSON 4xx; valid ones succeed', async (_name, endpoint) => {
    const idArb = fc.oneof(fc.uuid(), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }), fc.constantFrom('', '..', '%00'));
    await fc.assert(
      fc.asyncProperty(cookie, origin, contentType, endpoint.body ? bodyFor(endpoint.body) : fc.constant(undefined), idArb, async (cookieChoice, originHeader, type, body, id) => {
        const headers: Record<string, string> = {};
        if (cookieChoice === 'valid') headers.cookie = stack.cookieFor(owner);
        else if (cookieChoice !== undefined) headers.cookie = cookieChoice;
        if (originHeader !== undefined) headers.origin = originHeader;
        if (type !== undefined && body !== undefined) headers['content-type'] = type;
        const answer = await send(endpoint.handler, { method: endpoint.method, path: endpoint.path(id), headers, body: body as string | undefined, params: endpoint.withId ? { id } : undefined });
        expectWellFormed(answer);
        if (expectGate(answer, { stateChanging: endpoint.stateChanging, originHeader, cookieValid: cookieChoice === 'valid' })) return;
        if (endpoint.withId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) expect(answer.status).toBe(404);
        if (answer.status === 200 && answer.headers.get('content-type')?.startsWith('text/event-stream')) {
          const events = [...answer.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
          expect(events[0]).toBe('conversation');
          expect(events.at(-1)).toBe('done');
        }
      }),
      { numRuns: endpoint.runs },
    );
  });

  test('GET /api/conversations: any search, status and cursor text lists only my conversations or gets a JSON 4xx', async () => {
    const query = fc.record({ search: oddString, status: fc.oneof(fc.constantFrom('active', 'archived', 'all'), oddString), cursor: fc.oneof(oddString, fc.base64String({ maxLength: 80 }), fc.constantFrom('eyJ0IjoiMjAyNiJ9', 'null', '%ZZ')) }, { requiredKeys: [] });
    const encode = (value: string) => {
      // Lone surrogates cannot be percent-encoded as UTF-8: send the bytes a browser would never send.
      try {
        return encodeURIComponent(value);
      } catch {
        return '%ED%A0%80';
      }
    };
    await fc.assert(
      fc.asyncProperty(query, cookie, async (params, cookieChoice) => {
        const qs = Object.entries(params).map(([k, v]) => `${k}=${encode(v)}`).join('&');
        const headers: Record<string, string> = {};
        if (cookieChoice === 'valid') headers.cookie = stack.cookieFor(owner);
        else if (cookieChoice !== undefined) headers.cookie = cookieChoice;
        const answer = await send(conversationsRoute.GET as Handler, { method: 'GET', path: `/api/conversations?${qs}`, headers });
        expectWellFormed(answer);
        if (cookieChoice !== 'valid') expect(answer.status).toBe(401);
        if (answer.status === 200) {
          const { items } = JSON.parse(answer.text) as { items: Array<{ id: string }> };
          expect(Array.isArray(items)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('after all of it: health is fine, no 5xx, nothing logged as an unhandled error, and a normal chat still works', async () => {
    expect((await call(healthRoute.GET as Handler, { method: 'GET', path: '/api/health' })).status).toBe(200);
    expect((await call(readyRoute.GET as Handler, { method: 'GET', path: '/api/health/ready' })).status).toBe(200);
    expect(cases).toBeGreaterThanOrEqual(2_000);
    for (const status of [200, 400, 401, 403, 404]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(errorLog.filter((line) => line.includes('unhandled route error'))).toEqual([]);
    const chat = await call(chatRoute.POST as Handler, {
      method: 'POST',
      path: '/api/chat',
      headers: { cookie: stack.cookieFor(owner), origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: crypto.randomUUID(), content: 'Plan dinner' }),
    });
    expect(chat.status).toBe(200);
    expect(chat.text).toMatch(/event: done/);
  });
});
