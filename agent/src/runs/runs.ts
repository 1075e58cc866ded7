/**
 * Chat runs that outlive the connection that started them, keyed by the id the web app gives them (its assistant
 * message id). A run's events are produced once, by the replica that got `POST /v1/chat`, and any replica can:
 *
 * - follow it (`GET /v1/runs/:id?from=N`): resumable-stream asks the producing replica, over the shared state's
 *   pub/sub, for what it has buffered past character N and then forwards the rest as it comes;
 * - start it again with the same id (a retried `POST /v1/chat`): that follows the run too, never a second model call;
 * - stop it (`POST /v1/runs/:id/stop`): a message on the shared stop channel reaches the replica that owns the run;
 * - read it after it finished: its whole event text is kept for `retentionMs`, so a web instance that takes over from
 *   one that died can still store the reply.
 *
 * With Redis unreachable a new run is produced without any of this (a plain stream, stoppable where it runs), so
 * chats keep working. Without REDIS_URL the shared state is in process and all of it works within the one process.
 *
 * Every event a run emits carries `id: <offset>`: the length, in UTF-16 code units (resumable-stream's unit), of the
 * run's text up to the end of that event. A client that lost its connection resumes with its last id as `from`.
 */
import type { SharedState } from '@chef-chopsky/shared-state';
import { createResumableStreamContext, type Publisher, type ResumableStreamContext, type Subscriber } from 'resumable-stream/generic';
import { formatRunEvent } from '@chef-chopsky/contract/runs';
import type { Logger } from '../logger';

/** Sent to a run's producer when Stop was asked for (its abort reason). */
export class RunStopped extends Error {
  constructor() {
    super('run stopped');
    this.name = 'RunStopped';
  }
}

export interface RunSink {
  send(event: string, data: unknown): void;
}

/** Produces one run's events into `sink`; resolves when the run has ended (its last event sent). */
export type Produce = (sink: RunSink, signal: AbortSignal) => Promise<void>;

export type StopOutcome = 'stopping' | 'finished' | 'unknown';

/**
 * resumable-stream over the shared state. Its producer publishes chunks and sets its sentinel from a read loop that
 * has no error handler, so a publish or set that fails (Redis slow or gone) must not reject: it would be an unhandled
 * rejection, which ends the process. Both are best effort for followers (they re-check the sentinel), so a failure is
 * logged and left; reads, increments and subscriptions still reject, where the library awaits them.
 *
 * Every run's producer listens on its own request channel (`<prefix>:rs:request:<run id>`) for followers. Those channels
 * are one pattern subscription of the replica's (`requests`, made before any run starts), so a run's start and end
 * send Redis no SUBSCRIBE and UNSUBSCRIBE: a request reaches the handler registered here for its channel.
 */
function adapters(
  shared: SharedState,
  logger: Logger,
  requests: { prefix: string; handlers: Map<string, (message: string) => void> },
): { publisher: Publisher; subscriber: Subscriber } {
  const unsubscribes = new Map<string, () => Promise<void>>();
  const bestEffort = (what: string) => (error: unknown) => void logger.warn({ err: error, what }, 'run signal not delivered (shared state unavailable)');
  return {
    publisher: {
      connect: async () => undefined,
      publish: (channel, message) => shared.publish(channel, message).catch(bestEffort('publish')),
      set: (key, value, options) => {
        const written = shared.set(key, value, (options?.EX ?? 86_400) * 1000).catch(bestEffort('set'));
        // A new run's sentinel is set to "1" (its INCR already made it 1: this gives it a TTL) and the library waits for
        // that before the run starts. Nothing needs it to have landed: a follower reads the INCR's 1, and this replica
        // hears follow requests through its pattern subscription (the run's handler is registered as the INCR returns,
        // before any message can be read). So the model call does not wait for that round trip; the run's end ("DONE")
        // is still awaited.
        return value === '1' ? Promise.resolve() : written;
      },
      get: (key) => shared.get(key),
      incr: (key) => shared.incr(key),
    },
    subscriber: {
      connect: async () => undefined,
      subscribe: async (channel, callback) => {
        if (channel.startsWith(requests.prefix)) return void requests.handlers.set(channel, callback);
        unsubscribes.set(channel, await shared.subscribe(channel, callback));
      },
      unsubscribe: async (channel) => {
        if (requests.handlers.delete(channel)) return;
        const unsubscribe = unsubscribes.get(channel);
        unsubscribes.delete(channel);
        await unsubscribe?.();
      },
    },
  };
}

export class Runs {
  readonly #shared: SharedState;
  readonly #context: ResumableStreamContext;
  readonly #local = new Map<string, AbortController>();
  readonly #retentionMs: number;
  readonly #logger: Logger;
  readonly #prefix: string;
  readonly #ready: Promise<unknown>;

