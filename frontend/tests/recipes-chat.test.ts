/**
 * The recipe box in a chat, through the real chat route and store: the cook's recipes and what the message's links
 * hold go to the agent (a stand-in that records what it is sent), and the save the agent asks for (`recipe_save`) is
 * done by the web app with the recipe it read itself, by each instance that relays the reply, once.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ChatLink } from '@chef-chopsky/contract/recipes';
import type { CookRecipe } from '@chef-chopsky/kitchen/cook/types';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { dataDir, idParams, loadRoutes, readEvents, request, type Routes } from './support/web-harness';
import { lentilSoup } from './db/recipe-store-contract';

jest.setTimeout(60_000);

let agent: Server;
let site: Server;
let siteBase: string;
let routes: Routes;
const sent: Array<{ recipes?: CookRecipe[]; links?: ChatLink[]; conversationId?: string; runId: string }> = [];
/** Each run's whole event stream, by run id, as the agent replays it to an instance that follows the run. */
const runs = new Map<string, string>();
/**
 * `hold`: the next chat's response stops after `start` until the test ends it (the starting instance stalls, as when
 * it dies). `saveUrl`: the link that run asks to save instead of the message's.
 */
const nextRun: { hold?: boolean; saveUrl?: string } = {};
const held = new Map<string, () => void>();
/** The `GET /v1/runs/…` paths the stand-in answered. */
const replays: string[] = [];

beforeAll(async () => {
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(path.join(__dirname, 'fixtures', 'recipe-pages', 'graph-json-ld.html'))));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  agent = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'GET') return replay(req.url ?? '', res);
      const body = JSON.parse(raw) as (typeof sent)[number];
      sent.push(body);
      const save = nextRun.saveUrl ?? body.links?.find((l) => l.recipe)?.url;
      const events = [
        'event: start\ndata: {"requestId":"r","model":"fake"}',
        ...(save ? [`event: recipe_save\ndata: ${JSON.stringify({ url: save })}`] : []),
        'event: delta\ndata: {"text":"Done."}',
        'event: done\ndata: {"finishReason":"stop","model":"fake","usage":{"inputTokens":1,"outputTokens":1}}',
      ].map((event, i) => `id: ${i + 1}\n${event}\n\n`);
      runs.set(body.runId, events.join(''));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (nextRun.hold) {
        res.write(events[0]);
        held.set(body.runId, () => res.end(events.slice(1).join('')));
      } else {
        res.end(events.join(''));
      }
      delete nextRun.hold;
      delete nextRun.saveUrl;
    });
  });
  await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
  routes = await loadRoutes({ AGENT_URL: `http://127.0.0.1:${(agent.address() as AddressInfo).port}`, RECIPE_IMPORT_ALLOWED_HOSTS: siteBase.replace('http://', '') });
});

/** `GET /v1/runs/<id>?from=0`: the run from its start, as the agent serves an instance that follows it. */
function replay(url: string, res: ServerResponse) {
  replays.push(url);
  const run = runs.get(decodeURIComponent(url.split('?')[0]!.split('/')[3] ?? ''));
  if (!run) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found:run"}');
  res.writeHead(200, { 'content-type': 'text/event-stream' }).end(run);
}

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

