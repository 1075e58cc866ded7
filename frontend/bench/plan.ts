/**
 * `npm run bench:plan`: a Swap in the plan panel, from the click to the new version painted, in Debian's Chromium on
 * the production build (`next start`) over a PostgreSQL 15 server on loopback (DATABASE_URL), as in production. The
 * click's own event timestamp to the first frame painted after the panel shows the next version: the browser's
 * request, the route (session, origin, body validation, the plan, conversation and profile reads, the kitchen's swap
 * and grocery list, the compare-and-set write), and React rendering the week. Goal from issue 15: p95 < 150 ms.
 *
 * Floors, in the same run: the kitchen alone (applyPlanAction + groceryFor, in process), and the same action sent
 * straight to the route over HTTP from Node (no browser, no React).
 *
 * Everything shares this machine's cores. The plan is made once through the chat (the agent in built-in planner mode,
 * not measured); each run swaps the next meal of a 7-day, 3-meal plan for 4.
 *
 * Usage: npm run bench:plan [-- --runs 100] [-- --no-build]
 * Writes bench/results/plan.json and bench/results/plan.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { addMessage } from '@chef-chopsky/kitchen/ledger/derive';
import { EMPTY_LEDGER } from '@chef-chopsky/kitchen/ledger/types';
import { applyPlanAction, catalogVersion, groceryFor, type PlanSnapshot } from '@chef-chopsky/kitchen/plan-actions';
import { pushMigrations } from '../tests/db/supabase-cli';
import { freePort, startAgent } from '../tests/support/agent-process';
import { startPostgresServer } from '../tests/support/postgres-server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100' }, warmup: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const GOAL_P95_MS = 150;
const GATEWAY_TOKEN = 'bench-gateway-token-0123456789';
const PLAN_REQUEST = 'Plan a week of breakfast, lunch and dinner for 4';
const root = path.resolve(__dirname, '..', '..');
const frontend = path.join(root, 'frontend');

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

interface Row {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  goal: number | null;
  met: boolean | null;
}

function row(name: string, samples: number[], goal: number | null = null): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return { name, p50: percentile(sorted, 50), p95, p99: percentile(sorted, 99), goal, met: goal === null ? null : p95 < goal };
}

/** The kitchen alone: the same swaps, in process. */
function kitchenFloor(): number[] {
  const ledger = addMessage(KITCHEN, EMPTY_LEDGER, undefined, PLAN_REQUEST, 0).ledger;
  const made = applyPlanAction(KITCHEN, ledger, null, { kind: 'create' });
  let current: PlanSnapshot = { plan: made.plan, state: made.state, catalogVersion: catalogVersion(KITCHEN) };
  const slots = made.plan.days.flatMap((d) => d.meals.filter((m) => !m.leftoverOf).map((m) => ({ day: d.day, slot: m.slot })));
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const { day, slot } = slots[i % slots.length]!;
    const t0 = performance.now();
    const next = applyPlanAction(KITCHEN, ledger, current, { kind: 'swap', day, slot });
    groceryFor(KITCHEN, next.plan, next.state, ledger);
    if (i >= WARMUP) times.push(performance.now() - t0);
    current = { plan: next.plan, state: next.state, catalogVersion: current.catalogVersion };
  }
  return times;
}

