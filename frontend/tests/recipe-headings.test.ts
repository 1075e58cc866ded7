/**
 * The importer's last resort for pages with no schema.org Recipe (lib/recipes/extract-headings.ts): an "Ingredients"
 * label and the list after it, read through importFromHtml with the real kitchen. Small pages written here; the 150
 * real ones are `npm run recipes:eval`.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { importFromHtml } from '@/lib/recipes/import';

const URL = 'https://example.com/recipes/lemon-pasta';

/** A page with `body` inside and the given document title (og:title too, when asked). */
const page = (body: string, { title = 'Lemon pasta | Example Kitchen', og = null as string | null } = {}) =>
  `<!doctype html><html><head><title>${title}</title>${og ? `<meta property="og:title" content="${og}">` : ''}</head><body>${body}</body></html>`;

const LEMON_PASTA = `
  <header><h1>Lemon pasta</h1><p>Bright and quick, on the table in 20 minutes.</p></header>
  <div class="recipe">
    <h2>Ingredients</h2>
    <div class="units"><select><option>Metric</option><option>Cups</option></select></div>
    <ul>
      <li>200 g spaghetti</li>
      <li>2 tbsp <a href="/shop/olive-oil">olive oil</a></li>
      <li>1 lemon, zested and juiced</li>
      <li>Salt &amp; pepper</li>
    </ul>
    <h2>Method</h2>
    <ol><li>Cook the spaghetti.</li><li>Toss with the oil, zest and juice; season.</li></ol>
  </div>`;

const linesOf = (html: string) => importFromHtml(KITCHEN, html, URL)?.lines.map((l) => ({ text: l.text, group: l.group }));