/** Sends a message whose chat the agent holds after `start`; the run's ids and how to let the starting instance go on. */
async function sendHeld(owner: string, content: string, saveUrl?: string) {
  Object.assign(nextRun, { hold: true, saveUrl });
  const starting = routes.chat.POST!(request('/api/chat', { owner, body: { clientMessageId: randomUUID(), content } }));
  while (held.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const [runId, release] = [...held][0]!;
  held.clear();
  const follow = async () =>
    readEvents(await routes.follow.GET!(request(`/api/chat/follow?conversationId=${sent.at(-1)!.conversationId}&assistantMessageId=${runId}&from=0`, { owner })));
  return { runId, follow, starter: async () => (release(), readEvents(await starting)) };
}

test('an instance that follows the reply saves the link\'s recipe itself; the starting instance, later, gets that recipe and the box holds one', async () => {
  const owner = randomUUID();
  const { follow, starter } = await sendHeld(owner, `save this recipe: ${siteBase}/curry`);
  const followed = await follow();
  const savedByFollower = followed.find((e) => e.event === 'recipe_saved');
  expect(savedByFollower?.data).toMatchObject({ title: 'Weeknight Chickpea & Spinach Curry' });
  expect(followed.at(-1)?.event).toBe('done');
  const box = getStore(storeConfigFromEnv({ DATA_DIR: dataDir }));
  expect((await box.listRecipesByOwner({ ownerId: owner })).map((r) => r.id)).toEqual([savedByFollower!.data.recipeId]);

  const started = await starter();
  expect(started.find((e) => e.event === 'recipe_saved')?.data).toEqual(savedByFollower!.data);
  expect((await box.listRecipesByOwner({ ownerId: owner })).map((r) => r.sourceUrl)).toEqual([`${siteBase}/curry`]);
});

test('an instance that follows the reply does not save a link the cook\'s message did not hold, whatever the agent asks', async () => {
  const owner = randomUUID();
  const { follow, starter } = await sendHeld(owner, `save this recipe: ${siteBase}/curry`, `${siteBase}/not-in-the-message`);
  const followed = await follow();
  expect(followed.find((e) => e.event === 'recipe_save_failed')?.data).toEqual({ url: `${siteBase}/not-in-the-message`, message: 'That link was not read for this message.' });
  expect(followed.some((e) => e.event === 'recipe_saved')).toBe(false);
  await starter();
  expect(await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).listRecipesByOwner({ ownerId: owner })).toEqual([]);
});

/** The conversation as the page reads it, at `now` (the clock moved on: the reply's own instance is long gone). */
async function readConversationAt(owner: string, conversationId: string, now: number) {
  jest.useFakeTimers({ now, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  try {
    const response = await routes.conversation.GET!(request(`/api/conversations/${conversationId}`, { owner }), idParams(conversationId));
    return (await response.json()) as { messages: Array<{ id: string; role: string; status: string; content: string; errorMessage: string | null }> };
  } finally {
    jest.useRealTimers();
  }
}

test('a reply whose instance died with nobody following it is stored when the conversation is next read, from the agent\'s kept run, its linked recipe too', async () => {
  const owner = randomUUID();
  const { runId, starter } = await sendHeld(owner, `save this recipe: ${siteBase}/curry`);
  const conversationId = sent.at(-1)!.conversationId!;
  const asked = replays.length;
  // Ten minutes on: past the time any live run could still finish the reply, within the agent's 15 minutes of keeping it.
  const read = await readConversationAt(owner, conversationId, Date.now() + 10 * 60_000);
  expect(replays.slice(asked)).toEqual([`/v1/runs/${runId}?from=0`]);
  expect(read.messages.find((m) => m.id === runId)).toMatchObject({ status: 'complete', content: 'Done.', errorMessage: null });
  const box = await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).listRecipesByOwner({ ownerId: owner });
  expect(box.map((r) => r.sourceUrl)).toEqual([`${siteBase}/curry`]);
  await starter();
});

test('a lost reply older than the agent keeps runs is shown as lost, and the agent is not asked for it', async () => {
  const owner = randomUUID();
  const { runId, starter } = await sendHeld(owner, 'plan 3 dinners');
  const conversationId = sent.at(-1)!.conversationId!;
  const asked = replays.length;
  const read = await readConversationAt(owner, conversationId, Date.now() + 20 * 60_000);
  expect(replays.slice(asked)).toEqual([]);
  expect(read.messages.find((m) => m.id === runId)).toMatchObject({ status: 'error', content: '' });
  await starter();
});
