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
  await expect(chat.sendButton).toBeVisible();

  // Stored as stopped, with the partial text.
  await page.reload();
  const stored = chat.lastReply();
  await expect(stored).toHaveAttribute('data-status', 'interrupted');
  await expect(stored.getByTestId('reply-text')).toContainText('slow and thoughtful');
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
