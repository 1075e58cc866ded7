/**
 * The recipe box's contract (frontend/lib/db/recipe-store.ts), run over every transport beside the store contract:
 * store.pglite.test.ts and store.postgres.test.ts. Fresh random owners per test; one database per file.
 */
import { randomUUID } from 'node:crypto';
import type { RecipeDraft } from '@chef-chopsky/contract/recipes';
import { AppError } from '@/lib/errors';
import type { Store } from '@/lib/db/types';
import type { AsRole } from './sql-isolation';

export const lentilSoup: RecipeDraft = {
  title: 'Red lentil soup',
  servings: 4,
  prepMinutes: 10,
  cookMinutes: 25,
  mealTypes: ['lunch', 'dinner'],
  cuisine: 'turkish',
  tags: ['one-pot'],
  lines: [
    { text: '1 cup red lentils', group: null, match: { ingredientId: 'red-lentils', quantity: 1, unit: 'cup', by: 'kitchen' }, safe: null },
    { text: '2 cloves garlic', group: 'For the tadka', match: { ingredientId: 'garlic', quantity: 2, unit: 'piece', by: 'cook' }, safe: null },
    { text: '1 tsp sumac', group: 'For the tadka', match: null, safe: { freeOf: ['milk', 'peanuts'], diet: 'vegan' } },
    { text: 'a handful of homemade croutons', group: null, match: null, safe: null },
  ],
  steps: ['Simmer the lentils.', 'Fry the garlic and sumac; stir in.'],
  mark: null,
  sourceUrl: 'https://example.org/soup',
  imageUrl: null,
};

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

