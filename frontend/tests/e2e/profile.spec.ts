import { expect, test } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { ProfilePage } from './pages/profile-page';
import { saveScreenshot } from './support';

test('a saved vegan profile shows in the chat and every plan honours it', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.householdSize.fill('3');
  await profile.setDiet('Vegan');
  await profile.toggleAllergen('Sesame');
  await profile.fill('Dislikes', 'mushroom');
  await profile.fill('Pantry or this week’s CSA box', 'kale, tomato');
  await profile.submit();
  await page.getByRole('main').evaluate((main) => main.scrollTo(0, 0));
  await saveScreenshot(page, 'profile');

  await page.reload();
  await expect(profile.householdSize).toHaveValue('3');
  await expect(page.getByRole('radio', { name: 'Vegan' })).toBeChecked();

  const chat = new ChatPage(page);
  await chat.goto('/');
  await expect(chat.profileChip).toHaveText(/3 people · vegan · no sesame/);
  // The request names no diet: the plan is vegan because the profile says so.
  await chat.sendAndWait('Plan 3 days of dinners');
  await expect(chat.planCard.getByText('vegan', { exact: true })).toBeVisible();
  await expect(chat.planCard.getByText('Serves 3')).toBeVisible();
  await expect(chat.planCard.getByText('No sesame', { exact: true }).first()).toBeVisible();
});

test("people in the household with their own allergies: the size follows them, and each one's allergy is a chip every plan honours", async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  const members = page.getByTestId('member');
  await page.getByTestId('add-member').click();
  await page.getByTestId('add-member').click();
  await page.getByTestId('add-member').click();
  await expect(members).toHaveCount(3);
  await members.nth(0).getByLabel('Name').fill('Maya');
  await members.nth(0).getByLabel('Age').selectOption('toddler');
  await members.nth(0).getByRole('checkbox', { name: 'Fish', exact: true }).click({ force: true });
  await members.nth(1).getByLabel('Name').fill('Sam');
  await members.nth(1).getByLabel('Diet').selectOption('vegetarian');
  await members.nth(2).getByLabel('Name').fill('Ana');
  await expect(profile.householdSize).toHaveValue('3');
  await profile.submit();
  await members.first().scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'profile-members');

  await page.reload();
  await expect(members.nth(0).getByLabel('Name')).toHaveValue('Maya');
  await expect(members.nth(0).getByRole('checkbox', { name: 'Fish', exact: true })).toBeChecked();

  const chat = new ChatPage(page);
  await chat.goto('/');
  await expect(chat.profileChip).toHaveText(/3 people · omnivore · no fish/);
  await chat.sendAndWait('Plan 3 days of dinners');
  await expect(chat.ledgerChip('No fish (Maya)')).toHaveAttribute('title', 'From your household profile');
  await expect(chat.ledgerChip('Vegetarian (Sam)')).toBeVisible();
  await expect(chat.planCard.getByText('Serves 3')).toBeVisible();
  await expect(chat.planCard.getByTestId('plan-constraint').filter({ hasText: /^No fish$/ })).toBeVisible();

  // Two people with one name are refused, with the reason under the people.
  await profile.goto();
  await members.nth(2).getByLabel('Name').fill('maya');
  await profile.save.click();
  await expect(page.getByTestId('members').getByTestId('field-error')).toHaveText('Give each person a different name.');
});

test('an invalid profile is refused with the field named, and nothing is lost', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.householdSize.fill('40');
  await profile.save.click();
  await expect(profile.status).toHaveText(/check the highlighted fields/i);
  await expect(profile.householdSize).toHaveAccessibleDescription('Household size must be between 1 and 20 people.');
  await expect(profile.householdSize).toHaveValue('40');
});

test('when several fields are out of range, then each is marked with its own message in plain words and the first takes focus', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  const minutes = page.getByLabel('Minutes per meal (max)');
  const energy = page.getByLabel('Energy (kcal)');
  const protein = page.getByLabel('Protein (g)');
  await minutes.fill('-5');
  await energy.fill('1e9');
  await protein.fill('99999');
  await profile.save.click();

  await expect(profile.status).toHaveText('Please check the highlighted fields.');
  await expect(minutes).toBeFocused();
  for (const [field, message] of [
    [minutes, 'Minutes per meal must be between 5 and 600.'],
    [energy, 'Daily energy must be between 500 and 10,000 kcal.'],
    [protein, 'Daily protein must be between 0 and 500 g.'],
  ] as const) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
  await expect(page.getByTestId('field-error')).toHaveText([
    'Minutes per meal must be between 5 and 600.',
    'Daily energy must be between 500 and 10,000 kcal.',
    'Daily protein must be between 0 and 500 g.',
  ]);
  // Marked for the eye too, not only for a screen reader: the tomato border of an invalid field.
  await expect(energy).toHaveCSS('border-top-color', 'rgb(150, 54, 23)');
  await expect(profile.householdSize).not.toHaveAttribute('aria-invalid');
  await expect(page.getByLabel('Dislikes')).toHaveAccessibleDescription('Comma-separated ingredients to leave out.');

  await minutes.fill('30');
  await energy.fill('2000');
  await protein.fill('90');
  await profile.submit();
  await expect(minutes).not.toHaveAttribute('aria-invalid');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
});

test('when the connection drops while saving, then the form says so and keeps every change', async ({ page, context }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.householdSize.fill('5');
  await profile.fill('Dislikes', 'olives');
  await context.setOffline(true);
  await profile.save.click();
  await expect(profile.status).toHaveText('You seem to be offline. Your changes are still here; try again.');
  await expect(profile.householdSize).toHaveValue('5');
  await expect(page.getByLabel('Dislikes')).toHaveValue('olives');
  await context.setOffline(false);
  await profile.submit();
});

test('when something between the browser and the app answers with its own error page, then the form says saving failed, not that page', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  // A proxy's or platform's 502 is outside the app: its HTML body has no code, message or details of ours.
  await page.route('**/api/profile', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' }));
  await profile.save.click();
  await expect(profile.status).toHaveText('Saving failed. Please try again.');
  await expect(page.getByTestId('field-error')).toHaveCount(0);
});
