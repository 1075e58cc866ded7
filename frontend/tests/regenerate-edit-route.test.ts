/**
 * Regenerate a finished reply and edit the last message (#15), through `POST /api/chat` with the real store (embedded
 * PGlite) and the real agent in a child process in front of a scripted local OpenAI-compatible model, whose recorded
 * requests show what the agent was asked.
 */
import { randomUUID } from 'node:crypto';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import type { LedgerView } from '@chef-chopsky/contract/ledger';
import { startFakeOpenAI, type FakeOpenAI } from '../../agent/test/support/fake-openai';
import { startAgent, type AgentProcess } from './support/agent-process';
import { dataDir, GATEWAY_TOKEN, idParams, loadRoutes, readEvents, request, textOf, type Routes } from './support/web-harness';

jest.setTimeout(60_000);

let agent: AgentProcess;
let fake: FakeOpenAI;
let routes: Routes;

beforeAll(async () => {
  // Every model call answers "Reply <n>", n counting the calls, so each reply is told apart from the others.
  fake = await startFakeOpenAI(({ callIndex }) => ({ tokens: ['Reply ', String(callIndex)] }));
  agent = await startAgent({ GATEWAY_TOKEN, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, MODEL_ID: 'chef-model' });
  routes = await loadRoutes({ AGENT_URL: agent.url });
});

afterAll(async () => {
  await Promise.all([agent?.stop(), fake?.close()]);
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: string;
  clientMessageId: string | null;
  supersededBy: string | null;
}

async function conversationOf(owner: string, conversationId: string) {
  const response = await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId));
  expect(response.status).toBe(200);
  return (await response.json()) as { messages: StoredMessage[]; ledger: LedgerView };
}

async function post(owner: string, body: Record<string, unknown>) {
  return routes.chat.POST!(request('/api/chat', { owner, body }));
}

async function say(owner: string, content: string, extra: Record<string, unknown> = {}) {
  const clientMessageId = (extra.clientMessageId as string | undefined) ?? randomUUID();
  const response = await post(owner, { clientMessageId, content, ...extra });
  expect(response.status).toBe(200);
  const events = await readEvents(response);
  expect(events.at(-1)!.event).toBe('done');
  const ids = events[0]!.data as { conversationId: string; userMessageId: string; assistantMessageId: string; replayed?: boolean };
  return { ...ids, clientMessageId, text: textOf(events), events };
}

