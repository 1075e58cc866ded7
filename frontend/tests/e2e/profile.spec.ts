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

test('an invalid profile is refused with the field named, and nothing is lost', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.householdSize.fill('40');
  await profile.save.click();
  await expect(profile.status).toHaveText(/check the highlighted fields/i);
  await expect(page.getByText('at most 20 people')).toBeVisible();
  await expect(profile.householdSize).toHaveValue('40');
});
