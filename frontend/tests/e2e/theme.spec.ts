import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

const PAGE_BACKGROUND = { light: 'rgb(251, 246, 238)', dark: 'rgb(26, 21, 18)' };

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
type Choice = 'System' | 'Light' | 'Dark';
const themeRadio = (page: Page, name: Choice) => page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name });
/** As a cook does: a click on the choice's label (the radio itself is visually hidden). */
const chooseTheme = (page: Page, name: Choice) => page.getByTestId('theme-toggle').getByText(name, { exact: true }).click();

test.describe('with the system in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the app is dark from the first paint, without a choice stored; the toggle says System', async ({ page }) => {
    const response = await page.goto('/');
    // The server's HTML carries no theme: CSS follows the system, so nothing waits for a script.
    expect(await response!.text()).not.toMatch(/<html[^>]*data-theme/);
    await expect(page.getByRole('textbox', { name: 'Message Chef Chopsky' })).toBeVisible();
    expect(await background(page)).toBe(PAGE_BACKGROUND.dark);
    await expect(themeRadio(page, 'System')).toBeChecked();
    const chat = new ChatPage(page);
    await chat.sendAndWait('Plan 2 days for 2 with no tree nuts');
    await expect(chat.planCard).toBeVisible();
    await saveScreenshot(page, 'chat-dark');
  });

  test('choosing Light applies at once, is remembered, and the next page is light in its very HTML; System forgets it', async ({ page, context }) => {
    await page.goto('/');
    await chooseTheme(page, 'Light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await background(page)).toBe(PAGE_BACKGROUND.light);
    expect((await context.cookies()).find((c) => c.name === 'theme')).toMatchObject({ value: 'light', path: '/' });

    const again = await page.goto('/profile');
    expect(await again!.text()).toMatch(/<html[^>]*data-theme="light"/);
    expect(await background(page)).toBe(PAGE_BACKGROUND.light);
    await expect(themeRadio(page, 'Light')).toBeChecked();

    // Arrow keys move between the choices, as in any radio group.
    await themeRadio(page, 'Light').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(themeRadio(page, 'System')).toBeChecked();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
    expect(await background(page)).toBe(PAGE_BACKGROUND.dark);
    expect((await context.cookies()).find((c) => c.name === 'theme')).toBeUndefined();
  });
});

test('with the system in light mode, choosing Dark makes every page dark until changed', async ({ page }) => {
  await page.goto('/');
  expect(await background(page)).toBe(PAGE_BACKGROUND.light);
  await chooseTheme(page, 'Dark');
  expect(await background(page)).toBe(PAGE_BACKGROUND.dark);
  const response = await page.goto('/built-in-planner');
  expect(await response!.text()).toMatch(/<html[^>]*data-theme="dark"/);
  expect(await background(page)).toBe(PAGE_BACKGROUND.dark);
  await saveScreenshot(page, 'built-in-planner-dark');
  await page.goto('/');
  await saveScreenshot(page, 'new-chat-dark');
});
