import express, { type RequestHandler, type Response, Router } from 'express';
import type { Limiter } from '@chef-chopsky/shared-state';
import { RUN_STOPPED_EVENT } from '@chef-chopsky/contract/runs';
import type { Logger } from '../../logger';
import { RunStopped, type Runs, type RunSink } from '../../runs/runs';
import type { ModelProvider } from '../../chef/model-factory';
import { chatRequestSchema } from '@chef-chopsky/contract/chat';
import { runChefReply } from '../../chef/tool-loop';
import type { CookbookFactory } from '../../chef/cookbook';
import type { ChefToolFactory } from '../../chef/types';
import type { Understand } from '../../chef/understand';
import type { ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import { appliedLine, noteLines } from '@chef-chopsky/kitchen/ledger/format';
import type { Env } from '../../env';
import { AppError, COPY, internalError, isAppError, reportableError } from '../../errors';
import { type Lifecycle, ShuttingDown } from '../../lifecycle';
import type { ErrorReporter } from '../../observability/sentry';
import { gatewayAuth } from '../middleware/gateway-auth';
import { chatLimits } from '../middleware/chat-limits';
import { openEventStream, RESERVED_EVENTS } from '../sse';
import { frameDeltas } from '../delta-frames';

export type ChatEnv = Pick<
  Env,
  | 'GATEWAY_TOKEN'
  | 'GATEWAY_TOKEN_PREVIOUS'
  | 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT'
  | 'MAINTENANCE_MODE'
  | 'MAX_BODY_BYTES'
  | 'MAX_MESSAGES'
  | 'MAX_MESSAGE_CHARS'
  | 'MAX_CONCURRENT_STREAMS'
  | 'MODEL_FIRST_TOKEN_TIMEOUT_MS'
  | 'MODEL_TOTAL_TIMEOUT_MS'
  | 'DELTA_FRAME_MS'
>;

/** Set when the client goes away, so a stream ending early is not mistaken for a failure. */
class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGone';
  }
}

export interface ChatRouteDeps {
  env: ChatEnv;
  provider: ModelProvider;
  lifecycle: Lifecycle;
  reporter: ErrorReporter;
  toolFactory?: ChefToolFactory;
  /** Reads the conversation into its constraint ledger (the kitchen's); without it the chef has no ledger. */
  understand?: Understand;
  /** Builds the request's catalog with the cook's recipes (the kitchen's); without it they are not planned. */
  cookbook?: CookbookFactory;
  now?: () => number;
  runs: Runs;
  /** Chats per cook per window, shared by every replica. */
  limiter: Limiter;
}

interface ReplyMeta {
  requestId: string;
  log: Logger;
  /** Where the access log (or the run's own log line) finds the model and token counts. */
  locals: Partial<Pick<Response['locals'], 'model' | 'inputTokens' | 'outputTokens' | 'finishReason'>>;
}

/** Writes a run's text to the response as it comes; the client leaving stops the writing, never the run. */
export async function pipeRun(run: ReadableStream<string> | undefined, res: Response, opened?: ReturnType<typeof openEventStream>): Promise<void> {
  if (!run) throw new AppError('not_found:run', 'That reply is not being written any more.');
  const stream = opened ?? openEventStream(res);
  const reader = run.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || stream.ended || res.destroyed) break;
      stream.write(value);
    }
  } finally {
    stream.end();
  }
}

