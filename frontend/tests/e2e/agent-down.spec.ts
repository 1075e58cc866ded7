import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { WEB_DOWN } from './support';

// This web app's agent is not running.
test.use({ baseURL: WEB_DOWN });

test('when the agent is down the cook sees the friendly error, keeps the message, and can retry', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('Plan dinners for tonight and tomorrow');
  const error = chat.lastReply().getByTestId('reply-error');
  await expect(error).toContainText('Something went wrong. Please try again.');
  await expect(chat.userMessages.last()).toHaveText(/Plan dinners for tonight and tomorrow/);
  await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();

  // The message and the failed state are stored: a reload shows both.
  await page.reload();
  await expect(chat.userMessages.last()).toHaveText(/Plan dinners for tonight and tomorrow/);
  await expect(chat.lastReply().getByTestId('reply-error')).toContainText('Something went wrong. Please try again.');

  // Retry sends the same message again (stored once) and fails the same friendly way.
  await chat.lastReply().getByRole('button', { name: 'Retry' }).click();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'error');
  await page.reload();
  await expect(chat.userMessages).toHaveCount(1);
});

test('offline: sending says so, keeps the typed message, and the page raises no uncaught error', async ({ page, context }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  await context.setOffline(true);
  await chat.send('Plan a picnic lunch');
  await expect(chat.lastReply().getByTestId('reply-error')).toContainText('You seem to be offline');
  await expect(chat.userMessages.last()).toHaveText(/Plan a picnic lunch/);
  // The conversation list is refreshed after every send; offline, that must not surface as an error either.
  await page.waitForTimeout(500);
  await context.setOffline(false);
  expect(uncaught).toEqual([]);
});
