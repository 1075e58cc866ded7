/**
 * Property-based fuzzing of every agent endpoint, through a real socket into the real `createApp()` in front of the
 * local OpenAI-compatible server. Whatever arrives — broken JSON, wrong types, huge or empty fields, odd Unicode,
 * wrong methods, forged tokens, foreign origins, wrong content types — the agent answers below 500, and every refusal
 * is a JSON `{ code, message, requestId }` whose status follows from its code.
 */
import fc from 'fast-check';
import { STATUS_BY_ERROR_TYPE } from '@chef-chopsky/contract/errors';
import { COPY } from '../../src/errors';
import { startAgent, TOKEN, recordingReporter, type RunningAgent } from '../support/agent';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';
import { parseSse, rawClient, rawSocket, type RawResponse } from './support/raw-http';

const ALLOWED_ORIGIN = 'https://chef.example.com';
const PREVIEW_ORIGIN_REGEX = '^https://chef-chopsky(-[a-z0-9-]+)?\\.vercel\\.app$';
const USER_COPY = new Set<string>(Object.values(COPY));
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A stack frame, a file path or an error class name in a response means internals leaked. */
const LEAK = /\bat [^\n]+:\d+:\d+|node_modules|\/src\/|TypeError|SyntaxError|RangeError|ZodError/;

// --- arbitraries -------------------------------------------------------------------------------------------------

const oddChar = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), // lone surrogates
  fc.constantFrom(
    '\u202e', '\u200f', '\u061c', // right-to-left overrides and marks
    '\u200b', '\u200d', '\ufeff', '\u2060', // zero-width
    '\u0000', '\u0007', '\u001b', '\u007f', '\u2028', '\u2029', // controls and JSON-hostile separators
    '👩‍👩‍👧‍👦', '🇺🇦', '🧑🏽‍🍳', 'e\u0301\u0301\u0301', '\ufffd', '\uffff', 'ﷺ', 'ا', '"', '\\', '<script>',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const oddString = fc.string({ unit: oddChar, maxLength: 40 });
const huge = fc.constantFrom(8_000, 8_001, 20_000, 300_000).chain((length) =>
  fc.constantFrom('x', 'é', '🍅', ' ').map((unit) => unit.repeat(length)),
);
const json = fc.jsonValue({ maxDepth: 3 });

const content = fc.oneof(
  { weight: 5, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t', '\u200b') },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: json },
);
const role = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('user', 'assistant') },
  { weight: 2, arbitrary: fc.constantFrom('system', 'tool', 'USER', 'developer', '', 'user\u0000') },
  { weight: 1, arbitrary: json },
);
const message = fc.oneof(
  { weight: 8, arbitrary: fc.record({ role, content }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: json },
);
const profile = fc.record(
  {
    householdSize: fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double(), oddString),
    diet: fc.oneof(fc.constantFrom('omnivore', 'vegan', 'carnivore'), json),
    allergens: fc.oneof(fc.array(fc.constantFrom('peanuts', 'milk', 'moonbeams', '')), json),
    dislikes: fc.oneof(fc.array(oddString, { maxLength: 60 }), json),
    pantry: fc.array(fc.oneof(oddString, huge), { maxLength: 3 }),
    maxMinutesPerMeal: fc.oneof(fc.integer({ min: -10, max: 1_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    targets: fc.oneof(fc.record({ kcalPerDay: fc.double(), proteinGPerDay: fc.integer() }), json),
    units: fc.oneof(fc.constantFrom('metric', 'us', 'imperial'), json),
  },
  { requiredKeys: [] },
);
const chatShaped = fc.record(
  {
    messages: fc.oneof(
      { weight: 8, arbitrary: fc.array(message, { minLength: 0, maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(fc.constant({ role: 'user', content: 'hi' }), { minLength: 49, maxLength: 52 }) },
      { weight: 1, arbitrary: json },
    ),
    conversationId: fc.oneof(fc.uuid(), oddString, json),
    profile: fc.oneof({ weight: 4, arbitrary: profile }, { weight: 1, arbitrary: json }),
    constructor: json,
  },
  { requiredKeys: [] },
);
const validChat = fc.record({
  messages: fc
    .array(fc.record({ role: fc.constantFrom('user', 'assistant'), content: oddString.filter((s) => s.trim().length > 0) }), {
      minLength: 0,
      maxLength: 3,
    })
    .map((history) => [...history, { role: 'user', content: 'Plan dinner \u202eplease\u200b 🧑🏽‍🍳' }]),
});

/** Header values Node will put on the wire: tab, visible ASCII and Latin-1. */
const headerValue = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});
const forgedAuthorization = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    `Bearer ${TOKEN.slice(0, -1)}`,
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.toUpperCase()}`,
    `Bearer ${TOKEN} extra`,
    `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
    `Token ${TOKEN}`,
    TOKEN,
    'Bearer',
    'Bearer ',
    'Bearer dev-gateway-token',
    `Bearer ${'a'.repeat(4_000)}`,
  ),
  headerValue.filter((value) => !value.includes(TOKEN)),
  headerValue.map((value) => `Bearer ${value}`).filter((value) => !value.includes(TOKEN)),
);
const foreignOrigin = fc.oneof(
  fc.constantFrom(
    'null',
    'http://chef.example.com',
    'https://chef.example.com.evil.test',
    'https://chef.example.com:443',
    'https://chef.example.com/',
    'https://evil.test',
    'https://chef-chopsky.vercel.app.evil.test',
    'https://chef-chopsky-PR.vercel.app',
    'https://notchef-chopsky.vercel.app',
    'https://chef-chopsky_x.vercel.app',
    'file://',
    '',
  ),
  fc.webUrl().map((url) => new URL(url).origin).filter((origin) => origin !== ALLOWED_ORIGIN && !new RegExp(PREVIEW_ORIGIN_REGEX).test(origin)),
  headerValue.filter((value) => value !== ALLOWED_ORIGIN && !new RegExp(PREVIEW_ORIGIN_REGEX).test(value)),
);
const goodOrigin = fc.constantFrom(undefined, ALLOWED_ORIGIN, 'https://chef-chopsky.vercel.app', 'https://chef-chopsky-pr-42-team.vercel.app');
const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json; charset=bogus',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/vnd.api+json',
    'application/merge-patch+json',
  ),
  headerValue,
);
/** Compressed encodings with a body that is not compressed are fuzzed in their own test below. */
const contentEncoding = fc.constantFrom(undefined, 'identity', 'x-bogus', 'gzip, identity', 'IDENTITY');
const compressedEncoding = fc.constantFrom('gzip', 'deflate', 'br');

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'LOCK', 'M-SEARCH'];
const KNOWN_PATHS = ['/v1/chat', '/health', '/health/live', '/health/ready', '/v1/chat/', '/V1/CHAT', '/v1/chat?stream=1', '/v1//chat', '/v1/chat/..', '/health/ready/', '/', '/%', '/%zz', '/v1/%2e%2e/health', '/v1/chat%00', '//health'];
const path = fc.oneof(
  fc.constantFrom(...KNOWN_PATHS),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 30 }).map((p) => `/${p}`),
);

