/**
 * The recipe-import evaluation (npm run recipes:eval): real recipe pages read offline by the web app's importer
 * (frontend/lib/recipes/import.ts, the code the import route runs), compared with what the recipe-scrapers project
 * expects for each page, and every automatic match re-checked for the safety rule by a scanner of its own.
 *
 * Comparison is by words, as the pages' README asks: case, HTML entities and tags, brackets and punctuation, unit
 * abbreviations (tbsp/tablespoon, oz/ounce, g/gram) and fraction forms (1/2, ½, 0.5) do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { ALLERGEN_WORDS } from '@chef-chopsky/kitchen/ledger/lexicon';
import type { Allergen } from '@chef-chopsky/kitchen/types';
import { plainText } from '../../frontend/lib/recipes/extract';
import { importFromHtml } from '../../frontend/lib/recipes/import';

export interface ExpectedRecipe {
  host: string;
  title?: string;
  ingredients?: string[];
  instructions_list?: string[];
  yields?: string;
  total_time?: number;
  canonical_url?: string;
}

export interface RecipePage {
  host: string;
  html: string;
  expected: ExpectedRecipe;
}

/** Pages of a directory laid out as shared/recipe-pages/pages: `<host>.html.gz` beside `<host>.expected.json`. */
export function loadRecipePages(dir: string): RecipePage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((file) => {
      const host = file.slice(0, -'.expected.json'.length);
      const expected = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ExpectedRecipe;
      const gz = path.join(dir, `${host}.html.gz`);
      const plain = path.join(dir, `${host}.html`);
      const html = readdirSync(dir).includes(`${host}.html.gz`) ? gunzipSync(readFileSync(gz)).toString('utf8') : readFileSync(plain, 'utf8');
      return { host, html, expected };
    });
}

const FRACTIONS: Record<string, string> = { '½': '1/2', '⅓': '1/3', '⅔': '2/3', '¼': '1/4', '¾': '3/4', '⅕': '1/5', '⅖': '2/5', '⅗': '3/5', '⅘': '4/5', '⅙': '1/6', '⅚': '5/6', '⅛': '1/8', '⅜': '3/8', '⅝': '5/8', '⅞': '7/8' };

const UNIT_WORDS: Record<string, string> = {
  tbsp: 'tablespoon', tbs: 'tablespoon', tbl: 'tablespoon', tbsps: 'tablespoon', tablespoons: 'tablespoon', tb: 'tablespoon',
  tsp: 'teaspoon', tsps: 'teaspoon', teaspoons: 'teaspoon',
  c: 'cup', cups: 'cup',
  oz: 'ounce', ounces: 'ounce',
  lb: 'pound', lbs: 'pound', pounds: 'pound',
  g: 'gram', gr: 'gram', grams: 'gram', gm: 'gram', gms: 'gram',
  kg: 'kilogram', kgs: 'kilogram', kilograms: 'kilogram',
  ml: 'milliliter', mls: 'milliliter', milliliters: 'milliliter', millilitres: 'milliliter', millilitre: 'milliliter',
  l: 'liter', liters: 'liter', litres: 'liter', litre: 'liter',
  pkg: 'package', pkgs: 'package', packages: 'package',
  qt: 'quart', qts: 'quart', quarts: 'quart', pt: 'pint', pints: 'pint',
  cloves: 'clove', pinches: 'pinch', cans: 'can', sticks: 'stick', slices: 'slice', 'fl': 'fluid',
};

/** A number written any way ("1 1/2", "1½", "1.5") as one canonical token. */
function numberToken(whole: string | undefined, fraction: string | undefined): string {
  let value = whole ? Number(whole) : 0;
  if (fraction) {
    const [n, d] = fraction.split('/').map(Number);
    value += n! / d!;
  }
  return String(Math.round(value * 1000) / 1000);
}

