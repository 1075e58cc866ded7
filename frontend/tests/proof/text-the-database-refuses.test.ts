/**
 * Text PostgreSQL cannot store — U+0000 (NUL) in `text`, and unpaired UTF-16 surrogates that reach `jsonb` as `\udXXX`
 * escapes — is valid JSON a browser (or anyone) can send. It must be refused with a 4xx or cleaned before the store,
 * never surface as a 500 `internal:database` (logged and reported as our fault).
 */
import * as chatRoute from '@/app/(chat)/api/chat/route';
import * as conversationRoute from '@/app/(chat)/api/conversations/[id]/route';
import * as conversationsRoute from '@/app/(chat)/api/conversations/route';
import * as feedbackRoute from '@/app/(chat)/api/feedback/route';
import * as profileRoute from '@/app/(profile)/api/profile/route';
import { appContext } from '@/lib/app-context';
import { call, type Handler, newOwner, ORIGIN, startWebStack, type WebStack } from './support/web-stack';

jest.setTimeout(60_000);

describe('text the database refuses', () => {
  let stack: WebStack;
  const owner = newOwner();
  let headers: Record<string, string>;
  let conversationId: string;
  let assistantMessageId: string;

  beforeAll(async () => {
    stack = await startWebStack();
    headers = { cookie: stack.cookieFor(owner), origin: ORIGIN, 'content-type': 'application/json' };
    const first = await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId: crypto.randomUUID(), content: 'Plan dinner' }) });
    const ids = JSON.parse(/^data: (.*)$/m.exec(first.text)?.[1] ?? '{}') as { conversationId: string; assistantMessageId: string };
    ({ conversationId, assistantMessageId } = ids);
  });
  afterAll(async () => {
    await (await appContext()).store.close();
    await stack.close();
  });

  const expectNotAServerFault = (status: number) => {
    expect(status).toBeLessThan(500);
  };

  test.each([
    ['a NUL', 'half\u0000way'],
    ['a lone high surrogate', 'half\ud800way'],
    ['lone low surrogates', '\udc00\udc00'],
  ])('when a chat message contains %s, then it is refused with a 4xx or stored, not a 500', async (_label, content) => {
    const answer = await call(chatRoute.POST as Handler, { method: 'POST', path: '/api/chat', headers, body: JSON.stringify({ clientMessageId: crypto.randomUUID(), conversationId, content }) });
    expectNotAServerFault(answer.status);
  });

  test.each([['\u0000'], ['%'], ['\ud800']])('when the history search is %j, then the list answers 200 or a 4xx, not a 500', async (search) => {
    const query = search === '\ud800' ? '%ED%A0%80' : encodeURIComponent(search);
    const answer = await call(conversationsRoute.GET as Handler, { method: 'GET', path: `/api/conversations?search=${query}`, headers });
    expectNotAServerFault(answer.status);
  });

  test.each([['\u0000'], ['\udc00\udc00']])('when feedback, a title or a profile item carries %j, then a 4xx or saved, not a 500', async (odd) => {
    const feedback = await call(feedbackRoute.POST as Handler, { method: 'POST', path: '/api/feedback', headers, body: JSON.stringify({ messageId: assistantMessageId, rating: 'up', comment: `nice${odd}` }) });
    expectNotAServerFault(feedback.status);
    const rename = await call(conversationRoute.PATCH as Handler, { method: 'PATCH', path: `/api/conversations/${conversationId}`, headers, body: JSON.stringify({ title: `Dinner${odd}` }), params: { id: conversationId } });
    expectNotAServerFault(rename.status);
    const profile = await call(profileRoute.PUT as Handler, {
      method: 'PUT',
      path: '/api/profile',
      headers,
      body: JSON.stringify({ householdSize: 2, diet: 'omnivore', allergens: [], dislikes: [`kale${odd}`], pantry: [], maxMinutesPerMeal: null, weeklyPrepMinutes: null, targets: {}, units: 'metric' }),
    });
    expectNotAServerFault(profile.status);
  });
});
