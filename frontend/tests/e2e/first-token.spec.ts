import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('the reply renderer is fetched while the cook types, so the first words of a reply wait for no script', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await page.waitForLoadState('networkidle');
  const scripts: string[] = [];
  const loaded: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') loaded.push(request.url());
  });

  await chat.composer.fill('How much protein is in lentils?');
  await expect.poll(() => scripts.length > 0 && loaded.length === scripts.length).toBe(true);
  const fetchedBeforeSend = [...scripts];

  await chat.composer.press('Enter');
  await expect(chat.lastReply().getByTestId('reply-text')).not.toBeEmpty();
  expect(scripts).toEqual(fetchedBeforeSend);
});
