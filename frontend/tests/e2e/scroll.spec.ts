import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { PEANUT_PLAN_REQUEST } from './support';

// A short window: the plan itself is in the panel beside the chat, so the reply is made taller than the message pane
// by the window, not by the plan.
test.use({ viewport: { width: 1280, height: 560 } });

test('a new reply is shown from its start, not followed to the bottom; "Jump to latest" shows while the end is out of view', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with kale?');
  await expect(chat.jumpToLatest).toHaveCount(0);

  // The plan's reply (its lines, the version link, the actions) is taller than the message pane.
  await chat.sendAndWait(PEANUT_PLAN_REQUEST);
  await expect(chat.planCard).toBeVisible();
  const question = chat.userMessages.last();
  // The cook's message sits at the top of the pane and the reply starts right under it.
  const top = await chat.offsetInPane(question);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(40);
  await expect(chat.lastReply().getByTestId('reply-text')).toBeInViewport();
  await expect(chat.jumpToLatest).toBeVisible();

  await chat.jumpToLatest.click();
  await expect(chat.jumpToLatest).toHaveCount(0);
  await expect.poll(() => chat.scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(60);

  // Scrolling up brings it back.
  await chat.scroller.evaluate((el) => el.scrollBy(0, -600));
  await expect(chat.jumpToLatest).toBeVisible();

  // Opened again, the conversation shows the start of its last turn.
  await page.reload();
  await expect(chat.planCard).toBeVisible();
  await expect.poll(async () => Math.abs(await chat.offsetInPane(chat.userMessages.last()))).toBeLessThan(40);
  await expect(chat.jumpToLatest).toBeVisible();
});
