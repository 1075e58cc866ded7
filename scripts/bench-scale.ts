/**
 * `npm run bench:scale`: the CPU a chat costs and how many chats one process holds, in one run, in production
 * configuration: the built agent (`node agent/dist/server.js`, APP_ENV=production, JSON logs at info, limits on and
 * shared through a redis-server, Sentry on with its DSN pointing at a local sink, production trace sampling) and the
 * built web app (`next start`, the PostgreSQL 15 server store, limits on, the same Redis and Sentry sink). Load comes
 * from many cooks (a cook id and a client address per chat), so the production limits stay on and never refuse.
 *
 * 1. CPU per relayed token and per chat: each relay streams chats from a local OpenAI-compatible upstream (its own
 *    process) and, after a warm-up (600 one-token chats, 20 long ones), its process's CPU (user + system, /proc) is read
 *    around a batch of long replies (300 tokens at 50 tokens/s) and a batch of one-token replies, in three rounds taken
 *    in turn with every other process (each figure is the median of its rounds): per chat = one-token batch / chats; per token = the difference per
 *    chat / 299. The floors run the same way: a bare node:http relay (parses each upstream chunk, writes an SSE event),
 *    the `openai` SDK's stream, and LangChain's `ChatOpenAI.stream()` (the client the agent must use), each in its own
 *    process. The agent and the web app each run once without and once with Sentry; the web app's own CPU is its process's, over the agent.
 *    One more agent and a web app over it send every delta as it comes (DELTA_FRAME_MS=0): what the frames save.
 * 2. First-token overhead at rest: 60 one-token chats per path, one at a time, the paths in turn (the floors, the agent,
 *    the web app over it); overhead as in 3. What each path costs a cook before any load.
 * 3. Capacity, open loop: chats arrive as a Poisson process at a fixed rate for a fixed time (1-second replies: first
 *    token after 50 ms, then 19 more 50 ms apart); first-token overhead = the client's time to the first `delta` minus
 *    the upstream's own time to first token for that request. A rate is held when its p99 is under 50 ms and no chat
 *    failed.
 *
 * Writes bench/results/scale.json and bench/results/scale.md (assembled into docs/performance.md by `npm run bench`).
 * Everything listens on 127.0.0.1; every loop is bounded.
 *
 * Usage: npm run bench:scale [-- --quick] [-- --build] [-- --profile DIR] [-- --cpu-only]
 *   --quick     fewer chats (a check that it runs; its figures are not the page's)
 *   --build     build the agent and the web app first (otherwise existing builds are used when present)
 *   --profile   run the agent and the web app under `node --cpu-prof`, writing .cpuprofile files to DIR
 *   --cpu-only  measure CPU only, no capacity levels
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { signSessionValue } from '../frontend/lib/session';
import { pushMigrations } from '../frontend/tests/db/supabase-cli';
import { startPostgresServer } from '../frontend/tests/support/postgres-server';
import { startRedisServer } from '../packages/shared-state/test/support/redis-server';
import { createUnderstanding } from '../agent/src/chef/understand';
import { KITCHEN } from '../packages/kitchen/src/default-catalog';

const root = path.resolve(__dirname, '..');
const COMMAND = 'npm run bench:scale';
const LONG = { tokens: 300, intervalMs: 20, firstMs: 50 };
const SHORT = { tokens: 1, intervalMs: 20, firstMs: 50 };
const CAPACITY = { tokens: 20, intervalMs: 50, firstMs: 50 };
const WORKERS = 'agent, one replica of 2 workers';
const WEB = 'web app (its own process, over the agent)';
const UNFRAMED = 'agent, every delta sent as it comes (DELTA_FRAME_MS=0)';
const WEB_UNFRAMED = 'web app over that agent (every delta relayed as it comes)';
const GOALS = { tokenRatio: 1.15, chatOverMs: 0.5, sentryPct: 10, webTokenUs: 80, webChatMs: 5, p99Ms: 50, agentRate: 80, webRate: 40 };
const TOKEN = `bench-gateway-token-${randomUUID()}`;
const SESSION_SECRET = `bench-session-secret-${randomUUID()}`;
const CLK_TCK = 100;
/** Rounds of CPU measurement, taken in turns (see main). */
const ROUNDS = 3;

// ----- child roles ---------------------------------------------------------------------------------------------------