/** The words of a text as the comparison sees them. */
export function comparableWords(text: string): string[] {
  let t = plainText(text).toLowerCase();
  for (const [glyph, ascii] of Object.entries(FRACTIONS)) t = t.replaceAll(glyph, ` ${ascii}`);
  t = t.replace(/\u2044/g, '/');
  // Mixed numbers and fractions first, then decimals, each to one token.
  t = t.replace(/(\d+)\s+(\d+\/\d+)/g, (_, w: string, f: string) => ` ${numberToken(w, f)} `);
  t = t.replace(/(?<![\d.])(\d+\/\d+)/g, (_, f: string) => ` ${numberToken(undefined, f)} `);
  t = t.replace(/(\d+(?:\.\d+)?)/g, (n: string) => ` ${String(Number(n))} `);
  t = t.replace(/[^a-z0-9.]+/g, ' ').replace(/(?<!\d)\.|\.(?!\d)/g, ' ');
  return t
    .split(' ')
    .filter(Boolean)
    .map((w) => UNIT_WORDS[w] ?? w);
}

export const sameWords = (a: string, b: string) => comparableWords(a).join(' ') === comparableWords(b).join(' ');

/**
 * The safety re-check, independent of the matcher's tokenizer and its catalog-name reading: every lexicon allergen word
 * found anywhere in the raw line by a word-boundary search (plurals allowed), except inside one of the matched
 * ingredient's own names, must be an allergen the ingredient carries. Returns what it lacks.
 */
export function independentLacks(catalog: Catalog, line: string, ingredientId: string): Allergen[] {
  const ingredient = catalog.ingredientById.get(ingredientId);
  if (!ingredient) return [];
  let text = ` ${plainText(line).toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const ownNames = [ingredient.name, ...ingredient.aliases, ingredient.id.replace(/-/g, ' ')].map((n) => n.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
  for (const name of ownNames.sort((a, b) => b.length - a.length)) {
    text = text.replace(new RegExp(` ${name.replace(/ /g, ' ')}(?:s|es)? `, 'g'), ' ');
  }
  const lacks = new Set<Allergen>();
  for (const [word, allergens] of ALLERGEN_WORDS) {
    const pattern = new RegExp(` ${word.toLowerCase().replace(/[^a-z0-9]+/g, ' ')}(?:s|es)? `);
    if (!pattern.test(text)) continue;
    for (const allergen of allergens) if (!ingredient.allergens.includes(allergen)) lacks.add(allergen);
  }
  return [...lacks];
}

export interface PageResult {
  host: string;
  /** The importer found a recipe. */
  found: boolean;
  /** The expectation has a recipe (a title and ingredient lines). */
  expectedRecipe: boolean;
  titleEqual: boolean;
  ingredientsEqual: boolean;
  instructionsEqual: boolean | null;
  crashed: string | null;
  /** Fetch-free import time: HTML parse, extraction, every line parsed and matched. */
  ms: number;
  lines: number;
  matched: number;
  /** Matched lines the independent re-check says name an allergen their ingredient lacks. */
  flagged: Array<{ line: string; ingredientId: string; lacks: Allergen[] }>;
  unmatched: Array<{ line: string; reason: string }>;
  got: { title: string | null; ingredients: string[] };
  /** Where a found recipe first differs from the expectation (title, or the first unequal line), for the report. */
  firstDifference: { field: 'title' | 'ingredients'; got: string; expected: string } | null;
}

export function evaluatePage(catalog: Catalog, page: RecipePage, runs = 1): PageResult {
  const expected = page.expected;
  const expectedRecipe = Boolean(expected.title && expected.ingredients && expected.ingredients.length > 0);
  const base: PageResult = {
    host: page.host,
    found: false,
    expectedRecipe,
    titleEqual: false,
    ingredientsEqual: false,
    instructionsEqual: null,
    crashed: null,
    ms: 0,
    lines: 0,
    matched: 0,
    flagged: [],
    unmatched: [],
    got: { title: null, ingredients: [] },
    firstDifference: null,
  };
  let recipe;
  // The fastest of `runs` imports: on a shared machine a single timing mostly measures the neighbours.
  let ms = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    try {
      recipe = importFromHtml(catalog, page.html, expected.canonical_url ?? `https://${page.host}/`);
    } catch (error) {
      return { ...base, crashed: error instanceof Error ? `${error.name}: ${error.message}` : String(error), ms: performance.now() - started };
    }
    ms = Math.min(ms, performance.now() - started);
  }
  if (!recipe) return { ...base, ms };
  const got = recipe.lines.map((l) => l.text);
  // Headings become the groups of the lines under them; some expectations keep them as lines ("For the sauce:"),
  // others drop them, so both readings are compared.
  const withHeadings: string[] = [];
  recipe.lines.forEach((line, i) => {
    if (line.group && line.group !== recipe.lines[i - 1]?.group) withHeadings.push(line.group);
    withHeadings.push(line.text);
  });
  const expectedLines = expected.ingredients ?? [];
  const equalLines = (lines: readonly string[]) => lines.length === expectedLines.length && lines.every((line, i) => sameWords(line, expectedLines[i]!));
  const flagged: PageResult['flagged'] = [];
  for (const line of recipe.lines) {
    if (!line.match) continue;
    const lacks = independentLacks(catalog, line.text, line.match.ingredientId);
    if (lacks.length > 0) flagged.push({ line: line.text, ingredientId: line.match.ingredientId, lacks });
  }
  const titleEqual = Boolean(expected.title) && sameWords(recipe.title, expected.title!);
  const at = got.findIndex((line, i) => !sameWords(line, expectedLines[i] ?? ''));
  const lineAt = at >= 0 ? at : got.length;
  const firstDifference = !titleEqual
    ? { field: 'title' as const, got: recipe.title, expected: expected.title ?? '' }
    : equalLines(got) || equalLines(withHeadings)
      ? null
      : { field: 'ingredients' as const, got: got[lineAt] ?? '(no more lines)', expected: expectedLines[lineAt] ?? '(no more lines)' };
  return {
    ...base,
    found: true,
    firstDifference,
    titleEqual,
    ingredientsEqual: equalLines(got) || equalLines(withHeadings),
    instructionsEqual: expected.instructions_list ? recipe.steps.length === expected.instructions_list.length && recipe.steps.every((s, i) => sameWords(s, expected.instructions_list![i]!)) : null,
    ms,
    lines: recipe.lines.length,
    matched: recipe.lines.filter((l) => l.match).length,
    flagged,
    unmatched: recipe.lines.filter((l) => !l.match).map((l) => ({ line: l.text, reason: l.reason ?? '' })),
    got: { title: recipe.title, ingredients: got },
  };
}

