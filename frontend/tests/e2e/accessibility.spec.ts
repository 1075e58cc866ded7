import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  // AxeBuilder finishes its run in a scratch page of the same context; bring ours back to the front, or headless
  // Chromium keeps it in the background where animation frames (and so Playwright's actionability checks) stall.
  await page.bringToFront();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('axe finds no serious or critical violations on a plan, the grocery list, a recipe, an edit, the profile and the built-in planner page', async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      // The built-in planner note, the empty state and the composer.
      await expect(chat.builtInPlannerNote).toBeVisible();
      await expectNoSeriousViolations(page);
      await chat.sendAndWait('Plan 2 days for 2 with no tree nuts');
      // The list in the plan panel, and the list as the chef writes it in a reply (a task list drawn, not controls).
      await chat.sendAndWait('grocery list');
      await expectNoSeriousViolations(page);
      await chat.planCard.first().getByTestId('meal-title').first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.keyboard.press('Escape');
      // Scrolled up: "Jump to latest"; the last message open in the editor.
      await chat.scroller.evaluate((el) => el.scrollTo(0, 0));
      await expect(chat.jumpToLatest).toBeVisible();
      await chat.userMessages.last().getByRole('button', { name: 'Edit your message' }).click();
      await expect(page.getByTestId('message-editor')).toBeVisible();
      await expectNoSeriousViolations(page);
      await page.goto('/profile');
      await expectNoSeriousViolations(page);
      await page.goto('/built-in-planner');
      await expectNoSeriousViolations(page);
    });
  });
}

test('keyboard only: Enter sends, Shift+Enter adds a line, and focus is visible', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.composer.focus();
  await page.keyboard.type('First line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  await expect(chat.composer).toHaveValue('First line\nsecond line');
  await page.keyboard.press('Enter');
  await expect(chat.userMessages.first()).toContainText('second line');
  await expect(chat.composer).toHaveValue('');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the chat fits the screen, the plan stacks by day, and history opens as a drawer', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await saveScreenshot(page, 'mobile-new-chat');
    await chat.sendAndWait('Plan 3 days for 2 with no peanuts');
    // On a phone the plan takes the chat's place when asked for, and gives it back.
    await expect(chat.planCard).toBeHidden();
    await page.getByTestId('open-plan').click();
    await expect(chat.planCard).toBeVisible();
    await expect(chat.composer).toBeHidden();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Only the message list scrolls: the page itself never does, so dragging the header or the composer cannot slide
    // the app away and show blank space below it (screen-reader-only text inside the plan once made it taller).
    const { height, pageHeight } = await page.evaluate(() => ({ height: innerHeight, pageHeight: document.documentElement.scrollHeight }));
    expect(pageHeight).toBeLessThanOrEqual(height);
    await chat.planCard.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'mobile-plan');
    await page.getByRole('button', { name: 'Back to the chat' }).click();
    await expect(chat.composer).toBeVisible();
    // The constraint chips are one row that scrolls sideways, however many the chat has, and the page stays as wide.
    await chat.sendAndWait('my son is allergic to sesame and eggs, no mushrooms');
    await expect(page.getByTestId('ledger-chip').getByText(/^No mushrooms?\b/)).toHaveCount(1);
    expect(await page.getByTestId('ledger-chip').count()).toBeGreaterThanOrEqual(6);
    const rows = await page.getByTestId('ledger-chip').evaluateAll((chips) => new Set(chips.map((c) => Math.round(c.getBoundingClientRect().top))).size);
    expect(rows).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Open conversations' }).click();
    await expect(chat.sidebar.items.first()).toBeVisible();
    await saveScreenshot(page, 'mobile-history');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Open conversations' })).toBeFocused();
    await expectNoSeriousViolations(page);
  });
});
