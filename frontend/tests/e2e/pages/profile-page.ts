import { expect, type Locator, type Page } from '@playwright/test';

/** The household profile form. */
export class ProfilePage {
  readonly householdSize: Locator;
  readonly save: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.householdSize = page.getByLabel('Household size');
    this.save = page.getByRole('button', { name: 'Save profile' });
    this.status = page.getByTestId('profile-status');
  }

  async goto() {
    await this.page.goto('/profile');
    await expect(this.page.getByRole('heading', { name: 'Household profile', level: 1 })).toBeVisible();
  }

  async setDiet(diet: 'Omnivore' | 'Pescatarian' | 'Vegetarian' | 'Vegan') {
    await this.page.getByRole('radio', { name: diet }).check({ force: true });
  }

  async toggleAllergen(label: string) {
    await this.page.getByRole('checkbox', { name: label, exact: true }).click({ force: true });
  }

  async fill(field: string, value: string) {
    await this.page.getByLabel(field).fill(value);
  }

  async submit() {
    await this.save.click();
    await expect(this.status).toHaveText(/Profile saved/);
  }
}