async function main() {
  if (!values['no-build']) {
    console.log('bench:plan: next build');
    const build = spawnSync('npm', ['run', 'build', '-w', 'frontend'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const database = await startPostgresServer();
  pushMigrations(database.url);
  const agent = await startAgent({ GATEWAY_TOKEN });
  const port = await freePort();
  const web = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: frontend,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AGENT_URL: agent.url, GATEWAY_TOKEN, APP_ENV: 'test', DATABASE_URL: database.url, SUPABASE_URL: '', SUPABASE_SECRET_KEY: '', DATA_DIR: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    for (const deadline = Date.now() + 120_000; ; ) {
      if (Date.now() > deadline) throw new Error('next start did not become ready');
      if (await fetch(`${url}/api/health/ready`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const kitchen = kitchenFloor();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('textbox', { name: 'Message Chef Chopsky' }).fill(PLAN_REQUEST);
    await page.getByRole('textbox', { name: 'Message Chef Chopsky' }).press('Enter');
    const panel = page.getByTestId('plan-panel');
    await panel.getByTestId('plan-versions').waitFor({ timeout: 60_000 });
    await page.getByTestId('assistant-message').last().and(page.locator('[data-status="complete"]')).waitFor({ timeout: 60_000 });
    const planId = new URL(await panel.getByTestId('plan-calendar').getAttribute('href').then((h) => `${url}${h}`)).pathname.split('/')[3]!;

    const clicks: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const swaps = panel.getByTestId('plan-card').getByRole('button', { name: /^Swap / });
      const count = await swaps.count();
      // The panel takes no change while the previous one is being stored.
      await swaps.nth(i % count).and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
      const version = Number(await panel.getByTestId('plan-versions').inputValue());
      // Timestamps in the page: the click event's own time, then the first frame after the next version is on screen.
      const elapsed = await swaps.nth(i % count).evaluate(
        (button, expected) =>
          new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`version ${expected} was not shown within 10 s`)), 10_000);
            let clickedAt = 0;
            button.addEventListener('click', (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
            const select = document.querySelector<HTMLSelectElement>('[data-testid="plan-versions"]')!;
            const observer = new MutationObserver(() => {
              if (select.value !== String(expected)) return;
              observer.disconnect();
              // `globalThis`: this file imports Node's `performance`, and the bundled name does not exist in the page.
              requestAnimationFrame(() =>
                setTimeout(() => {
                  clearTimeout(timer);
                  resolve(globalThis.performance.now() - clickedAt);
                }, 0),
              );
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
            (button as HTMLButtonElement).click();
          }),
        version + 1,
      );
      if (i >= WARMUP) clicks.push(elapsed);
    }

    // The route alone: the same action over HTTP from Node, with the page's cookie and origin.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const direct: number[] = [];
    let base = Number(await panel.getByTestId('plan-versions').inputValue());
    const current = (await (await fetch(`${url}/api/plans/${planId}`, { headers: { cookie } })).json()) as { plan: { plan: { days: Array<{ day: number; meals: Array<{ slot: string; leftoverOf: unknown }> }> } } };
    const slots = current.plan.plan.days.flatMap((d) => d.meals.filter((m) => !m.leftoverOf).map((m) => ({ day: d.day, slot: m.slot })));
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const { day, slot } = slots[i % slots.length]!;
      const t0 = performance.now();
      const response = await fetch(`${url}/api/plans/${planId}/actions`, {
        method: 'POST',
        headers: { cookie, origin: url, 'content-type': 'application/json' },
        body: JSON.stringify({ baseVersion: base, action: { kind: 'swap', day, slot } }),
      });
      const body = (await response.json()) as { plan?: { version: number } };
      if (!response.ok || !body.plan) throw new Error(`the swap answered ${response.status}`);
      if (i >= WARMUP) direct.push(performance.now() - t0);
      base = body.plan.version;
    }
    await context.close();

    const rows = [
      row('Swap in the plan panel: click → new version painted (PostgreSQL server)', clicks, GOAL_P95_MS),
      row('Floor: the same action straight to the route over HTTP (no browser, no React)', direct),
      row('Floor: the kitchen alone (swap + grocery list, in process)', kitchen),
    ];
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100) };
    const measuredAt = new Date().toISOString();
    const resultsDir = path.join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'plan.json'), `${JSON.stringify({ area: 'plan', command: 'npm run bench:plan', machine, measuredAt, runs: RUNS, warmup: WARMUP, rows }, null, 2)}\n`);
    const md = [
      '## Plan panel',
      '',
      `Command: \`npm run bench:plan\` (frontend/bench/plan.ts). ${RUNS} swaps after ${WARMUP} warm-up swaps, one at a time, each on the next meal of a`,
      `7-day, 3-meal plan for 4 ("${PLAN_REQUEST}"), clicked in Debian's Chromium on the production build (\`next start\`) over a`,
      'PostgreSQL 15 server on loopback. From the click event\'s timestamp to the first frame painted after the panel shows the next',
      'version: request, route (session, origin, validation, reads, the kitchen\'s swap and grocery list, the compare-and-set write) and',
      'React. The floors run the same swaps straight to the route from Node, and through the kitchen alone, in the same run.',
      `Measured ${measuredAt} on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} (everything shares these cores).`,
      '',
      '| What | Unit | p50 | p95 | p99 | Goal | Met |',
      '|---|---|---:|---:|---:|---:|:---:|',
      ...rows.map((r) => `| ${r.name} | ms | ${r.p50} | ${r.p95} | ${r.p99} | ${r.goal === null ? '—' : `< ${r.goal} ms p95`} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`),
      '',
    ].join('\n');
    writeFileSync(path.join(resultsDir, 'plan.md'), md);
    console.log(md);
    if (rows.some((r) => r.met === false)) process.exitCode = 1;
  } finally {
    await browser.close();
    web.kill('SIGTERM');
    await agent.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
