import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MARKERS, PORTS } from './markers';
import { ChatPage } from './pages/chat-page';
import { RecipesPage } from './pages/recipes-page';
import { saveScreenshot, startWebApp, type WebApp } from './support';

/**
 * The cook's own recipe from a link to a plan and its grocery list, in a real browser: a local server stands in for
 * the recipe site (named in RECIPE_IMPORT_ALLOWED_HOSTS of a web app of its own), the agent is the real one in
 * built-in planner mode.
 */
let site: Server;
let siteUrl: string;
let web: WebApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const page = readFileSync(path.join(__dirname, '..', 'fixtures', 'recipe-pages', 'e2e-stew.html'));
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(site.address() as AddressInfo).port}`;
  siteUrl = `http://${host}/grandmas-stew`;
  web = await startWebApp({
    AGENT_URL: `http://127.0.0.1:${PORTS.agent}`,
    GATEWAY_TOKEN: MARKERS.GATEWAY_TOKEN,
    SESSION_SECRET: MARKERS.SESSION_SECRET,
    DATA_DIR: path.join(mkdtempSync(path.join(os.tmpdir(), 'chopsky-e2e-recipes-')), 'db'),
    RECIPE_IMPORT_ALLOWED_HOSTS: host,
  });
});

test.afterAll(async () => {
  await web?.stop();
  site?.close();
});

test('a recipe pasted as a link, with its unmatched line resolved, is planned and shopped for', async ({ page }) => {
  test.setTimeout(120_000);
  const box = new RecipesPage(page);
  await box.goto(web.url);
  await box.importLink(siteUrl);

  await expect(page.getByLabel('Title')).toHaveValue("Grandma's kohlrabi and chickpea stew");
  await expect(box.lines).toHaveCount(4);
  await expect(box.line('chickpeas')).toContainText('→ Chickpeas');
  const spice = box.line('sumac');
  await expect(spice.getByTestId('unmatched-reason')).toBeVisible();
  await expect(box.editor.getByRole('note')).toContainText('1 line is not matched');
  await box.editor.getByRole('heading', { name: 'Ingredients' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await saveScreenshot(page, 'recipe-import');

  // Resolve it: the cook says the spice blend is free of every allergen, and vegan.
  await spice.getByRole('button', { name: 'Resolve' }).click();
  await spice.getByRole('button', { name: 'Free of all' }).click();
  await spice.getByLabel('It suits').selectOption('vegan');
  await spice.getByRole('button', { name: 'Mark safe' }).click();
  await expect(spice).toContainText('Marked by you: free of all allergens; vegan');
  await expect(box.editor.getByRole('note')).toHaveCount(0);
  await box.editor.getByRole('button', { name: 'Save recipe' }).click();

  const card = box.card("Grandma's kohlrabi and chickpea stew");
  await expect(card).toBeVisible();
  await expect(card).toContainText('Vegan');
  await expect(card.getByTestId('unknown-allergens')).toHaveCount(0);
  await card.getByRole('button', { name: /^Favourite/ }).click();
  await expect(card.getByRole('button', { name: /^Unfavourite/ })).toHaveAttribute('aria-pressed', 'true');
  await saveScreenshot(page, 'recipe-box');

  // Planned with the rest, for a vegan household: the resolved recipe is in the plan and on its grocery list.
  const chat = new ChatPage(page);
  await chat.goto(`${web.url}/`);
  await chat.sendAndWait('Plan 5 vegan dinners for 2', 60_000);
  const stew = chat.planCard.getByTestId('meal-title').filter({ hasText: "Grandma's kohlrabi and chickpea stew" }).first();
  await expect(stew).toBeVisible();
  if ((await chat.groceryList.count()) === 0) await chat.sendAndWait('Grocery list please');
  await expect(chat.groceryList.last()).toContainText('Kohlrabi');
  // The line the kitchen could not match is still part of the recipe and of the shopping: shown as the cook wrote it.
  await expect(chat.groceryList.last().getByTestId('grocery-as-written')).toContainText('1 tsp ground sumac');
  await stew.click();
  await expect(page.getByRole('dialog').getByTestId('recipe-line-as-written')).toHaveText(/1 tsp ground sumac/);
  await page.keyboard.press('Escape');
});
