import { randomUUID } from 'node:crypto';
import { createSharedState, type OutageEvent, type SharedState } from '../src';
import { startRedisServer, type RedisServer } from './support/redis-server';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

const open: SharedState[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((state) => state.close()));
});
function instance(options: Parameters<typeof createSharedState>[0] = {}): SharedState {
  const state = createSharedState({ redisUrl: redis.url, keyPrefix: `test-${randomUUID()}`, ...options });
  open.push(state);
  return state;
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('two instances on one Redis share a limit: exactly N of many concurrent requests pass, the rest get Retry-After', async () => {
  const keyPrefix = `test-${randomUUID()}`;
  const [a, b] = [instance({ keyPrefix }), instance({ keyPrefix })];
  const options = { name: 'chat-cook', points: 7, windowSeconds: 60 };
  const [onA, onB] = [a.limiter(options), b.limiter(options)];
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? onA : onB).consume('cook-1')));
  expect(results.filter((r) => r.allowed)).toHaveLength(7);
  const refused = results.filter((r) => !r.allowed);
  expect(refused).toHaveLength(23);
  for (const r of refused) expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  // Another cook has a budget of its own.
  await expect(onA.consume('cook-2')).resolves.toMatchObject({ allowed: true, remaining: 6 });
});

test('without Redis the same interface limits in process', async () => {
  const state = createSharedState();
  open.push(state);
  expect(state.kind).toBe('memory');
  const limiter = state.limiter({ name: 'chat-cook', points: 2, windowSeconds: 60 });
  const results = await Promise.all([1, 2, 3].map(() => limiter.consume('cook')));
  expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
});

test('a message published on one instance reaches the subscribers of another; values expire', async () => {
  const keyPrefix = `test-${randomUUID()}`;
  const [a, b] = [instance({ keyPrefix }), instance({ keyPrefix })];
  const received: string[] = [];
  const unsubscribe = await b.subscribe('stop', (message) => received.push(message));
  await a.publish('stop', 'run-1');
  await waitUntil(() => received.length === 1);
  expect(received).toEqual(['run-1']);
  await unsubscribe();

  await a.set('k', 'v', 150);
  await expect(b.get('k')).resolves.toBe('v');
  await waitUntil(async () => (await b.get('k')) === null);
  await expect(b.incr('n')).resolves.toBe(1);
  await a.set('done', 'DONE', 10_000);
  await expect(b.incr('done')).rejects.toThrow('ERR value is not an integer or out of range');
});

test.each(['redis', 'memory'] as const)('a prefix subscription (%s) gets every channel under its prefix, with the channel, and nothing else', async (kind) => {
  const keyPrefix = `test-${randomUUID()}`;
  const [a, b] = kind === 'redis' ? [instance({ keyPrefix }), instance({ keyPrefix })] : [createSharedState(), undefined];
  if (kind === 'memory') open.push(a);
  const on = b ?? a;
  const received: Array<[string, string]> = [];
  const unsubscribe = await on.subscribePrefix('runs:request:*[x]', (channel, message) => received.push([channel, message]));
  await a.publish('runs:request:*[x]run-1', 'one');
  await a.publish('runs:request:other', 'not under the prefix: its * and [x] are literal');
  await a.publish('runs:stop', 'another family');
  await a.publish('runs:request:*[x]run-2', 'two');
  await waitUntil(() => received.length === 2);
  expect(received).toEqual([
    ['runs:request:*[x]run-1', 'one'],
    ['runs:request:*[x]run-2', 'two'],
  ]);
  await unsubscribe();
  await a.publish('runs:request:*[x]run-3', 'after');
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(received).toHaveLength(2);
});

test('Redis down: requests pass for the fail-open window with one alert, then per-instance limits; the recovery is reported and a kept subscription comes back', async () => {
  let clock = 1_000_000;
  const events: OutageEvent[] = [];
  const state = instance({ now: () => clock, onOutage: (event) => events.push(event) });
  const limiter = state.limiter({ name: 'chat-cook', points: 2, windowSeconds: 60, failOpenMs: 30_000 });
  const received: string[] = [];
  await state.subscribe('signals', (message) => received.push(message), { keep: true });
  const before = await limiter.consume('cook');
  expect([before.allowed, before.degraded]).toEqual([true, undefined]);

  await redis.stop();
  try {
    const during = [];
    for (let i = 0; i < 5; i += 1) during.push(await limiter.consume('cook'));
    expect(during.every((r) => r.allowed && r.degraded === 'open')).toBe(true);
    expect(events.filter((e) => e.state === 'down')).toHaveLength(1);

    clock += 30_001;
    const after = await Promise.all([1, 2, 3].map(() => limiter.consume('cook')));
    expect(after.map((r) => [r.allowed, r.degraded])).toEqual([
      [true, 'local'],
      [true, 'local'],
      [false, 'local'],
    ]);
    await expect(state.ping()).resolves.toBe(false);
  } finally {
    await redis.start();
  }
  await waitUntil(() => state.ping());
  expect(events.map((e) => e.state)).toEqual(['down', 'up']);
  const back = await limiter.consume('other-cook');
  expect([back.allowed, back.degraded]).toEqual([true, undefined]);
  const other = instance({ keyPrefix: state.keyPrefix });
  await waitUntil(async () => {
    await other.publish('signals', 'again');
    return received.includes('again');
  });
});
