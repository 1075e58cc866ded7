/**
 * The recipe box in a chat, through the real chat route and store: the cook's recipes and what the message's links
 * hold go to the agent (a stand-in that records what it is sent), and the save the agent asks for (`recipe_save`) is
 * done by the web app with the recipe it read itself.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ChatLink } from '@chef-chopsky/contract/recipes';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { dataDir, loadRoutes, readEvents, request, type Routes } from './support/web-harness';
import { lentilSoup } from './db/recipe-store-contract';

jest.setTimeout(60_000);

let agent: Server;
let site: Server;
let siteBase: string;
let routes: Routes;
const sent: Array<{ recipes?: CookRecipe[]; links?: ChatLink[] }> = [];

beforeAll(async () => {
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(path.join(__dirname, 'fixtures', 'recipe-pages', 'graph-json-ld.html'))));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  agent = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { links?: ChatLink[]; recipes?: CookRecipe[] };
      sent.push(body);
      const save = body.links?.find((l) => l.recipe);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        'event: start\ndata: {"requestId":"r","model":"fake"}\n\n' +
          (save ? `event: recipe_save\ndata: ${JSON.stringify({ url: save.url })}\n\n` : '') +
          'event: delta\ndata: {"text":"Done."}\n\nevent: done\ndata: {"finishReason":"stop","model":"fake","usage":{"inputTokens":1,"outputTokens":1}}\n\n',
      );
    });
  });
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
  routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${(agent.address() as AddressInfo).port}`, RECIPE_IMPORT_ALLOWED_HOSTS: siteBase.replace('http://', '') });
});

afterAll(async () => {
  agent.close();
  site.close();
  delete process.env.RECIPE_IMPORT_ALLOWED_HOSTS;
  await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
});

const chat = async (owner: string, content: string) => readEvents(await routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content } })));

test('the cook\'s recipes go with every chat, favourites first and never "never again"', async () => {
  const owner = randomUUID();
  const store = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
  const plain = (await store.saveRecipe({ ownerId: owner, recipe: { ...lentilSoup, title: 'Plain' } }))!;
  await store.saveRecipe({ ownerId: owner, recipe: { ...lentilSoup, title: 'Never', mark: 'never' } });
  const favourite = (await store.saveRecipe({ ownerId: owner, recipe: { ...lentilSoup, title: 'Loved', mark: 'favourite' } }))!;
  await chat(owner, 'Plan 3 dinners');
  expect(sent.at(-1)!.recipes!.map((r) => r.id)).toEqual([favourite.id, plain.id]);
  expect(sent.at(-1)!.links).toBeUndefined();
});

test('"save this recipe: <link>": the link is read for the agent, and its save lands in the recipe box', async () => {
  const owner = randomUUID();
  const events = await chat(owner, `save this recipe: ${siteBase}/curry`);
  expect(sent.at(-1)!.links).toEqual([
    expect.objectContaining({ url: `${siteBase}/curry`, recipe: expect.objectContaining({ title: 'Weeknight Chickpea & Spinach Curry', lines: 9 }), problem: null }),
  ]);
  const saved = events.find((e) => e.event === 'recipe_saved');
  expect(saved?.data).toMatchObject({ title: 'Weeknight Chickpea & Spinach Curry' });
  const box = await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).listRecipesByOwner({ ownerId: owner });
  expect(box.map((r) => [r.id, r.sourceUrl])).toEqual([[saved!.data.recipeId, `${siteBase}/curry`]]);
  expect(events.at(-1)?.event).toBe('done');
});

test('a link that is not a recipe page is described to the agent, and nothing is saved', async () => {
  const owner = randomUUID();
  await chat(owner, 'save this: http://169.254.169.254/latest/meta-data/');
  expect(sent.at(-1)!.links).toEqual([{ url: 'http://169.254.169.254/latest/meta-data/', recipe: null, problem: expect.stringContaining('private or local address') }]);
  expect(await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).listRecipesByOwner({ ownerId: owner })).toEqual([]);
});
