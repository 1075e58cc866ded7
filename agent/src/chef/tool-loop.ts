/**
 * One chef reply: a bounded loop of model rounds. Each round streams the model's text to the client as it arrives;
 * when the model asks for tools, they run and the model is called again with their results. The same code drives
 * ChatOpenAI over HTTP and the offline model.
 *
 * Failure policy: if a model call fails before its first token (429, 5xx, first-token timeout, connection failure or
 * a stream that ends before any output) and no text has reached the client yet, the fallback model is tried once and
 * answers the rest of the reply. Any other failure ends the reply with an AppError.
 */
import { AIMessage, AIMessageChunk, type BaseMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import type { ToolDefinition } from '@langchain/core/language_models/base';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { AppError, COPY } from '../errors';
import type { Logger } from '../logger';
import type { ModelProvider, ModelSpec } from './model-factory';
import type { Profile } from '@chef-chopsky/contract/profile';
import { buildSystemPrompt } from './system-prompt';
import type { Cookbook } from './cookbook';
import type { ChefContext, ChefToolFactory } from './types';
import type { Understanding } from './understand';
import type { ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import { order, profileEntries } from '@chef-chopsky/kitchen/ledger/merge';
import { DIET_RANK } from '@chef-chopsky/kitchen/catalog';

export const MAX_MODEL_ROUNDS = 4;

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChefReplyInput {
  provider: ModelProvider;
  turns: ChatTurn[];
  profile: Profile;
  /** The conversation's ledger and what the latest message said (understand.ts); empty without a kitchen. */
  understanding?: Understanding;
  requestId: string;
  /** Aborted by the caller when the client disconnects or the server gives up on the stream. */
  signal: AbortSignal;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  toolFactory?: ChefToolFactory;
  /** The cook's recipes and links for this request (cookbook.ts). */
  cookbook?: Cookbook;
  onDelta(text: string): void;
  /** Extra SSE events from tools (`plan`, `grocery`, `ledger`). */
  emit(event: string, data: unknown): void;
  /** Sends the ledger as the reply has it (after `start`, and again when a tool adds to it). */
  onLedger?(ledger: ConstraintLedger): void;
  logger: Logger;
  maxRounds?: number;
}

export interface ChefReply {
  finishReason: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  rounds: number;
  fallbackUsed: boolean;
}

/** Abort reasons set by this module, so a failure can be told apart from the client leaving. */
export class ReplyTimeout extends Error {
  constructor(readonly phase: 'first-token' | 'total') {
    super(`model ${phase} timeout`);
    this.name = 'ReplyTimeout';
  }
}

class RoundFailure extends Error {
  constructor(
    readonly original: unknown,
    readonly receivedOutput: boolean,
    readonly retryable: boolean,
    readonly status: number | undefined,
    readonly isTimeout: boolean,
  ) {
    super('model round failed', { cause: original });
  }
}

export async function runChefReply(input: ChefReplyInput): Promise<ChefReply> {
  const maxRounds = input.maxRounds ?? MAX_MODEL_ROUNDS;
  const totalTimer = new AbortController();
  const timer = setTimeout(() => totalTimer.abort(new ReplyTimeout('total')), input.totalTimeoutMs);
  const signal = AbortSignal.any([input.signal, totalTimer.signal]);

  // Without a kitchen to read the chat, the ledger is the profile's.
  let ledger = input.understanding?.ledger ?? { entries: profileEntries(input.profile), lifted: [] };
  const ctx: ChefContext = {
    requestId: input.requestId,
    profile: input.profile,
    get ledger() {
      return ledger;
    },
    notes: input.understanding?.notes ?? [],
    unsure: input.understanding?.unsure ?? [],
    addConstraints(entries) {
      // Only ever tighter: a new constraint, or a diet stricter than the one held (a looser one is not the model's to give).
      const fresh = entries.filter((e) => {
        const held = ledger.entries.find((h) => h.id === e.id);
        if (!held) return true;
        return e.field === 'diet' && held.field === 'diet' && DIET_RANK[e.diet] < DIET_RANK[held.diet];
      });
      if (fresh.length === 0) return;
      const ids = new Set(fresh.map((e) => e.id));
      ledger = { entries: order([...ledger.entries.filter((e) => !ids.has(e.id)), ...fresh]), lifted: ledger.lifted.filter((l) => !ids.has(l.id)) };
      input.onLedger?.(ledger);
    },
    plan: input.understanding?.plan ?? null,
    signal,
    emit: input.emit,
    ...(input.cookbook ? { cookbook: input.cookbook } : {}),
  };
  const tools = input.toolFactory?.(ctx) ?? [];
  const toolsByName = new Map(tools.map((tool) => [tool.name, tool]));

  const history: BaseMessage[] = [
    new SystemMessage(buildSystemPrompt(ctx)),
    ...input.turns.map((turn) => (turn.role === 'user' ? new HumanMessage(turn.content) : new AIMessage(turn.content))),
  ];
  let spec: ModelSpec = input.provider.primary;
  let fallbackUsed = false;
  let textSent = false;
  const usage = { inputTokens: 0, outputTokens: 0 };

  try {
    for (let round = 1; round <= maxRounds; round += 1) {
      const lastRound = round === maxRounds;
      let message: AIMessageChunk;
      for (;;) {
        try {
          message = await streamRound({
            spec,
            ctx,
            tools,
            lastRound,
            history,
            signal,
            firstTokenTimeoutMs: input.firstTokenTimeoutMs,
            onText: (text) => {
              textSent = true;
              input.onDelta(text);
            },
          });
          break;
        } catch (error) {
          if (!(error instanceof RoundFailure)) throw error;
          const fallback = input.provider.fallback;
          if (error.retryable && !error.receivedOutput && !textSent && fallback && !fallbackUsed && !signal.aborted) {
            input.logger.warn(
              { from: spec.id, to: fallback.id, status: error.status, timeout: error.isTimeout },
              'model failed before its first token; trying the fallback model',
            );
            spec = fallback;
            fallbackUsed = true;
            continue;
          }
          throw toAppError(error, signal);
        }
      }

      usage.inputTokens += message.usage_metadata?.input_tokens ?? 0;
      usage.outputTokens += message.usage_metadata?.output_tokens ?? 0;
      const toolCalls = message.tool_calls ?? [];
      const finishReason = String(message.response_metadata?.finish_reason ?? 'stop');
      if (toolCalls.length === 0 || tools.length === 0 || lastRound) {
        return {
          finishReason: toolCalls.length > 0 ? 'max_rounds' : finishReason,
          model: spec.id,
          usage,
          rounds: round,
          fallbackUsed,
        };
      }

      history.push(new AIMessage({ content: message.content, tool_calls: toolCalls }));
      for (const call of toolCalls) {
        history.push(await runTool(toolsByName, call, signal, input.logger));
      }
    }
    throw new Error('unreachable: the last round always returns');
  } finally {
    clearTimeout(timer);
  }
}

async function streamRound(args: {
  spec: ModelSpec;
  ctx: ChefContext;
  tools: StructuredToolInterface[];
  lastRound: boolean;
  history: BaseMessage[];
  signal: AbortSignal;
  firstTokenTimeoutMs: number;
  onText(text: string): void;
}): Promise<AIMessageChunk> {
  const runnable = boundModel(args.spec.create(args.ctx), args.tools, args.lastRound);
  const attempt = new AbortController();
  const firstTokenTimer = setTimeout(() => attempt.abort(new ReplyTimeout('first-token')), args.firstTokenTimeoutMs);
  const signal = AbortSignal.any([args.signal, attempt.signal]);
  let gathered: AIMessageChunk | undefined;
  // Text of plain chunks not yet merged into `gathered`: merging builds a new message per chunk, which was the
  // largest per-token cost of a reply, so runs of plain text are merged once, in order, before the next other chunk.
  let pendingText = '';
  let receivedOutput = false;
  try {
    // The runnable's own iterator, not `.stream()`: that wraps every chunk in a race against `signal` (a promise, a
    // listener added and removed) and a config context, a cost per token the LangChain relay floor does not pay (it
    // passes no signal). The signal still reaches the provider's request, so Stop, a timeout or shutdown aborts it and
    // the iterator throws; LangChain also checks it between chunks.
    const stream = runnable._streamIterator(args.history, { signal });
    for await (const chunk of stream) {
      const text = chunk.text;
      if (gathered && isPlainText(chunk)) {
        pendingText += text;
      } else {
        if (pendingText) {
          gathered = gathered!.concat(new AIMessageChunk({ content: pendingText }));
          pendingText = '';
        }
        gathered = gathered ? gathered.concat(chunk) : chunk;
      }
      if (text || (chunk.tool_call_chunks?.length ?? 0) > 0) {
        if (!receivedOutput) {
          receivedOutput = true;
          clearTimeout(firstTokenTimer);
        }
        if (text) args.onText(text);
      }
    }
    if (gathered && pendingText) gathered = gathered.concat(new AIMessageChunk({ content: pendingText }));
    if (!gathered || gathered.response_metadata?.finish_reason === undefined) {
      // A provider that closes the stream without a finish reason was cut off; treat it like a dropped connection.
      throw new Error('model stream ended without a finish reason');
    }
    return gathered;
  } catch (error) {
    throw classify(error, receivedOutput, signal);
  } finally {
    clearTimeout(firstTokenTimer);
  }
}

/**
 * A chunk that carries only text: no tool-call pieces, usage, finish reason or provider extras. The first chunk of a
 * reply is always merged in full, so the message keeps its id and metadata.
 */
function isPlainText(chunk: AIMessageChunk): boolean {
  return (
    typeof chunk.content === 'string' &&
    (chunk.tool_call_chunks?.length ?? 0) === 0 &&
    chunk.usage_metadata === undefined &&
    chunk.response_metadata?.finish_reason === undefined &&
    Object.keys(chunk.additional_kwargs ?? {}).length === 0
  );
}

type ChatRunnable = Pick<BaseChatModel, '_streamIterator'>;

/**
 * Binding tools to a model copies its configuration; models are shared and tool definitions are cached (below), so the
 * binding for a model, a tool set and whether tools may still be called is made once and reused by every request.
 */
const bindingsByModel = new WeakMap<BaseChatModel, Map<string, ChatRunnable>>();

function boundModel(model: BaseChatModel, tools: StructuredToolInterface[], lastRound: boolean): ChatRunnable {
  if (tools.length === 0 || !model.bindTools) return model;
  const definitions = toolDefinitions(tools);
  const key = `${lastRound ? 'none' : 'auto'}\u0001${definitions.map((d) => definitionKeyByDefinition.get(d)).join('\u0001')}`;
  let bindings = bindingsByModel.get(model);
  if (!bindings) bindingsByModel.set(model, (bindings = new Map()));
  let runnable = bindings.get(key);
  if (!runnable) {
    // On the last round the tools stay declared (the history refers to them) but the model may not call them.
    runnable = model.bindTools(definitions, lastRound ? { tool_choice: 'none' } : {});
    if (bindings.size >= DEFINITION_CACHE_LIMIT) bindings.clear();
    bindings.set(key, runnable);
  }
  return runnable;
}

/**
 * Converting a zod schema to JSON Schema costs about as much as the rest of a request, and tools are built per request,
 * so definitions are cached by tool name and description. Invariant (see ChefToolFactory): a tool's name and
 * description identify its schema; a tool whose arguments change must change its name or description.
 */
const definitionCache = new Map<string, ToolDefinition>();
const DEFINITION_CACHE_LIMIT = 256;
const definitionKeyByDefinition = new WeakMap<ToolDefinition, string>();

function toolDefinitions(tools: StructuredToolInterface[]): ToolDefinition[] {
  return tools.map((tool) => {
    const key = `${tool.name}\u0000${tool.description}`;
    let definition = definitionCache.get(key);
    if (!definition) {
      definition = compactDefinition(convertToOpenAITool(tool) as ToolDefinition);
      if (definitionCache.size >= DEFINITION_CACHE_LIMIT) definitionCache.clear();
      definitionCache.set(key, definition);
      definitionKeyByDefinition.set(definition, key);
    }
    return definition;
  });
}

/**
 * What the model is sent of a tool's arguments: its JSON Schema without the parts only our validation needs (the
 * `$schema` URL, numeric, string and list bounds, `additionalProperties`); a limit the model should plan for is said in
 * the tool's description. The tool's zod schema still checks every call (a call out of bounds gets the error back to
 * correct), and the definitions of all tools, sent with every model call, stay under 4 KB
 * (agent/test/chef/tool-definitions.test.ts).
 */
const MODEL_IRRELEVANT_KEYS = new Set(['$schema', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'additionalProperties']);

function compactDefinition(definition: ToolDefinition): ToolDefinition {
  const compact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(compact);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !MODEL_IRRELEVANT_KEYS.has(key))
        .map(([key, item]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(item as object).map(([name, schema]) => [name, compact(schema)])) : compact(item)]),
    );
  };
  return { ...definition, function: { ...definition.function, parameters: compact(definition.function.parameters) as ToolDefinition['function']['parameters'] } };
}

