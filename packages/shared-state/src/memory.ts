import { EventEmitter } from 'node:events';
import { memoryLimiter } from './limiter';
import type { SharedState, SharedStateOptions } from './types';

/** One process is the whole service (`npm start`): counters, keys and signals live here. */
export function createMemoryState(options: SharedStateOptions = {}): SharedState {
  const now = options.now ?? Date.now;
  const keyPrefix = options.keyPrefix ?? 'chopsky';
  const values = new Map<string, { value: string; expiresAt: number }>();
  const bus = new EventEmitter();
  const prefixed = new Map<string, (channel: string, message: string) => void>();
  bus.setMaxListeners(0);
  const sweep = setInterval(() => {
    const at = now();
    for (const [key, entry] of values) if (entry.expiresAt <= at) values.delete(key);
  }, 30_000);
  sweep.unref();

  return {
    kind: 'memory',
    keyPrefix,
    limiter: memoryLimiter,
    async set(key, value, ttlMs) {
      values.set(key, { value, expiresAt: now() + ttlMs });
    },
    async get(key) {
      const entry = values.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= now()) {
        values.delete(key);
        return null;
      }
      return entry.value;
    },
    async incr(key) {
      const entry = values.get(key);
      const live = entry && entry.expiresAt > now() ? entry : undefined;
      const current = live ? Number(live.value) : 0;
      // Redis's own error, word for word: callers (resumable-stream) recognise a finished stream by it.
      if (!Number.isSafeInteger(current) || (live && !/^-?\d+$/.test(live.value))) throw new Error('ERR value is not an integer or out of range');
      values.set(key, { value: String(current + 1), expiresAt: live?.expiresAt ?? Number.POSITIVE_INFINITY });
      return current + 1;
    },
    async publish(channel, message) {
      // Asynchronous as over the network: a publisher never runs its subscribers inside its own call.
      queueMicrotask(() => {
        bus.emit(channel, message);
        for (const [prefix, onMessage] of prefixed) if (channel.startsWith(prefix)) onMessage(channel, message);
      });
    },
    async subscribe(channel, onMessage) {
      bus.on(channel, onMessage);
      return async () => {
        bus.off(channel, onMessage);
      };
    },
    async subscribePrefix(prefix, onMessage) {
      prefixed.set(prefix, onMessage);
      return async () => {
        prefixed.delete(prefix);
      };
    },
    async ping() {
      return true;
    },
    async close() {
      clearInterval(sweep);
      bus.removeAllListeners();
      prefixed.clear();
      values.clear();
    },
  };
}
