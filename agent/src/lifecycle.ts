/**
 * Draining state shared by readiness, the chat gate and server.ts. Streams in flight register here so shutdown can
 * wait for them and, past the grace period, end them.
 */
export class ShuttingDown extends Error {
  constructor() {
    super('server is shutting down');
    this.name = 'ShuttingDown';
  }
}

export class Lifecycle {
  #draining = false;
  readonly #streams = new Set<AbortController>();
  readonly #idleWaiters = new Set<() => void>();

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#streams.size;
  }

  /** Registers a stream; call the returned function exactly when it has ended. */
  track(controller: AbortController): () => void {
    this.#streams.add(controller);
    return () => {
      this.#streams.delete(controller);
      if (this.#streams.size === 0) for (const resolve of this.#idleWaiters) resolve();
    };
  }

  startDrain(): void {
    this.#draining = true;
  }

  /**
   * Waits up to `graceMs` for streams in flight to finish, then aborts the rest (they end with an `error` event) and
   * waits up to `abortWaitMs` more for them to unwind. Returns how many had to be aborted.
   */
  async drain(graceMs: number, abortWaitMs = 2_000): Promise<{ aborted: number }> {
    this.startDrain();
    if (await this.#waitForIdle(graceMs)) return { aborted: 0 };
    const aborted = this.#streams.size;
    for (const controller of this.#streams) controller.abort(new ShuttingDown());
    await this.#waitForIdle(abortWaitMs);
    return { aborted };
  }

  #waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.#streams.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.#idleWaiters.delete(onIdle);
        resolve(idle);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idleWaiters.add(onIdle);
    });
  }
}
