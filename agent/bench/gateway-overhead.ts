/**
 * `npm run bench:agent`: what the agent adds to time-to-first-token. A local OpenAI-compatible upstream (its own
 * process) answers every call after a fixed first-token delay and records how long it itself took to its first token;
 * the agent (its own process, production configuration) sits in front; this process is the client. For each request:
 * overhead = time from sending the chat to receiving the first `delta` event, minus the upstream's own time to first
 * token for that same request (matched by an id in the message). Measured at 1, 50 and 200 concurrent streams.
 *
 * Writes bench/results/agent.json and bench/results/agent.md (assembled into docs/performance.md by `npm run bench`).
 * Loopback only; every loop is bounded.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCompiledAgent } from './compiled-agent';

const FIRST_TOKEN_DELAY_MS = 50;
/**
 * A reply streams for about a second (20 tokens, 50 ms apart), like a short model answer: "N concurrent streams" then
 * means N replies in flight, not N back-to-back 50 ms requests (which would offer thousands of chats per second).
 */
const TOKENS = ['Chana', ...Array.from({ length: 19 }, (_, i) => ` word${i}`)];
const TOKEN_INTERVAL_MS = 50;
const LEVELS = [
  { concurrency: 1, requests: 40, goalP99: 5 },
  { concurrency: 50, requests: 300, goalP99: undefined },
  { concurrency: 200, requests: 600, goalP99: 20 },
] as const;
const WARMUP_REQUESTS = 60;
const REQUEST_TIMEOUT_MS = 15_000;
const TOKEN = 'bench-gateway-token-0123456789abcdef';
const COMMAND = 'npm run bench:agent';
const root = path.resolve(__dirname, '..', '..');

