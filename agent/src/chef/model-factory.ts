/**
 * Which chat models answer: ChatOpenAI against any OpenAI-compatible server when a key is configured, otherwise the
 * built-in offline model (never in production: env.ts refuses to start without a key there).
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { Env } from '../env';
import { OFFLINE_MODEL_ID, OfflineChatModel } from './offline-chat-model';
import type { BrainContext, OfflineBrain } from './types';

export interface ModelSpec {
  id: string;
  /**
   * The model for one request. ChatOpenAI is shared across requests (per-call state such as the abort signal travels in
   * call options); the built-in model is made per request around what the request understood (`context`).
   */
  create(context?: BrainContext): BaseChatModel;
}

function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface ModelProvider {
  kind: 'openai' | 'offline';
  primary: ModelSpec;
  /** Tried once when the primary fails before its first token (429, 5xx, timeout, connection failure). */
  fallback?: ModelSpec;
}

type ModelEnv = Pick<Env, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'MODEL_ID' | 'FALLBACK_MODEL_ID'>;

export function createModelProvider(env: ModelEnv, options: { brain?: OfflineBrain } = {}): ModelProvider {
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) {
    const shared = memo(() => new OfflineChatModel({ brain: options.brain }));
    const brain = options.brain;
    return {
      kind: 'offline',
      primary: {
        id: OFFLINE_MODEL_ID,
        create: (context) => (context && brain ? new OfflineChatModel({ brain: (messages, tools) => brain(messages, tools, context) }) : shared()),
      },
    };
  }
  const openAi = (model: string): ModelSpec => ({
    id: model,
    create: memo(
      () =>
        new ChatOpenAI({
          model,
          apiKey,
          configuration: { baseURL: env.OPENAI_BASE_URL },
          // We stream with .stream() and read usage from the final chunk; never `streaming: true` with invoke(),
          // which counts tokens with js-tiktoken and stalls offline (see shared platform notes).
          streamUsage: true,
          // Our own fallback and timeouts decide what happens on failure; the SDK must not retry behind our back.
          maxRetries: 0,
        }),
    ),
  });
  return {
    kind: 'openai',
    primary: openAi(env.MODEL_ID),
    fallback: env.FALLBACK_MODEL_ID && env.FALLBACK_MODEL_ID !== env.MODEL_ID ? openAi(env.FALLBACK_MODEL_ID) : undefined,
  };
}
