import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { WEB_SLOW } from './support';

// This web app talks to an agent in front of a slow local upstream: replies drip for a minute unless stopped.
test.use({ baseURL: WEB_SLOW });

test('Stop ends a reply mid-stream; what was written is kept and marked as stopped', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.send('Tell me about lentil soup');
  const reply = chat.lastReply();
  await expect(reply.getByTestId('reply-text')).toContainText('slow and thoughtful');
  await chat.stopButton.click();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  await expect(reply.getByTestId('stopped-badge')).toBeVisible();
  const partial = (await reply.getByTestId('reply-text').textContent()) ?? '';
  expect(partial.length).toBeGreaterThan(10);
  await expect(chat.stopButton).toHaveCount(0);

  // Stored as stopped, with the partial text.
  await page.reload();
  const stored = chat.lastReply();
  await expect(stored).toHaveAttribute('data-status', 'interrupted');
  await expect(stored.getByTestId('reply-text')).toContainText('slow and thoughtful');
});

test('a double click on Send sends once and never stops the reply: the second click lands on Send, which waits', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.composer.fill('One tip please [tokens:12]');
  const send = (await chat.sendButton.boundingBox())!;
  await page.mouse.dblclick(send.x + send.width / 2, send.y + send.height / 2);
  await expect(chat.stopButton).toBeVisible();
  await expect(chat.sendButton).toHaveAttribute('aria-disabled', 'true');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.lastReply().getByTestId('stopped-badge')).toHaveCount(0);
});

test('Enter, then a click on Send or where the message box ended a moment ago, never stops the reply', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const send = (await chat.sendButton.boundingBox())!;
  const box = (await chat.composer.boundingBox())!;
  // Where Stop appears: the right end of the message box, next to Send.
  const boxEnd = { x: box.x + box.width - 30, y: box.y + box.height / 2 };
  for (const [i, spot] of [{ x: send.x + send.width / 2, y: send.y + send.height / 2 }, boxEnd].entries()) {
    await page.mouse.click(boxEnd.x, boxEnd.y);
    await page.keyboard.type(`Tip number ${i + 1} [tokens:10]`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(150);
    await page.mouse.click(spot.x, spot.y);
    await expect(chat.assistantMessages).toHaveCount(i + 1);
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  }
  await expect(chat.userMessages).toHaveCount(2);
  await expect(page.getByTestId('stopped-badge')).toHaveCount(0);
});

test('Stop is reached with the keyboard beside Send, is announced unavailable for a moment, then stops the reply', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.composer.fill('Tell me about rice');
  await chat.composer.press('Enter');
  await expect(chat.stopButton).toHaveAttribute('aria-disabled', 'true');
  await expect(chat.stopButton).not.toHaveAttribute('aria-disabled', 'true');
  // From the message box, Tab reaches Stop first (Send comes after it).
  await chat.composer.focus();
  await page.keyboard.press('Tab');
  await expect(chat.stopButton).toBeFocused();
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('slow and thoughtful');
  await page.keyboard.press('Enter');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'interrupted');
});

test('a stopped reply that the cook retried stays replaced after a reload', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.send('Tell me about barley [tokens:60]');
  const reply = chat.lastReply();
  await expect(reply.getByTestId('reply-text')).toContainText('slow and thoughtful');
  await chat.stopButton.click();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  await reply.getByRole('button', { name: 'Retry' }).click();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });

  await page.reload();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  await expect(chat.assistantMessages).toHaveCount(1);
});

test('reloading mid-reply: the page shows the reply being written, then the finished reply, without another reload', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.send('Give me one quick tip [tokens:40]');
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('Here');
  await page.reload();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('slow and thoughtful');
});

test('closing the tab mid-reply does not stop it: the full reply is stored', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: WEB_SLOW });
  const page = await context.newPage();
  const chat = new ChatPage(page);
  await chat.goto();
  // A 40-piece reply takes about 5 s from this upstream; close the page as soon as the first words show.
  await chat.send('Give me one quick tip [tokens:40]');
  await expect(chat.lastReply().getByTestId('reply-text')).toContainText('Here');
  const url = page.url();
  await page.close();
  const again = await context.newPage();
  const revisit = new ChatPage(again);
  await expect
    .poll(
      async () => {
        await again.goto(url);
        return revisit.lastReply().getAttribute('data-status');
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe('complete');
  await context.close();
});
