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
  // The plan beside the chat has loaded (the screenshot caught "Loading the plan…" otherwise).
  await expect(chat.planCard).toBeVisible();
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

test('when a rename is closed with Escape or Cancel, then focus returns to the row’s actions button; a blank name is refused next to the box', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with kale and chickpeas?');
  const row = chat.sidebar.item(/kale and chickpeas/i);
  const actions = row.getByRole('button', { name: /^Actions for/ });
  const box = page.getByRole('textbox', { name: /^New name for/ });

  await actions.click();
  await row.getByRole('button', { name: 'Rename' }).click();
  await expect(box).toBeFocused();
  await box.press('Escape');
  await expect(box).toHaveCount(0);
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await row.getByRole('button', { name: 'Rename' }).click();
  await box.fill('   ');
  await box.press('Enter');
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription('Give the conversation a name.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(box).toBeFocused();
  await expect(page.getByText('Give the conversation a name.')).toHaveCount(1);

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(actions).toBeFocused();
  await expect(actions).toHaveAttribute('aria-expanded', 'false');
  await expect(row.getByRole('link')).toContainText(/kale and chickpeas/i);
});
