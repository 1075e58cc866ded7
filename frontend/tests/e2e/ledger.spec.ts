import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { saveScreenshot } from './support';

test('an allergy said in chat becomes a chip; removing it or adding one updates the plan beside the chat', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('We have a shellfish and peanut allergy and my wife is celiac. Plan 5 dinners for 4.');

  // What the chef understood is on screen, each with where it came from.
  const peanuts = chat.ledgerChip('No peanuts');
  await expect(peanuts).toBeVisible();
  await expect(chat.ledgerChip('No shellfish')).toBeVisible();
  await expect(chat.ledgerChip('No gluten (wife)')).toBeVisible();
  await expect(peanuts).toHaveAttribute('title', 'You said: “We have a shellfish and peanut allergy and my wife is celiac.”');
  const plan = chat.planCard;
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No peanuts$/ })).toBeVisible();
  await saveScreenshot(page, 'ledger-chips');

  // Removing the chip brings the plan up to date at once (no chat message): no longer made without peanuts.
  const replies = await chat.assistantMessages.count();
  await peanuts.getByRole('button', { name: 'Remove “No peanuts”' }).click();
  await expect(peanuts).toHaveCount(0);
  await expect(page.getByTestId('plan-versions')).toHaveValue('2');
  await expect(page.getByTestId('plan-versions').locator('option:checked')).toHaveText('v2 · peanuts allowed again');
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No peanuts$/ })).toHaveCount(0);
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No shellfish$/ })).toBeVisible();
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No gluten$/ })).toBeVisible();
  expect(await chat.assistantMessages.count()).toBe(replies);

  // Adding one in words updates the plan with it; words with no constraint in them get a clear message and add nothing.
  await page.getByTestId('ledger-add').click();
  await page.getByTestId('ledger-add-input').fill('the weather is lovely');
  await page.getByTestId('ledger-add-input').press('Enter');
  await expect(page.getByTestId('ledger-problem')).toContainText("I couldn't read a constraint in “the weather is lovely”");
  await page.getByTestId('ledger-add-input').fill('sesame allergy');
  await page.getByTestId('ledger-add-input').press('Enter');
  await expect(chat.ledgerChip('No sesame')).toHaveAttribute('title', 'You added this');
  await expect(page.getByTestId('plan-versions')).toHaveValue('3');
  await expect(plan.getByTestId('plan-constraint').filter({ hasText: /^No sesame$/ })).toBeVisible();

  // A reload shows the same chips and plan.
  await page.reload();
  await expect(chat.ledgerChip('No sesame')).toBeVisible();
  await expect(chat.ledgerChip('No peanuts')).toHaveCount(0);
  await expect(page.getByTestId('plan-versions')).toHaveValue('3');
});
