import type { Redis } from 'ioredis';

export interface OutageEvent {
  /** `down` when a call to the shared store first fails, `up` when one succeeds again. */
  state: 'down' | 'up';
  /** What failed (`limiter:web-cook`, `publish`, ...), for the log line. */
  what: string;
  error?: unknown;
  /** How long the outage lasted (on `up`). */
  downForMs?: number;
}

export interface SharedStateOptions {
  redisUrl?: string;
  /** Every key and channel starts with it, so services (and test runs) sharing one Redis never meet. */
  keyPrefix?: string;
  /** Called when the shared store becomes unreachable and when it is back: log it at error level and alert. */
  onOutage?(event: OutageEvent): void;
  /** Longest wait for one Redis command before it counts as failed (default 1 s; a refused connection fails at once). */
  commandTimeoutMs?: number;
  /** How long a new instance's first calls wait for the first connection (default 2 s). */
  connectTimeoutMs?: number;
  /** Clock, for the limiter's fail-open window. */
  now?: () => number;
}

export interface LimiterOptions {
  /** Part of the key: `chat-cook`, `chat-ip`. */
  name: string;
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
  /**
   * While the shared store is unreachable, requests pass (fail open) for this long after the first failure (default
   * 60 s), then each instance limits on its own counters until the store is back.
   */
  failOpenMs?: number;
}

export interface Limit {
  allowed: boolean;
  /** Seconds until the window frees a request (for `Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
  remaining: number;
  /** Set when the shared store could not answer: `open` (let through), `local` (this instance's counters). */
  degraded?: 'open' | 'local';
}

export interface Limiter {
  consume(key: string): Promise<Limit>;
}

export interface SharedState {
  readonly kind: 'redis' | 'memory';
  limiter(options: LimiterOptions): Limiter;
  /** Stores `value` under `key` for `ttlMs`. Rejects when the store is unreachable. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Adds one to an integer value (a missing key counts as 0; the TTL is kept). Rejects on a value that is not an integer. */
  incr(key: string): Promise<number>;
  /** Delivers `message` to every instance subscribed to `channel` (none kept for later subscribers). */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Returns the unsubscribe. Messages published while the store is unreachable are lost. Rejects when the store cannot
   * be reached, unless `keep` is set: then the subscription is made as soon as the store is back (for a process-long
   * channel subscribed at start-up).
   */
  subscribe(channel: string, onMessage: (message: string) => void, options?: { keep?: boolean }): Promise<() => Promise<void>>;
  /**
   * Every channel whose name starts with `prefix`, in one subscription for the life of the process (a pattern
   * subscription in Redis): for a family of short-lived channels, where one subscription each would cost a SUBSCRIBE and
   * an UNSUBSCRIBE apiece. Like `keep`, it is made as soon as the store is reachable. One handler per prefix.
   */
  subscribePrefix(prefix: string, onMessage: (channel: string, message: string) => void): Promise<() => Promise<void>>;
  /** Round trip to the store (readiness). Always true in process. */
  ping(): Promise<boolean>;
  /**
   * The raw connections, for libraries that speak Redis themselves (resumable-stream): one for commands, one that only
   * subscribes. Absent in process.
   */
  readonly redis?: { commands: Redis; subscriber: Redis };
  readonly keyPrefix: string;
  close(): Promise<void>;
}