export function chatRoutes({ env, provider, lifecycle, reporter, toolFactory, understand, cookbook, now, runs, limiter }: ChatRouteDeps): Router {
  const schema = chatRequestSchema({ maxMessages: env.MAX_MESSAGES, maxMessageChars: env.MAX_MESSAGE_CHARS });
  type ParsedChat = ReturnType<typeof schema.parse>;

  const parseChat = (body: unknown): ParsedChat => {
    if (body === undefined) {
      throw new AppError('bad_request:chat', COPY.invalid, {
        issues: [{ path: '', message: 'Send a JSON body with Content-Type: application/json' }],
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('bad_request:chat', COPY.invalid, {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    return parsed.data;
  };

  const gate: RequestHandler = (_req, _res, next) => {
    if (env.MAINTENANCE_MODE) return next(new AppError('unavailable:maintenance', COPY.maintenance));
    if (lifecycle.draining) return next(new AppError('unavailable:draining', COPY.draining));
    next();
  };

  /** One reply into `out`, its deltas in frames (delta-frames.ts). */
  const produceReply = async (request: ParsedChat, out: RunSink, signal: AbortSignal, meta: ReplyMeta): Promise<string> => {
    const sink = frameDeltas(out, env.DELTA_FRAME_MS);
    try {
      return await produceFramedReply(request, sink, signal, meta);
    } finally {
      sink.flush();
    }
  };

  /** One reply into `sink`: `start`, the ledger, the chef's text and tool events, then `done`, `error` or `interrupted`. */
  const produceFramedReply = async (request: ParsedChat, sink: RunSink, signal: AbortSignal, meta: ReplyMeta): Promise<string> => {
    const { messages, profile = {}, ledger, plan, recipes = [], links = [] } = request;
    // The cook's recipes first: the current plan may hold one, and it is rebuilt over the same catalog the tools use.
    const book = cookbook?.(recipes, links);
    const understanding = understand?.({ messages, profile, ledger: ledger as ConstraintLedger | undefined, plan, ...(book ? { catalog: book.catalog } : {}) });
    sink.send('start', { requestId: meta.requestId, model: provider.primary.id });
    const sendLedger = (held: ConstraintLedger) =>
      sink.send('ledger', { ledger: held, applied: appliedLine(held), notes: noteLines({ entries: [...(understanding?.unsure ?? [])], lifted: [] }, understanding?.notes ?? []) });
    if (understanding) sendLedger(understanding.ledger);
    try {
      const reply = await runChefReply({
        provider,
        turns: messages,
        profile,
        understanding,
        onLedger: sendLedger,
        requestId: meta.requestId,
        signal,
        firstTokenTimeoutMs: env.MODEL_FIRST_TOKEN_TIMEOUT_MS,
        totalTimeoutMs: env.MODEL_TOTAL_TIMEOUT_MS,
        toolFactory,
        ...(book ? { cookbook: book } : {}),
        logger: meta.log,
        onDelta: (text) => sink.send('delta', { text }),
        emit: (event, data) => {
          if (RESERVED_EVENTS.has(event)) throw new Error(`tools may not send the reserved "${event}" event`);
          sink.send(event, data);
        },
      });
      Object.assign(meta.locals, {
        model: reply.model,
        inputTokens: reply.usage.inputTokens,
        outputTokens: reply.usage.outputTokens,
        finishReason: reply.finishReason,
      });
      sink.send('done', { finishReason: reply.finishReason, model: reply.model, usage: reply.usage });
      return reply.fallbackUsed ? 'done_on_fallback' : 'done';
    } catch (error) {
      const reason: unknown = signal.reason;
      if (signal.aborted && reason instanceof ClientGone) return 'client_closed';
      if (signal.aborted && reason instanceof RunStopped) {
        sink.send(RUN_STOPPED_EVENT, {});
        return 'stopped';
      }
      const appError = isAppError(error)
        ? error
        : reason instanceof ShuttingDown
          ? new AppError('unavailable:shutdown', COPY.draining, { cause: error })
          : internalError(error);
      if (appError.isServerFault) {
        const cause = appError.cause as { name?: string; status?: number } | undefined;
        meta.log.error({ code: appError.code, causeName: cause?.name, upstreamStatus: cause?.status }, 'chat stream failed');
        if (appError.code !== 'unavailable:shutdown') {
          reporter.capture(reportableError(appError), { requestId: meta.requestId, code: appError.code, route: '/v1/chat' });
        }
      }
      sink.send('error', { code: appError.code, message: appError.message });
      return `error:${appError.code}`;
    }
  };

  /** No run id: the reply belongs to this connection, and the client hanging up ends it. */
  const replyOnConnection = async (request: ParsedChat, res: Response) => {
    const controller = new AbortController();
    const release = lifecycle.track(controller);
    const stream = openEventStream(res);
    res.on('close', () => {
      if (!stream.ended) controller.abort(new ClientGone());
    });
    try {
      res.locals.outcome = await produceReply(request, stream, controller.signal, { requestId: res.locals.requestId, log: res.locals.log, locals: res.locals });
    } finally {
      stream.end();
      release();
    }
  };

  /**
   * With a run id: the reply is a run (runs.ts) that goes on when this connection closes, until it ends, is stopped or
   * the server drains. The same id again follows the run instead of starting a second one.
   */
  const replyAsRun = async (request: ParsedChat, runId: string, res: Response) => {
    const { requestId, log } = res.locals;
    // Headers leave with the first event; a new run writes its events here as it produces them.
    const stream = openEventStream(res);
    let ended!: () => void;
    const runEnded = new Promise<void>((resolve) => (ended = resolve));
    const { produced, stream: run } = await runs.start(
      runId,
      async (sink, stopSignal) => {
        const controller = new AbortController();
        stopSignal.addEventListener('abort', () => controller.abort(stopSignal.reason), { once: true });
        const release = lifecycle.track(controller);
        const locals: ReplyMeta['locals'] = {};
        try {
          const outcome = await produceReply(request, sink, controller.signal, { requestId, log, locals });
          log.info({ runId, outcome, ...locals }, 'run finished');
        } finally {
          release();
          ended();
        }
      },
      (chunk) => stream.write(chunk),
    );
    res.locals.outcome = 'run';
    if (!produced) return pipeRun(run ?? (await runs.follow(runId, 0)), res, stream);
    // This connection already gets every event, so the run as followers read it is left unread here (not cancelled:
    // resumable-stream would then meet a closed stream, and build an exception, for every event).
    void run;
    const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
    await Promise.race([runEnded, gone]);
    stream.end();
  };

  const chat: RequestHandler = async (req, res) => {
    const request = parseChat(req.body);
    res.locals.conversationId = request.conversationId;
    res.locals.model = provider.primary.id;
    let settle = () => {};
    res.locals.settled = new Promise<void>((resolve) => (settle = resolve));
    try {
      if (request.runId) await replyAsRun(request, request.runId, res);
      else await replyOnConnection(request, res);
    } finally {
      settle();
    }
  };

  const router = Router();
  router.post(
    '/v1/chat',
    gatewayAuth({
      current: env.GATEWAY_TOKEN,
      previous: env.GATEWAY_TOKEN_PREVIOUS,
      previousExpiresAt: env.GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT,
      now,
    }),
    gate,
    chatLimits({ limiter, maxConcurrent: env.MAX_CONCURRENT_STREAMS, lifecycle }),
    express.json({ limit: env.MAX_BODY_BYTES }),
    chat,
  );
  return router;
}