/** The conversation the agent asked the model about in its latest call: roles and texts, without the system prompt. */
function lastModelConversation(): string[] {
  const messages = fake.requests.at(-1)!.body.messages as { role: string; content: string }[];
  return messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${m.content}`);
}

const threadOf = (messages: StoredMessage[]) => messages.filter((m) => !m.supersededBy).map((m) => `${m.role}: ${m.content}`);

describe('regenerate', () => {
  test('a new reply to the same message takes the finished reply’s place: the message is stored once, the old reply stays stored, superseded', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Soup ideas?');
    const { conversationId } = first;
    const again = await say(owner, 'Soup ideas?', { conversationId, clientMessageId: first.clientMessageId, regenerate: first.assistantMessageId });
    expect(again.userMessageId).toBe(first.userMessageId);
    expect(again.assistantMessageId).not.toBe(first.assistantMessageId);
    expect(again.replayed).toBeUndefined();
    expect(again.text).not.toBe(first.text);
    // The model was asked the question again, without the reply it replaces.
    expect(lastModelConversation()).toEqual(['user: Soup ideas?']);

    const { messages } = await conversationOf(owner, conversationId);
    expect(messages.map((m) => [m.id, m.role, m.supersededBy])).toEqual([
      [first.userMessageId, 'user', null],
      [first.assistantMessageId, 'assistant', again.assistantMessageId],
      [again.assistantMessageId, 'assistant', null],
    ]);
    expect(messages[1]!.content).toBe(first.text);
    expect(threadOf(messages)).toEqual(['user: Soup ideas?', `assistant: ${again.text}`]);

    // The same regenerate request sent again (its answer was lost) replays the new reply; it makes no third one.
    const calls = fake.requests.length;
    const repeated = await say(owner, 'Soup ideas?', { conversationId, clientMessageId: first.clientMessageId, regenerate: first.assistantMessageId });
    expect(repeated).toMatchObject({ assistantMessageId: again.assistantMessageId, replayed: true, text: again.text });
    expect(fake.requests).toHaveLength(calls);
    expect((await conversationOf(owner, conversationId)).messages).toHaveLength(3);

    // A later turn's model call sees only the thread.
    await say(owner, 'And a salad?', { conversationId });
    expect(lastModelConversation()).toEqual(['user: Soup ideas?', `assistant: ${again.text}`, 'user: And a salad?']);
  });

  test('only the last reply can be regenerated (409); a reply of another message, or a message never stored, is 404; nothing is stored', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Pasta ideas?');
    const { conversationId } = first;
    const second = await say(owner, 'Rice ideas?', { conversationId });
    const earlier = await post(owner, { conversationId, clientMessageId: first.clientMessageId, content: 'Pasta ideas?', regenerate: first.assistantMessageId });
    expect(earlier.status).toBe(409);
    expect(await earlier.json()).toMatchObject({ code: 'conflict:regenerate', message: 'Only the last reply can be regenerated.' });
    const otherMessages = await post(owner, { conversationId, clientMessageId: second.clientMessageId, content: 'Rice ideas?', regenerate: first.assistantMessageId });
    expect(otherMessages.status).toBe(404);
    const neverStored = await post(owner, { conversationId, clientMessageId: randomUUID(), content: 'Rice ideas?', regenerate: second.assistantMessageId });
    expect(neverStored.status).toBe(404);
    const withoutConversation = await post(owner, { clientMessageId: second.clientMessageId, content: 'Rice ideas?', regenerate: second.assistantMessageId });
    expect(withoutConversation.status).toBe(400);
    expect(((await withoutConversation.json()) as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['conversationId']);
    expect((await conversationOf(owner, conversationId)).messages.map((m) => m.supersededBy)).toEqual([null, null, null, null]);
  });
});

describe('edit and resend the last message', () => {
  test('the edited message and a new reply take the place of the last message and its reply; the model is asked without them; all stay stored', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Lunch ideas?');
    const { conversationId } = first;
    const original = await say(owner, 'Something with tofu?', { conversationId });
    const edited = await say(owner, 'Something with tempeh?', { conversationId, editOf: original.userMessageId });
    expect(edited.userMessageId).not.toBe(original.userMessageId);
    expect(lastModelConversation()).toEqual(['user: Lunch ideas?', `assistant: ${first.text}`, 'user: Something with tempeh?']);

    const { messages } = await conversationOf(owner, conversationId);
    expect(messages.map((m) => [m.id, m.supersededBy])).toEqual([
      [first.userMessageId, null],
      [first.assistantMessageId, null],
      [original.userMessageId, edited.userMessageId],
      [original.assistantMessageId, edited.userMessageId],
      [edited.userMessageId, null],
      [edited.assistantMessageId, null],
    ]);
    // What the cook first said is kept, word for word.
    expect(messages[2]!.content).toBe('Something with tofu?');
    expect(threadOf(messages)).toEqual(['user: Lunch ideas?', `assistant: ${first.text}`, 'user: Something with tempeh?', `assistant: ${edited.text}`]);

    // The edit sent again (its answer was lost) replays its reply: one edited message, one reply.
    const repeated = await say(owner, 'Something with tempeh?', { conversationId, clientMessageId: edited.clientMessageId, editOf: original.userMessageId });
    expect(repeated).toMatchObject({ userMessageId: edited.userMessageId, assistantMessageId: edited.assistantMessageId, replayed: true });
    expect((await conversationOf(owner, conversationId)).messages).toHaveLength(6);
  });

  test('the edited message is read into the constraints as they were before the original: what only the original said is gone, chips added since stay', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'We have a peanut allergy.');
    const { conversationId } = first;
    const original = await say(owner, 'No mushrooms please, and plan for 6 people.', { conversationId });
    const before = (await conversationOf(owner, conversationId)).ledger.chips.map((c) => c.id);
    expect(before).toEqual(expect.arrayContaining(['allergen:peanuts', 'people']));
    expect(before.some((id) => id.includes('mushroom'))).toBe(true);
    const chip = await routes.ledger.POST!(request(`/api/conversations/${conversationId}/ledger`, { owner, body: { op: 'add', text: 'no pork' } }), idParams(conversationId));
    expect(chip.status).toBe(200);

    const edited = await say(owner, 'Plan for 4 people.', { conversationId, editOf: original.userMessageId });
    const shown = edited.events.find((e) => e.event === 'ledger')!.data as unknown as LedgerView;
    const ids = shown.chips.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['allergen:peanuts', 'exclude:pork', 'people']));
    expect(ids.some((id) => id.includes('mushroom'))).toBe(false);
    expect(shown.chips.find((c) => c.id === 'people')!.label).toBe('For 4');
    // Stored so: the page after a reload shows the same.
    expect((await conversationOf(owner, conversationId)).ledger.chips.map((c) => c.id)).toEqual(ids);
  });

  test('only the last message can be edited (409), also once it was edited; nothing is stored', async () => {
    const owner = randomUUID();
    const first = await say(owner, 'Breakfast ideas?');
    const { conversationId } = first;
    const second = await say(owner, 'With eggs?', { conversationId });
    const notLast = await post(owner, { conversationId, clientMessageId: randomUUID(), content: 'Brunch ideas?', editOf: first.userMessageId });
    expect(notLast.status).toBe(409);
    expect(await notLast.json()).toMatchObject({ code: 'conflict:edit' });
    const edited = await say(owner, 'With oats?', { conversationId, editOf: second.userMessageId });
    const again = await post(owner, { conversationId, clientMessageId: randomUUID(), content: 'With rice?', editOf: second.userMessageId });
    expect(again.status).toBe(409);
    const notMine = await post(randomUUID(), { conversationId, clientMessageId: randomUUID(), content: 'Hi', editOf: edited.userMessageId });
    expect(notMine.status).toBe(404);
    expect((await conversationOf(owner, conversationId)).messages).toHaveLength(6);
  });
});
