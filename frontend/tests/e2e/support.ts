import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { freePort } from '../support/agent-process';
import { PORTS } from './markers';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** Saves what a person would see into docs/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  // Only the inner panes scroll; undo any scroll Playwright's own scrolling gave the document itself.
  await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}

export const WEB_SLOW = `http://127.0.0.1:${PORTS.webSlow}`;
export const WEB_DOWN = `http://127.0.0.1:${PORTS.webDown}`;

export const PEANUT_PLAN_REQUEST = 'Plan a week for a family of four with a peanut allergy';

export interface WebApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * One more `next start` of the e2e build, with an environment unlike the three shared servers' (a spec's own Sentry
 * DSN, a database that is gone). Ready when liveness answers: readiness may fail on purpose.
 */
export async function startWebApp(env: Record<string, string>): Promise<WebApp> {
  const port = await freePort();
  const frontend = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: frontend,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer on ${url}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, output: () => output, stop };
}