export function describeRecipeStoreContract(name: string, get: () => { store: Store; asRole?: AsRole }): void {
  describe(`the recipe box over ${name}`, () => {
    const owner = () => randomUUID();

    test('a saved recipe reads back whole: lines in order with matches, groups and the cook\'s marks on unmatched lines', async () => {
      const { store } = get();
      const ownerId = owner();
      const saved = await store.saveRecipe({ ownerId, recipe: lentilSoup });
      expect(saved).not.toBeNull();
      const { id, createdAt, updatedAt, ...fields } = saved!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof createdAt).toBe('string');
      expect(typeof updatedAt).toBe('string');
      expect(fields).toEqual(lentilSoup);
      expect(await store.getRecipeById({ ownerId, recipeId: id })).toEqual(saved);
      expect(await store.listRecipesByOwner({ ownerId })).toEqual([saved]);
    });

    test('saving by id replaces the recipe and its lines; another owner\'s id behaves as a missing one', async () => {
      const { store } = get();
      const ownerId = owner();
      const saved = (await store.saveRecipe({ ownerId, recipe: lentilSoup }))!;
      const edited: RecipeDraft = { ...lentilSoup, title: 'Lentil soup', lines: [lentilSoup.lines[0]!], steps: [] };
      const replaced = await store.saveRecipe({ ownerId, recipeId: saved.id, recipe: edited });
      expect(replaced).toMatchObject({ id: saved.id, title: 'Lentil soup', lines: [lentilSoup.lines[0]], steps: [] });
      expect(await store.saveRecipe({ ownerId: owner(), recipeId: saved.id, recipe: edited })).toBeNull();
      expect(await store.getRecipeById({ ownerId: owner(), recipeId: saved.id })).toBeNull();
      expect((await store.getRecipeById({ ownerId, recipeId: saved.id }))!.title).toBe('Lentil soup');
    });

    test('favourite and never-again marks are set and cleared; delete removes the recipe and its lines', async () => {
      const { store } = get();
      const ownerId = owner();
      const saved = (await store.saveRecipe({ ownerId, recipe: lentilSoup }))!;
      expect((await store.markRecipeById({ ownerId, recipeId: saved.id, mark: 'favourite' }))!.mark).toBe('favourite');
      expect((await store.markRecipeById({ ownerId, recipeId: saved.id, mark: 'never' }))!.mark).toBe('never');
      expect((await store.markRecipeById({ ownerId, recipeId: saved.id, mark: null }))!.mark).toBeNull();
      expect(await store.markRecipeById({ ownerId: owner(), recipeId: saved.id, mark: 'favourite' })).toBeNull();
      expect(await store.deleteRecipeById({ ownerId: owner(), recipeId: saved.id })).toBe(false);
      expect(await store.deleteRecipeById({ ownerId, recipeId: saved.id })).toBe(true);
      expect(await store.listRecipesByOwner({ ownerId })).toEqual([]);
    });

    test('the newest recipe lists first, and each owner lists only their own', async () => {
      const { store } = get();
      const a = owner();
      const first = (await store.saveRecipe({ ownerId: a, recipe: lentilSoup }))!;
      const second = (await store.saveRecipe({ ownerId: a, recipe: { ...lentilSoup, title: 'Second' } }))!;
      await store.saveRecipe({ ownerId: owner(), recipe: { ...lentilSoup, title: 'Not yours' } });
      expect((await store.listRecipesByOwner({ ownerId: a })).map((r) => r.id)).toEqual([second.id, first.id]);
    });

    test('an invalid recipe is bad_request:recipe before any SQL runs, with the problems exposed', async () => {
      const { store } = get();
      await expectAppError(store.saveRecipe({ ownerId: owner(), recipe: { ...lentilSoup, lines: [] } }), 'bad_request:recipe');
      await expectAppError(store.saveRecipe({ ownerId: owner(), recipe: { ...lentilSoup, servings: 0 } }), 'bad_request:recipe');
      await expectAppError(
        store.saveRecipe({ ownerId: owner(), recipe: { ...lentilSoup, lines: [{ text: 'x', match: { ingredientId: 'salt', quantity: 1, unit: 'bucket' as 'g', by: 'kitchen' } }] } }),
        'bad_request:recipe',
      );
      await expectAppError(store.getRecipeById({ ownerId: 'not-a-uuid', recipeId: randomUUID() }), 'bad_request:recipe');
    });

    test('a matched line keeps no safety mark: the match says what it is', async () => {
      const { store } = get();
      const line = { ...lentilSoup.lines[0]!, safe: { freeOf: ['milk' as const], diet: 'vegan' as const } };
      const saved = await store.saveRecipe({ ownerId: owner(), recipe: { ...lentilSoup, lines: [line] } });
      expect(saved!.lines).toEqual([{ ...line, safe: null }]);
    });

    test('a link saved from a reply is saved once: a second save of that link from that reply returns the first recipe and adds none', async () => {
      const { store } = get();
      const ownerId = owner();
      const turn = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'save this: https://example.org/soup', title: 'Soup' });
      const reply = { ownerId, messageId: turn.reply!.id, link: 'https://example.org/soup' };
      expect(await store.saveLinkedRecipe({ ...reply, recipe: null })).toBeNull();
      const [a, b] = await Promise.all([
        store.saveLinkedRecipe({ ...reply, recipe: lentilSoup }),
        store.saveLinkedRecipe({ ...reply, recipe: { ...lentilSoup, title: 'Read again' } }),
      ]);
      expect(a!.id).toBe(b!.id);
      expect(await store.saveLinkedRecipe({ ...reply, recipe: null })).toEqual(a);
      expect((await store.listRecipesByOwner({ ownerId })).map((r) => r.id)).toEqual([a!.id]);
      // Another link from the same reply is another recipe.
      const other = await store.saveLinkedRecipe({ ...reply, link: 'https://example.org/stew', recipe: { ...lentilSoup, title: 'Stew' } });
      expect(other!.id).not.toBe(a!.id);
      expect(await store.listRecipesByOwner({ ownerId })).toHaveLength(2);
    });

    test('a linked save for a reply that is not the owner\'s is not_found:message and saves nothing', async () => {
      const { store } = get();
      const ownerId = owner();
      const turn = await store.startChatTurn({ ownerId, clientMessageId: randomUUID(), content: 'hi', title: 'Hi' });
      const stranger = owner();
      await expectAppError(store.saveLinkedRecipe({ ownerId: stranger, messageId: turn.reply!.id, link: 'https://example.org/soup', recipe: lentilSoup }), 'not_found:message');
      await expectAppError(store.saveLinkedRecipe({ ownerId, messageId: turn.message.id, link: 'https://example.org/soup', recipe: lentilSoup }), 'not_found:message');
      expect(await store.listRecipesByOwner({ ownerId: stranger })).toEqual([]);
      expect(await store.listRecipesByOwner({ ownerId })).toEqual([]);
    });

    test('in SQL, authenticated sees only its own recipes and lines, and anon none', async () => {
      const { store, asRole } = get();
      if (!asRole) return;
      const a = owner();
      const b = owner();
      await store.saveRecipe({ ownerId: a, recipe: lentilSoup });
      const bRecipe = (await store.saveRecipe({ ownerId: b, recipe: lentilSoup }))!;
      const seen = await asRole('authenticated', { sub: a, role: 'authenticated' }, async (query) => ({
        recipes: await query('select distinct owner_id::text as owner from public.recipes'),
        lines: await query('select distinct owner_id::text as owner from public.recipe_lines'),
        changed: await query(`update public.recipes set title = 'taken' where id = $1 returning id`, [bRecipe.id]),
      }));
      expect(seen).toEqual({ recipes: [{ owner: a }], lines: [{ owner: a }], changed: [] });
      const anon = await asRole('anon', null, (query) => query('select 1 from public.recipes limit 1').then(() => 'read', (e: { code?: string }) => e.code));
      expect(anon).toBe('42501');
    });
  });
}
