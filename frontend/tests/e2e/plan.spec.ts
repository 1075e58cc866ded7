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
    // At a laptop's width three meals a day fit the panel: each day's nutrition sits under its name, nothing scrolls
    // sideways.
    await expect(chat.planCard.getByTestId('plan-day').first().getByRole('rowheader').getByText(/\d+ g protein/)).toBeVisible();
    expect(await chat.planCard.locator('table').evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
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

  /** The conversation's current plan as stored. */
  async function storedPlan(page: import('@playwright/test').Page, conversationId: string | null) {
    const body = (await (await page.request.get(`/api/conversations/${conversationId}`)).json()) as {
      plan: { planId: string; version: number; plan: { days: Array<{ meals: Array<{ title: string; servings: number; cookServings?: number; wanted?: string[]; recipeId: string }> }> } };
    };
    return body.plan;
  }

  test('a batch-cooked recipe shows the servings its ingredients are for, with a note about the leftovers', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait(PEANUT_PLAN_REQUEST);
    // Which meal is cooked for later leftovers, from the stored plan.
    const meals = (await storedPlan(page, chat.conversationId())).plan.days.flatMap((d) => d.meals);
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

  test('meals with an ingredient the cook asked for are marked with it, and the plan says what it could not include', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('plan 3 dinners with chicken');
    const card = chat.planCard;
    await expect(card.getByTestId('meal-title')).toHaveCount(3);
    // The stored plan says which meals have chicken; the week view marks exactly those.
    const withChicken = (await storedPlan(page, chat.conversationId())).plan.days.flatMap((d) => d.meals).filter((m) => m.wanted?.includes('chicken')).length;
    expect(withChicken).toBeGreaterThan(0);
    await expect(card.getByTestId('meal-wanted')).toHaveText(Array(withChicken).fill('with chicken'));
    // Read as text in the meal's cell, so a screen reader hears it with the meal.
    await expect(card.getByRole('cell').filter({ has: page.getByTestId('meal-wanted') }).first()).toContainText(/min.*kcal.*with chicken/);
    await expect(card.getByTestId('plan-wanted-shortfall')).toHaveCount(0);

    // Vegetarian dinners cannot have chicken: a new plan keeps the chickpeas and says chicken could not be included.
    await chat.sendAndWait('Plan 3 dinners with chickpeas and chicken, vegetarian');
    await expect(card.getByTestId('plan-wanted-shortfall')).toHaveText('Could not include chicken: no recipe that fits this plan has it.');
    await expect(card.getByTestId('meal-wanted').first()).toHaveText('with chickpea');
  });
});

