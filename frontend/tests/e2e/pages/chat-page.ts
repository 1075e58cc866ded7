import { expect, type Locator, type Page } from '@playwright/test';

/** The chat screen: composer, messages, plan and grocery cards, and the conversation sidebar. */
export class ChatPage {
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly userMessages: Locator;
  readonly assistantMessages: Locator;
  readonly planCard: Locator;
  readonly groceryList: Locator;
  readonly title: Locator;
  readonly profileChip: Locator;
  /** The constraint chips above the composer. */
  readonly ledgerChips: Locator;
  /** The header's note that the chef runs without a language model. */
  readonly builtInPlannerNote: Locator;
  /** Floats over the messages while their end is out of view. */
  readonly jumpToLatest: Locator;
  /** The message list's scrolling pane. */
  readonly scroller: Locator;
  readonly sidebar: SidebarPanel;

  constructor(readonly page: Page) {
    this.composer = page.getByRole('textbox', { name: 'Message Chef Chopsky' });
    this.sendButton = page.getByRole('button', { name: 'Send message' });
    this.stopButton = page.getByRole('button', { name: 'Stop the reply' });
    this.userMessages = page.getByTestId('user-message');
    this.assistantMessages = page.getByTestId('assistant-message');
    this.planCard = page.getByTestId('plan-card');
    this.groceryList = page.getByTestId('grocery-list');
    this.title = page.getByTestId('chat-title');
    this.profileChip = page.getByTestId('profile-chip');
    this.ledgerChips = page.getByTestId('ledger-chip');
    this.builtInPlannerNote = page.getByTestId('built-in-planner-note');
    this.jumpToLatest = page.getByRole('button', { name: 'Jump to latest' });
    this.scroller = page.getByTestId('messages').locator('xpath=ancestor::div[contains(@class, "overflow-y-auto")][1]');
    this.sidebar = new SidebarPanel(page);
  }

  async goto(path = '/') {
    await this.page.goto(path);
    await expect(this.composer).toBeVisible();
  }

  lastReply(): Locator {
    return this.assistantMessages.last();
  }

  /** Types a message and presses Enter (the way a cook sends). */
  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** Sends and waits until the reply is finished (complete, stopped or failed). */
  async sendAndWait(text: string, timeout = 30_000) {
    const before = await this.assistantMessages.count();
    await this.send(text);
    await expect(this.assistantMessages).toHaveCount(before + 1, { timeout });
    await expect(this.lastReply()).not.toHaveAttribute('data-status', 'streaming', { timeout });
  }

  /** Asks for a new reply in place of the last one. */
  async regenerate() {
    await this.lastReply().getByRole('button', { name: 'Regenerate' }).click();
  }

  /** Opens the editor on the cook's last message, replaces its text and sends it with Enter. */
  async editLastMessage(text: string) {
    await this.userMessages.last().getByRole('button', { name: 'Edit your message' }).click();
    const editor = this.page.getByRole('textbox', { name: 'Edit your message' });
    await editor.fill(text);
    await editor.press('Enter');
  }

  /** Where an element's top is, in pixels from the top of the visible message pane. */
  async offsetInPane(element: Locator): Promise<number> {
    const [pane, box] = await Promise.all([this.scroller.boundingBox(), element.boundingBox()]);
    return box!.y - pane!.y;
  }

  ledgerChip(label: string): Locator {
    return this.ledgerChips.filter({ hasText: label });
  }

  conversationId(): string | null {
    const match = /\/c\/([0-9a-f-]{36})/.exec(this.page.url());
    return match?.[1] ?? null;
  }
}

/** The conversation history: search, rename, archive, delete. */
export class SidebarPanel {
  readonly search: Locator;
  readonly items: Locator;
  readonly newChat: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search conversations' });
    this.items = page.getByRole('navigation', { name: 'Conversation history' }).getByTestId('conversation-item');
    this.newChat = page.getByRole('button', { name: 'New chat' });
  }

  item(title: string | RegExp): Locator {
    return this.items.filter({ has: this.page.getByRole('link', { name: title }) });
  }

  async openActions(title: string | RegExp) {
    await this.item(title).getByRole('button', { name: /^Actions for/ }).click();
  }

  async rename(from: string | RegExp, to: string) {
    await this.openActions(from);
    await this.item(from).getByRole('button', { name: 'Rename' }).click();
    const input = this.page.getByRole('textbox', { name: /^New name for/ });
    await input.fill(to);
    await input.press('Enter');
    await expect(this.item(to)).toBeVisible();
  }

  async remove(title: string | RegExp) {
    await this.openActions(title);
    await this.item(title).getByRole('button', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete this conversation?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(this.item(title)).toHaveCount(0);
  }

  async archive(title: string | RegExp) {
    await this.openActions(title);
    await this.item(title).getByRole('button', { name: 'Archive' }).click();
    await expect(this.item(title)).toHaveCount(0);
  }

  async showArchived() {
    await this.page.getByRole('button', { name: 'Archived', exact: true }).click();
  }
}
