import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { guardedLimiter } from './limiter';
import { OutageTracker } from './outage';
import type { SharedState, SharedStateOptions } from './types';

/**
 * Redis (Upstash, Redis Cloud, Railway Redis, or `redis-server` in tests). Two connections: one for commands and one
 * that only subscribes (a subscribed Redis connection can do nothing else). Neither queues commands while disconnected
 * and each command waits at most `commandTimeoutMs` (a Redis that hangs), so an outage costs a request a second at
 * most, never a hang (a refused connection fails at once); ioredis reconnects in the background and the subscriptions are made again once it is back.
 */
export function createRedisState(options: SharedStateOptions & { redisUrl: string }): SharedState {
  const now = options.now ?? Date.now;
  const keyPrefix = options.keyPrefix ?? 'chopsky';
  const outage = new OutageTracker(options.onOutage, now);
  const connection = (extra: { enableAutoPipelining?: boolean } = {}) =>
    new Redis(options.redisUrl, {
      ...extra,
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      // Reconnect forever, backing off to one attempt a second: the service keeps running without Redis meanwhile.
      retryStrategy: (times) => Math.min(50 * times, 1_000),
      lazyConnect: false,
    });
  // Commands issued in the same tick leave in one write (ioredis's auto-pipelining): every chat's limiter check and run
  // bookkeeping would otherwise be a socket write each, for this process and for Redis.
  const commands = connection({ enableAutoPipelining: true });
  const subscriber = connection();
  // ioredis reports connection errors as events; the outage tracker reports them once, from the calls that fail.
  commands.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  const handlers = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  // Pattern subscriptions (`subscribePrefix`), by pattern.
  const prefixed = new Map<string, (channel: string, message: string) => void>();
  subscriber.on('pmessage', (pattern: string, channel: string, message: string) => prefixed.get(pattern)?.(channel, message));
  // A SUBSCRIBE that failed while Redis was away is made again on reconnection (ioredis only resubscribes its own).
  subscriber.on('ready', () => {
    if (handlers.size > 0) subscriber.subscribe(...handlers.keys()).catch(() => undefined);
    if (prefixed.size > 0) subscriber.psubscribe(...prefixed.keys()).catch(() => undefined);
  });

  // A new instance's first calls wait for the first connection (a cold start is not an outage); once connected, a
  // lost connection fails calls at once until ioredis has reconnected.
  const firstConnection = (client: Redis) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.connectTimeoutMs ?? 2_000);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  const connected = Promise.all([firstConnection(commands), firstConnection(subscriber)]);

  const tracked = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    await connected;
    try {
      const result = await call();
      outage.succeeded(what);
      return result;
    } catch (error) {
      outage.failed(what, error);
      throw error;
    }
  };

  return {
    kind: 'redis',
    keyPrefix,
    redis: { commands, subscriber },
    limiter(limiterOptions) {
      const shared = new RateLimiterRedis({
        storeClient: commands,
        keyPrefix: `${keyPrefix}:rl:${limiterOptions.name}`,
        points: limiterOptions.points,
        duration: limiterOptions.windowSeconds,
        rejectIfRedisNotReady: true,
      });
      const limiter = guardedLimiter(shared, limiterOptions, outage);
      return { consume: async (key) => (await connected, limiter.consume(key)) };
    },
    set: (key, value, ttlMs) => tracked('set', async () => void (await commands.set(key, value, 'PX', ttlMs))),
    get: (key) => tracked('get', () => commands.get(key)),
    incr: (key) => tracked('incr', () => commands.incr(key)),
    publish: (channel, message) => tracked('publish', async () => void (await commands.publish(channel, message))),
    async subscribe(channel, onMessage, subscribeOptions = {}) {
      let found = handlers.get(channel);
      const first = !found;
      if (!found) handlers.set(channel, (found = new Set()));
      const set = found;
      set.add(onMessage);
      const unsubscribe = async () => {
        set.delete(onMessage);
        if (set.size > 0 || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        await subscriber.unsubscribe(channel).catch(() => undefined);
      };
      if (first) {
        try {
          await tracked('subscribe', () => subscriber.subscribe(channel));
        } catch (error) {
          if (subscribeOptions.keep) return unsubscribe;
          set.delete(onMessage);
          if (set.size === 0) handlers.delete(channel);
          throw error;
        }
      }
      return unsubscribe;
    },
    async subscribePrefix(prefix, onMessage) {
      // Glob characters in the prefix match themselves only.
      const pattern = `${prefix.replace(/[\\*?[\]]/g, '\\$&')}*`;
      prefixed.set(pattern, onMessage);
      await tracked('subscribe', () => subscriber.psubscribe(pattern)).catch(() => undefined);
      return async () => {
        prefixed.delete(pattern);
        await subscriber.punsubscribe(pattern).catch(() => undefined);
      };
    },
    async ping() {
      try {
        await tracked('ping', () => commands.ping());
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      handlers.clear();
      prefixed.clear();
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
