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

  await page.reload();
  await expect(chat.lastReply().getByRole('button', { name: 'Good reply' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('radio', { name: '4 out of 5' })).toHaveAttribute('aria-checked', 'true');
});