// --- the run -----------------------------------------------------------------------------------------------------

jest.setTimeout(60_000);

describe('fuzzing every agent endpoint', () => {
  let fake: FakeOpenAI;
  let agent: RunningAgent;
  let client: ReturnType<typeof rawClient>;
  const { reporter, captured } = recordingReporter();
  const statuses = new Map<number, number>();
  let cases = 0;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ 'fuzz-model': { tokens: ['Sure', ', ', 'dinner.'] } });
    agent = await startAgent({
      env: {
        OPENAI_API_KEY: 'sk-fuzz-provider-key',
        OPENAI_BASE_URL: fake.url,
        MODEL_ID: 'fuzz-model',
        ALLOWED_ORIGINS: ALLOWED_ORIGIN,
        ALLOWED_ORIGIN_REGEX: PREVIEW_ORIGIN_REGEX,
        RATE_LIMIT_REQUESTS: '1000000',
        LOG_LEVEL: 'info',
      },
      reporter,
    });
    client = rawClient(agent.url);
  });

  afterAll(async () => {
    client.close();
    await agent.close();
    await fake.close();
  });

  const send = async (request: Parameters<typeof client.send>[0], via = client): Promise<RawResponse> => {
    const response = await via.send(request);
    cases += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    return response;
  };

  /** What every answer must look like, whatever was asked. */
  const expectWellFormed = (response: RawResponse, method = 'POST') => {
    expect(response.status).toBeLessThan(500);
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(String(response.headers['x-request-id'])).toMatch(REQUEST_ID);
    expect(response.body).not.toMatch(LEAK);
    if (response.status < 400) return;
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    if (method === 'HEAD') return;
    const body = JSON.parse(response.body) as { code: string; message: string; requestId: string };
    expect(body.code).toMatch(/^[a-z_]+:[a-z_]+$/);
    expect(STATUS_BY_ERROR_TYPE[body.code.split(':')[0] as keyof typeof STATUS_BY_ERROR_TYPE]).toBe(response.status);
    expect(USER_COPY.has(body.message)).toBe(true);
    expect(body.requestId).toBe(response.headers['x-request-id']);
  };

  /** A 200 chat is a complete SSE stream that ends with `done`: a valid request never ends in a server fault. */
  const expectCompleteStream = (response: RawResponse) => {
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/event-stream/);
    const events = parseSse(response.body);
    expect(events[0]?.event).toBe('start');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { model: 'fuzz-model' } });
  };

  const chatRequest = (body: string | Uint8Array, headers: Record<string, string> = {}) => ({
    method: 'POST',
    path: '/v1/chat',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body,
  });

  test('when the body is arbitrary bytes, then the answer is a JSON 4xx (or, for a valid chat, a complete stream)', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 200 }).map((tail) => Buffer.concat([Buffer.from('{"messages":[{"role":"user","content":"'), tail])),
      fc.constantFrom(
        '',
        'null',
        '[]',
        '{}',
        '"messages"',
        '{"messages":[{"role":"user","content":"hi"}]',
        '\ufeff{"messages":[{"role":"user","content":"hi"}]}',
        `{"messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
        '{"messages":[{"role":"user","content":"\\ud800"}]}',
        '{"messages":[{"role":"user","content":"\\u0000"}]}',
        '{"messages":[{"role":"user","content":"hi"}],"messages":"again"}',
        '{"__proto__":{"messages":[{"role":"user","content":"hi"}]}}',
        '{"messages":{"__proto__":[],"length":1,"0":{"role":"user","content":"hi"}}}',
        '{"messages":[{"role":"user","content":"hi","__proto__":{"role":"assistant"}}],"constructor":{"prototype":{"x":1}}}',
        `{"messages":[{"role":"user","content":"${'x'.repeat(262_100)}"}]}`,
      ).map((text) => Buffer.from(text)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (body) => {
        const response = await send(chatRequest(body));
        expectWellFormed(response);
        if (response.status === 200) expectCompleteStream(response);
      }),
      { numRuns: 600 },
    );
  });

  test('when the body is JSON of the wrong shape, types or sizes, then 400/413 with the issues, never an echo of the content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: json }, { weight: 6, arbitrary: chatShaped }), async (value) => {
        const body = JSON.stringify(value) ?? 'null';
        const response = await send(chatRequest(body));
        expectWellFormed(response);
        if (response.status === 200) {
          expectCompleteStream(response);
          return;
        }
        expect([400, 413]).toContain(response.status);
        if (response.status === 400) {
          const issues = (JSON.parse(response.body) as { issues?: Array<{ path: string; message: string }> }).issues;
          expect(issues?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 900 },
    );
  });

  test('when the chat is valid but full of odd Unicode, then it streams to the end and the upstream receives it intact', async () => {
    await fc.assert(
      fc.asyncProperty(validChat, async (body) => {
        const before = fake.requests.length;
        const response = await send(chatRequest(JSON.stringify(body)));
        expectCompleteStream(response);
        const sent = fake.requests[before]?.body.messages as Array<{ role: string; content: string }>;
        expect(sent.filter((m) => m.role !== 'system').map((m) => m.content)).toEqual(body.messages.map((m) => m.content));
      }),
      { numRuns: 100 },
    );
  });

  test('when the token is missing or forged, then 401 with the auth copy, whatever the rest of the request', async () => {
    await fc.assert(
      fc.asyncProperty(forgedAuthorization, goodOrigin, fc.oneof(validChat.map((b) => JSON.stringify(b)), fc.string()), async (authorization, origin, body) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization !== null) headers.authorization = authorization;
        if (origin !== undefined) headers.origin = origin;
        const response = await send({ method: 'POST', path: '/v1/chat', headers, body });
        expectWellFormed(response);
        expect(response.status).toBe(401);
        expect(JSON.parse(response.body)).toMatchObject({ code: 'unauthorized:gateway', message: COPY.auth });
      }),
      { numRuns: 500 },
    );
  });

  test('when the Origin is not allowed, then 403 with no CORS headers, even with the right token and on every method', async () => {
    await fc.assert(
      fc.asyncProperty(foreignOrigin, fc.constantFrom('POST', 'OPTIONS', 'GET'), fc.constantFrom('/v1/chat', '/health', '/health/ready'), async (origin, method, target) => {
        const response = await send({
          method,
          path: target,
          headers: { origin, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'access-control-request-method': 'POST' },
          body: method === 'POST' ? JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) : undefined,
        });
        expectWellFormed(response);
        expect(response.status).toBe(403);
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(response.headers['access-control-allow-methods']).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  test('when content type, encoding or request id are odd, then a valid chat either streams or gets a JSON 400, and the request id is never injected', async () => {
    await fc.assert(
      fc.asyncProperty(goodOrigin, contentType, contentEncoding, fc.option(headerValue), async (origin, type, encoding, requestId) => {
        const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
        if (origin !== undefined) headers.origin = origin;
        if (type !== undefined) headers['content-type'] = type;
        if (encoding !== undefined) headers['content-encoding'] = encoding;
        if (requestId !== null) headers['x-request-id'] = requestId;
        const response = await send({ method: 'POST', path: '/v1/chat', headers, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) });
        expectWellFormed(response);
        expect([200, 400]).toContain(response.status);
        if (response.status === 200) expectCompleteStream(response);
        const plainJson = type === 'application/json' || type === 'application/json; charset=utf-8';
        if (plainJson && (encoding === undefined || encoding === 'identity')) expect(response.status).toBe(200);
        if (requestId !== null && REQUEST_ID.test(requestId)) expect(response.headers['x-request-id']).toBe(requestId);
        if (origin !== undefined) expect(response.headers['access-control-allow-origin']).toBe(origin);
      }),
      { numRuns: 500 },
    );
  });

  test('when the body claims a compression it does not have, then 400 bad_request:body, not a 500 reported as our fault', async () => {
    await fc.assert(
      fc.asyncProperty(compressedEncoding, fc.uint8Array({ maxLength: 64 }), async (encoding, junk) => {
        const response = await send(chatRequest(Buffer.concat([Buffer.from('{"messages":'), junk]), { 'content-encoding': encoding }));
        expectWellFormed(response);
        expect(JSON.parse(response.body)).toMatchObject({ code: 'bad_request:body' });
      }),
      { numRuns: 60 },
    );
  });

  test('when any method hits any path, then health answers 200 to GET and HEAD and everything else is a JSON 4xx or a CORS-free preflight', async () => {
    const nodeRefusals: string[] = [];
    const fresh = rawClient(agent.url, { keepAlive: false });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        path,
        fc.option(fc.constantFrom(`Bearer ${TOKEN}`, 'Bearer forged-token-0000000000')),
        fc.option(fc.string({ maxLength: 50 })),
        async (method, target, authorization, body) => {
          const headers: Record<string, string> = {};
          if (authorization !== null) headers.authorization = authorization;
          if (body !== null) headers['content-type'] = 'application/json';
          const response = await send({ method, path: target, headers, body: body ?? undefined }, fresh).catch((error: NodeJS.ErrnoException) => {
            // Node's HTTP server hangs up on a few methods llhttp parses but does not serve (e.g. M-SEARCH).
            if (error.code !== 'ECONNRESET') throw error;
            return undefined;
          });
          if (response === undefined || response.headers['x-request-id'] === undefined) {
            // Refused by Node's HTTP parser before the app saw it (an unknown method or a bad request line).
            if (response !== undefined) expect(response.status).toBe(400);
            nodeRefusals.push(`${method} ${target} ${JSON.stringify(body)} ${response?.status ?? 'reset'}`);
            return;
          }
          expectWellFormed(response, method);
          if (['/health', '/health/live', '/health/ready'].includes(target) && (method === 'GET' || method === 'HEAD')) {
            expect(response.status).toBe(200);
          }
          if (response.status < 400) expect(response.headers['access-control-allow-origin']).toBeUndefined();
        },
      ),
      { numRuns: 600 },
    );
    fresh.close();
    // Below the app, Node refuses only exotic methods and a HEAD that carries a body (its reply may not carry one, so
    // Node answers the framing with a bare 400); every other ordinary request on a printable path reached our handlers.
    const ordinary = /^(?:GET|POST|PUT|DELETE|PATCH|OPTIONS) \/[\x21-\x7e]* |^HEAD \/[\x21-\x7e]* null /;
    expect(nodeRefusals.filter((line) => ordinary.test(line))).toEqual([]);
  });

  test('when the bytes on the wire are not HTTP at all, then the server answers 4xx or hangs up, and keeps serving', async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.constantFrom(
        'GET /health HTTP/1.1\r\nHost: x\r\nX: \u0000\r\n\r\n',
        'POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzzzzz',
        'POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        'POST /v1/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n',
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        'GET /health HTTP/9.9\r\n\r\n',
        'GET\r\n\r\n',
        '\r\n\r\n\r\n',
      ).map((text) => Buffer.from(text, 'latin1')),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const answer = await rawSocket(agent.url, bytes, 150);
        cases += 1;
        if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.[01] [1-4]\d\d /);
      }),
      { numRuns: 120 },
    );
    expect((await fetch(`${agent.url}/health`)).status).toBe(200);
  });

  test('after all of it: thousands of cases, every layer reached, nothing reported as a server fault, the agent still healthy', async () => {
    expect(cases).toBeGreaterThanOrEqual(3_000);
    for (const status of [200, 400, 401, 403, 404, 413]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(captured).toEqual([]);
    expect(agent.logs.entries().filter((entry) => Number(entry.level) >= 50)).toEqual([]);
    expect(agent.lifecycle.inFlight).toBe(0);
    const ready = await fetch(`${agent.url}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
