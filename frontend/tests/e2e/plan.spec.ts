import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { PEANUT_PLAN_REQUEST, saveScreenshot } from './support';

test.describe('planning a week', () => {
  test('a family of four with a peanut allergy gets a week view with nutrition, recipes, a grocery list, and no peanuts', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait(PEANUT_PLAN_REQUEST);

    await expect(chat.planCard).toBeVisible();
    await expect(chat.planCard.getByTestId('plan-day')).toHaveCount(7);
    await expect(chat.planCard.getByText('Serves 4')).toBeVisible();
    await expect(chat.planCard.getByText('No peanuts', { exact: true }).first()).toBeVisible();
    await expect(chat.planCard.getByTestId('day-nutrition').first()).toContainText(/kcal/);
    await expect(chat.planCard.getByTestId('day-nutrition').first()).toContainText(/g protein/);
    const titles = await chat.planCard.getByTestId('meal-title').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(14);
    for (const title of titles) expect(title.toLowerCase()).not.toContain('peanut');
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);

    // A recipe opens in a dialog, scaled to the household, with its steps; Escape closes it and focus returns.
    const firstMeal = chat.planCard.getByTestId('meal-title').first();
    await firstMeal.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('servings')).toHaveText('4');
    await expect(dialog.getByRole('heading', { name: 'Ingredients' })).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Steps' })).toBeVisible();
    for (const ingredient of await dialog.getByTestId('recipe-ingredients').allTextContents()) {
      expect(ingredient.toLowerCase()).not.toContain('peanut');
    }
    await saveScreenshot(page, 'recipe-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(firstMeal).toBeFocused();

    await firstMeal.blur();
    await chat.planCard.evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'chat-with-plan');

    // The grocery list for that plan, grouped by store section; ticks survive a reload.
    if ((await chat.groceryList.count()) === 0) await chat.sendAndWait('Grocery list please');
    const grocery = chat.groceryList.last();
    await expect(grocery).toBeVisible();
    expect(await grocery.getByTestId('grocery-section').count()).toBeGreaterThan(2);
    await expect(grocery.getByText(/peanut/i)).toHaveCount(0);
    const firstItem = grocery.getByRole('checkbox').first();
    await firstItem.check();
    await expect(grocery.getByText(/1 of \d+ ticked/)).toBeVisible();
    await grocery.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'grocery-list');

    // Reload: the conversation is in the history, the plan and the tick are still there.
    const id = chat.conversationId();
    await page.reload();
    await expect(chat.sidebar.items.first().getByRole('link')).toHaveAttribute('href', `/c/${id}`);
    await expect(chat.sidebar.items.first()).toContainText(/plan a week/i);
    await expect(chat.planCard.first()).toBeVisible();
    await expect(chat.groceryList.last().getByRole('checkbox').first()).toBeChecked();
  });

  test('Swap asks for a new meal in that slot and keeps the rest', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 3 days of dinners for 2');
    await expect(chat.planCard.first().getByTestId('meal-title')).toHaveCount(3);
    const before = await chat.planCard.first().getByTestId('meal-title').allTextContents();
    await chat.planCard.first().getByRole('button', { name: /^Swap / }).nth(1).click();
    await expect(chat.userMessages.last()).toContainText(/Swap day 2 dinner/i);
    await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    await expect(chat.planCard).toHaveCount(2);
    await expect(chat.planCard.last().getByTestId('meal-title')).toHaveCount(3);
    const after = await chat.planCard.last().getByTestId('meal-title').allTextContents();
    expect(after).toHaveLength(before.length);
    expect(after[1]).not.toBe(before[1]);
    expect(after[0]).toBe(before[0]);
  });
});
