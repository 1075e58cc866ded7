import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { ChefContext, ChefToolFactory, OfflineBrain } from '../src/chef/types';
import { OFFLINE_MODEL_ID } from '../src/chef/offline-chat-model';
import { type FakeOpenAI, startFakeOpenAI } from './support/fake-openai';
import { namesOf, postChat, readEvents, type RunningAgent, startAgent, textOf, userSays } from './support/agent';

describe('POST /v1/chat streaming', () => {
  let fake: FakeOpenAI;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });
  afterAll(async () => {
    await fake.close();
  });

  // Every delta as it comes (no frames: delta-frames.ts), for the tests of the order of tokens and events.
  const unframed = { DELTA_FRAME_MS: '0' };
  const withProvider = (extra: Record<string, string> = {}) => ({
    OPENAI_API_KEY: 'sk-test-provider-key',
    OPENAI_BASE_URL: fake.url,
    MODEL_ID: 'primary-model',
    ...extra,
  });

  test('when no model is configured, then the built-in planner streams an honest answer word by word and finishes', async () => {
    agent = await startAgent({ env: unframed });
    const response = await postChat(agent.url, userSays('Plan dinners for 4'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const names = namesOf(events);
    expect(names[0]).toBe('start');
    expect(names.at(-1)).toBe('done');
    expect(events[0]?.data).toEqual({ requestId: response.headers.get('x-request-id'), model: OFFLINE_MODEL_ID });
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(10);
    expect(textOf(events)).toMatch(/running without a language model/);
    expect(events.at(-1)?.data).toMatchObject({ finishReason: 'stop', model: OFFLINE_MODEL_ID });
    const usage = events.at(-1)?.data.usage as { inputTokens: number; outputTokens: number };
    expect(usage.outputTokens).toBe(textOf(events).split(/\s+/).filter(Boolean).length);
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  test('when a provider is configured, then its tokens stream through in order with usage from the final chunk', async () => {
    fake.setScript({ 'primary-model': { tokens: ['Chana', ' masala', ' tonight.'], usage: { prompt: 42, completion: 3 } } });
    agent = await startAgent({ env: withProvider(unframed) });
    const before = fake.requests.length;
    const response = await postChat(agent.url, {
      ...userSays('What is for dinner?'),
      profile: { householdSize: 3, diet: 'vegan', allergens: ['peanuts'] },
    });
    const events = await readEvents(response);
    expect(namesOf(events)).toEqual(['start', 'delta', 'delta', 'delta', 'done']);
    expect(textOf(events)).toBe('Chana masala tonight.');
    expect(events.at(-1)?.data).toEqual({ finishReason: 'stop', model: 'primary-model', usage: { inputTokens: 42, outputTokens: 3 } });

    const upstream = fake.requests[before];
    expect(upstream?.headers.authorization).toBe('Bearer sk-test-provider-key');
    expect(upstream?.body).toMatchObject({ model: 'primary-model', stream: true, stream_options: { include_usage: true } });
    const sent = upstream?.body.messages as Array<{ role: string; content: string }>;
    expect(sent[0]?.role).toBe('system');
    expect(sent[0]?.content).toMatch(/Chef Chopsky/);
    expect(sent[0]?.content).toMatch(/3 people/);
    expect(sent[0]?.content).toMatch(/vegan/);
    expect(sent[0]?.content).toMatch(/peanuts/);
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'What is for dinner?' });
  });

  test('when tokens come faster than the delta frame, then the first is sent alone and the rest in fewer deltas, the text whole and in order', async () => {
    const tokens = Array.from({ length: 12 }, (_, i) => ` t${i}`);
    fake.setScript({ 'primary-model': { tokens, tokenIntervalMs: 10 } });
    agent = await startAgent({ env: withProvider({ DELTA_FRAME_MS: '100' }) });
    const events = await readEvents(await postChat(agent.url, userSays('What is for dinner?')));
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas[0]?.data).toEqual({ text: ' t0' });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.length).toBeLessThan(tokens.length);
    expect(textOf(events)).toBe(tokens.join(''));
    expect(namesOf(events).at(-1)).toBe('done');
    fake.setScript({});
  });

  test('when the provider asks for a tool, then the tool runs, its SSE event reaches the client and the model answers with the result', async () => {
    const seen: ChefContext[] = [];
    const toolFactory: ChefToolFactory = (ctx) => {
      seen.push(ctx);
      return [
        tool(
          async ({ days }) => {
            ctx.emit('plan', { plan: { id: 'plan_test', days } });
            return JSON.stringify({ planned: days });
          },
          { name: 'plan_meals', description: 'Plan meals', schema: z.object({ days: z.number() }) },
        ),
      ];
    };
    fake.setScript(({ callIndex }) =>
      callIndex === 0
        ? { toolCalls: [{ id: 'call_1', name: 'plan_meals', args: { days: 3 } }] }
        : { tokens: ['Here', ' is', ' your', ' plan.'] },
    );
    agent = await startAgent({ env: withProvider(unframed), toolFactory });
    const before = fake.requests.length;
    const response = await postChat(agent.url, { ...userSays('Plan 3 days'), profile: { householdSize: 2 } });
    const events = await readEvents(response);

    expect(namesOf(events)).toEqual(['start', 'plan', 'delta', 'delta', 'delta', 'delta', 'done']);
    expect(events[1]?.data).toEqual({ plan: { id: 'plan_test', days: 3 } });
    expect(seen[0]?.profile).toEqual({ householdSize: 2 });
    expect(seen[0]?.requestId).toBe(response.headers.get('x-request-id'));

    const [first, second] = fake.requests.slice(before);
    expect((first?.body.tools as Array<{ function: { name: string } }>)[0]?.function.name).toBe('plan_meals');
    const followUp = second?.body.messages as Array<{ role: string; content: string; tool_call_id?: string }>;
    expect(followUp.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1', content: '{"planned":3}' });
    fake.setScript({});
  });

  test('when the model streams text and then a tool call whose arguments arrive in pieces, then the tool gets the whole arguments and the follow-up keeps the text', async () => {
    const received: unknown[] = [];
    const toolFactory: ChefToolFactory = () => [
      tool(
        async (args) => {
          received.push(args);
          return 'ok';
        },
        {
          name: 'plan_meals',
          description: 'Plan meals',
          schema: z.object({ days: z.number(), allergens: z.array(z.string()), note: z.string() }),
        },
      ),
    ];
    const args = { days: 5, allergens: ['peanuts', 'sesame'], note: 'Kids eat early; keep weeknights under 30 minutes.' };
    fake.setScript(({ callIndex }) =>
      callIndex === 0
        ? { tokens: ['Let', ' me', ' plan', ' that.'], toolCalls: [{ id: 'call_p', name: 'plan_meals', args }], toolArgumentPieces: 7 }
        : { tokens: [' Done.'] },
    );
    agent = await startAgent({ env: withProvider(), toolFactory });
    const before = fake.requests.length;
    const events = await readEvents(await postChat(agent.url, userSays('Plan 5 days')));

    expect(textOf(events)).toBe('Let me plan that. Done.');
    expect(received).toEqual([args]);
    const followUp = fake.requests[before + 1]?.body.messages as Array<Record<string, unknown>>;
    expect(followUp.at(-2)).toMatchObject({
      role: 'assistant',
      content: 'Let me plan that.',
      tool_calls: [{ id: 'call_p', type: 'function', function: { name: 'plan_meals', arguments: JSON.stringify(args) } }],
    });
    expect(followUp.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_p', content: 'ok' });
    fake.setScript({});
  });

  test('when the model keeps asking for tools, then the loop stops after four rounds and the last round may not call tools', async () => {
    const toolFactory: ChefToolFactory = () => [
      tool(async () => 'again', { name: 'loop_tool', description: 'Loops', schema: z.object({}) }),
    ];
    const brainCalls: number[] = [];
    const brain: OfflineBrain = (_messages, tools) => {
      brainCalls.push(tools.length);
      return tools.length > 0
        ? { toolCalls: [{ id: `call_${brainCalls.length}`, name: 'loop_tool', args: {} }] }
        : { text: 'Enough tools, here is the answer.' };
    };
    agent = await startAgent({ brain, toolFactory });
    const events = await readEvents(await postChat(agent.url, userSays('loop')));
    expect(brainCalls).toEqual([1, 1, 1, 0]);
    expect(textOf(events)).toBe('Enough tools, here is the answer.');
    expect(events.at(-1)?.event).toBe('done');
  });

  test('when an offline brain answers with a tool call, then the offline model drives the same tool loop', async () => {
    const toolFactory: ChefToolFactory = (ctx) => [
      tool(
        async ({ items }) => {
          ctx.emit('grocery', { grocery: { itemCount: items.length } });
          return `listed ${items.length}`;
        },
        { name: 'grocery_list', description: 'Grocery list', schema: z.object({ items: z.array(z.string()) }) },
      ),
    ];
    const brain: OfflineBrain = (messages) => {
      const last = messages.at(-1);
      if (last?.type === 'tool') return { text: `Done: ${last.text}.` };
      return { toolCalls: [{ id: 'g1', name: 'grocery_list', args: { items: ['kale', 'tomato'] } }] };
    };
    agent = await startAgent({ brain, toolFactory, env: unframed });
    const events = await readEvents(await postChat(agent.url, userSays('grocery list')));
    expect(namesOf(events)).toEqual(['start', 'grocery', 'delta', 'delta', 'delta', 'done']);
    expect(events[1]?.data).toEqual({ grocery: { itemCount: 2 } });
    expect(textOf(events)).toBe('Done: listed 2.');
  });

  test('when a tool tries to send a reserved event, then the tool fails and the model is told, not the client', async () => {
    const toolFactory: ChefToolFactory = (ctx) => [
      tool(async () => {
        ctx.emit('done', {});
        return 'unreachable';
      }, { name: 'bad_tool', description: 'Misbehaves', schema: z.object({}) }),
    ];
    const brain: OfflineBrain = (messages) =>
      messages.at(-1)?.type === 'tool' ? { text: 'Recovered.' } : { toolCalls: [{ id: 'b1', name: 'bad_tool', args: {} }] };
    agent = await startAgent({ brain, toolFactory });
    const events = await readEvents(await postChat(agent.url, userSays('go')));
    expect(namesOf(events)).toEqual(['start', 'delta', 'done']);
    expect(textOf(events)).toBe('Recovered.');
  });
});