const role = process.argv[2] === '--role' ? process.argv[3] : undefined;
if (role) void runRole(role).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
else void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Script in the last message: `[n=300,ms=20,first=50,id=...]`. */
function scriptOf(body: string) {
  const match = /\[n=(\d+),ms=(\d+),first=(\d+),id=([\w-]+)\]/.exec(body);
  return { tokens: Number(match?.[1] ?? 20), intervalMs: Number(match?.[2] ?? 50), firstMs: Number(match?.[3] ?? 50), id: match?.[4] ?? 'none' };
}

async function runRole(name: string): Promise<void> {
  if (name === 'upstream') {
    // The model provider, and a Sentry sink on a second port.
    const ttft = new Map<string, number>();
    const server = http.createServer((req, res) => {
      const started = performance.now();
      if (req.method === 'GET' && req.url?.startsWith('/ttft')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Object.fromEntries(ttft)));
        ttft.clear();
        return;
      }
      if (req.method === 'GET' && req.url?.startsWith('/models/')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'bench-model', object: 'model' }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const script = scriptOf(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = (delta: unknown, finish: string | null = null) =>
          res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
        setTimeout(() => {
          if (res.destroyed) return;
          chunk({ role: 'assistant', content: 'Word' });
          ttft.set(script.id, performance.now() - started);
          let sent = 1;
          const drip = () => {
            if (res.destroyed) return;
            if (sent < script.tokens) {
              chunk({ content: ` w${sent}` });
              sent += 1;
              setTimeout(drip, script.intervalMs);
              return;
            }
            chunk({}, 'stop');
            res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench-model', choices: [], usage: { prompt_tokens: 20, completion_tokens: script.tokens, total_tokens: 20 + script.tokens } })}\n\n`);
            res.end('data: [DONE]\n\n');
          };
          setTimeout(drip, script.intervalMs);
        }, script.firstMs);
      });
    });
    const sink = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    const [port, sinkPort] = [await listen(server), await listen(sink)];
    console.log(JSON.stringify({ ready: true, port, sinkPort }));
    return;
  }

  // Relays (the floors): POST /v1/chat { messages } -> SSE `delta` events, then `done`.
  const upstream = process.env.UPSTREAM_URL!;
  const relay = await relayFor(name, upstream);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { messages } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: Array<{ role: string; content: string }> };
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      relay(messages, (text) => res.write(`event: delta\ndata: ${JSON.stringify({ text })}\n\n`)).then(
        () => res.end('event: done\ndata: {}\n\n'),
        () => res.end('event: error\ndata: {}\n\n'),
      );
    });
  });
  console.log(JSON.stringify({ ready: true, port: await listen(server) }));
}

type Relay = (messages: Array<{ role: string; content: string }>, onText: (text: string) => void) => Promise<void>;

async function relayFor(name: string, upstream: string): Promise<Relay> {
  if (name === 'bare') {
    return (messages, onText) =>
      new Promise((resolve, reject) => {
        const target = new URL(`${upstream}/chat/completions`);
        const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
          let buffer = '';
          response.setEncoding('utf8');
          response.on('data', (text: string) => {
            buffer += text;
            let at = buffer.indexOf('\n\n');
            while (at >= 0) {
              const line = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              at = buffer.indexOf('\n\n');
              if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
              const content = (JSON.parse(line.slice(6)) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content;
              if (content) onText(content);
            }
          });
          response.on('end', () => resolve());
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end(JSON.stringify({ model: 'bench-model', stream: true, messages }));
      });
  }
  if (name === 'openai') {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: 'sk-bench', baseURL: upstream, maxRetries: 0 });
    return async (messages, onText) => {
      const stream = await client.chat.completions.create({ model: 'bench-model', stream: true, messages: messages as never, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta?.content;
        if (content) onText(content);
      }
    };
  }
  if (name === 'langchain') {
    const { ChatOpenAI } = await import('@langchain/openai');
    const model = new ChatOpenAI({ model: 'bench-model', apiKey: 'sk-bench', configuration: { baseURL: upstream }, streamUsage: true, maxRetries: 0 });
    return async (messages, onText) => {
      for await (const chunk of await model.stream(messages.map((m) => [m.role === 'user' ? 'human' : 'ai', m.content] as [string, string]))) {
        if (chunk.text) onText(chunk.text);
      }
    };
  }
  throw new Error(`unknown role ${name}`);
}

