import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

type StoredMessage = { id: string; role: string; status: string; supersededBy: string | null };

/** The conversation's messages as stored (the superseded ones too); none before the page has a conversation. */
async function storedMessages(page: Page): Promise<StoredMessage[]> {
  const conversationId = /\/c\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!conversationId) return [];
  const read = await page.request.get(new URL(`/api/conversations/${conversationId}`, page.url()).href);
  expect(read.status()).toBe(200);
  return ((await read.json()) as { messages: StoredMessage[] }).messages;
}

/**
 * What the next POST /api/chat asked for, and the ids it stored: the thread's last message and reply once its rows are
 * written and its reply has ended, read back from the server. (Not from the response: Chromium keeps no copy of an
 * event stream the page reads as it arrives, so `response.text()` and `response.finished()` fail or never settle for
 * an uncompressed stream.)
 */
async function nextChat(page: Page, act: () => Promise<void>) {
  const before = (await storedMessages(page)).length;
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST'), act()]);
  const body = request.postDataJSON() as Record<string, unknown>;
  let messages: StoredMessage[] = [];
  await expect
    .poll(async () => {
      messages = await storedMessages(page);
      return messages.length > before && messages.every((m) => m.status !== 'streaming');
    }, { timeout: 30_000 })
    .toBe(true);
  const thread = messages.filter((m) => !m.supersededBy);
  return { body, userMessageId: thread.filter((m) => m.role === 'user').at(-1)!.id, assistantMessageId: thread.filter((m) => m.role === 'assistant').at(-1)!.id };
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
