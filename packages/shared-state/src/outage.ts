import type { OutageEvent } from './types';

/**
 * Tracks whether the shared store is reachable, so an outage is reported once when it starts and once when it ends
 * however many calls meet it, and callers can ask how long it has lasted.
 */
export class OutageTracker {
  #since: number | null = null;

  constructor(
    private readonly onOutage: ((event: OutageEvent) => void) | undefined,
    private readonly now: () => number,
  ) {}

  /** Milliseconds since the outage began (0 for the failure that begins it). */
  failed(what: string, error: unknown): number {
    const now = this.now();
    if (this.#since === null) {
      this.#since = now;
      this.onOutage?.({ state: 'down', what, error });
    }
    return now - this.#since;
  }

  succeeded(what: string): void {
    if (this.#since === null) return;
    const downForMs = this.now() - this.#since;
    this.#since = null;
    this.onOutage?.({ state: 'up', what, downForMs });
  }

  get down(): boolean {
    return this.#since !== null;
  }
}