function classify(error: unknown, receivedOutput: boolean, signal: AbortSignal): RoundFailure {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const firstToken = reason instanceof ReplyTimeout && reason.phase === 'first-token';
    return new RoundFailure(reason, receivedOutput, firstToken, undefined, reason instanceof ReplyTimeout);
  }
  const status = httpStatusOf(error);
  const retryable = status === undefined ? true : status === 429 || status >= 500;
  return new RoundFailure(error, receivedOutput, retryable, status, false);
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Timeouts get the timeout copy; the client leaving or shutdown passes through as-is for the route to handle. */
function toAppError(failure: RoundFailure, signal: AbortSignal): unknown {
  const reason: unknown = signal.aborted ? signal.reason : failure.original;
  if (reason instanceof ReplyTimeout) return new AppError('timeout:model', COPY.timeout, { cause: reason });
  if (signal.aborted) return reason;
  return new AppError('upstream:model', COPY.generic, { cause: failure.original });
}

async function runTool(
  toolsByName: Map<string, StructuredToolInterface>,
  call: { name: string; args: Record<string, unknown>; id?: string },
  signal: AbortSignal,
  logger: Logger,
): Promise<ToolMessage> {
  const toolCallId = call.id ?? `${call.name}-call`;
  const tool = toolsByName.get(call.name);
  if (!tool) {
    logger.warn({ tool: call.name }, 'model asked for an unknown tool');
    return new ToolMessage({ tool_call_id: toolCallId, content: `Unknown tool "${call.name}".`, status: 'error' });
  }
  try {
    const output: unknown = await tool.invoke(call.args, { signal });
    signal.throwIfAborted();
    const content = typeof output === 'string' ? output : JSON.stringify(output);
    return new ToolMessage({ tool_call_id: toolCallId, name: call.name, content });
  } catch (error) {
    if (signal.aborted) throw error;
    // The model gets a chance to recover (e.g. fix its arguments); the error itself is logged without arguments.
    logger.warn({ tool: call.name, errName: (error as Error)?.name }, 'tool failed');
    return new ToolMessage({
      tool_call_id: toolCallId,
      name: call.name,
      content: `The tool failed: ${(error as Error)?.message ?? 'unknown error'}`,
      status: 'error',
    });
  }
}
