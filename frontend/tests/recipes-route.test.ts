/**
 * The recipe routes against real parts: a local HTTP server stands in for recipe sites (serving the fixture pages,
 * redirecting to private addresses, oversized and non-HTML answers), the route handlers run as Next.js calls them,
 * and the recipe box is the real embedded store.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { NO_RECIPE_FOUND, type ImportedRecipe } from '@chef-chopsky/contract/recipes';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { fetchRecipePage, isPublicAddress } from '@/lib/recipes/fetch-page';
import { dataDir, GATEWAY_TOKEN, idParams, request, SESSION_SECRET } from './support/web-harness';

jest.setTimeout(60_000);

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', 'recipe-pages', name), 'utf8');
/** The real pages beside the repository (../shared/recipe-pages), when present: every fifth is served through the route. */
const SHARED = path.join(__dirname, '..', '..', '..', 'shared', 'recipe-pages', 'pages');
const realHosts = existsSync(SHARED)
  ? readdirSync(SHARED).filter((f) => f.endsWith('.html.gz')).map((f) => f.slice(0, -'.html.gz'.length)).sort().filter((_, i) => i % 5 === 0)
  : [];

type Handler = (request: Request, context?: unknown) => Promise<Response>;
let routes: { import: Record<string, Handler>; list: Record<string, Handler>; one: Record<string, Handler> };
let site: Server;
let other: Server;
let base: string;
/** Another local server, not named in RECIPE_IMPORT_ALLOWED_HOSTS. */
let otherBase: string;
const hits: string[] = [];

beforeAll(async () => {
  other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(fixture('graph-json-ld.html')));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  site = createServer((req, res) => {
    hits.push(req.url ?? '');
    const html = (name: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture(name));
    if (req.url?.startsWith('/real/')) {
      const host = req.url.slice('/real/'.length);
      if (!realHosts.includes(host)) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(gunzipSync(readFileSync(path.join(SHARED, `${host}.html.gz`))));
    }
    switch (req.url) {
      case '/curry':
        return html('graph-json-ld.html');
      case '/noodles':
        return html('microdata.html');
      case '/tips':
        return html('no-recipe.html');
      case '/moved':
        return res.writeHead(301, { location: '/curry' }).end();
      case '/to-metadata':
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/to-private':
        return res.writeHead(302, { location: 'http://10.0.0.7/recipe' }).end();
      case '/to-other-local':
        return res.writeHead(302, { location: `${otherBase}/curry` }).end();
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end();
      case '/json':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"not a page"}');
      case '/huge':
        res.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 6; i++) res.write(Buffer.alloc(1024 * 1024, 'a'));
        return res.end();
      case '/gone':
        return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      default:
        return res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  Object.assign(process.env, { DATA_DIR: dataDir, SESSION_SECRET, GATEWAY_TOKEN, APP_ENV: 'test', RECIPE_IMPORT_ALLOWED_HOSTS: base.replace('http://', '') });
  await jest.isolateModulesAsync(async () => {
    routes = {
      import: (await import('@/app/(recipes)/api/recipes/import/route')) as unknown as Record<string, Handler>,
      list: (await import('@/app/(recipes)/api/recipes/route')) as unknown as Record<string, Handler>,
      one: (await import('@/app/(recipes)/api/recipes/[id]/route')) as unknown as Record<string, Handler>,
    };
    await (await import('@/lib/app-context')).appContext();
  });
});