/** Upstream role: runs in a child process so its event loop does not share time with the client's. */
async function runUpstream(): Promise<void> {
  const ttftById = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const started = performance.now();
    if (req.method === 'GET' && req.url === '/ttft') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Object.fromEntries(ttftById)));
      ttftById.clear();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = /bench-req-(\d+)/.exec(body)?.[1] ?? 'unknown';
      const model = /"model":"([^"]+)"/.exec(body)?.[1] ?? 'bench-model';
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      const chunk = (delta: unknown, finish: string | null = null) =>
        res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
      setTimeout(() => {
        chunk({ role: 'assistant', content: TOKENS[0] });
        ttftById.set(id, performance.now() - started);
        let next = 1;
        const drip = setInterval(() => {
          if (res.destroyed) return clearInterval(drip);
          if (next < TOKENS.length) {
            chunk({ content: TOKENS[next] });
            next += 1;
            return;
          }
          clearInterval(drip);
          chunk({}, 'stop');
          res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: 20, completion_tokens: TOKENS.length, total_tokens: 20 + TOKENS.length } })}\n\n`);
          res.end('data: [DONE]\n\n');
        }, TOKEN_INTERVAL_MS);
      }, FIRST_TOKEN_DELAY_MS);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.send?.({ port: (server.address() as AddressInfo).port });
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const upstream = spawn(process.execPath, ['--import', 'tsx', __filename, '--role', 'upstream'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [{ port: upstreamPort }] = (await once(upstream, 'message')) as [{ port: number }];

  const agent = await startCompiledAgent({ GATEWAY_TOKEN: TOKEN, OPENAI_BASE_URL: `http://127.0.0.1:${upstreamPort}/v1`, MODEL_ID: 'bench-model' });
  const agentPort = Number(new URL(agent.url).port);

  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1_000 });
  let nextId = 0;
  type Target = 'agent' | 'direct' | 'langchain';
  /**
   * The LangChain client the agent must use (ChatOpenAI, `.stream()`), here in the client process calling the upstream
   * directly: what that client costs by itself, with no HTTP server, validation or tools around it.
   */
  const langchain = new ChatOpenAI({
    model: 'bench-model',
    apiKey: 'sk-bench',
    configuration: { baseURL: `http://127.0.0.1:${upstreamPort}/v1` },
    streamUsage: true,
    maxRetries: 0,
  });
  const viaLangChain = async (): Promise<{ id: string; ttfb: number }> => {
    const id = String(nextId++);
    const started = performance.now();
    let ttfb: number | undefined;
    for await (const chunk of await langchain.stream([new HumanMessage(`What is for dinner? bench-req-${id}`)], { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })) {
      if (ttfb === undefined && chunk.text) ttfb = performance.now() - started;
    }
    if (ttfb === undefined) throw new Error('no text from the upstream through LangChain');
    return { id, ttfb };
  };
  /** `direct` calls the upstream itself: the noise floor of this machine and client, with no agent in between. */
  const one = (target: Target): Promise<{ id: string; ttfb: number }> =>
    target === 'langchain' ? viaLangChain() : new Promise((resolve, reject) => {
      const id = String(nextId++);
      const messages = [{ role: 'user', content: `What is for dinner? bench-req-${id}` }];
      const body = JSON.stringify(target === 'agent' ? { messages } : { model: 'bench-model', stream: true, messages });
      const firstToken = target === 'agent' ? 'event: delta' : `"content":"${TOKENS[0]}"`;
      const started = performance.now();
      let responseStatus: number | undefined;
      const req = http.request(
        {
          host: '127.0.0.1',
          port: target === 'agent' ? agentPort : upstreamPort,
          path: target === 'agent' ? '/v1/chat' : '/v1/chat/completions',
          method: 'POST',
          agent: keepAlive,
          // A new cook per chat: the production limits stay on (per cook) and the load is many cooks, as in production.
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-chopsky-cook': randomUUID() },
        },
        (res) => {
          responseStatus = res.statusCode;
          let ttfb: number | undefined;
          let seen = '';
          res.on('data', (chunk: Buffer) => {
            if (ttfb !== undefined) return;
            seen += chunk.toString('utf8');
            if (seen.includes(firstToken)) ttfb = performance.now() - started;
          });
          res.on('end', () => (ttfb === undefined ? reject(new Error(`no delta (status ${res.statusCode}): ${seen.slice(0, 300)}`)) : resolve({ id, ttfb })));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      // Bounded: a stuck request fails the bench with what it saw instead of hanging it.
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${target} request ${id} idle for ${REQUEST_TIMEOUT_MS} ms (response ${responseStatus === undefined ? 'not started' : `started, status ${responseStatus}`})`)));
      req.end(body);
    });

  const runLevel = async (target: Target, concurrency: number, requests: number) => {
    const results: Array<{ id: string; ttfb: number }> = [];
    let issued = 0;
    const worker = async () => {
      while (issued < requests) {
        issued += 1;
        results.push(await one(target));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const ttftRes = await fetch(`http://127.0.0.1:${upstreamPort}/ttft`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const ttftById = (await ttftRes.json()) as Record<string, number>;
    return results.map(({ id, ttfb }) => {
      const upstreamTtft = ttftById[id];
      if (upstreamTtft === undefined) throw new Error(`upstream has no record of request ${id}`);
      return ttfb - upstreamTtft;
    });
  };

  /** CPU time (user + system) the agent process has used so far, from /proc (Linux), in ms. */
  const agentCpuMs = (): number => {
    const fields = readFileSync(`/proc/${agent.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  const summarise = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [50, 95, 99].map((p) => round2(percentile(sorted, p))) as [number, number, number];
  };

  await runLevel('agent', 20, WARMUP_REQUESTS);
  await runLevel('direct', 20, WARMUP_REQUESTS);
  await runLevel('langchain', 20, WARMUP_REQUESTS);
  const rows = [];
  const cpuRows: Array<{ concurrency: number; cpuMsPerChat: number }> = [];
  for (const level of LEVELS) {
    const floors: Array<{ target: Target; name: string }> = [
      { target: 'direct', name: `Noise floor: the same client calling the upstream directly, ${level.concurrency} concurrent (n=${level.requests})` },
      {
        target: 'langchain',
        name: `Library floor: LangChain's ChatOpenAI .stream() in the client, calling the upstream directly, ${level.concurrency} concurrent (n=${level.requests})`,
      },
    ];
    for (const floor of floors) {
      const [p50, p95, p99] = summarise(await runLevel(floor.target, level.concurrency, level.requests));
      rows.push({ name: floor.name, unit: 'ms', p50, p95, p99, goal: null, met: null });
      console.log(`${floor.target}, ${level.concurrency} concurrent: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms`);
    }
    const cpuBefore = agentCpuMs();
    const [p50, p95, p99] = summarise(await runLevel('agent', level.concurrency, level.requests));
    cpuRows.push({ concurrency: level.concurrency, cpuMsPerChat: round2((agentCpuMs() - cpuBefore) / level.requests) });
    const row = {
      name: `TTFT overhead through the agent, ${level.concurrency} concurrent stream${level.concurrency === 1 ? '' : 's'} (n=${level.requests})`,
      unit: 'ms',
      p50,
      p95,
      p99,
      goal: level.goalP99 === undefined ? null : `p99 < ${level.goalP99} ms`,
      met: level.goalP99 === undefined ? null : p99 < level.goalP99,
    };
    rows.push(row);
    console.log(`${row.name}: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms${row.goal ? ` (goal ${row.goal}: ${row.met ? 'met' : 'NOT met'})` : ''}`);
    console.log(`agent CPU per streamed chat at ${level.concurrency} concurrent: ${cpuRows.at(-1)?.cpuMsPerChat} ms`);
  }

  keepAlive.destroy();
  upstream.kill('SIGTERM');
  await Promise.all([agent.stop(), once(upstream, 'exit')]);

  const machine = { cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`, node: process.version, loadAverage1m: round2(os.loadavg()[0] ?? 0) };
  const measuredAt = new Date().toISOString();
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'agent.json'), `${JSON.stringify({ area: 'agent', command: COMMAND, machine, measuredAt, rows, agentCpuPerChat: cpuRows }, null, 2)}\n`);
  const table = rows.map((r) => `| ${r.name} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.goal ?? '—'} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`).join('\n');
  writeFileSync(
    path.join(outDir, 'agent.md'),
    `## Agent: gateway overhead on time to first token

Command: \`${COMMAND}\` (agent/bench/gateway-overhead.ts), measured ${measuredAt} on ${machine.cpus}, Node ${machine.node}
(1-minute load average ${machine.loadAverage1m} at the end of the run).

Time from sending \`POST /v1/chat\` to the first \`delta\` event, minus the local upstream's own time to first token for
the same request (fixed ${FIRST_TOKEN_DELAY_MS} ms first-token delay, then ${TOKENS.length - 1} more tokens ${TOKEN_INTERVAL_MS} ms apart, so
each reply is in flight for about ${Math.round((FIRST_TOKEN_DELAY_MS + (TOKENS.length - 1) * TOKEN_INTERVAL_MS) / 100) / 10} s). The agent runs as in production
(\`node agent/dist/server.js\` after \`npm run build -w agent\`, JSON logs at info, rate limiter, kitchen tools bound), the
upstream and the client in separate processes, all on 127.0.0.1.
The "noise floor" rows measure the same thing with no agent in between (the client calling the upstream directly):
what this machine adds by itself at that concurrency. The "library floor" rows put the LangChain client the agent is
required to use (\`ChatOpenAI\`, \`.stream()\`) in the client process, calling the upstream directly, with no HTTP
server, validation or tools around it: what that client alone adds on this machine.

| Measure | p50 (ms) | p95 (ms) | p99 (ms) | Goal | Met |
|---|---|---|---|---|---|
${table}

Agent CPU time (user + system, from /proc) per streamed chat, ${TOKENS.length} tokens each: ${cpuRows.map((r) => `${r.cpuMsPerChat} ms at ${r.concurrency} concurrent`).join(', ')}.
`,
  );
  console.log(`bench:agent: wrote bench/results/agent.json and bench/results/agent.md`);
}

if (process.argv.includes('--role') && process.argv[process.argv.indexOf('--role') + 1] === 'upstream') {
  void runUpstream();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
