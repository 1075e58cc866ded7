/**
 * `npm run bench:web`: what the web app adds between a cook pressing Send and the first token painted in Chromium,
 * and how much JavaScript the chat page loads first.
 *
 * Stack: a local OpenAI-compatible upstream with a fixed first-token delay -> the agent as Railway runs it (compiled,
 * production configuration; agent/bench/compiled-agent.ts) -> the production build of the web app (`next start`) ->
 * Debian's Chromium. The web app is measured twice, once per store:
 *   - a PostgreSQL 15 server on loopback (DATABASE_URL), as in production, where the database is a server (Supabase);
 *   - the embedded PGlite that `npm start` uses, which runs inside the web app's own process.
 * Per send, added time = (first token painted − Enter pressed, measured in the page) − the upstream's own time to first
 * token for that request (measured in the upstream). "Enter pressed" is the key event's timestamp, so a busy main thread
 * delaying the key handler counts too. The added time therefore includes the browser's request, the route handler
 * (validation, session, the profile read and three rows written), the agent's overhead, and React rendering the first
 * token; it excludes only the model's own latency. Each send is also split into three stages on the wall clock the page
 * and the upstream share.
 *
 * Everything (browser, web app, agent, database, upstream) shares this machine's cores, as it never does in production.
 *
 * First-load JS: every script the browser fetches from /_next/static while loading the chat page, gzipped (level 9)
 * and summed, which is what the page costs a phone on first visit.
 *
 * Usage: npm run bench:web [-- --runs 100] [-- --no-build]
 * Writes bench/results/web.json and bench/results/web.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from '@playwright/test';
import { startCompiledAgent } from '../../agent/bench/compiled-agent';
import { FLOOR_PAGE, type FloorRoute, NEXT_FLOOR_DIR, startFloorServer } from './browser-floor';
import { pushMigrations } from '../tests/db/supabase-cli';
import { freePort } from '../tests/support/agent-process';
import { startUpstream, type Upstream } from '../tests/support/openai-upstream';
import { startPostgresServer } from '../tests/support/postgres-server';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100' }, warmup: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const FIRST_TOKEN_DELAY_MS = 150;
const GOAL_P95_MS = 50;
const GOAL_JS_KB = 150;
const root = path.resolve(__dirname, '..', '..');
const frontend = path.join(root, 'frontend');
const GATEWAY_TOKEN = 'bench-gateway-token-0123456789';

type StoreKind = 'postgres' | 'embedded';
const STORES: { kind: StoreKind; label: string }[] = [
  { kind: 'postgres', label: 'PostgreSQL server, as in production' },
  { kind: 'embedded', label: 'embedded PGlite, as `npm start`' },
];
// The same sends against a plain page with no web app behind it (browser-floor.ts): what this machine costs by itself.
const FLOORS: { route: FloorRoute; label: string }[] = [
  { route: 'direct', label: 'Floor, no web app and no agent: plain page → bare relay → upstream' },
  { route: 'langchain', label: 'Floor with the required client: plain page → relay calling LangChain ChatOpenAI .stream() → upstream' },
  { route: 'agent', label: 'Floor with the agent: plain page → bare relay → the agent → upstream' },
];
const NEXT_FLOOR_LABEL = 'Floor with the required framework and the agent: plain page → bare Next.js route handler (next start) → the agent → upstream';

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

/** `next start` of a built app in `cwd`, ready once `readyPath` answers 2xx. */
async function startNext(cwd: string, readyPath: string, env: Record<string, string>): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const web = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (web.exitCode !== null) throw new Error('next start exited');
    if (Date.now() > deadline) {
      web.kill('SIGKILL');
      throw new Error(`next start in ${cwd} did not become ready`);
    }
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // Not yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { url, stop: () => web.kill('SIGTERM') };
}

function startWeb(agentUrl: string, store: Record<string, string>) {
  return startNext(frontend, '/api/health/ready', {
    AGENT_URL: agentUrl, GATEWAY_TOKEN, APP_ENV: 'test', SUPABASE_URL: '', SUPABASE_SECRET_KEY: '', DATABASE_URL: '', DATA_DIR: '', ...store,
  });
}

/** First-load JavaScript of the chat page, in a fresh context (empty cache): gzipped KB and the number of scripts. */
async function firstLoadJs(browser: Browser, url: string): Promise<{ kb: number; scripts: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script' && new URL(response.url()).pathname.startsWith('/_next/static/')) {
      scripts.set(response.url(), await response.body());
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const bytes = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  await context.close();
  return { kb: Math.round((bytes / 1024) * 10) / 10, scripts: scripts.size };
}

interface Samples {
  added: number[];
  total: number[];
  outbound: number[];
  inbound: number[];
  paint: number[];
}