export interface EvalSummary {
  pages: number;
  /** Title and ingredient lines equal to the expectation. */
  equal: number;
  /** No recipe found, said plainly. */
  noRecipe: number;
  /** A recipe was found but differs from the expectation. */
  different: number;
  crashes: number;
  titleEqual: number;
  ingredientsEqual: number;
  instructionsEqual: number;
  instructionsExpected: number;
  lines: number;
  matched: number;
  flagged: number;
  msP50: number;
  msP95: number;
  msMax: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarise(results: readonly PageResult[]): EvalSummary {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    pages: results.length,
    equal: results.filter((r) => r.titleEqual && r.ingredientsEqual).length,
    noRecipe: results.filter((r) => !r.found && !r.crashed).length,
    different: results.filter((r) => r.found && !(r.titleEqual && r.ingredientsEqual)).length,
    crashes: results.filter((r) => r.crashed).length,
    titleEqual: results.filter((r) => r.titleEqual).length,
    ingredientsEqual: results.filter((r) => r.ingredientsEqual).length,
    instructionsEqual: results.filter((r) => r.instructionsEqual === true).length,
    instructionsExpected: results.filter((r) => r.instructionsEqual !== null).length,
    lines: results.reduce((n, r) => n + r.lines, 0),
    matched: results.reduce((n, r) => n + r.matched, 0),
    flagged: results.reduce((n, r) => n + r.flagged.length, 0),
    msP50: round(percentile(ms, 50)),
    msP95: round(percentile(ms, 95)),
    msMax: round(ms.at(-1) ?? 0),
  };
}
