/**
 * `npm run bench:web`: what the web app adds between a cook pressing Send and the first token painted in Chromium,
 * and how much JavaScript the chat page loads first.
 *
 * Stack: a local OpenAI-compatible upstream with a fixed first-token delay -> the real agent (OPENAI_BASE_URL pointing
 * at it, a dummy key) -> the production build of the web app (`next start`, embedded PGlite in a temp dir) -> Debian's
 * Chromium. Per send, added time = (first token painted − Enter pressed, measured in the page) − the upstream's own
 * time to first token for that request (measured in the upstream). "Enter pressed" is the key event's timestamp, so
 * a busy main thread delaying the key handler counts too. The added time therefore includes the browser's
 * request, the route handler (validation, session, the profile read and three rows written), the
 * agent's overhead, and React rendering the first token; it excludes only the model's own latency.
 *
 * First-load JS: every script the browser fetches from /_next/static while loading the chat page, gzipped (level 9)
 * and summed, which is what the page costs a phone on first visit.
 *
 * Usage: npm run bench:web [-- --runs 40] [-- --no-build]
 * Writes bench/results/web.json and bench/results/web.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startUpstream } from '../tests/support/openai-upstream';
import { freePort, startAgent } from '../tests/support/agent-process';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '40' }, warmup: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const FIRST_TOKEN_DELAY_MS = 150;
const root = path.resolve(__dirname, '..', '..');
const frontend = path.join(root, 'frontend');
const GATEWAY_TOKEN = 'bench-gateway-token-0123456789';

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

async function waitForWeb(url: string, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('next start exited');
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) return;
    } catch {
      // Not yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('the web app did not become ready');
}

async function main() {
  if (!values['no-build']) {
    console.log('bench:web: next build');
    const build = spawnSync('npm', ['run', 'build', '-w', 'frontend'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const upstream = await startUpstream({ firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, tokenIntervalMs: 2, tokens: 12 });
  const agent = await startAgent({ GATEWAY_TOKEN, OPENAI_API_KEY: 'sk-bench-dummy', OPENAI_BASE_URL: upstream.url, MODEL_ID: 'bench-model' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chopsky-bench-web-'));
  const port = await freePort();
  const web = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: frontend,
    env: { ...process.env, AGENT_URL: agent.url, GATEWAY_TOKEN, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', APP_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitForWeb(url, web);

    // First-load JavaScript of the chat page, in a fresh context (empty cache).
    const firstLoad = await browser.newContext();
    const page = await firstLoad.newPage();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script' && new URL(response.url()).pathname.startsWith('/_next/static/')) {
        scripts.set(response.url(), await response.body());
      }
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const firstLoadBytes = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const firstLoadKb = Math.round((firstLoadBytes / 1024) * 10) / 10;
    await firstLoad.close();

    // Send -> first token painted, one chat per run.
    const context = await browser.newContext();
    const chat = await context.newPage();
    await chat.goto(url);
    const added: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      // A cook reads the page before typing: measure a loaded, idle page, not one still fetching its chunks.
      await chat.goto(url, { waitUntil: 'networkidle' });
      const box = chat.getByRole('textbox', { name: 'Message Chef Chopsky' });
      await box.fill(`Bench message ${i}`);
      const upstreamBefore = upstream.firstTokenTimes.length;
      // Installed before Enter: timestamps the key press, then the first frame after reply text appears.
      await chat.evaluate(() => {
        const w = window as unknown as { __bench?: { sent?: number; painted?: number } };
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
            // The frame that includes this DOM change is painted after this rAF callback runs.
            requestAnimationFrame(() => setTimeout(() => { if (w.__bench) w.__bench.painted = performance.now(); }, 0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      await box.press('Enter');
      await chat.waitForFunction(() => (window as unknown as { __bench?: { painted?: number } }).__bench?.painted !== undefined, undefined, { timeout: 30_000 });
      const { sent, painted } = (await chat.evaluate(() => (window as unknown as { __bench: { sent: number; painted: number } }).__bench));
      await chat.getByTestId('assistant-message').last().and(chat.locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });
      const upstreamFirstToken = upstream.firstTokenTimes[upstreamBefore];
      if (upstreamFirstToken === undefined) throw new Error('the upstream saw no request');
      if (i >= WARMUP) {
        total.push(painted - sent);
        added.push(painted - sent - upstreamFirstToken);
      }
    }
    await context.close();

    added.sort((a, b) => a - b);
    total.sort((a, b) => a - b);
    const rows = [
      {
        name: 'send → first token painted, minus the upstream’s first-token time',
        unit: 'ms',
        p50: percentile(added, 50),
        p95: percentile(added, 95),
        p99: percentile(added, 99),
        goal: 50,
        met: percentile(added, 95) < 50,
      },
      {
        name: `send → first token painted (upstream first token ${FIRST_TOKEN_DELAY_MS} ms)`,
        unit: 'ms',
        p50: percentile(total, 50),
        p95: percentile(total, 95),
        p99: percentile(total, 99),
        goal: null,
        met: null,
      },
      { name: 'chat page first-load JavaScript, gzipped', unit: 'KB', p50: firstLoadKb, p95: firstLoadKb, p99: firstLoadKb, goal: 150, met: firstLoadKb < 150 },
    ];
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
    const measuredAt = new Date().toISOString();
    const result = { area: 'web', command: 'npm run bench:web', machine, measuredAt, runs: RUNS, warmup: WARMUP, scripts: scripts.size, rows };
    const resultsDir = path.join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'web.json'), `${JSON.stringify(result, null, 2)}\n`);
    const fmt = (n: number | null) => (n === null ? '—' : String(n));
    const md = [
      '## Web app',
      '',
      `Command: \`npm run bench:web\` (frontend/bench/web.ts). ${RUNS} sends after ${WARMUP} warm-up sends, one at a time, each in a new`,
      `conversation, typed into the production build (\`next start\`, embedded PGlite) in Debian's Chromium; behind it the real agent`,
      `in front of a local OpenAI-compatible upstream whose first token comes after ${FIRST_TOKEN_DELAY_MS} ms. "Added" is the time from the`,
      'Enter key to the first frame painted with reply text, minus the upstream\'s own time to that first token for the same',
      'request: browser, route handler (session, validation, profile read, conversation, message and reply rows written), agent and React',
      `together. First-load JavaScript: the ${scripts.size} scripts the chat page fetches from /_next/static on a cold load, each gzipped (level 9).`,
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
    web.kill('SIGTERM');
    await agent.stop();
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
