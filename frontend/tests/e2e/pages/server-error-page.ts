import { expect, type Locator, type Page } from '@playwright/test';
import { FRIENDLY_COPY } from '../../../lib/chat-types';

/** What a cook sees when a page fails: Chef Chopsky's error screen (components/error-screen.tsx), not Next.js's. */
export class ServerErrorPage {
  readonly heading: Locator;
  readonly explanation: Locator;
  readonly tryAgain: Locator;
  readonly home: Locator;
  readonly reference: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'This page didn’t come out right' });
    this.explanation = page.getByRole('alert').getByText(FRIENDLY_COPY.generic);
    this.tryAgain = page.getByRole('button', { name: 'Try again' });
    this.home = page.getByRole('link', { name: 'Start a new chat' });
    this.reference = page.getByText(/^Reference: /);
  }

  async expectShown() {
    await expect(this.heading).toBeVisible();
    await expect(this.explanation).toBeVisible();
    await expect(this.tryAgain).toBeVisible();
    await expect(this.home).toHaveAttribute('href', '/');
    await expect(this.page.getByText('This page couldn’t load')).toHaveCount(0);
  }

  /** The digest Next.js gave the server's error, which the screen shows so a cook can quote it. */
  async referenceShown(): Promise<string> {
    return ((await this.reference.textContent()) ?? '').replace(/^Reference: /, '');
  }
}
