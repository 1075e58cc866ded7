import { expect, type Locator, type Page } from '@playwright/test';

/** What a cook sees when a page fails on the server: Next.js's own error screen, with a Reload button and a digest. */
export class ServerErrorPage {
  readonly heading: Locator;
  readonly explanation: Locator;
  readonly reload: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'This page couldn’t load' });
    this.explanation = page.getByText('A server error occurred. Reload to try again.');
    this.reload = page.getByRole('button', { name: 'Reload' });
  }

  async expectShown() {
    await expect(this.heading).toBeVisible();
    await expect(this.explanation).toBeVisible();
    await expect(this.reload).toBeVisible();
  }
}
