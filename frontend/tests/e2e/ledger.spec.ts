import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

test('an allergy said in chat becomes a chip; removing it re-plans without that allergy, adding one re-plans with it', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('We have a shellfish and peanut allergy and my wife is celiac. Plan 5 dinners for 4.');

  // What the chef understood is on screen, each with where it came from.
  const peanuts = chat.ledgerChip('No peanuts');
  await expect(peanuts).toBeVisible();
  await expect(chat.ledgerChip('No shellfish')).toBeVisible();
  await expect(chat.ledgerChip('No gluten (wife)')).toBeVisible();
  await expect(peanuts).toHaveAttribute('title', 'You said: “We have a shellfish and peanut allergy and my wife is celiac.”');
  const plan = chat.planCard.last();
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No peanuts$/ })).toBeVisible();
  await saveScreenshot(page, 'ledger-chips');

  // Removing the chip re-plans: the new plan is no longer made without peanuts; shellfish and gluten still are.
  const replies = await chat.assistantMessages.count();
  await peanuts.getByRole('button', { name: 'Remove “No peanuts”' }).click();
  await expect(chat.userMessages.last()).toContainText('Update the plan for the changed constraints.');
  await expect(chat.assistantMessages).toHaveCount(replies + 1);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(peanuts).toHaveCount(0);
  const replanned = chat.planCard.last();
  await expect(replanned.getByTestId('plan-constraint').filter({ hasText: /^No peanuts$/ })).toHaveCount(0);
  await expect(replanned.getByTestId('plan-constraint').filter({ hasText: /^No shellfish$/ })).toBeVisible();
  await expect(replanned.getByTestId('plan-constraint').filter({ hasText: /^No gluten$/ })).toBeVisible();

  // Adding one in words re-plans with it; words with no constraint in them get a clear message and add nothing.
  await page.getByTestId('ledger-add').click();
  await page.getByTestId('ledger-add-input').fill('the weather is lovely');
  await page.getByTestId('ledger-add-input').press('Enter');
  await expect(page.getByTestId('ledger-problem')).toContainText("I couldn't read a constraint in “the weather is lovely”");
  await page.getByTestId('ledger-add-input').fill('sesame allergy');
  await page.getByTestId('ledger-add-input').press('Enter');
  await expect(chat.ledgerChip('No sesame')).toHaveAttribute('title', 'You added this');
  await expect(chat.assistantMessages).toHaveCount(replies + 2);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
  await expect(chat.planCard.last().getByTestId('plan-constraint').filter({ hasText: /^No sesame$/ })).toBeVisible();

  // A reload shows the same chips.
  await page.reload();
  await expect(chat.ledgerChip('No sesame')).toBeVisible();
  await expect(chat.ledgerChip('No peanuts')).toHaveCount(0);
});