// ----- the run -------------------------------------------------------------------------------------------------------

interface Started {
  child: ChildProcess;
  url: string;
  sinkUrl?: string;
  stop(): Promise<void>;
}

async function startRole(name: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--role', name], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = out.split('\n').find((l) => l.includes('"ready":true'));
      if (ready) resolve(ready);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited ${code}`)));
  });
  child.stdout!.resume();
  const { port, sinkPort } = JSON.parse(line) as { port: number; sinkPort?: number };
  return { child, url: `http://127.0.0.1:${port}`, ...(sinkPort ? { sinkUrl: `http://127.0.0.1:${sinkPort}` } : {}), stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: exited ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startService(command: string[], env: Record<string, string>, health: string, cwd = root): Promise<Started> {
  const port = await freePort();
  const child = spawn(command[0]!, [...command.slice(1), ...(command.includes('next') ? ['-p', String(port), '-H', '127.0.0.1'] : [])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), ...env },
    // JSON logs are written as in production (to a pipe nobody reads costs the same as to a log collector's).
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}${health}`, child);
  return { child, url, stop: () => stopChild(child) };
}

/** The process's CPU time (user + system), in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

interface Target {
  name: string;
  /** Sends one chat; resolves with the client's time to first `delta` (ms) or throws. */
  chat(script: { tokens: number; intervalMs: number; firstMs: number; id: string }): Promise<number>;
  pid: number;
}

async function readUntilDone(response: Response, started: number): Promise<number> {
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let ttft = Number.NaN;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(ttft) && value.includes('event: delta')) ttft = performance.now() - started;
    text = (text + value).slice(-400);
  }
  if (!/event: done/.test(text)) throw new Error(`no done: ${text.slice(-200)}`);
  return ttft;
}

const content = (s: { tokens: number; intervalMs: number; firstMs: number; id: string }) => `Plan dinner [n=${s.tokens},ms=${s.intervalMs},first=${s.firstMs},id=${s.id}]`;

function relayTarget(name: string, started: Started): Target {
  return {
    name,
    pid: started.child.pid!,
    async chat(script) {
      const t0 = performance.now();
      const response = await fetch(`${started.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: content(script) }] }) });
      return readUntilDone(response, t0);
    },
  };
}

function agentTarget(name: string, started: Started): Target {
  return {
    name,
    pid: started.child.pid!,
    async chat(script) {
      const t0 = performance.now();
      const response = await fetch(`${started.url}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-chopsky-cook': randomUUID() },
        body: JSON.stringify({ messages: [{ role: 'user', content: content(script) }], runId: randomUUID() }),
      });
      return readUntilDone(response, t0);
    },
  };
}

function webTarget(started: Started): Target {
  return {
    name: 'web',
    pid: started.child.pid!,
    async chat(script) {
      const t0 = performance.now();
      const response = await fetch(`${started.url}/api/chat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: started.url,
          cookie: `chopsky_session=${signSessionValue(randomUUID(), SESSION_SECRET)}`,
          'x-real-ip': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        },
        body: JSON.stringify({ clientMessageId: randomUUID(), content: content(script) }),
      });
      return readUntilDone(response, t0);
    },
  };
}

/** `count` chats, `concurrency` at a time; the target's CPU over the batch. */
async function batch(target: Target, script: Omit<Parameters<Target['chat']>[0], 'id'>, count: number, concurrency: number): Promise<{ cpuMs: number; failures: number }> {
  const before = cpuMs(target.pid);
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        await target.chat({ ...script, id: randomUUID() }).catch(() => (failures += 1));
      }
    }),
  );
  return { cpuMs: cpuMs(target.pid) - before, failures };
}

interface CpuResult {
  name: string;
  perChatMs: number;
  perTokenUs: number;
  failures: number;
}

/**
 * Serves chats as a process that has been up for a while (a few hundred, long and short), so what is measured next is
 * the steady state, not the JIT compiling the code the first chats run. The floors get the same warm-up.
 */
async function warmUp(target: Target, quick: boolean): Promise<void> {
  await batch(target, SHORT, quick ? 60 : 600, 20);
  await batch(target, LONG, quick ? 5 : 20, 20);
}

