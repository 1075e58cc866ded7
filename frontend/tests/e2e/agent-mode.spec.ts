import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { WEB_SLOW } from './support';

test('with the built-in planner, the header says so before the first send and links to what it understands', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(chat.userMessages).toHaveCount(0);
  await expect(chat.builtInPlannerNote).toContainText('No language model');
  await chat.builtInPlannerNote.getByRole('link', { name: 'What it understands' }).click();
  await expect(page).toHaveURL(/\/built-in-planner$/);
  await expect(page.getByRole('heading', { level: 1, name: 'The built-in planner' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'swap Tuesday’s dinner' })).toBeVisible();

  // In a conversation too, after a reload.
  await chat.goto();
  await chat.sendAndWait('What can I make with kale?');
  await page.reload();
  await expect(chat.builtInPlannerNote).toBeVisible();
});

test('with a language model, the header has no built-in planner note, before or after a reply', async ({ page }) => {
  const chat = new ChatPage(page);
  // goto waits for the load event, which comes once the page's streamed parts (the agent's answer among them) are in.
  await chat.goto(`${WEB_SLOW}/`);
  await expect(chat.builtInPlannerNote).toHaveCount(0);
  await chat.sendAndWait('One tip please [tokens:5]');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  await expect(chat.builtInPlannerNote).toHaveCount(0);
});
