import path from 'node:path';
import type { Page } from '@playwright/test';
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
