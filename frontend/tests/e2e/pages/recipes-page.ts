import { expect, type Locator, type Page } from '@playwright/test';

/** The recipe box: import from a link or text, the editor with its lines, the saved recipes. */
export class RecipesPage {
  readonly importUrl: Locator;
  readonly importButton: Locator;
  readonly editor: Locator;
  readonly lines: Locator;
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.importUrl = page.getByLabel('Recipe link');
    this.importButton = page.getByRole('button', { name: 'Import' });
    this.editor = page.getByRole('form', { name: 'Recipe editor' });
    this.lines = page.getByTestId('recipe-line');
    this.cards = page.getByTestId('recipe-card');
  }

  async goto(base = '') {
    await this.page.goto(`${base}/recipes`);
    await expect(this.page.getByRole('heading', { name: 'Recipe box' })).toBeVisible();
  }

  async importLink(url: string) {
    await this.importUrl.fill(url);
    await this.importButton.click();
    await expect(this.editor).toBeVisible();
  }

  line(text: string | RegExp): Locator {
    return this.lines.filter({ hasText: text });
  }

  card(title: string | RegExp): Locator {
    return this.cards.filter({ has: this.page.getByRole('heading', { name: title }) });
  }
}
