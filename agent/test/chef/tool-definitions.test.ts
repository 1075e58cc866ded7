/**
 * Every model call carries every tool definition, so their size is prompt tokens (and time to first token) on every
 * round at a real provider: the kitchen's tools, as the model is sent them, stay within 4 KB (they were 16 KB).
 * Measured 3,859 bytes for the seven tools: short descriptions, substitutes naming only the ingredient, bounds left to
 * our validation, and change_plan's eight actions sent as one object whose description says which fields each kind
 * takes (the union alone was about 1.3 KB); each call is checked against the union (plan-model.test.ts).
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { createKitchenToolFactory, KITCHEN_TOOL_NAMES } from '../../src/chef/kitchen-tools';
import { createModelProvider } from '../../src/chef/model-factory';
import { runChefReply } from '../../src/chef/tool-loop';
import { createLogger } from '../../src/logger';
import { startFakeOpenAI } from '../support/fake-openai';

test('the tool definitions sent upstream with a model call are at most 4 KB, and name every kitchen tool', async () => {
  const fake = await startFakeOpenAI({ 'size-model': { tokens: ['ok'] } });
  try {
    const provider = createModelProvider({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, MODEL_ID: 'size-model', FALLBACK_MODEL_ID: undefined });
    await runChefReply({
      provider,
      turns: [{ role: 'user', content: 'Plan my week' }],
      profile: {},
      requestId: 'size',
      signal: new AbortController().signal,
      firstTokenTimeoutMs: 10_000,
      totalTimeoutMs: 10_000,
      toolFactory: createKitchenToolFactory({ catalog: KITCHEN }),
      onDelta: () => undefined,
      emit: () => undefined,
      logger: createLogger({ level: 'silent' }),
    });
    const tools = fake.requests[0]!.body.tools as Array<{ function: { name: string } }>;
    expect(tools.map((t) => t.function.name)).toEqual([...KITCHEN_TOOL_NAMES]);
        expect(Buffer.byteLength(JSON.stringify(tools))).toBeLessThanOrEqual(4096);
  } finally {
    await fake.close();
  }
});
