import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('another guest cannot open my conversation: it is a 404 for them, through the page and the API', async ({ browser, baseURL }) => {
  const mine = await browser.newContext({ baseURL });
  const chat = new ChatPage(await mine.newPage());
  await chat.goto();
  await chat.sendAndWait('Plan 2 days of breakfasts for 1');
  const id = chat.conversationId();
  expect(id).toBeTruthy();

  const theirs = await browser.newContext({ baseURL });
  const stranger = await theirs.newPage();
  const response = await stranger.goto(`/c/${id}`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible();
  const api = await stranger.request.get(`/api/conversations/${id}`);
  expect(api.status()).toBe(404);
  const rename = await stranger.request.patch(`/api/conversations/${id}`, {
    data: { title: 'mine now' },
    headers: { origin: baseURL! },
  });
  expect(rename.status()).toBe(404);
  // And their sidebar is empty.
  await stranger.goto('/');
  await expect(new ChatPage(stranger).sidebar.items).toHaveCount(0);

  // Still mine, untouched.
  await chat.page.reload();
  await expect(chat.title).toContainText(/Plan 2 days of breakfasts/);
  await mine.close();
  await theirs.close();
});