/**
 * One round: the process's CPU over a batch of one-token chats (per chat) and one of long chats (per token). A process
 * that sat idle while the others were measured has shrunk its heap and gone cold in the caches, as a busy server never
 * does: a hundred unmeasured chats first bring it back.
 */
async function cpuOf(target: Target, quick: boolean): Promise<CpuResult> {
  const longChats = quick ? 20 : 40;
  const shortChats = quick ? 100 : 400;
  await batch(target, SHORT, quick ? 20 : 100, 20);
  const short = await batch(target, SHORT, shortChats, 20);
  const long = await batch(target, LONG, longChats, 20);
  const perChatMs = short.cpuMs / shortChats;
  const perTokenUs = ((long.cpuMs / longChats - perChatMs) / (LONG.tokens - SHORT.tokens)) * 1000;
  return { name: target.name, perChatMs: round(perChatMs, 3), perTokenUs: round(perTokenUs, 1), failures: short.failures + long.failures };
}

/** Each figure's median over the rounds (and every failure of every round). */
function medianOf(name: string, rounds: CpuResult[]): CpuResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    name,
    perChatMs: median(rounds.map((r) => r.perChatMs)),
    perTokenUs: median(rounds.map((r) => r.perTokenUs)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

interface CapacityResult {
  name: string;
  rate: number;
  chats: number;
  failures: number;
  p50: number;
  p95: number;
  p99: number;
  held: boolean;
}

/** What the upstream took to its first token for each request (by script id) since it was last asked; asking clears it. */
async function upstreamTtft(upstreamUrl: string): Promise<Record<string, number>> {
  return (await (await fetch(`${upstreamUrl}/ttft`)).json()) as Record<string, number>;
}

/**
 * First-token overheads (the client's time to the first `delta` minus the upstream's own for that request): how many,
 * and their percentiles in ms.
 */
function overheadsOf(upstream: Record<string, number>, results: ReadonlyArray<{ id: string; ttft: number }>) {
  const overheads = results.filter((r) => upstream[r.id] !== undefined).map((r) => r.ttft - upstream[r.id]!).sort((a, b) => a - b);
  const pct = (p: number) => round(overheads[Math.min(overheads.length - 1, Math.floor((p / 100) * overheads.length))] ?? Number.NaN, 1);
  return { count: overheads.length, pct };
}

/** Poisson arrivals at `rate` chats/s for `seconds`; first-token overhead per chat against the upstream's own. */
async function capacity(target: Target, upstreamUrl: string, rate: number, seconds: number): Promise<CapacityResult> {
  await upstreamTtft(upstreamUrl);
  const results: Array<{ id: string; ttft: number }> = [];
  let failures = 0;
  const inFlight: Array<Promise<void>> = [];
  const end = performance.now() + seconds * 1000;
  let at = performance.now();
  while (at < end) {
    at += -Math.log(1 - Math.random()) * (1000 / rate);
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = randomUUID();
    inFlight.push(
      target.chat({ ...CAPACITY, id }).then(
        (ttft) => void results.push({ id, ttft }),
        () => void (failures += 1),
      ),
    );
  }
  await Promise.all(inFlight);
  const { pct } = overheadsOf(await upstreamTtft(upstreamUrl), results);
  const p99 = pct(99);
  return { name: target.name, rate, chats: results.length + failures, failures, p50: pct(50), p95: pct(95), p99, held: failures === 0 && p99 < GOALS.p99Ms };
}

interface AtRestResult {
  name: string;
  chats: number;
  failures: number;
  p50: number;
  p90: number;
}

/**
 * First-token overhead with nothing else running: one chat at a time, each target in turn (so a drifting machine moves
 * them alike), overhead = the client's time to the first `delta` minus the upstream's own for that request. What the
 * path costs a cook before any load, the floor under the capacity levels' p99.
 */
async function atRest(targets: Array<{ name: string; target: Target }>, upstreamUrl: string, chats: number): Promise<AtRestResult[]> {
  await upstreamTtft(upstreamUrl);
  const sent = new Map<string, Array<{ id: string; ttft: number }>>(targets.map(({ name }) => [name, []]));
  const failures = new Map<string, number>(targets.map(({ name }) => [name, 0]));
  for (let i = 0; i < chats; i += 1) {
    for (const { name, target } of targets) {
      const id = randomUUID();
      await target.chat({ ...SHORT, id }).then(
        (ttft) => void sent.get(name)!.push({ id, ttft }),
        () => void failures.set(name, failures.get(name)! + 1),
      );
    }
  }
  // One read of the upstream's record for every path: reading it clears it.
  const upstream = await upstreamTtft(upstreamUrl);
  return targets.map(({ name }) => {
    const { count, pct } = overheadsOf(upstream, sent.get(name)!);
    return { name, chats: count, failures: failures.get(name)!, p50: pct(50), p90: pct(90) };
  });
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Part of the agent's cost per chat, measured alone in this process: the kitchen reading the bench's message into the
 * conversation's constraint ledger (agent/src/chef/understand.ts), as the agent does for every chat.
 */
function understandCost(): number {
  const understand = createUnderstanding(KITCHEN);
  // A new id in each message, as in the benchmark's chats: a word seen before is read faster (normalize.ts remembers
  // its corrections), so the same message again would flatter it.
  const chat = () => ({ messages: [{ role: 'user' as const, content: content({ ...SHORT, id: randomUUID() }) }], profile: {} });
  for (let i = 0; i < 200; i += 1) understand(chat());
  const started = performance.now();
  for (let i = 0; i < 1000; i += 1) understand(chat());
  return round((performance.now() - started) / 1000, 3);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'cpu-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run bench:scale [-- --quick] [-- --build] [-- --profile DIR] [-- --cpu-only]');
    return;
  }
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
  const quick = values.quick;
  if (values.build || !existsSync(path.join(root, 'agent', 'dist', 'server.js')) || !existsSync(path.join(root, 'frontend', '.next', 'BUILD_ID'))) {
    for (const workspace of ['agent', 'frontend']) {
      const build = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (build.status !== 0) throw new Error(`npm run build -w ${workspace} failed`);
    }
  }
  const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' / ');
  const loadBefore = load();
  const startedAt = new Date().toISOString();

  const upstream = await startRole('upstream');
  const upstreamApi = `${upstream.url}/v1`;
  const sentryDsn = `http://public@${new URL(upstream.sinkUrl!).host}/1`;
  const redis = await startRedisServer();
  const postgres = await startPostgresServer({ settings: { max_connections: '200' } });
  pushMigrations(postgres.url);
  const stops: Array<() => Promise<void>> = [() => upstream.stop(), () => redis.stop(), () => postgres.stop()];
  try {
    const agentEnv = (sentry: boolean) => ({
      APP_ENV: 'production',
      NODE_ENV: 'production',
      GATEWAY_TOKEN: TOKEN,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: upstreamApi,
      MODEL_ID: 'bench-model',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info',
      ...(sentry ? { SENTRY_DSN: sentryDsn } : {}),
    });
    const agentCommand = [process.execPath, ...profile, path.join(root, 'agent', 'dist', 'server.js')];

    // Every process is started first and measured in turns, ROUNDS rounds of one target after another, and each figure
    // is the median of its rounds: a machine whose speed drifts (shared cores, other tenants) then moves every target
    // alike, instead of whichever happened to run while it was slow.
    const targets: Array<{ name: string; target: Target }> = [];
    const cpuOnly: Started[] = [];
    for (const floor of values.profile ? [] : ['bare', 'openai', 'langchain']) {
      const started = await startRole(floor, { UPSTREAM_URL: upstreamApi });
      cpuOnly.push(started);
      targets.push({ name: floor, target: relayTarget(floor, started) });
    }
    if (!values.profile) {
      const plainAgent = await startService(agentCommand, agentEnv(false), '/health');
      cpuOnly.push(plainAgent);
      targets.push({ name: 'agent, Sentry off', target: agentTarget('agent, Sentry off', plainAgent) });
    }
    const agent = await startService(agentCommand, agentEnv(true), '/health');
    stops.unshift(() => agent.stop());
    targets.push({ name: 'agent', target: agentTarget('agent', agent) });
    // The same agent sending every delta as it comes (no frames, agent/src/http/delta-frames.ts), and a web app over it:
    // what the frames save, beside the goals' rows.
    const unframedAgent = values.profile ? undefined : await startService(agentCommand, { ...agentEnv(true), DELTA_FRAME_MS: '0' }, '/health');
    if (unframedAgent) {
      cpuOnly.push(unframedAgent);
      targets.push({ name: UNFRAMED, target: agentTarget(UNFRAMED, unframedAgent) });
    }
    const startWeb = (sentry: boolean, over = agent) =>
      startService(
        [process.execPath, ...profile, require.resolve('next/dist/bin/next', { paths: [path.join(root, 'frontend')] }), 'start'],
        {
          APP_ENV: 'production',
          AGENT_URL: over.url,
          GATEWAY_TOKEN: TOKEN,
          SESSION_SECRET,
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          ...(sentry ? { SENTRY_DSN: sentryDsn } : {}),
          AGENT_TIMEOUT_MS: '120000',
        },
        '/api/health',
        path.join(root, 'frontend'),
      );
    if (!values.profile) {
      const plainWeb = await startWeb(false);
      cpuOnly.push(plainWeb);
      targets.push({ name: 'web app, Sentry off', target: webTarget(plainWeb) });
    }
    const web = await startWeb(true);
    stops.unshift(() => web.stop());
    targets.push({ name: WEB, target: webTarget(web) });
    if (unframedAgent) {
      const webUnframed = await startWeb(true, unframedAgent);
      cpuOnly.push(webUnframed);
      targets.push({ name: WEB_UNFRAMED, target: webTarget(webUnframed) });
    }
    stops.unshift(() => Promise.all(cpuOnly.map((started) => started.stop())).then(() => undefined));

    for (const { target } of targets) await warmUp(target, quick);
    const rounds = new Map<string, CpuResult[]>(targets.map(({ name }) => [name, []]));
    for (let round = 0; round < (quick || values.profile ? 1 : ROUNDS); round += 1) {
      for (const { name, target } of targets) rounds.get(name)!.push(await cpuOf(target, quick));
    }
    const cpu = targets.map(({ name }) => medianOf(name, rounds.get(name)!));
    const rest = values.profile
      ? []
      : await atRest(
          targets.filter(({ name }) => ['bare', 'openai', 'langchain', 'agent', WEB].includes(name)),
          upstream.url,
          quick ? 15 : 60,
        );
    await Promise.all(cpuOnly.splice(0).map((started) => started.stop()));

    if (values.profile) {
      // A profiling run's figures carry the profiler's cost: printed, never written to the results.
      console.log(JSON.stringify(cpu, null, 2));
      return;
    }
    if (values['cpu-only']) {
      write({ startedAt, loadBefore, loadAfter: load(), quick, cpu, atRest: rest, capacity: [], understandMs: understandCost() });
      return;
    }
    const seconds = quick ? 5 : 10;
    const capacityResults: CapacityResult[] = [];
    const langchain = await startRole('langchain', { UPSTREAM_URL: upstreamApi });
    capacityResults.push(await capacity(relayTarget('LangChain relay (floor)', langchain), upstream.url, GOALS.agentRate, seconds));
    await langchain.stop();
    for (const rate of quick ? [80] : [50, 80, 100, 120]) capacityResults.push(await capacity(agentTarget('agent', agent), upstream.url, rate, seconds));
    // One replica of two workers (AGENT_WORKERS, agent/src/workers.ts) on the same 2 cores: capacity only (its CPU is
    // three processes').
    const workers = await startService(agentCommand, { ...agentEnv(true), AGENT_WORKERS: '2' }, '/health');
    stops.unshift(() => workers.stop());
    await warmUp(agentTarget(WORKERS, workers), quick);
    for (const rate of quick ? [80] : [80, 100, 120]) capacityResults.push(await capacity(agentTarget(WORKERS, workers), upstream.url, rate, seconds));
    await workers.stop();
    for (const rate of quick ? [40] : [20, 40, 60]) capacityResults.push(await capacity({ ...webTarget(web), name: 'web app + agent' }, upstream.url, rate, seconds));

    write({ startedAt, loadBefore, loadAfter: load(), quick, cpu, atRest: rest, capacity: capacityResults, understandMs: understandCost() });
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

function write(result: {
  startedAt: string;
  loadBefore: string;
  loadAfter: string;
  quick: boolean;
  cpu: CpuResult[];
  atRest: AtRestResult[];
  capacity: CapacityResult[];
  understandMs: number;
}): void {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU'}`;
  writeFileSync(path.join(dir, 'scale.json'), `${JSON.stringify({ command: COMMAND, machine, node: process.version, ...result }, null, 2)}\n`);
  const by = (name: string) => result.cpu.find((r) => r.name === name)!;
  const lc = by('langchain');
  const agent = by('agent');
  const off = by('agent, Sentry off');
  const web = by(WEB);
  const webOff = result.cpu.find((r) => r.name === 'web app, Sentry off');
  const met = (ok: boolean) => (ok ? 'yes' : 'no');
  const label = (name: string) =>
    name === 'bare' ? 'Floor: bare node:http relay' : name === 'openai' ? 'Floor: `openai` SDK relay' : name === 'langchain' ? 'Floor: LangChain `ChatOpenAI.stream()` relay' : name;
  const restOf = (name: string) => result.atRest.find((r) => r.name === name);
  const sentryPct = round(((agent.perChatMs * 1000 + agent.perTokenUs * (LONG.tokens - 1)) / (off.perChatMs * 1000 + off.perTokenUs * (LONG.tokens - 1)) - 1) * 100, 1);
  // The highest rate held with every lower rate tried held too: a rate held after a lower one failed is luck, not capacity.
  const heldAt = (name: string) => {
    let held = 0;
    for (const c of result.capacity.filter((r) => r.name === name).sort((a, b) => a.rate - b.rate)) {
      if (!c.held) break;
      held = c.rate;
    }
    return held;
  };
  const lines = [
    '## Scale: CPU per chat and capacity',
    '',
    `Command: \`${COMMAND}\` (scripts/bench-scale.ts), measured ${result.startedAt} on ${machine}, Node ${process.version}; load average ${result.loadBefore} before and ${result.loadAfter} after${result.quick ? ' (quick run: fewer chats)' : ''}. The machine has 2 cores and was shared with other work while it ran, and every process below (client, upstream, relays, agent, web app, Redis, PostgreSQL) shares them: the absolute figures are this machine's; the ratios to the floors, measured in the same run, are what the goals compare.`,
    '',
    'Production configuration: the built agent (APP_ENV=production, JSON logs at info, per-cook limits and runs in Redis, Sentry with its DSN at a local sink, trace sampling 10%) and `next start` on the PostgreSQL 15 server store with Redis and Sentry; each chat comes from a new cook and client address, so the limits are on and never refuse.',
    '',
    `CPU per relayed token and per chat (user + system CPU of the process, /proc), at steady state (each process first serves 600 one-token and 20 long chats, the floors too): per chat from 400 one-token replies, per token from 40 replies of ${LONG.tokens} tokens at 50 tokens/s, 20 at a time; every process is measured in turns, ${ROUNDS} rounds, and each figure is the median of its rounds.`,
    '',
    '| Process | per chat (ms) | per token (µs) | failed |',
    '|---|---:|---:|---:|',
    ...result.cpu.map((r) => `| ${label(r.name)} | ${r.perChatMs} | ${r.perTokenUs} | ${r.failures} |`),
    '',
    '| Goal | Measured | Met |',
    '|---|---|:---:|',
    `| agent CPU per token ≤ 1.15 × the LangChain relay's | ${round(agent.perTokenUs / lc.perTokenUs, 2)} × | ${met(agent.perTokenUs <= GOALS.tokenRatio * lc.perTokenUs)} |`,
    `| agent CPU per chat ≤ LangChain relay + 0.5 ms | + ${round(agent.perChatMs - lc.perChatMs, 2)} ms | ${met(agent.perChatMs - lc.perChatMs <= GOALS.chatOverMs)} |`,
    `| Sentry on ≤ +10% (a ${LONG.tokens}-token chat) | ${sentryPct >= 0 ? '+' : ''}${sentryPct}% | ${met(sentryPct <= GOALS.sentryPct)} |`,
    `| web route ≤ 80 µs per token over the agent | ${web.perTokenUs} µs | ${met(web.perTokenUs <= GOALS.webTokenUs)} |`,
    `| web route ≤ 5 ms per chat over the agent | ${web.perChatMs} ms | ${met(web.perChatMs <= GOALS.webChatMs)} |`,
    '',
    `Of the agent's CPU per chat, ${result.understandMs} ms is the kitchen reading the chat into its constraint ledger (agent/src/chef/understand.ts, timed alone in the benchmark's process on the same message); the rest over the LangChain relay is Express and its middleware, the limiter and the run's Redis commands (auto-pipelined: those issued in one tick leave in one write), Sentry's error capture, two log lines, and the tool definitions sent upstream. Of the web app's, ${webOff ? `${round(web.perChatMs - webOff.perChatMs, 2)} ms (the two web rows) is` : 'some is'} Sentry's per-request work (its scopes and Next.js's own non-recording spans; the chat routes are never sampled, the agent's event streams they read are not instrumented, and store calls get a span only in a sampled trace, lib/store-spans.ts); the rest is Next.js's request handling, the session, the two limits and the store's four calls (the profile and the recipe box, the turn, the finished reply). The agent sends a reply's text in frames (\`DELTA_FRAME_MS\`, 50 ms by default, agent/src/http/delta-frames.ts): the first token at once, then at most one \`delta\` per 50 ms with what the model wrote in between, so at this upstream's 50 tokens/s it writes about one event per 2.5 tokens where the floors write one per token; the rows "${UNFRAMED}" and "${WEB_UNFRAMED}" are the same agent and web app with every token sent as it comes (not the production default; beside the goals, not in them). Per token, the agent's extra over the LangChain relay is the tool loop's handling of each chunk and, once per frame, the run's event stream (resumable-stream buffers each event and hands it on through a web stream) and writing the event; the web app's, once per frame, is reading the agent's response (node:http, lib/agent-client.ts \`callAgent\`) and Next.js piping a web stream into the response; the relay itself (lib/runs/relay.ts) is a small part of it. Profile: \`${COMMAND} -- --profile DIR\`.`,
    '',
    `First-token overhead at rest: one one-token chat at a time, ${result.atRest[0]?.chats ?? 0} per path, the paths in turn; overhead = the client's time to the first delta minus the upstream's own, in ms. It is each path's cost to a cook before any load: the floor under the capacity levels' p99 below.`,
    '',
    '| Path | chats | failed | p50 | p90 |',
    '|---|---:|---:|---:|---:|',
    ...result.atRest.map((r) => `| ${label(r.name)} | ${r.chats} | ${r.failures} | ${r.p50} | ${r.p90} |`),
    '',
    ...(restOf('langchain') && restOf('agent') && restOf(WEB)
      ? [
          `At rest the web app adds ${round(restOf(WEB)!.p50 - restOf('agent')!.p50, 1)} ms (p50) to the agent's first token, and the agent ${round(restOf('agent')!.p50 - restOf('langchain')!.p50, 1)} ms to the LangChain relay's. The web app's part is its path before it calls the agent, one step after another: Next.js's request handling (with Sentry's), the session, the two limits (one Redis round trip), the profile and recipe-box reads (two PostgreSQL calls at once), reading the message into the conversation's ledger, storing the turn (one PostgreSQL call), and then the call itself. The agent's is Express's and Sentry's request handling, its limit and the run's start (a Redis round trip each), reading the chat into the ledger, and a larger request upstream (the tool definitions).`,
          '',
        ]
      : []),
    `Capacity, open loop: Poisson arrivals for ${result.quick ? 5 : 10} s at each rate; 1-second replies (first token after 50 ms, then 19 more 50 ms apart); first-token overhead = client's time to the first delta minus the upstream's own, in ms. Held: p99 < 50 ms and no failed chat.`,
    '',
    '| Path | chats/s | chats | failed | p50 | p95 | p99 | held |',
    '|---|---:|---:|---:|---:|---:|---:|:---:|',
    ...result.capacity.map((c) => `| ${c.name} | ${c.rate} | ${c.chats} | ${c.failures} | ${c.p50} | ${c.p95} | ${c.p99} | ${met(c.held)} |`),
    '',
    '| Goal | Measured | Met |',
    '|---|---|:---:|',
    `| one agent process ≥ 80 chats/s at p99 < 50 ms | held every rate tried up to ${heldAt('agent')} chats/s | ${met(heldAt('agent') >= GOALS.agentRate)} |`,
    `| web + agent on the PostgreSQL store ≥ 40 chats/s at p99 < 50 ms | held every rate tried up to ${heldAt('web app + agent')} chats/s | ${met(heldAt('web app + agent') >= GOALS.webRate)} |`,
    '',
    `Beside the goals (which ask it of one process): one agent replica running AGENT_WORKERS=2 (agent/src/workers.ts) on the same 2 cores held every rate tried up to ${heldAt(WORKERS)} chats/s.`,
    '',
  ];
  writeFileSync(path.join(dir, 'scale.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}
