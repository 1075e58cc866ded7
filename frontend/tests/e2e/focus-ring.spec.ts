import { expect, test, type Locator, type Page } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { ProfilePage } from './pages/profile-page';

type Rgb = [number, number, number];

/** WCAG 2 contrast ratio of two opaque sRGB colours. */
function contrast(a: Rgb, b: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]: Rgb) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

interface Ring {
  fill: Rgb;
  surface: Rgb;
  outline: Rgb;
  outlineStyle: string;
  outlineWidth: number;
  offset: number;
  halo: Rgb | null;
  haloSpread: number;
}

/**
 * The colours of a focused control as painted, read from computed styles: its fill, the surface around it, its
 * outline, and a halo (a box-shadow ring) if it has one. Colours with alpha are composited over what is behind them,
 * and every CSS colour syntax is turned into sRGB through a canvas, as the screen would show it.
 */
async function ringOf(control: Locator): Promise<Ring> {
  return control.evaluate((element) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const over = (color: string, below: [number, number, number]): [number, number, number] => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = `rgb(${below.join(' ')})`;
      context.fillRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
      return [r, g, b];
    };
    const backgroundOf = (from: Element | null): [number, number, number] => {
      const layers: string[] = [];
      for (let node = from; node; node = node.parentElement) layers.unshift(getComputedStyle(node).backgroundColor);
      return layers.reduce<[number, number, number]>((below, color) => over(color, below), [255, 255, 255]);
    };
    const style = getComputedStyle(element);
    const surface = backgroundOf(element.parentElement);
    const shadow = /^(rgba?\([^)]*\)|#\w+|\w+\([^)]*\))\s+0px\s+0px\s+0px\s+([\d.]+)px/.exec(style.boxShadow.split(/,(?![^(]*\))/)[0]?.trim() ?? '');
    return {
      fill: backgroundOf(element),
      surface,
      outline: over(style.outlineColor, surface),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      offset: parseFloat(style.outlineOffset),
      halo: shadow?.[1] ? over(shadow[1], surface) : null,
      haloSpread: shadow?.[2] ? parseFloat(shadow[2]) : 0,
    };
  });
}

/**
 * A focus ring is seen against what touches it. Outside, that is the surface. Inside, it is the halo when one fills the
 * outline's offset; otherwise the ring is read against the control itself (2px of surface showing through the offset
 * does not separate a ring from a filled button). On a filled control the halo must stand out from the fill too.
 */
function expectVisibleRing(ring: Ring, what: string, { filled }: { filled: boolean }) {
  expect(ring.outlineStyle, `${what}: outline style`).toBe('solid');
  expect(ring.outlineWidth, `${what}: outline width`).toBeGreaterThanOrEqual(2);
  const halo = ring.halo && ring.haloSpread >= ring.offset ? ring.halo : null;
  const inside = halo ?? ring.fill;
  expect(contrast(ring.outline, ring.surface), `${what}: outline against the surface`).toBeGreaterThanOrEqual(3);
  expect(contrast(ring.outline, inside), `${what}: outline against ${halo ? 'its halo' : 'the control'}`).toBeGreaterThanOrEqual(3);
  if (filled && halo) expect(contrast(halo, ring.fill), `${what}: halo against the fill`).toBeGreaterThanOrEqual(3);
}

/** Focus as a keyboard user gives it: after a Tab, so `:focus-visible` applies (asserted, not assumed). */
async function focusByKeyboard(page: Page, control: Locator, focused: Locator = control) {
  await page.keyboard.press('Tab');
  await focused.focus();
  expect(await focused.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
  await expect(control).toBeVisible();
  // The ring's colours are read as painted: let the (reduced-motion, near-instant) colour transition finish first, or
  // a read in the same frame as the focus sees its starting colour.
  await control.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** What a person sees of a focused control and its ring, for a look by eye: kept with this test's output, not docs/screenshots. */
async function snapshot(page: Page, control: Locator, name: string) {
  const box = (await control.boundingBox())!;
  const pad = 16;
  await page.screenshot({ path: test.info().outputPath(`focus-${name}.png`), clip: { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad } });
}

test.use({ reducedMotion: 'reduce' });

test('a focused button shows a ring of at least 3:1 against the button and the page, filled ones included, hovered or not', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.sendAndWait('What can I make with tomatoes and eggs?');

  const newChat = chat.sidebar.newChat;
  await focusByKeyboard(page, newChat);
  const resting = await ringOf(newChat);
  expectVisibleRing(resting, 'primary button', { filled: true });
  await snapshot(page, newChat, 'primary');
  await newChat.hover();
  // The hover style applies on a later frame than the pointer move: wait for it rather than read the frame before.
  await expect.poll(async () => (await ringOf(newChat)).fill, { message: 'the hover colour is in effect' }).not.toEqual(resting.fill);
  const hovered = await ringOf(newChat);
  expectVisibleRing(hovered, 'primary button under the pointer', { filled: true });
  await snapshot(page, newChat, 'primary-hovered');
  await page.mouse.move(0, 0);

  const profile = page.getByRole('link', { name: 'Household profile' }).and(page.locator('.btn-secondary'));
  await focusByKeyboard(page, profile);
  expectVisibleRing(await ringOf(profile), 'secondary button', { filled: false });
  await snapshot(page, profile, 'secondary');

  const actions = chat.sidebar.items.first().getByRole('button', { name: /^Actions for/ });
  await focusByKeyboard(page, actions);
  expectVisibleRing(await ringOf(actions), 'ghost button', { filled: false });
  await snapshot(page, actions, 'ghost');

  const thumb = chat.lastReply().getByRole('button', { name: 'Good reply' });
  await focusByKeyboard(page, thumb);
  expectVisibleRing(await ringOf(thumb), 'thumb button', { filled: false });

  await chat.composer.fill('Plan 3 dinners');
  await focusByKeyboard(page, chat.sendButton);
  expectVisibleRing(await ringOf(chat.sendButton), 'send button', { filled: true });
  await snapshot(page, chat.sendButton, 'send');
});

test('a focused choice chip on the profile shows a ring of at least 3:1 when it is selected (filled) and when not', async ({ page }) => {
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.setDiet('Vegetarian');
  const chip = (name: string) => page.locator('label', { has: page.getByRole('radio', { name, exact: true }) });

  await focusByKeyboard(page, chip('Vegetarian'), page.getByRole('radio', { name: 'Vegetarian', exact: true }));
  expectVisibleRing(await ringOf(chip('Vegetarian')), 'selected diet chip', { filled: true });
  await snapshot(page, chip('Vegetarian'), 'selected-chip');

  await focusByKeyboard(page, chip('Vegan'), page.getByRole('radio', { name: 'Vegan', exact: true }));
  expectVisibleRing(await ringOf(chip('Vegan')), 'diet chip', { filled: false });

  await profile.toggleAllergen('Peanuts');
  const peanuts = page.locator('label', { has: page.getByRole('checkbox', { name: 'Peanuts', exact: true }) });
  await focusByKeyboard(page, peanuts, page.getByRole('checkbox', { name: 'Peanuts', exact: true }));
  expectVisibleRing(await ringOf(peanuts), 'selected allergy chip', { filled: true });
  await snapshot(page, peanuts, 'allergy-chip');
});
