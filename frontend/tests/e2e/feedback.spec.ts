import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('a reply takes a thumbs up with a comment, and the conversation a 1–5 rating; both are remembered', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with tomatoes and eggs?');
  const feedback = chat.lastReply().getByTestId('feedback');
  await feedback.getByRole('button', { name: 'Good reply' }).click();
  await expect(feedback.getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'true');
  await feedback.getByRole('textbox', { name: /Comment on this reply/ }).fill('Quick and useful');
  await feedback.getByRole('button', { name: 'Send feedback' }).click();
  await expect(feedback.getByText('Thanks for the feedback.')).toBeVisible();

  await page.getByRole('radio', { name: '4 out of 5' }).click();
  await expect(page.getByRole('radio', { name: '4 out of 5' })).toHaveAttribute('aria-checked', 'true');
  // The star shows at once; the reload waits until the server has kept it.
  await expect(page.getByText('Rated 4 out of 5. Thank you!')).toBeVisible();

  await page.reload();
  await expect(chat.lastReply().getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('radio', { name: '4 out of 5' })).toHaveAttribute('aria-checked', 'true');
});

test('when the rating is changed with the keyboard, then focus moves with the checked star, wrapping at the ends', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with tomatoes and eggs?');
  const rating = page.getByRole('radiogroup', { name: 'Rate this conversation' });
  const star = (value: number) => rating.getByRole('radio', { name: `${value} out of 5` });
  const status = page.getByTestId('conversation-rating').getByRole('status');

  await star(4).click();
  await expect(status).toHaveText('Rated 4 out of 5. Thank you!');
  for (const [key, value] of [
    ['ArrowRight', 5],
    ['ArrowRight', 1],
    ['ArrowLeft', 5],
    ['ArrowLeft', 4],
    ['Home', 1],
    ['End', 5],
  ] as const) {
    await page.keyboard.press(key);
    await expect(star(value)).toBeFocused();
    await expect(star(value)).toHaveAttribute('aria-checked', 'true');
    await expect(star(value)).toHaveAttribute('tabindex', '0');
    await expect(rating.locator('[tabindex="0"]')).toHaveCount(1);
    await expect(status).toHaveText(`Rated ${value} out of 5. Thank you!`);
  }

  await page.reload();
  await expect(star(5)).toHaveAttribute('aria-checked', 'true');
});
