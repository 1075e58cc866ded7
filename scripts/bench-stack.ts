/**
 * `npm run bench:stack`: the whole stack side by side, in one run, against one local OpenAI-compatible upstream with a
 * fixed first-token delay and a fixed token cadence (agent/test/support/fake-openai.ts):
 *   direct  — the upstream itself (the physical limit),
 *   agent   — the built agent (node agent/dist/server.js) in front of it,
 *   web     — the built web app (next start) POST /api/chat in front of the agent, on the embedded database (PGlite).
 * At 1, 50, 200 and 1,000 concurrent streams: time to first token and total time (p50/p95/p99), what each layer adds
 * over the direct call at the same concurrency, the ratio to it, errors, and the agent's resident memory.
 * Everything listens on 127.0.0.1. Writes bench/results/stack.json and bench/results/stack.md.
 *
 * Usage: npm run bench:stack [-- --levels 1,50,200,1000] [-- --paths direct,agent,web] [-- --store pglite|postgres] [-- --build]
 *   --store   the web app's database: the embedded PGlite (default, as `npm start` runs) or a PostgreSQL 15 server
 *             started for the run (frontend/tests/support/postgres-server.ts, migrations by the Supabase CLI).
 *   --build   rebuild the agent (tsc) and the web app (next build) first; by default existing builds are used when
 *             present, so the bench never races a build someone else is running in the same checkout.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from '../agent/test/support/fake-openai';
import { freePort } from '../agent/test/support/spawn-agent';
import { SESSION_COOKIE, signSessionValue } from '../frontend/lib/session';
import { pushMigrations } from '../frontend/tests/db/supabase-cli';
import { startPostgresServer, type PostgresServer } from '../frontend/tests/support/postgres-server';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '1,50,200,1000' },
    paths: { type: 'string', default: 'direct,agent,web' },
    build: { type: 'boolean', default: false },
    store: { type: 'string', default: 'pglite' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run bench:stack [-- --levels 1,50,200,1000] [-- --paths direct,agent,web] [-- --store pglite|postgres] [-- --build]');
  process.exit(0);
}

const LEVELS = values.levels.split(',').map(Number);
if (values.store !== 'pglite' && values.store !== 'postgres') throw new Error('--store must be pglite or postgres');
const STORE_LABEL = values.store === 'postgres' ? 'PostgreSQL 15 server (pg pool of 10)' : 'PGlite (embedded)';
const PATHS = values.paths.split(',') as Array<'direct' | 'agent' | 'web'>;
/** The upstream's fixed behaviour: what "the physical limit" means here. */
const UPSTREAM = { firstTokenDelayMs: 100, tokens: 10, tokenIntervalMs: 20 };
/** Samples per level: enough for a p99 at low concurrency, one wave at high concurrency. */
const samplesFor = (concurrency: number) => Math.max(concurrency, concurrency === 1 ? 60 : concurrency * 2 > 400 ? concurrency : concurrency * 2);
const GATEWAY_TOKEN = `bench-gateway-token-${randomUUID()}`;
const SESSION_SECRET = `bench-session-secret-${randomUUID()}`;
const REQUEST_TIMEOUT_MS = 180_000;

interface Sample {
  ttftMs: number;
  totalMs: number;
}
interface LevelResult {
  path: string;
  concurrency: number;
  samples: Sample[];
  errors: number;
  errorKinds: Record<string, number>;
  wallMs: number;
  agentRssPeakMb?: number;
  webRssPeakMb?: number;
}

function log(message: string) {
  console.log(`bench:stack: ${message}`);
}

