import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('what the cook types before the page’s JavaScript has run is kept, and is what Enter sends', async ({ page }) => {
  const chat = new ChatPage(page);
  // The server-rendered box is there at once; holding the script chunks back opens the window a slow phone has
  // between seeing the box and React taking it over.
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route('**/_next/static/chunks/**', async (route) => {
    held += 1;
    await scriptsHeld;
    await route.fallback();
  });
  await page.goto('/', { waitUntil: 'commit' });
  await expect(chat.composer).toBeVisible();
  await expect.poll(() => held, { message: 'the page asked for its scripts and is waiting for them' }).toBeGreaterThan(0);

  await chat.composer.pressSequentially('Plan three dinners with leeks');
  const hydrated = () =>
    chat.composer.evaluate((element) => Object.keys(element).some((key) => key.startsWith('__reactFiber')));
  expect(await hydrated(), 'typed before React took the box over').toBe(false);

  release();
  await expect.poll(hydrated).toBe(true);
  await expect(chat.sendButton).toBeEnabled();
  await expect(chat.composer).toHaveValue('Plan three dinners with leeks');

  await chat.composer.press('Enter');
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.userMessages.first()).toContainText('Plan three dinners with leeks');
  await expect(chat.composer).toHaveValue('');
});