test.describe('the plan beside the chat is one living document', () => {
  const titles = (chat: ChatPage) => chat.planCard.getByTestId('meal-title').allTextContents();

  test('swap and keep change it in place as new versions; the servings stepper rescales the same meals; an earlier version can be restored', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 4 days of dinners for 2');
    const panel = page.getByTestId('plan-panel');
    const versions = panel.getByTestId('plan-versions');
    await expect(versions).toHaveValue('1');
    const v1 = await titles(chat);
    expect(v1).toHaveLength(4);
    const replies = await chat.assistantMessages.count();

    // Swap: Tuesday changes, the rest stays; no chat message, one plan on screen, a new version.
    await chat.planCard.getByRole('button', { name: /^Swap Tuesday dinner/ }).click();
    await expect(versions).toHaveValue('2');
    await expect(versions.locator('option:checked')).toHaveText('v2 · swapped Tuesday dinner');
    const v2 = await titles(chat);
    expect(v2[1]).not.toBe(v1[1]);
    expect([v2[0], v2[2], v2[3]]).toEqual([v1[0], v1[2], v1[3]]);
    await expect(chat.planCard).toHaveCount(1);
    expect(await chat.assistantMessages.count()).toBe(replies);

    // Keep Monday, then re-plan the rest: Monday and the swapped Tuesday stay, the others change.
    await chat.planCard.getByRole('button', { name: /^Keep Monday dinner/ }).click();
    await expect(chat.planCard.getByRole('button', { name: /^Keep Monday dinner/ })).toHaveAttribute('aria-pressed', 'true');
    await panel.getByRole('button', { name: 'Re-plan the rest' }).click();
    await expect(versions).toHaveValue('4');
    const v4 = await titles(chat);
    expect(v4.slice(0, 2)).toEqual(v2.slice(0, 2));
    expect(v4[2]).not.toBe(v2[2]);

    // Servings: the same meals for 3.
    await panel.getByRole('button', { name: 'More servings' }).click();
    await expect(panel.getByTestId('plan-servings')).toHaveText('Serves 3');
    await expect(versions).toHaveValue('5');
    expect(await titles(chat)).toEqual(v4);
    await saveScreenshot(page, 'plan-panel');

    // Open version 1 from the versions list: read-only, then restored as version 6.
    await versions.selectOption('1');
    await expect(panel.getByTestId('old-version')).toContainText('You are looking at v1');
    expect(await titles(chat)).toEqual(v1);
    await expect(chat.planCard.getByRole('button', { name: /^Swap / })).toHaveCount(0);
    await panel.getByRole('button', { name: 'Restore this version' }).click();
    await expect(versions).toHaveValue('6');
    await expect(versions.locator('option:checked')).toHaveText('v6 · restored v1');
    expect(await titles(chat)).toEqual(v1);

    // A reload shows the same current version.
    await page.reload();
    await expect(page.getByTestId('plan-versions')).toHaveValue('6');
  });

  test('a change made in the chat is one line linking to the panel; ticks carry over to the next version for what it still buys', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 3 dinners for 2');
    const grocery = chat.groceryList;
    const firstItem = grocery.getByRole('checkbox').first();
    const itemName = (await grocery.locator('label').first().textContent())!;
    await firstItem.check();
    await expect(grocery.getByText(/· 1 of \d+ ticked/)).toBeVisible();

    await chat.sendAndWait('make it for 4 instead');
    await expect(chat.lastReply().getByTestId('plan-version-line')).toContainText('v2');
    await expect(chat.lastReply().getByTestId('plan-version-line')).toContainText('Serves 4');
    await expect(page.getByTestId('plan-versions')).toHaveValue('2');
    // Still bought (the same meals, more of each), so still ticked.
    await expect(grocery.locator('label').filter({ hasText: itemName.split(' · ')[0]! }).getByRole('checkbox')).toBeChecked();

    // The line of the first reply opens version 1 in the panel.
    await chat.assistantMessages.first().getByTestId('plan-version-line').click();
    await expect(page.getByTestId('old-version')).toContainText('You are looking at v1');
    await page.reload();
    await expect(chat.groceryList.getByText(/· 1 of \d+ ticked/)).toBeVisible();
  });

  test('printing the grocery list puts all of it on the page', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 5 dinners for 4');
    // What Print does (the browser's print dialog itself cannot be driven): mark the list, then lay the page out for print.
    const list = chat.groceryList;
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
    // Nothing of the list is clipped: no scrolling box around it is shorter than it.
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

  test('a change from a tab showing an older version is refused with the current version, never a silent overwrite', async ({ page, context }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 3 dinners for 2');
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId('plan-versions')).toHaveValue('1');
    await chat.planCard.getByRole('button', { name: /^Swap Monday dinner/ }).click();
    await expect(page.getByTestId('plan-versions')).toHaveValue('2');
    // The other tab still shows version 1 and swaps Wednesday: refused, and it now shows version 2.
    await other.getByTestId('plan-card').getByRole('button', { name: /^Swap Wednesday dinner/ }).click();
    await expect(other.getByTestId('plan-status')).toHaveText('The plan was changed meanwhile, in another tab or by the chef. Here is the current version.');
    await expect(other.getByTestId('plan-versions')).toHaveValue('2');
    await other.close();
  });

  test('the plan goes along: a calendar file, a printable week, and a read-only link another guest can open until it is revoked', async ({ page, browser }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.sendAndWait('Plan 3 dinners for 2');
    const panel = page.getByTestId('plan-panel');

    const download = page.waitForEvent('download');
    await panel.getByTestId('plan-calendar').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^chef-chopsky-plan-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);

    const [printable] = await Promise.all([page.context().waitForEvent('page'), panel.getByTestId('plan-print').click()]);
    await expect(printable.getByTestId('sheet-day')).toHaveCount(3);
    await expect(printable.getByRole('heading', { name: 'Grocery list' })).toBeVisible();
    await printable.close();

    await panel.getByTestId('plan-share').click();
    const url = (await panel.getByTestId('plan-share-url').textContent())!;
    expect(url).toMatch(/\/share\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
    // Another guest (no cookies of this one) sees the plan and its list, nothing of the conversation.
    const guest = await browser.newContext();
    const shared = await guest.newPage();
    await shared.goto(url);
    await expect(shared.getByTestId('sheet-day')).toHaveCount(3);
    await expect(shared.getByText('Plan 3 dinners for 2')).toHaveCount(0);
    await saveScreenshot(shared, 'shared-plan');
    await panel.getByTestId('plan-unshare').click();
    await expect(page.getByTestId('plan-status')).toHaveText('The link no longer works.');
    await shared.reload();
    await expect(shared.getByTestId('no-longer-shared')).toContainText('This plan is no longer shared');
    await guest.close();
  });
});
