/**
 * Built-in planner mode: a deterministic LangChain chat model used when no provider is configured outside production.
 * It is a real `BaseChatModel`, so the tool loop, streaming, usage accounting and abort handling are the same code paths
 * as with ChatOpenAI. What it says is decided by a pluggable `OfflineBrain` (see types.ts).
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { BUILT_IN_PLANNER_MODEL_ID } from '@chef-chopsky/contract/agent-mode';
import type { BrainReply, OfflineBrain } from './types';

/** One value for the agent and the web app, which says so in the chat header (packages/contract). */
export const OFFLINE_MODEL_ID = BUILT_IN_PLANNER_MODEL_ID;

export const offlineFallbackBrain: OfflineBrain = () => ({
  text:
    'Chef Chopsky is running without a language model right now, so I cannot write a free-form reply. ' +
    'Ask whoever runs this service to set OPENAI_API_KEY (and MODEL_ID) to connect a model.',
});

export interface OfflineChatModelFields extends BaseChatModelParams {
  brain?: OfflineBrain;
  tools?: ReadonlyArray<{ name: string }>;
}

export class OfflineChatModel extends BaseChatModel<BaseChatModelCallOptions, AIMessageChunk> {
  readonly brain: OfflineBrain;
  readonly tools: ReadonlyArray<{ name: string }>;
  readonly model = OFFLINE_MODEL_ID;

  constructor(fields: OfflineChatModelFields = {}) {
    super(fields);
    this.brain = fields.brain ?? offlineFallbackBrain;
    this.tools = fields.tools ?? [];
  }

  static override lc_name() {
    return 'OfflineChatModel';
  }

  _llmType(): string {
    return 'chef-chopsky-offline';
  }

  /** Like a provider, `tool_choice: 'none'` keeps the tools out of reach for this call, so the brain must answer in text. */
  override bindTools(tools: BindToolsInput[], kwargs?: Partial<BaseChatModelCallOptions>): OfflineChatModel {
    const bound = kwargs?.tool_choice === 'none' ? [] : [...this.tools, ...tools.map(toolName)];
    return new OfflineChatModel({ brain: this.brain, tools: bound });
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const reply = this.brain(messages, this.tools);
    options.signal?.throwIfAborted();
    const usage = usageFor(messages, reply);
    const message =
      'text' in reply
        ? new AIMessage({ content: reply.text, usage_metadata: usage, response_metadata: { finish_reason: 'stop' } })
        : new AIMessage({
            content: '',
            tool_calls: reply.toolCalls.map((call) => ({ ...call, type: 'tool_call' as const })),
            usage_metadata: usage,
            response_metadata: { finish_reason: 'tool_calls' },
          });
    return { generations: [{ text: 'text' in reply ? reply.text : '', message }] };
  }

  /** Streams word by word (a word keeps its trailing whitespace), like a provider streams tokens. */
  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.brain(messages, this.tools);
    if ('text' in reply) {
      for (const word of reply.text.match(/\S+\s*|\s+/g) ?? []) {
        // Yield to the event loop between words so a disconnect or timeout can abort a long reply.
        await new Promise<void>((resolve) => setImmediate(resolve));
        options.signal?.throwIfAborted();
        const chunk = new ChatGenerationChunk({ text: word, message: new AIMessageChunk({ content: word }) });
        yield chunk;
        await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, { chunk });
      }
    } else {
      options.signal?.throwIfAborted();
      yield new ChatGenerationChunk({
        text: '',
        message: new AIMessageChunk({
          content: '',
          tool_call_chunks: reply.toolCalls.map((call, index) => ({
            type: 'tool_call_chunk' as const,
            name: call.name,
            args: JSON.stringify(call.args),
            id: call.id,
            index,
          })),
        }),
      });
    }
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: usageFor(messages, reply),
        response_metadata: { finish_reason: 'text' in reply ? 'stop' : 'tool_calls' },
      }),
    });
  }
}

function toolName(tool: BindToolsInput): { name: string } {
  const candidate = tool as { name?: unknown; function?: { name?: unknown } };
  if (typeof candidate.name === 'string') return { name: candidate.name };
  if (typeof candidate.function?.name === 'string') return { name: candidate.function.name };
  throw new Error('OfflineChatModel.bindTools: a tool has no name');
}

/** A deterministic stand-in for token counts: one token per whitespace-separated word. */
function usageFor(messages: BaseMessage[], reply: BrainReply) {
  const count = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const input_tokens = messages.reduce((sum, message) => sum + count(message.text), 0);
  const output_tokens = 'text' in reply ? count(reply.text) : reply.toolCalls.length;
  return { input_tokens, output_tokens, total_tokens: input_tokens + output_tokens };
}
