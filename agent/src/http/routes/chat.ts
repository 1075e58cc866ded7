import express, { type RequestHandler, Router } from 'express';
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
import { chatRateLimit } from '../middleware/rate-limit';
import { openEventStream, RESERVED_EVENTS } from '../sse';

export type ChatEnv = Pick<
  Env,
  | 'GATEWAY_TOKEN'
  | 'GATEWAY_TOKEN_PREVIOUS'
  | 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT'
  | 'MAINTENANCE_MODE'
  | 'MAX_BODY_BYTES'
  | 'MAX_MESSAGES'
  | 'MAX_MESSAGE_CHARS'
  | 'RATE_LIMIT_REQUESTS'
  | 'RATE_LIMIT_WINDOW'
  | 'MODEL_FIRST_TOKEN_TIMEOUT_MS'
  | 'MODEL_TOTAL_TIMEOUT_MS'
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
}

export function chatRoutes({ env, provider, lifecycle, reporter, toolFactory, understand, cookbook, now }: ChatRouteDeps): Router {
  const schema = chatRequestSchema({ maxMessages: env.MAX_MESSAGES, maxMessageChars: env.MAX_MESSAGE_CHARS });

  const gate: RequestHandler = (_req, _res, next) => {
    if (env.MAINTENANCE_MODE) return next(new AppError('unavailable:maintenance', COPY.maintenance));
    if (lifecycle.draining) return next(new AppError('unavailable:draining', COPY.draining));
    next();
  };

  const chat: RequestHandler = async (req, res) => {
    if (req.body === undefined) {
      throw new AppError('bad_request:chat', COPY.invalid, {
        issues: [{ path: '', message: 'Send a JSON body with Content-Type: application/json' }],
      });
    }
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError('bad_request:chat', COPY.invalid, {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const { messages, profile = {}, conversationId, ledger, plan, recipes = [], links = [] } = parsed.data;
    // The cook's recipes first: the current plan may hold one, and it is rebuilt over the same catalog the tools use.
    const book = cookbook?.(recipes, links);
    const understanding = understand?.({ messages, profile, ledger: ledger as ConstraintLedger | undefined, plan, ...(book ? { catalog: book.catalog } : {}) });
    const { requestId, log } = res.locals;
    res.locals.conversationId = conversationId;
    res.locals.model = provider.primary.id;

    const controller = new AbortController();
    const release = lifecycle.track(controller);
    let settle = () => {};
    res.locals.settled = new Promise<void>((resolve) => (settle = resolve));
    const stream = openEventStream(res);
    res.on('close', () => {
      if (!stream.ended) controller.abort(new ClientGone());
    });
    stream.send('start', { requestId, model: provider.primary.id });
    const sendLedger = (held: ConstraintLedger) =>
      stream.send('ledger', { ledger: held, applied: appliedLine(held), notes: noteLines({ entries: [...(understanding?.unsure ?? [])], lifted: [] }, understanding?.notes ?? []) });
    if (understanding) sendLedger(understanding.ledger);

    try {
      const reply = await runChefReply({
        provider,
        turns: messages,
        profile,
        understanding,
        onLedger: sendLedger,
        requestId,
        signal: controller.signal,
        firstTokenTimeoutMs: env.MODEL_FIRST_TOKEN_TIMEOUT_MS,
        totalTimeoutMs: env.MODEL_TOTAL_TIMEOUT_MS,
        toolFactory,
        ...(book ? { cookbook: book } : {}),
        logger: log,
        onDelta: (text) => stream.send('delta', { text }),
        emit: (event, data) => {
          if (RESERVED_EVENTS.has(event)) throw new Error(`tools may not send the reserved "${event}" event`);
          stream.send(event, data);
        },
      });
      Object.assign(res.locals, {
        model: reply.model,
        inputTokens: reply.usage.inputTokens,
        outputTokens: reply.usage.outputTokens,
        finishReason: reply.finishReason,
        outcome: reply.fallbackUsed ? 'done_on_fallback' : 'done',
      });
      stream.send('done', { finishReason: reply.finishReason, model: reply.model, usage: reply.usage });
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      if (controller.signal.aborted && reason instanceof ClientGone) {
        res.locals.outcome = 'client_closed';
        return;
      }
      const appError = isAppError(error)
        ? error
        : reason instanceof ShuttingDown
          ? new AppError('unavailable:shutdown', COPY.draining, { cause: error })
          : internalError(error);
      res.locals.outcome = `error:${appError.code}`;
      if (appError.isServerFault) {
        const cause = appError.cause as { name?: string; status?: number } | undefined;
        log.error({ code: appError.code, causeName: cause?.name, upstreamStatus: cause?.status }, 'chat stream failed');
        if (appError.code !== 'unavailable:shutdown') {
          reporter.capture(reportableError(appError), { requestId, code: appError.code, route: '/v1/chat' });
        }
      }
      stream.send('error', { code: appError.code, message: appError.message });
    } finally {
      stream.end();
      release();
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
    chatRateLimit({ limit: env.RATE_LIMIT_REQUESTS, windowSeconds: env.RATE_LIMIT_WINDOW }),
    express.json({ limit: env.MAX_BODY_BYTES }),
    chat,
  );
  return router;
}
