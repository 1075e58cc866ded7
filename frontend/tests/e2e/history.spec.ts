import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

test('conversations can be found, renamed, archived and deleted, newest first', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with kale and chickpeas?');
  await chat.sidebar.newChat.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.userMessages).toHaveCount(0);
  await chat.sendAndWait('How much protein is in lentils?');
  await chat.sidebar.newChat.click();
  await chat.sendAndWait('Plan 2 days of vegetarian lunches for 3');

  // Newest first.
  await expect(chat.sidebar.items).toHaveCount(3);
  await expect(chat.sidebar.items.nth(0)).toContainText(/vegetarian lunches/i);
  await expect(chat.sidebar.items.nth(2)).toContainText(/kale and chickpeas/i);
  await saveScreenshot(page, 'history');

  await chat.sidebar.rename(/kale and chickpeas/i, 'Kale night ideas');
  await chat.sidebar.search.fill('kale night');
  await expect(chat.sidebar.items).toHaveCount(1);
  await expect(chat.sidebar.items.first()).toContainText('Kale night ideas');
  await chat.sidebar.search.fill('');
  await expect(chat.sidebar.items).toHaveCount(3);

  await chat.sidebar.archive(/lentils/i);
  await chat.sidebar.showArchived();
  await expect(chat.sidebar.item(/lentils/i)).toBeVisible();
  await page.getByRole('button', { name: 'Recent', exact: true }).click();
  await expect(chat.sidebar.items).toHaveCount(2);

  await chat.sidebar.remove('Kale night ideas');
  await page.reload();
  await expect(chat.sidebar.items).toHaveCount(1);
  await expect(chat.sidebar.items.first()).toContainText(/vegetarian lunches/i);
});
