import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('a long message shows the room left, and a paste that does not fit says what was left out', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const chat = new ChatPage(page);
  await chat.goto();
  const limit = page.getByTestId('composer-limit');

  await chat.composer.fill('a'.repeat(6_999));
  await expect(limit).toHaveCount(0);
  await chat.composer.fill('a'.repeat(7_500));
  await expect(limit).toHaveText('7,500 of 8,000 characters');
  await expect(chat.composer).toHaveAttribute('aria-describedby', new RegExp(`${await limit.getAttribute('id')}`));

  // A real paste through the clipboard: 8,680 characters into an empty box keeps the first 8,000, and says so.
  await chat.composer.fill('');
  await page.evaluate((text) => navigator.clipboard.writeText(text), 'b'.repeat(8_680));
  await chat.composer.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(chat.composer).toHaveValue('b'.repeat(8_000));
  await expect(limit).toHaveText('Only the first 8,000 characters of what you pasted fit in one message; the rest was left out.');

  // Making room clears the warning.
  await page.keyboard.press('Backspace');
  await expect(limit).toHaveText('7,999 of 8,000 characters');
});

test('right-to-left text reads right to left in the box, the message, the title and the history', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const arabic = 'خطط لي عشاء نباتي لثلاثة أيام';
  await chat.composer.fill(arabic);
  const direction = (locator: import('@playwright/test').Locator) => locator.evaluate((el) => getComputedStyle(el).direction);
  expect(await direction(chat.composer)).toBe('rtl');
  await chat.sendAndWait(arabic);
  expect(await direction(chat.userMessages.last().locator('[dir="auto"]'))).toBe('rtl');
  expect(await direction(chat.title)).toBe('rtl');
  expect(await direction(chat.sidebar.items.first().locator('[dir="auto"]'))).toBe('rtl');
  // The reply, in English, stays left to right.
  expect(await direction(chat.lastReply().getByTestId('reply-text'))).toBe('ltr');
});