describe('a page with no schema.org Recipe', () => {
  test('when an Ingredients heading is followed by a list, then the h1 is the title, the items the lines and the Method list the steps', () => {
    const recipe = importFromHtml(KITCHEN, page(LEMON_PASTA), URL);
    expect(recipe).toMatchObject({ title: 'Lemon pasta', steps: ['Cook the spaghetti.', 'Toss with the oil, zest and juice; season.'], sourceUrl: URL });
    expect(recipe!.lines.map((l) => l.text)).toEqual(['200 g spaghetti', '2 tbsp olive oil', '1 lemon, zested and juiced', 'Salt & pepper']);
    expect(recipe!.lines[1]!.match).toMatchObject({ ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp' });
  });

  test('when the label is a bold paragraph and the lines are one paragraph with line breaks, then each line is read', () => {
    const body = `<h1>Linsensuppe</h1><p><strong>Zutaten:</strong></p><p>200 g rote Linsen<br>1 Zwiebel<br>1 l Gemüsebrühe</p><p>Zubereitung</p><p>Alles 20 Minuten kochen.</p>`;
    const recipe = importFromHtml(KITCHEN, page(body, { title: 'Linsensuppe – Kochbuch' }), URL);
    expect(recipe).toMatchObject({ title: 'Linsensuppe', steps: ['Alles 20 Minuten kochen.'] });
    expect(recipe!.lines.map((l) => l.text)).toEqual(['200 g rote Linsen', '1 Zwiebel', '1 l Gemüsebrühe']);
  });

  test('when the lines are one paragraph each, with dashes, then they are read up to the next label', () => {
    const body = `<h1>Lemon pasta</h1><p><strong>Ingredients:</strong></p><p>- 200 g spaghetti</p><p>- 1 lemon</p><p><strong>Method:</strong></p><p>Cook and toss.</p>`;
    expect(linesOf(page(body))).toEqual([{ text: '200 g spaghetti', group: null }, { text: '1 lemon', group: null }]);
  });

  test('when the list has sub-headings or a further list under a short label, then those become the groups of the lines', () => {
    const body = `<h1>Lemon pasta</h1><h3>Ingredients</h3>
      <ul><li>200 g spaghetti</li><li>For the dressing:</li><li>2 tbsp olive oil</li><li>1 lemon</li></ul>
      <p>To serve</p><ul><li>Parmesan</li><li>Basil leaves</li></ul>
      <h3>Instructions</h3><ol><li>Cook the spaghetti.</li></ol>`;
    expect(linesOf(page(body))).toEqual([
      { text: '200 g spaghetti', group: null },
      { text: '2 tbsp olive oil', group: 'For the dressing' },
      { text: '1 lemon', group: 'For the dressing' },
      { text: 'Parmesan', group: 'To serve' },
      { text: 'Basil leaves', group: 'To serve' },
    ]);
  });

  test('when the steps follow the ingredients under a label no one calls a method, then they are not read as ingredients', () => {
    const body = `<h1>Lemon pasta</h1><h2>Ingredients</h2><ol><li>200 g spaghetti</li><li>1 lemon</li></ol>
      <h2>Get going</h2><ol><li>Cook the spaghetti. Drain it.</li><li>Toss with the lemon and serve at once.</li></ol>`;
    expect(linesOf(page(body))).toEqual([{ text: '200 g spaghetti', group: null }, { text: '1 lemon', group: null }]);
  });

  test('when the h1 carries a byline after the title, then the title is the part the og:title starts with', () => {
    const body = LEMON_PASTA.replace('<h1>Lemon pasta</h1>', '<h1>Lemon pasta <small>by Example Kitchen</small></h1>');
    expect(importFromHtml(KITCHEN, page(body, { title: 'Recipes', og: 'Lemon pasta | Pasta recipes | Example Kitchen' }), URL)?.title).toBe('Lemon pasta');
  });
});

describe('a page the fallback does not read: "no recipe found", never a guess', () => {
  test.each([
    ['an Ingredients heading with prose after it', '<h1>Lemon pasta</h1><h2>Ingredients</h2><p>You will need 200 g of spaghetti and a lemon.</p>'],
    ['an Ingredients heading with a single line', '<h1>Lemon pasta</h1><h2>Ingredients</h2><ul><li>200 g spaghetti</li></ul>'],
    ['an Ingredients heading over a list of links, not amounts', '<h1>Lemon pasta</h1><h2>Ingredients</h2><ul><li><a href="/a">Pasta</a></li><li><a href="/b">Lemons</a></li><li><a href="/c">Olive oil</a></li></ul>'],
    ['a list with no Ingredients label', '<h1>Lemon pasta</h1><ul><li>200 g spaghetti</li><li>1 lemon</li></ul>'],
    ['an Ingredients tab in a menu', '<h1>Lemon pasta</h1><ul><li><a href="#i">Ingredients</a></li><li><a href="#m">Method</a></li></ul><ul><li>200 g spaghetti</li><li>1 lemon</li></ul>'],
    ['a link between the label and the list', '<h1>Lemon pasta</h1><h2>Ingredients</h2><a href="/shop">Buy everything in one click</a><ul><li>200 g spaghetti</li><li>1 lemon</li></ul>'],
    ['text between the label and the list', '<h1>Lemon pasta</h1><h2>Ingredients</h2>Our partners sell these:<ul><li>200 g spaghetti</li><li>1 lemon</li></ul>'],
  ])('%s', (_, body) => {
    expect(importFromHtml(KITCHEN, page(body), URL)).toBeNull();
  });

  test('when the h1 is not the title the page gives itself (a site name), then nothing is read', () => {
    expect(importFromHtml(KITCHEN, page(LEMON_PASTA.replace('<h1>Lemon pasta</h1>', '<h1>Example Kitchen</h1>'), { title: 'Lemon pasta' }), URL)).toBeNull();
  });

  test('when a page lists two different recipes, then neither is read', () => {
    const second = LEMON_PASTA.replace('200 g spaghetti', '200 g linguine');
    expect(importFromHtml(KITCHEN, page(`${LEMON_PASTA}${second}`), URL)).toBeNull();
  });

  test('when the same list is laid out twice (desktop and mobile), then it is read once', () => {
    expect(linesOf(page(`${LEMON_PASTA}${LEMON_PASTA.replace('<h1>Lemon pasta</h1>', '')}`))).toHaveLength(4);
  });
});

test('when the page has a JSON-LD Recipe, then it wins over an Ingredients list in the page', () => {
  const jsonLd = { '@context': 'https://schema.org', '@type': 'Recipe', name: 'Lemon linguine', recipeIngredient: ['250 g linguine', '2 lemons'], recipeInstructions: ['Cook and toss.'] };
  const html = page(`<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>${LEMON_PASTA}`);
  const recipe = importFromHtml(KITCHEN, html, URL);
  expect(recipe).toMatchObject({ title: 'Lemon linguine', steps: ['Cook and toss.'] });
  expect(recipe!.lines.map((l) => l.text)).toEqual(['250 g linguine', '2 lemons']);
});