  constructor(options: { shared: SharedState; retentionMs: number; logger: Logger }) {
    this.#shared = options.shared;
    this.#retentionMs = options.retentionMs;
    this.#logger = options.logger;
    this.#prefix = `${options.shared.keyPrefix}:runs`;
    // resumable-stream puts its names under `<keyPrefix>:rs`.
    const requests = { prefix: `${this.#prefix}:rs:request:`, handlers: new Map<string, (message: string) => void>() };
    this.#context = createResumableStreamContext({ waitUntil: null, keyPrefix: this.#prefix, ...adapters(options.shared, options.logger, requests) });
    this.#ready = Promise.all([
      options.shared.subscribe(`${this.#prefix}:stop`, (runId) => this.#local.get(runId)?.abort(new RunStopped()), { keep: true }),
      options.shared.subscribePrefix(requests.prefix, (channel, message) => requests.handlers.get(channel)?.(message)),
    ]).catch(() => undefined);
  }

  /** Runs produced by this replica and not finished yet. */
  get localCount(): number {
    return this.#local.size;
  }

  /**
   * The run's event text: a new run produced by `produce` (`produced`), or (same id again) the live run from the start.
   * Null when the run already finished (its text may still be had from `follow`). `direct`, when given, gets a new
   * run's events as they are produced, for the connection that started it: one web-stream hop less per event than
   * reading `stream`, which that caller then leaves unread (the run goes on and is followable as ever).
   */
  async start(runId: string, produce: Produce, direct?: (chunk: string) => void): Promise<{ produced: boolean; stream: ReadableStream<string> | null }> {
    await this.#ready;
    let produced = false;
    const make = () => {
      produced = true;
      return this.#produce(runId, produce, direct);
    };
    try {
      const stream = await this.#context.resumableStream(runId, make);
      return { produced, stream };
    } catch (error) {
      if (produced) throw error;
      // The shared state is unreachable: produce here without resumption rather than refuse the chat.
      this.#logger.warn({ err: error, runId }, 'run started without resumption (shared state unavailable)');
      return { produced: true, stream: make() };
    }
  }

  /** The run's text past character `from`: live, or kept after it finished. Undefined when no such run is known. */
  async follow(runId: string, from: number): Promise<ReadableStream<string> | undefined> {
    const live = await this.#context.resumeExistingStream(runId, from);
    if (live) return live;
    const kept = await this.#shared.get(this.#keptKey(runId));
    if (kept === null) return undefined;
    return new ReadableStream<string>({
      start(controller) {
        if (kept.length > from) controller.enqueue(kept.slice(from));
        controller.close();
      },
    });
  }

  async stop(runId: string): Promise<StopOutcome> {
    const local = this.#local.get(runId);
    if (local) {
      local.abort(new RunStopped());
      return 'stopping';
    }
    // A run's text is kept before its stream ends, and its sentinel reads DONE only a moment later: a kept run has
    // finished even while the sentinel still says it runs.
    const [state, kept] = await Promise.all([this.#context.hasExistingStream(runId), this.#shared.get(this.#keptKey(runId))]);
    if (kept !== null || state === 'DONE') return 'finished';
    if (state === null) return 'unknown';
    await this.#shared.publish(`${this.#prefix}:stop`, runId);
    return 'stopping';
  }

  /** Aborts every run this replica produces (shutdown past its grace period). */
  abortAll(reason: unknown): void {
    for (const controller of this.#local.values()) controller.abort(reason);
  }

  #keptKey(runId: string) {
    return `${this.#prefix}:kept:${runId}`;
  }

  #produce(runId: string, produce: Produce, direct?: (chunk: string) => void): ReadableStream<string> {
    const controller = new AbortController();
    this.#local.set(runId, controller);
    let text = '';
    return new ReadableStream<string>({
      start: (stream) => {
        // A reader that went away (cancelled) closes `stream`; the run goes on regardless and is kept for followers.
        let open = true;
        const sink: RunSink = {
          send: (event, data) => {
            const chunk = formatRunEvent(text.length, event, data);
            text += chunk;
            direct?.(chunk);
            if (!open) return;
            try {
              stream.enqueue(chunk);
            } catch {
              open = false;
            }
          },
        };
        void produce(sink, controller.signal)
          .catch((error: unknown) => this.#logger.error({ err: error, runId }, 'run ended with an unexpected error'))
          .then(async () => {
            this.#local.delete(runId);
            // Kept before the stream ends, so a follower that sees the run finished always finds its text.
            await this.#shared.set(this.#keptKey(runId), text, this.#retentionMs).catch((error: unknown) => {
              this.#logger.warn({ err: error, runId }, 'could not keep the finished run for followers');
            });
            if (open) {
              try {
                stream.close();
              } catch {
                // Already cancelled by its reader.
              }
            }
          });
      },
    });
  }
}
