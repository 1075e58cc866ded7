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

  test('a batch-cooked recipe shows the servings its ingredients are for, with a note about the leftovers', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait(PEANUT_PLAN_REQUEST);
    // Which meal is cooked for later leftovers, from the stored plan (what the agent sent).
    const stored = (await (await page.request.get(`/api/conversations/${chat.conversationId()}`)).json()) as {
      messages: Array<{ parts: Array<{ type: string; plan?: { days: Array<{ meals: Array<{ title: string; servings: number; cookServings?: number }> }> } }> }>;
    };
    const plan = stored.messages.flatMap((m) => m.parts).find((p) => p.type === 'plan')!.plan!;
    const meals = plan.days.flatMap((d) => d.meals);
    const index = meals.findIndex((m) => (m.cookServings ?? 0) > m.servings);
    expect(index).toBeGreaterThanOrEqual(0);
    const batch = meals[index]!;

    await chat.planCard.getByTestId('meal-title').nth(index).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('servings')).toHaveText(String(batch.cookServings));
    await expect(dialog.getByTestId('batch-note')).toHaveText(
      `Cooks ${batch.cookServings} servings: ${batch.servings} for this meal and ${batch.cookServings! - batch.servings} for the leftovers later in the plan.`,
    );
    // Scaling down to one meal's servings scales every ingredient by the same factor.
    const grams = async () => (await dialog.getByTestId('recipe-ingredients').locator('li').allTextContents()).map((t) => Number(/(\d+) g$/.exec(t)?.[1]));
    const before = await grams();
    for (let n = batch.cookServings!; n > batch.servings; n -= 1) await dialog.getByRole('button', { name: 'Fewer servings' }).click();
    await expect(dialog.getByTestId('servings')).toHaveText(String(batch.servings));
    const after = await grams();
    after.forEach((g, i) => expect(Math.abs(g - (before[i]! * batch.servings) / batch.cookServings!)).toBeLessThanOrEqual(1));
  });

  test('two grocery lists for one plan keep their own ticks, and printing one puts all of it on the page', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 3 dinners for 2');
    await chat.sendAndWait('grocery list');
    await expect(chat.groceryList).toHaveCount(2);
    const [first, second] = [chat.groceryList.first(), chat.groceryList.last()];
    // Clicking the second list's label ticks the second list's box, not the first's.
    await second.locator('label').first().click();
    await expect(second.getByText(/· 1 of \d+ ticked/)).toBeVisible();
    await expect(first.getByText(/· 0 of \d+ ticked/)).toBeVisible();
    await page.reload();
    await expect(chat.groceryList.last().getByRole('checkbox').first()).toBeChecked();
    await expect(chat.groceryList.first().getByRole('checkbox').first()).not.toBeChecked();

    // What Print does (the browser's print dialog itself cannot be driven): mark the list, then lay the page out for print.
    const list = chat.groceryList.last();
    await list.evaluate((el) => {
      el.setAttribute('data-print-target', 'true');
      document.body.setAttribute('data-printing', 'true');
    });
    await page.emulateMedia({ media: 'print' });
    const box = await list.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return { top: rect.top + window.scrollY, left: rect.left, heading: el.querySelector('h3')!.getBoundingClientRect().top + window.scrollY };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.heading).toBeGreaterThanOrEqual(0);
    expect(box.left).toBeLessThanOrEqual(1);
    // Nothing of the list is clipped: it is as tall as its content.
    const clipped = await list.evaluate((el) => {
      for (let node = el.parentElement; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowY !== 'visible' && node.clientHeight < el.scrollHeight) return true;
      }
      return false;
    });
    expect(clipped).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  test('meals with an ingredient the cook asked for are marked with it, and the plan says what it could not include', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('plan 3 dinners with chicken');
    const card = chat.planCard.last();
    await expect(card.getByTestId('meal-title')).toHaveCount(3);
    // The stored plan (what the agent sent) says which meals have chicken; the week view marks exactly those.
    const stored = (await (await page.request.get(`/api/conversations/${chat.conversationId()}`)).json()) as {
      messages: Array<{ parts: Array<{ type: string; plan?: { days: Array<{ meals: Array<{ wanted?: string[] }> }> } }> }>;
    };
    const plan = stored.messages.flatMap((m) => m.parts).find((p) => p.type === 'plan')!.plan!;
    const withChicken = plan.days.flatMap((d) => d.meals).filter((m) => m.wanted?.includes('chicken')).length;
    expect(withChicken).toBeGreaterThan(0);
    await expect(card.getByTestId('meal-wanted')).toHaveText(Array(withChicken).fill('with chicken'));
    // Read as text in the meal's cell, so a screen reader hears it with the meal.
    await expect(card.getByRole('cell').filter({ has: page.getByTestId('meal-wanted') }).first()).toContainText(/min.*kcal.*with chicken/);
    await expect(card.getByTestId('plan-wanted-shortfall')).toHaveCount(0);

    // Vegetarian dinners cannot have chicken: the plan keeps the chickpeas and says chicken could not be included.
    await chat.sendAndWait('Plan 3 dinners with chickpeas and chicken, vegetarian');
    const vegetarian = chat.planCard.last();
    await expect(vegetarian.getByTestId('plan-wanted-shortfall')).toHaveText('Could not include chicken: no recipe that fits this plan has it.');
    await expect(vegetarian.getByTestId('meal-wanted').first()).toHaveText('with chickpea');
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
