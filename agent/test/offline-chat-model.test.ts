import { AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { OfflineChatModel, offlineFallbackBrain } from '../src/chef/offline-chat-model';
import type { OfflineBrain } from '../src/chef/types';

describe('OfflineChatModel', () => {
  test('when streamed, then it yields the reply word by word, the same every time, with usage and a finish reason', async () => {
    const model = new OfflineChatModel();
    const run = async () => {
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await model.stream([new HumanMessage('plan my week')])) chunks.push(chunk);
      return chunks;
    };
    const first = await run();
    const second = await run();
    const texts = first.map((c) => c.text).filter(Boolean);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.every((t) => t.trim().split(/\s+/).length === 1)).toBe(true);
    expect(texts.join('')).toBe((offlineFallbackBrain([], []) as { text: string }).text);
    expect(second.map((c) => c.text)).toEqual(first.map((c) => c.text));
    const last = first.at(-1);
    expect(last?.usage_metadata).toEqual({ input_tokens: 3, output_tokens: texts.length, total_tokens: 3 + texts.length });
    expect(last?.response_metadata.finish_reason).toBe('stop');
  });

  test('when invoked, then _generate gives the same text as streaming', async () => {
    const reply = await new OfflineChatModel().invoke([new HumanMessage('hi')]);
    expect(reply.text).toBe((offlineFallbackBrain([], []) as { text: string }).text);
  });

  test('when tools are bound, then the brain sees their names and its tool calls come back as parsed tool_calls', async () => {
    const seen: string[][] = [];
    const brain: OfflineBrain = (messages, tools) => {
      seen.push(tools.map((t) => t.name));
      if (messages.at(-1) instanceof ToolMessage) return { text: 'ok' };
      return { toolCalls: [{ id: 'c1', name: 'search_recipes', args: { query: 'kale' } }] };
    };
    const search = tool(async () => '[]', { name: 'search_recipes', description: 'Search', schema: z.object({ query: z.string() }) });
    const bound = new OfflineChatModel({ brain }).bindTools([search, { type: 'function', function: { name: 'grocery_list' } }]);
    let gathered: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream([new HumanMessage('kale?')])) gathered = gathered ? gathered.concat(chunk) : chunk;
    expect(seen[0]).toEqual(['search_recipes', 'grocery_list']);
    expect(gathered?.tool_calls).toEqual([{ id: 'c1', name: 'search_recipes', args: { query: 'kale' }, type: 'tool_call' }]);
    expect(gathered?.response_metadata.finish_reason).toBe('tool_calls');

    const none = new OfflineChatModel({ brain }).bindTools([search], { tool_choice: 'none' });
    await none.invoke([new HumanMessage('x')]);
    expect(seen.at(-1)).toEqual([]);
  });

  test('when the signal aborts mid-reply, then streaming stops with an abort error', async () => {
    const controller = new AbortController();
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of await new OfflineChatModel().stream([new HumanMessage('hi')], { signal: controller.signal })) {
          received.push(chunk.text);
          if (received.length === 3) controller.abort(new Error('client left'));
        }
      })(),
    ).rejects.toThrow();
    expect(received.length).toBeLessThan(10);
  });
});