afterAll(async () => {
  site.close();
  other.close();
  delete process.env.RECIPE_IMPORT_ALLOWED_HOSTS;
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

const importUrl = (owner: string, url: string) => routes.import.POST!(request('/api/recipes/import', { owner, body: { url } }));

describe('POST /api/recipes/import from a link', () => {
  test('a JSON-LD page answers 200 with the recipe: lines as written, matched or unmatched with the reason', async () => {
    const response = await importUrl(randomUUID(), `${base}/curry`);
    expect(response.status).toBe(200);
    const { recipe } = (await response.json()) as { recipe: ImportedRecipe };
    expect(recipe).toMatchObject({ title: 'Weeknight Chickpea & Spinach Curry', servings: 4, prepMinutes: 10, cookMinutes: 25, cuisine: 'indian', mealTypes: ['dinner'] });
    expect(recipe.lines.map((l) => l.text)).toEqual([
      '2 tablespoons olive oil', '1 medium onion, finely chopped', '3 cloves garlic, minced', '1 (14 oz) can chickpeas, drained',
      '1 (13.5 oz) can coconut milk', '2-3 large handfuls of spinach', '1 tsp ground cumin', '½ teaspoon salt', 'to serve: toasted almonds (optional)',
    ]);
    expect(recipe.lines[0]!.match).toMatchObject({ ingredientId: 'olive-oil', quantity: 2, unit: 'tbsp' });
    expect(recipe.lines[3]!.match).toMatchObject({ ingredientId: 'chickpeas', quantity: 14, unit: 'oz' });
    // Optional lines count: the almonds are tree nuts.
    expect(recipe.lines[8]!.named).toEqual(['tree_nuts']);
    expect(recipe.steps).toHaveLength(3);
  });

  test('a redirect is followed; a microdata page is read too', async () => {
    const moved = (await (await importUrl(randomUUID(), `${base}/moved`)).json()) as { recipe: ImportedRecipe };
    expect(moved.recipe.title).toBe('Weeknight Chickpea & Spinach Curry');
    const noodles = (await (await importUrl(randomUUID(), `${base}/noodles`)).json()) as { recipe: ImportedRecipe };
    expect(noodles.recipe.lines.map((l) => l.text)).toEqual(['200 g rice noodles', '3 tbsp peanut butter', '1 tbsp soy sauce', '1 tbsp peanut oil', '1 cucumber, in batons']);
  });

  test('a page with no recipe is a 404 saying so plainly', async () => {
    const response = await importUrl(randomUUID(), `${base}/tips`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found:recipe', message: NO_RECIPE_FOUND });
  });

  test.each([
    ['/to-metadata', 'a cloud metadata address'],
    ['/to-private', 'a private address'],
    ['/to-other-local', 'a loopback server not named in RECIPE_IMPORT_ALLOWED_HOSTS'],
  ])('a redirect to %s (%s) is refused with 403 before anything is fetched there', async (pathname) => {
    const before = hits.length;
    const response = await importUrl(randomUUID(), `${base}${pathname}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'forbidden:recipe_url' });
    expect(hits.slice(before)).toEqual([pathname]);
  });

  test('a private address named directly is refused; so are other schemes', async () => {
    expect((await importUrl(randomUUID(), 'http://169.254.169.254/latest/meta-data/')).status).toBe(403);
    expect((await importUrl(randomUUID(), 'http://[::1]:80/')).status).toBe(403);
    expect(await (await importUrl(randomUUID(), 'file:///etc/passwd')).json()).toMatchObject({ code: 'bad_request:recipe_url' });
    expect(await (await importUrl(randomUUID(), 'ftp://example.com/')).json()).toMatchObject({ code: 'bad_request:recipe_url' });
  });

  test.each([
    ['/loop', 'redirects too many times'],
    ['/json', 'not a web page'],
    ['/huge', 'too large'],
    ['/gone', 'answered 404'],
  ])('%s is a 400 that says why (%s)', async (pathname, words) => {
    const response = await importUrl(randomUUID(), `${base}${pathname}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('bad_request:recipe_page');
    expect(body.message).toContain(words);
  });

  test('without a session the import is refused', async () => {
    expect((await routes.import.POST!(request('/api/recipes/import', { owner: null, body: { url: `${base}/curry` } }))).status).toBe(401);
  });
});

describe('pasted text and the recipe box', () => {
  test('pasted text is imported, saved, listed with what the kitchen derived, marked, edited and deleted', async () => {
    const owner = randomUUID();
    const pasted = await routes.import.POST!(
      request('/api/recipes/import', { owner, body: { text: 'Tahini toast\nServes 2\nIngredients\n2 slices bread\n2 tbsp tahini\n1 pinch flaky salt\nMethod\nToast the bread and spread.' } }),
    );
    expect(pasted.status).toBe(200);
    const { recipe } = (await pasted.json()) as { recipe: ImportedRecipe };
    expect(recipe).toMatchObject({ title: 'Tahini toast', servings: 2, steps: ['Toast the bread and spread.'] });
    const { yield: _yield, ...fields } = recipe;
    const draft = { ...fields, lines: recipe.lines.map(({ text, group, match, safe }) => ({ text, group, match, safe })) };
    const created = await routes.list.POST!(request('/api/recipes', { owner, body: draft }));
    expect(created.status).toBe(201);
    const saved = ((await created.json()) as { recipe: { id: string; facts: { allergens: string[]; unmatched: string[] } } }).recipe;
    expect(saved.facts.allergens).toEqual(expect.arrayContaining(['wheat', 'gluten', 'sesame']));
    const listed = (await (await routes.list.GET!(request('/api/recipes', { owner }))).json()) as { recipes: Array<{ id: string }> };
    expect(listed.recipes.map((r) => r.id)).toEqual([saved.id]);
    const marked = await routes.one.PATCH!(request(`/api/recipes/${saved.id}`, { method: 'PATCH', owner, body: { mark: 'favourite' } }), idParams(saved.id));
    expect(((await marked.json()) as { recipe: { mark: string } }).recipe.mark).toBe('favourite');
    const edited = await routes.one.PUT!(request(`/api/recipes/${saved.id}`, { method: 'PUT', owner, body: { ...draft, title: 'Tahini toast for two' } }), idParams(saved.id));
    expect(((await edited.json()) as { recipe: { title: string } }).recipe.title).toBe('Tahini toast for two');
    expect((await routes.one.GET!(request(`/api/recipes/${saved.id}`, { owner: randomUUID() }), idParams(saved.id))).status).toBe(404);
    expect((await routes.one.DELETE!(request(`/api/recipes/${saved.id}`, { method: 'DELETE', owner }), idParams(saved.id))).status).toBe(204);
    expect((await routes.one.GET!(request(`/api/recipes/${saved.id}`, { owner }), idParams(saved.id))).status).toBe(404);
  });
});

describe('fetchRecipePage', () => {
  test('a host name whose DNS answer is private is refused, whatever the name', async () => {
    await expect(fetchRecipePage('http://recipes.example.com/x', { lookup: async () => [{ address: '10.1.2.3', family: 4 }] })).rejects.toMatchObject({ code: 'forbidden:recipe_url' });
    await expect(fetchRecipePage('http://recipes.example.com/x', { lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address: '::ffff:127.0.0.1', family: 6 }] })).rejects.toMatchObject({ code: 'forbidden:recipe_url' });
  });

  test('a site slower than the time limit is given up on', async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const hostPort = `127.0.0.1:${(slow.address() as AddressInfo).port}`;
    try {
      await expect(fetchRecipePage(`http://${hostPort}/`, { allowedHosts: [hostPort], timeoutMs: 300 })).rejects.toMatchObject({ code: 'bad_request:recipe_page', message: expect.stringContaining('too long') });
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  test.each([
    ['127.0.0.1', false], ['10.20.30.40', false], ['172.16.0.1', false], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['::1', false], ['fd00:ec2::254', false], ['fe80::1', false], ['::ffff:10.0.0.1', false],
    ['93.184.216.34', true], ['2606:4700:4700::1111', true], ['8.8.8.8', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

(realHosts.length > 0 ? describe : describe.skip)('real recipe pages served by the local site', () => {
  test('each is a recipe with the expected title, or a plain 404 no recipe found; never a server error', async () => {
    const outcomes: string[] = [];
    for (const host of realHosts) {
      const response = await importUrl(randomUUID(), `${base}/real/${host}`);
      const body = (await response.json()) as { recipe?: ImportedRecipe; code?: string };
      const expected = JSON.parse(readFileSync(path.join(SHARED, `${host}.expected.json`), 'utf8')) as { title?: string };
      if (response.status === 200) {
        const words = (t: string) => t.toLowerCase().replace(/&amp;/g, '&').replace(/[^a-z0-9]+/g, ' ').trim();
        outcomes.push(words(body.recipe!.title) === words(expected.title ?? '') ? 'equal title' : `${host}: title ${body.recipe!.title}`);
      } else outcomes.push(response.status === 404 && body.code === 'not_found:recipe' ? 'no recipe found' : `${host}: ${response.status} ${body.code}`);
    }
    expect(outcomes.filter((o) => o !== 'equal title' && o !== 'no recipe found')).toEqual([]);
    expect(outcomes.filter((o) => o === 'equal title').length).toBeGreaterThanOrEqual(Math.floor(realHosts.length * 0.8));
  }, 120_000);
});
