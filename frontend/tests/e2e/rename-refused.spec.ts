import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';

test('when the server refuses a new name, then its reason is shown next to the box and the old name stays', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with leeks and potatoes?');
  const row = chat.sidebar.item(/leeks and potatoes/i);
  const box = page.getByRole('textbox', { name: /^New name for/ });

  await chat.sidebar.openActions(/leeks and potatoes/i);
  await row.getByRole('button', { name: 'Rename' }).click();
  // Typed, not pasted or set: what a cook can really put in the box reaches the route and its limit.
  await box.clear();
  await box.pressSequentially('Leek'.repeat(31));
  await expect(box).toHaveValue('Leek'.repeat(31));
  await box.press('Enter');

  await expect(box).toHaveAccessibleDescription('The name must be at most 120 characters.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toBeFocused();
  await expect(page.getByText('That name can’t be saved. Try a different one.')).toHaveCount(0);

  await page.reload();
  await expect(chat.sidebar.item(/leeks and potatoes/i)).toBeVisible();
});
