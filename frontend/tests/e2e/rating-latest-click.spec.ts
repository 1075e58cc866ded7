import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

/**
 * Holds the first matching save back before it leaves for the server, the way a slow network or a busy instance can,
 * until `release()`: the test releases it only after its last click, so any later save sent in parallel would reach the
 * server first however slowly the clicks go. `allAnswered()` waits until every matching request has been answered.
 */
async function holdFirstSave(page: Page, path: string, method: string) {
  let seen = 0;
  let open = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const matches = (request: { url(): string; method(): string }) => request.method() === method && new URL(request.url()).pathname === path;
  page.on('request', (request) => {
    if (matches(request)) open += 1;
  });
  const settled = (request: { url(): string; method(): string }) => {
    if (matches(request)) open -= 1;
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  await page.route(
    (target) => target.pathname === path,
    async (route) => {
      if (route.request().method() === method && seen++ === 0) await released;
      await route.fallback();
    },
  );
  return {
    release,
    allAnswered: async () => {
      await expect.poll(() => open, { timeout: 15_000 }).toBe(0);
    },
  };
}

test('when the stars are clicked quickly, then the last one clicked is shown and is the rating kept', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with tomatoes and eggs?');
  const id = chat.conversationId();
  expect(id).not.toBeNull();
  const { release, allAnswered } = await holdFirstSave(page, `/api/conversations/${id}`, 'PATCH');
  const star = (value: number) => page.getByRole('radio', { name: `${value} out of 5` });

  for (const value of [2, 5, 4, 3]) await star(value).click();
  await expect(star(3)).toHaveAttribute('aria-checked', 'true');
  release();
  await expect(page.getByTestId('conversation-rating').getByRole('status')).toHaveText('Rated 3 out of 5. Thank you!');
  await allAnswered();
  await expect(star(3)).toHaveAttribute('aria-checked', 'true');

  await page.reload();
  await expect(star(3)).toHaveAttribute('aria-checked', 'true');
});

test('when the thumbs are pressed quickly, then the last press is shown and is the rating kept', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with tomatoes and eggs?');
  const { release, allAnswered } = await holdFirstSave(page, '/api/feedback', 'POST');
  const good = () => chat.lastReply().getByRole('button', { name: 'Good reply' });
  const bad = () => chat.lastReply().getByRole('button', { name: 'Bad reply' });

  // Up, down, up, down: the first save (up) is the one held back.
  for (const thumb of [good, bad, good, bad]) await thumb().click();
  await expect(bad()).toHaveAttribute('aria-pressed', 'true');
  release();
  await expect(chat.lastReply().getByTestId('feedback').getByRole('status')).toHaveText('Sorry about that. What went wrong?');
  await allAnswered();
  await expect(bad()).toHaveAttribute('aria-pressed', 'true');
  await expect(good()).toHaveAttribute('aria-pressed', 'false');

  await page.reload();
  await expect(bad()).toHaveAttribute('aria-pressed', 'true');
  await expect(good()).toHaveAttribute('aria-pressed', 'false');
});
