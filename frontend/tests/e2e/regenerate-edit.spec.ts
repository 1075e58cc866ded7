import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

/** The ids the next POST /api/chat stored (its `conversation` event) and what it asked for. */
async function nextChat(page: Page, act: () => Promise<void>) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/chat') && r.request().method() === 'POST'), act()]);
  const body = response.request().postDataJSON() as Record<string, unknown>;
  const stream = await response.text();
  const ids = JSON.parse(/event: conversation\ndata: (.*)\n/.exec(stream)![1]!) as { userMessageId: string; assistantMessageId: string };
  return { body, ...ids };
}

test('Regenerate writes a new reply to the same message in place of the finished one, and the thread stays one question, one reply', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const first = await nextChat(page, () => chat.send('What can I make with kale?'));
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  // Only the last reply offers it.
  await expect(chat.lastReply().getByRole('button', { name: 'Regenerate' })).toBeVisible();

  const again = await nextChat(page, () => chat.regenerate());
  expect(again.body).toMatchObject({ regenerate: first.assistantMessageId, content: 'What can I make with kale?' });
  expect(again.userMessageId).toBe(first.userMessageId);
  expect(again.assistantMessageId).not.toBe(first.assistantMessageId);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.assistantMessages).toHaveCount(1);
  // The button that asked is gone with the old reply: focus is in the message box.
  await expect(chat.composer).toBeFocused();

  await page.reload();
  await expect(chat.userMessages).toHaveCount(1);
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.lastReply().getByRole('button', { name: 'Regenerate' })).toBeVisible();
});

test('the last message can be edited and sent again: the thread shows the edited message, marked, with a new reply; its constraints follow the edit', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with kale?');
  await chat.sendAndWait('No mushrooms please. Plan 3 dinners for 2.');
  await expect(page.locator('[data-chip-id^="exclude:mushroom"]')).toBeVisible();
  // Only the last message has Edit.
  await expect(chat.userMessages.first().getByRole('button', { name: 'Edit your message' })).toHaveCount(0);

  // Escape leaves it as it was, focus back on Edit.
  const editButton = chat.userMessages.last().getByRole('button', { name: 'Edit your message' });
  await editButton.click();
  const editor = page.getByRole('textbox', { name: 'Edit your message' });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('No mushrooms please. Plan 3 dinners for 2.');
  await saveScreenshot(page, 'edit-message');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(editButton).toBeFocused();

  const edited = await nextChat(page, () => chat.editLastMessage('No olives please. Plan 3 dinners for 2.'));
  expect(edited.body).toMatchObject({ editOf: expect.any(String), content: 'No olives please. Plan 3 dinners for 2.' });
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  await expect(chat.userMessages).toHaveCount(2);
  await expect(chat.userMessages.first()).toContainText('What can I make with kale?');
  await expect(chat.userMessages.last()).toContainText('No olives please. Plan 3 dinners for 2.');
  await expect(chat.userMessages.last().getByTestId('edited-mark')).toHaveText('Edited');
  await expect(page.getByText('No mushrooms please.')).toHaveCount(0);
  await expect(chat.assistantMessages).toHaveCount(2);
  await expect(page.locator('[data-chip-id^="exclude:olive"]')).toBeVisible();
  await expect(page.locator('[data-chip-id^="exclude:mushroom"]')).toHaveCount(0);

  await page.reload();
  await expect(chat.userMessages).toHaveCount(2);
  await expect(chat.userMessages.last()).toContainText('No olives please.');
  await expect(chat.userMessages.last().getByTestId('edited-mark')).toBeVisible();
  await expect(chat.assistantMessages).toHaveCount(2);
  await expect(page.locator('[data-chip-id^="exclude:mushroom"]')).toHaveCount(0);
});