function run(command: string, args: string[], cwd: string) {
  log(`$ ${command} ${args.join(' ')}  (in ${path.relative(root, cwd) || '.'})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 50 ms while `work` runs; returns the peak. */
async function withRssPeak<T>(pid: number | undefined, work: () => Promise<T>): Promise<{ result: T; peakMb?: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now !== undefined && (peak === undefined || now > peak)) peak = now;
  }, 50);
  try {
    return { result: await work(), peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited before serving ${url}:\n${output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startProcess(command: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * One stream, timed from just before the request to the first token and to the end. `firstToken` and `isEnd` read the
 * protocol of the layer (OpenAI chunks for direct, our SSE events for the agent and the web app).
 */
async function timeStream(
  request: () => Promise<Response>,
  firstToken: (block: string) => boolean,
  isEnd: (block: string) => boolean,
  isFailure: (block: string) => boolean,
): Promise<Sample | { error: string }> {
  const started = performance.now();
  let ttft: number | undefined;
  try {
    const response = await request();
    if (response.status !== 200 || !response.body) {
      await response.arrayBuffer().catch(() => undefined);
      return { error: `http ${response.status}` };
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf('\n\n');
        if (ttft === undefined && firstToken(block)) ttft = performance.now() - started;
        if (isFailure(block)) return { error: 'error event' };
        if (isEnd(block)) {
          const totalMs = performance.now() - started;
          void response.body.cancel().catch(() => undefined);
          return ttft === undefined ? { error: 'no token' } : { ttftMs: ttft, totalMs };
        }
      }
    }
    return { error: 'stream ended early' };
  } catch (error) {
    return { error: (error as Error).name === 'TimeoutError' ? 'timeout' : `network ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}` };
  }
}

async function runLevel(pathName: string, concurrency: number, one: (index: number) => Promise<Sample | { error: string }>) {
  const total = samplesFor(concurrency);
  const samples: Sample[] = [];
  const errorKinds: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next;
        next += 1;
        const result = await one(index);
        if ('error' in result) errorKinds[result.error] = (errorKinds[result.error] ?? 0) + 1;
        else samples.push(result);
      }
    }),
  );
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return { path: pathName, concurrency, samples, errors, errorKinds, wallMs: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

async function main() {
  const measuredAt = new Date().toISOString();
  const loadBefore = os.loadavg();
  if (values.build || !existsSync(path.join(root, 'agent', 'dist', 'server.js'))) run('npm', ['run', 'build', '-w', 'agent'], root);
  if (PATHS.includes('web') && (values.build || !existsSync(path.join(root, 'frontend', '.next', 'BUILD_ID')))) {
    run('npx', ['next', 'build'], path.join(root, 'frontend'));
  }

  const fake = await startFakeOpenAI({
    bench: { firstTokenDelayMs: UPSTREAM.firstTokenDelayMs, tokenIntervalMs: UPSTREAM.tokenIntervalMs, tokens: Array.from({ length: UPSTREAM.tokens }, (_, i) => ` t${i}`) },
  });
  const agentPort = await freePort();
  const agent = startProcess(process.execPath, [path.join(root, 'agent', 'dist', 'server.js')], root, {
    NODE_ENV: 'production',
    APP_ENV: 'test',
    PORT: String(agentPort),
    GATEWAY_TOKEN,
    OPENAI_API_KEY: 'sk-bench-local-upstream',
    OPENAI_BASE_URL: fake.url,
    MODEL_ID: 'bench',
    MODEL_FIRST_TOKEN_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    MODEL_TOTAL_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    LOG_LEVEL: 'info',
  });
  const agentUrl = `http://127.0.0.1:${agentPort}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chopsky-bench-'));
  let postgres: PostgresServer | undefined;
  let web: ReturnType<typeof startProcess> | undefined;
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const results: LevelResult[] = [];
  const agentRssIdleMb: { before?: number; after?: number } = {};
  try {
    await waitForHttp(`${agentUrl}/health/ready`, agent.child, agent.output);
    if (PATHS.includes('web') && values.store === 'postgres') {
      postgres = await startPostgresServer({ settings: { max_connections: '200' } });
      log('applying migrations to the PostgreSQL 15 server with the Supabase CLI');
      pushMigrations(postgres.url);
    }
    if (PATHS.includes('web')) {
      web = startProcess(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(webPort), '-H', '127.0.0.1'], path.join(root, 'frontend'), {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        APP_ENV: 'development',
        AGENT_URL: agentUrl,
        GATEWAY_TOKEN,
        AGENT_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        SESSION_SECRET,
        ...(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir }),
      });
      await waitForHttp(`${webUrl}/api/health`, web.child, web.output, 120_000);
    }

    const body = (text: string) => JSON.stringify({ messages: [{ role: 'user', content: text }] });
    // Production limits stay on (per cook, at the web app and the agent; a replica streams at most
    // MAX_CONCURRENT_STREAMS): the load is many cooks, one new cook per chat.
    const newCook = () => `${SESSION_COOKIE}=${signSessionValue(randomUUID(), SESSION_SECRET)}`;
    const newAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const hasEvent = (name: string) => (block: string) => block.startsWith(`event: ${name}\n`) || block.includes(`\nevent: ${name}\n`);
    const one: Record<string, (index: number) => Promise<Sample | { error: string }>> = {
      direct: () =>
        timeStream(
          () =>
            fetch(`${fake.url}/chat/completions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-local-upstream' },
              body: JSON.stringify({ model: 'bench', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Plan dinner' }] }),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            }),
          (block) => /"content":"[^"]/.test(block),
          (block) => block.includes('data: [DONE]'),
          () => false,
        ),
      agent: () =>
        timeStream(
          () =>
            fetch(`${agentUrl}/v1/chat`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_TOKEN}`, 'x-chopsky-cook': randomUUID() },
              body: body('Plan dinner'),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            }),
          hasEvent('delta'),
          hasEvent('done'),
          hasEvent('error'),
        ),
      web: () =>
        timeStream(
          () =>
            fetch(`${webUrl}/api/chat`, {
              method: 'POST',
              // A new cook from a new address each time (the web app limits per cook and per address, as on Vercel).
              headers: { 'content-type': 'application/json', origin: webUrl, cookie: newCook(), 'x-real-ip': newAddress() },
              body: JSON.stringify({ clientMessageId: randomUUID(), content: 'Plan dinner' }),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            }),
          hasEvent('delta'),
          hasEvent('done'),
          hasEvent('error'),
        ),
    };

    // Warm up every path (JIT, connection pools, the embedded database's first open and migrations).
    for (const name of PATHS) {
      for (let i = 0; i < 5; i += 1) {
        const warm = await one[name]?.(i);
        if (warm && 'error' in warm) log(`warm-up ${name}: ${warm.error}`);
      }
    }
    agentRssIdleMb.before = rssMb(agent.child.pid);

    for (const concurrency of LEVELS) {
      for (const name of PATHS) {
        const work = one[name];
        if (!work) continue;
        const agentPid = name === 'direct' ? undefined : agent.child.pid;
        const { result, peakMb } = await withRssPeak(agentPid, () => runLevel(name, concurrency, work));
        const webPeak = name === 'web' ? rssMb(web?.child.pid) : undefined;
        results.push({ ...result, agentRssPeakMb: peakMb, webRssPeakMb: webPeak });
        const ttft = stats(result.samples.map((s) => s.ttftMs));
        log(`${name.padEnd(6)} c=${String(concurrency).padEnd(4)} n=${result.samples.length} errors=${result.errors} ttft p50=${round(ttft.p50)} p99=${round(ttft.p99)} ms${peakMb ? ` agent rss peak=${round(peakMb)} MB` : ''}`);
        // Let sockets and the upstream settle so one level's tail does not bleed into the next.
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    agentRssIdleMb.after = rssMb(agent.child.pid);
  } finally {
    if (web) await stop(web.child);
    await postgres?.stop();
    await stop(agent.child);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  writeResults({ results, measuredAt, loadBefore, agentRssIdleMb });
}

function writeResults({ results, measuredAt, loadBefore, agentRssIdleMb }: {
  results: LevelResult[];
  measuredAt: string;
  loadBefore: number[];
  agentRssIdleMb: { before?: number; after?: number };
}) {
  const command = `npm run bench:stack${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const machine = { cpus: os.cpus().length, node: process.version, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverageBefore: loadBefore.map((l) => round(l, 2)), loadAverageAfter: os.loadavg().map((l) => round(l, 2)) };
  const direct = new Map(results.filter((r) => r.path === 'direct').map((r) => [r.concurrency, r]));
  const rows: Array<{ name: string; unit: string; p50: number | null; p95: number | null; p99: number | null; goal?: string; met?: boolean }> = [];
  const table: string[] = [];

  for (const result of results) {
    const ttft = stats(result.samples.map((s) => s.ttftMs));
    const total = stats(result.samples.map((s) => s.totalMs));
    const label = `${result.path} c=${result.concurrency}`;
    rows.push({ name: `${label} time to first token`, unit: 'ms', p50: round(ttft.p50), p95: round(ttft.p95), p99: round(ttft.p99) });
    rows.push({ name: `${label} total time`, unit: 'ms', p50: round(total.p50), p95: round(total.p95), p99: round(total.p99) });
    const base = direct.get(result.concurrency);
    if (result.path !== 'direct' && base) {
      const baseTtft = stats(base.samples.map((s) => s.ttftMs));
      const baseTotal = stats(base.samples.map((s) => s.totalMs));
      const added = (a: number, b: number) => round(a - b);
      const addedTtft = { p50: added(ttft.p50, baseTtft.p50), p95: added(ttft.p95, baseTtft.p95), p99: added(ttft.p99, baseTtft.p99) };
      // The agent's own goal (issue 2): p99 overhead on the first token under 5 ms at 1 stream and under 20 ms at 200.
      const goalMs = result.path === 'agent' ? ({ 1: 5, 200: 20 } as Record<number, number>)[result.concurrency] : undefined;
      rows.push({
        name: `${label} added time to first token`,
        unit: 'ms',
        ...addedTtft,
        ...(goalMs !== undefined ? { goal: `p99 < ${goalMs} ms`, met: addedTtft.p99 !== null && addedTtft.p99 < goalMs } : {}),
      });
      rows.push({ name: `${label} added total time`, unit: 'ms', p50: added(total.p50, baseTotal.p50), p95: added(total.p95, baseTotal.p95), p99: added(total.p99, baseTotal.p99) });
      rows.push({ name: `${label} total time ratio to direct`, unit: '×', p50: round(total.p50 / baseTotal.p50, 2), p95: round(total.p95 / baseTotal.p95, 2), p99: round(total.p99 / baseTotal.p99, 2) });
    }
    const errorText = result.errors === 0 ? '0' : `${result.errors} (${Object.entries(result.errorKinds).map(([k, v]) => `${k}: ${v}`).join(', ')})`;
    const baseRow = direct.get(result.concurrency);
    const baseTtftP = baseRow ? stats(baseRow.samples.map((s) => s.ttftMs)) : undefined;
    const baseTotalP = baseRow ? stats(baseRow.samples.map((s) => s.totalMs)) : undefined;
    const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
    const addedCell = (value: { p50: number; p95: number; p99: number }, baseValue?: { p50: number; p95: number; p99: number }) =>
      result.path === 'direct' || !baseValue ? '—' : `${fmt(value.p50 - baseValue.p50)} / ${fmt(value.p95 - baseValue.p95)} / ${fmt(value.p99 - baseValue.p99)}`;
    table.push(
      `| ${result.path} | ${result.concurrency} | ${result.samples.length + result.errors} | ${errorText} | ${fmt(ttft.p50)} / ${fmt(ttft.p95)} / ${fmt(ttft.p99)} | ${addedCell(ttft, baseTtftP)} | ${fmt(total.p50)} / ${fmt(total.p95)} / ${fmt(total.p99)} | ${addedCell(total, baseTotalP)} | ${result.path === 'direct' || !baseTotalP ? '1.00' : (total.p50 / baseTotalP.p50).toFixed(2)} | ${result.agentRssPeakMb ? result.agentRssPeakMb.toFixed(0) : '—'} |`,
    );
  }

  const json = {
    area: 'stack',
    command,
    machine,
    measuredAt,
    upstream: { ...UPSTREAM, idealTotalMs: UPSTREAM.firstTokenDelayMs + (UPSTREAM.tokens - 1) * UPSTREAM.tokenIntervalMs },
    webStore: STORE_LABEL,
    agentRssIdleMb: { before: agentRssIdleMb.before && round(agentRssIdleMb.before), after: agentRssIdleMb.after && round(agentRssIdleMb.after) },
    levels: results.map((r) => ({ path: r.path, concurrency: r.concurrency, requests: r.samples.length + r.errors, errors: r.errors, errorKinds: r.errorKinds, wallMs: round(r.wallMs), agentRssPeakMb: r.agentRssPeakMb && round(r.agentRssPeakMb), webRssPeakMb: r.webRssPeakMb && round(r.webRssPeakMb) })),
    rows,
  };
  writeFileSync(path.join(root, 'bench', 'results', 'stack.json'), `${JSON.stringify(json, null, 2)}\n`);

  const md = `## Whole stack: direct upstream vs agent vs web app

Measured ${measuredAt} with \`${command}\` (scripts/bench-stack.ts) on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node};
load average ${machine.loadAverageBefore.join(' / ')} before and ${machine.loadAverageAfter.join(' / ')} after (other work on the machine shows here).
One local OpenAI-compatible upstream: first token after ${UPSTREAM.firstTokenDelayMs} ms, then ${UPSTREAM.tokens} tokens ${UPSTREAM.tokenIntervalMs} ms apart
(ideal total ${json.upstream.idealTotalMs} ms). **direct** calls it; **agent** is \`node agent/dist/server.js\` in front of it;
**web** is \`next start\` \`POST /api/chat\` (guest cookie, same origin, a new conversation per request, stored in
${STORE_LABEL}) in front of that agent. All on 127.0.0.1, measured in one run. "Added" is the layer's percentile minus the
direct call's percentile at the same concurrency; "ratio" is total time p50 over direct's. Times in ms, p50 / p95 / p99.
Agent RSS is its peak resident memory during the level (idle after warm-up: ${agentRssIdleMb.before?.toFixed(0) ?? '—'} MB).

| path | concurrent | requests | errors | first token | added first token | total | added total | ratio | agent RSS MB |
|---|---:|---:|---|---|---|---|---|---:|---:|
${table.join('\n')}
`;
  writeFileSync(path.join(root, 'bench', 'results', 'stack.md'), md);
  log('wrote bench/results/stack.json and bench/results/stack.md');
  console.log(md);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