/** Send -> first token painted, one new conversation per send, WARMUP sends first. */
async function measureSends(browser: Browser, url: string, upstream: Upstream): Promise<Samples> {
  const samples: Samples = { added: [], total: [], outbound: [], inbound: [], paint: [] };
  const context = await browser.newContext();
  const chat = await context.newPage();
  await chat.goto(url);
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    // A new cook per send (a fresh guest session): the production limits stay on, per cook, as with many cooks.
    await context.clearCookies();
    // A cook reads the page before typing: measure a loaded, idle page, not one still fetching its chunks.
    await chat.goto(url, { waitUntil: 'networkidle' });
    const box = chat.getByRole('textbox', { name: 'Message Chef Chopsky' });
    await box.fill(`Bench message ${i}`);
    // The page has taken the text (hydrated, Send enabled): a key press before that is not a send to time.
    await chat.getByRole('button', { name: 'Send message' }).and(chat.locator(':enabled')).waitFor({ timeout: 30_000 });
    const upstreamBefore = upstream.timeline.length;
    // Installed before Enter: timestamps the key press, the reply text appearing, then the first frame after it.
    await chat.evaluate(() => {
      const w = window as unknown as { __bench?: { sent?: number; shown?: number; painted?: number } };
      w.__bench = {};
      document.addEventListener('keydown', (event) => {
        // The key event's own timestamp (when the browser took the key press, on the performance.now() clock), not
        // the time this listener ran: a main thread still busy when Enter comes in is part of the wait as well.
        if (event.key === 'Enter' && w.__bench && w.__bench.sent === undefined) w.__bench.sent = event.timeStamp;
      }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const text = document.querySelector('[data-testid="assistant-message"] [data-testid="reply-text"]');
        if (text && text.textContent && text.textContent.trim().length > 0) {
          observer.disconnect();
          if (w.__bench) w.__bench.shown = performance.now();
          // The frame that includes this DOM change is painted after this rAF callback runs.
          requestAnimationFrame(() => setTimeout(() => { if (w.__bench) w.__bench.painted = performance.now(); }, 0));
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await box.press('Enter');
    await chat.waitForFunction(() => (window as unknown as { __bench?: { painted?: number } }).__bench?.painted !== undefined, undefined, { timeout: 30_000 });
    const { sent, shown, painted, origin } = await chat.evaluate(() => ({
      ...(window as unknown as { __bench: { sent: number; shown: number; painted: number } }).__bench,
      origin: performance.timeOrigin,
    }));
    await chat.getByTestId('assistant-message').last().and(chat.locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });
    const seen = upstream.timeline[upstreamBefore];
    if (!seen) throw new Error('the upstream saw no request');
    const upstreamFirstToken = seen.firstTokenAt - seen.receivedAt;
    if (i < WARMUP) continue;
    samples.total.push(painted - sent);
    samples.added.push(painted - sent - upstreamFirstToken);
    // Where the added time goes, on the wall clock both processes share (epoch ms; the page's and the upstream's time
    // origins each come from the system clock, so the split is good to about a millisecond).
    samples.outbound.push(seen.receivedAt - (origin + sent));
    samples.inbound.push(origin + shown - seen.firstTokenAt);
    samples.paint.push(painted - shown);
  }
  await context.close();
  for (const list of Object.values(samples) as number[][]) list.sort((a, b) => a - b);
  return samples;
}

interface Row {
  name: string;
  unit: string;
  p50: number;
  p95: number;
  p99: number;
  goal: number | null;
  met: boolean | null;
}

function timeRow(name: string, list: number[], goal: number | null = null): Row {
  const p95 = percentile(list, 95);
  return { name, unit: 'ms', p50: percentile(list, 50), p95, p99: percentile(list, 99), goal, met: goal === null ? null : p95 < goal };
}

async function main() {
  if (!values['no-build']) {
    console.log('bench:web: next build');
    const build = spawnSync('npm', ['run', 'build', '-w', 'frontend'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (!values['no-build'] || !existsSync(path.join(NEXT_FLOOR_DIR, '.next'))) {
    console.log('bench:web: next build of the Next.js floor (frontend/bench/next-floor)');
    const build = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: NEXT_FLOOR_DIR, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const upstream = await startUpstream({ firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, tokenIntervalMs: 2, tokens: 12 });
  const agent = await startCompiledAgent({ GATEWAY_TOKEN, OPENAI_BASE_URL: upstream.url, MODEL_ID: 'bench-model' });
  const database = await startPostgresServer();
  pushMigrations(database.url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chopsky-bench-web-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const rows: Row[] = [];
    let js: { kb: number; scripts: number } | undefined;
    for (const store of STORES) {
      const web = await startWeb(agent.url, store.kind === 'postgres' ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir });
      try {
        js ??= await firstLoadJs(browser, web.url);
        console.log(`bench:web: ${RUNS} sends with the ${store.label}`);
        const samples = await measureSends(browser, web.url, upstream);
        rows.push(
          timeRow(`${store.label}: send → first token painted, minus the upstream’s first-token time`, samples.added, GOAL_P95_MS),
          timeRow(`${store.label}: send → first token painted (upstream first token ${FIRST_TOKEN_DELAY_MS} ms)`, samples.total),
          timeRow('… of which: Enter → the request reaches the upstream (browser, route, agent)', samples.outbound),
          timeRow('… of which: upstream’s first token → reply text in the page (agent, route, browser, React)', samples.inbound),
          timeRow('… of which: reply text in the page → painted', samples.paint),
        );
      } finally {
        web.stop();
      }
    }
    const floors = [
      ...FLOORS.map((floor) => ({ label: floor.label, start: () => startFloorServer(floor.route, { upstreamUrl: upstream.url, agentUrl: agent.url, gatewayToken: GATEWAY_TOKEN }) })),
      {
        label: NEXT_FLOOR_LABEL,
        start: async () => {
          const next = await startNext(NEXT_FLOOR_DIR, '/', { AGENT_URL: agent.url, GATEWAY_TOKEN, FLOOR_PAGE });
          return { url: next.url, close: async () => next.stop() };
        },
      },
    ];
    for (const floor of floors) {
      const server = await floor.start();
      try {
        console.log(`bench:web: ${RUNS} sends, ${floor.label}`);
        const samples = await measureSends(browser, server.url, upstream);
        rows.push(timeRow(`${floor.label}: send → first token painted, minus the upstream’s first-token time`, samples.added));
      } finally {
        await server.close();
      }
    }
    const { kb, scripts } = js!;
    rows.push({ name: 'chat page first-load JavaScript, gzipped', unit: 'KB', p50: kb, p95: kb, p99: kb, goal: GOAL_JS_KB, met: kb < GOAL_JS_KB });

    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
    const measuredAt = new Date().toISOString();
    const result = { area: 'web', command: 'npm run bench:web', machine, measuredAt, runs: RUNS, warmup: WARMUP, scripts, rows };
    const resultsDir = path.join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    const fmt = (n: number | null) => (n === null ? '—' : String(n));
    const md = [
      '## Web app',
      '',
      `Command: \`npm run bench:web\` (frontend/bench/web.ts). Per store, ${RUNS} sends after ${WARMUP} warm-up sends, one at a time, each in a`,
      `new conversation, typed into the production build (\`next start\`) in Debian's Chromium; behind it the agent as Railway runs it`,
      `(compiled, production configuration) in front of a local OpenAI-compatible upstream whose first token comes after ${FIRST_TOKEN_DELAY_MS} ms.`,
      'The web app runs twice: on a PostgreSQL 15 server over loopback (DATABASE_URL), as in production where the database is',
      'a server, and on the embedded PGlite of `npm start`, which runs inside the web app\'s process. "Added" is the time from',
      'the Enter key to the first frame painted with reply text, minus the upstream\'s own time to that first token for the same',
      'request: browser, route handler (session, validation, profile read, conversation, message and reply rows written), agent and React',
      'together. The "of which" rows split each send on the wall clock the page and the upstream share (good to about a millisecond);',
      'each row\'s percentiles are its own, so they do not add up to the first row\'s. Browser, web app, agent, database and upstream',
      'all share this machine\'s cores, which they never do in production.',
      'The "Floor" rows run the very same sends against a plain page with no framework and no web app behind it',
      '(frontend/bench/browser-floor.ts): straight to the upstream, through LangChain\'s ChatOpenAI alone, through the',
      'agent alone, and through a bare Next.js route handler in front of the agent (frontend/bench/next-floor, its own',
      '`next start`). What the web app itself adds is the gap between a store\'s row and the last floor.',
      `First-load JavaScript: the ${scripts} scripts the chat page fetches from /_next/static on a cold load, each gzipped (level 9).`,
      `Measured ${measuredAt} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')}.`,
      '',
      '| What | Unit | p50 | p95 | p99 | Goal | Met |',
      '|---|---|---:|---:|---:|---:|:---:|',
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.unit} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${row.goal === null ? '—' : `< ${row.goal} ${row.unit}${row.unit === 'ms' ? ' p95' : ''}`} | ${row.met === null ? '—' : row.met ? 'yes' : 'no'} |`,
      ),
      '',
    ].join('\n');
    writeFileSync(path.join(resultsDir, 'web.md'), md);
    console.log(md);
  } finally {
    await browser.close();
    await agent.stop();
    await upstream.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
