/**
 * The schema.org `Recipe` a web page carries, read from its JSON-LD (`@graph`, arrays and nested entities included) or,
 * failing that, its microdata: title, yield, times, ingredient lines as the page wrote them, steps (`HowToSection`s
 * flattened, their names kept as headings), image, cuisine, category and keywords; failing both, an "Ingredients" label
 * and its list (extract-headings.ts, which answers only when the reading is unambiguous). Pure: HTML in, recipe or null
 * out; null means the page has no recipe (a plain "no recipe found" for the cook).
 */
import { load, type CheerioAPI } from 'cheerio';
import type { Recipe as SchemaRecipe } from 'schema-dts';
import { extractFromHeadings } from './extract-headings';

/** A cheerio selection (cheerio's node types come from domhandler, which the web app does not depend on directly). */
type Selection = ReturnType<CheerioAPI>;

export interface ExtractedRecipe {
  title: string;
  /** Each line as the page wrote it (entities decoded, tags and extra spaces removed), with the heading it sat under. */
  ingredients: Array<{ text: string; group: string | null }>;
  steps: string[];
  /** The page's yield as text ("4 servings"); null when it gives none. */
  yield: string | null;
  /** The first whole number of the yield, when it has one. */
  servings: number | null;
  prepMinutes: number | null;
  cookMinutes: number | null;
  totalMinutes: number | null;
  imageUrl: string | null;
  sourceUrl: string;
  cuisine: string | null;
  /** recipeCategory and keywords, lower case. */
  categories: string[];
  /** Where it was read from: schema.org data, or the page's "Ingredients" label and its list. */
  format: 'json-ld' | 'microdata' | 'headings';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: Json | undefined): Json[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** `@type` names, without a schema.org prefix. */
function typesOf(node: JsonObject): string[] {
  return asArray(node['@type']).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
}

const entityDecoder = load('');
/** Decodes entities and drops tags ("Salt &amp; pepper", "<a href=…>flour</a>"), then collapses spaces. */
export function plainText(value: string): string {
  let text = value;
  if (/[<&]/.test(text)) {
    // Twice: some sites encode their markup ("&lt;b&gt;").
    for (let pass = 0; pass < 2 && /[<&]/.test(text); pass++) text = entityDecoder.load(`<p>${text}</p>`, null, false).text();
  }
  return text.replace(/[\u00a0\u2009\u202f\s]+/g, ' ').trim();
}

function textOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return plainText(value) || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item);
      if (text) return text;
    }
    return null;
  }
  if (isObject(value)) return textOf(value['@value'] ?? value.name ?? value.text);
  return null;
}

/** JSON-LD as sites write it: raw newlines inside strings, HTML comments or CDATA around it. */
function parseJsonLd(source: string): Json | undefined {
  const text = source
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '')
    .trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      // Control characters are not allowed in JSON strings, and many pages have them.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

/** Depth-first search for the first node typed Recipe: arrays, `@graph`, `mainEntity`, lists and nested values. */
function findRecipeNode(value: Json | undefined, depth = 0): JsonObject | null {
  if (depth > 8 || value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findRecipeNode(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  if (typesOf(value).includes('Recipe')) return value;
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement', 'item', 'hasPart', 'about']) {
    const found = findRecipeNode(value[key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** ISO 8601 durations ("PT1H30M", "P0DT0H20M", "PT90M") and plain ones ("1 hour 20 mins") in minutes. */
export function minutesOf(value: Json | undefined): number | null {
  const text = textOf(value);
  if (!text) return null;
  const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.replace(/\s+/g, ''));
  if (iso && iso.slice(1).some(Boolean)) {
    const [days, hours, minutes, seconds] = iso.slice(1).map((part) => Number(part ?? 0));
    const total = Math.round(days! * 1440 + hours! * 60 + minutes! + seconds! / 60);
    return total > 0 ? total : null;
  }
  const hours = /(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)\b/i.exec(text);
  const minutes = /(\d+)\s*(?:m|min|mins|minute|minutes)\b/i.exec(text);
  if (!hours && !minutes) return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;
  const total = Math.round(Number(hours?.[1] ?? 0) * 60 + Number(minutes?.[1] ?? 0));
  return total > 0 ? total : null;
}

function yieldOf(value: Json | undefined): { text: string | null; servings: number | null } {
  const candidates = asArray(value).map((v) => textOf(v)).filter((t): t is string => Boolean(t));
  // Prefer the wording with a noun ("4 servings" over "4").
  const text = candidates.find((t) => /[a-z]/i.test(t)) ?? candidates[0] ?? null;
  const number = /(\d+)/.exec(candidates.join(' '));
  const servings = number ? Number(number[1]) : null;
  return { text, servings: servings && servings > 0 && servings <= 100 ? servings : null };
}

function imageOf(value: Json | undefined): string | null {
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item.trim()) return item.trim();
    if (isObject(item)) {
      const url = item.url ?? item.contentUrl ?? item['@id'];
      if (typeof url === 'string' && url.trim()) return url.trim();
    }
  }
  return null;
}

/** Steps from a string, a list of strings, HowToSteps and HowToSections (their names become headings). */
function stepsOf(value: Json | undefined, into: string[] = [], depth = 0): string[] {
  if (depth > 5 || value === undefined || value === null) return into;
  if (typeof value === 'string') {
    const text = value.trim();
    // A single block of text: split it at its own line breaks or paragraphs.
    const parts = /<(?:p|li|br)\b/i.test(text) ? text.split(/<\/?(?:p|li|br|ol|ul)\b[^>]*>/i) : text.split(/\r?\n+/);
    for (const part of parts) {
      const step = plainText(part);
      if (step) into.push(step);
    }
    return into;
  }
  if (Array.isArray(value)) {
    for (const item of value) stepsOf(item, into, depth + 1);
    return into;
  }
  if (!isObject(value)) return into;
  const types = typesOf(value);
  if (types.includes('HowToSection') || (value.itemListElement !== undefined && !value.text)) {
    stepsOf(value.itemListElement, into, depth + 1);
    return into;
  }
  const text = textOf(value.text) ?? textOf(value.name) ?? textOf(value.description);
  if (text) into.push(text);
  return into;
}

/**
 * Ingredient lines as the page lists them. Some pages put the whole list in one string: split at its line breaks, or,
 * for a single string of several comma-separated amounts ("125ml milk, 1 tsp vinegar, 60ml oil"), before each amount.
 */
function ingredientsOf(value: Json | undefined): Array<{ text: string; group: string | null }> {
  return ingredientLines(asArray(value).flatMap((item) => (typeof item === 'string' ? [item] : isObject(item) ? [textOf(item) ?? ''] : [])));
}

function ingredientLines(raw: readonly string[]): Array<{ text: string; group: string | null }> {
  const split = raw.flatMap((item) => item.split(/\r?\n|<br\s*\/?>/i));
  let lines = split.map((line) => plainText(line)).filter(Boolean);
  if (lines.length === 1 && (lines[0]!.match(/,\s+(?=\d)/g) ?? []).length >= 3) lines = lines[0]!.split(/,\s+(?=\d)/).map((l) => l.trim());
  return lines.map((text) => ({ text, group: null }));
}

function wordsOf(value: Json | undefined): string[] {
  const out: string[] = [];
  for (const item of asArray(value)) {
    const text = textOf(item);
    if (!text) continue;
    for (const word of text.split(',')) if (word.trim()) out.push(word.trim().toLowerCase());
  }
  return [...new Set(out)];
}

function fromJsonLd(node: JsonObject, sourceUrl: string): ExtractedRecipe | null {
  // schema-dts names the fields read below; JSON-LD in the wild is looser than its types, hence the Json reads.
  const field = (name: keyof Exclude<SchemaRecipe, string> & string) => node[name];
  const title = textOf(field('name')) ?? textOf(node.headline);
  const ingredients = ingredientsOf(field('recipeIngredient') ?? node.ingredients);
  if (!title || ingredients.length === 0) return null;
  const yields = yieldOf(field('recipeYield'));
  const urlField = textOf(field('url'));
  return {
    title,
    ingredients,
    steps: stepsOf(field('recipeInstructions')),
    yield: yields.text,
    servings: yields.servings,
    prepMinutes: minutesOf(field('prepTime')),
    cookMinutes: minutesOf(field('cookTime')),
    totalMinutes: minutesOf(field('totalTime')),
    imageUrl: imageOf(field('image')),
    sourceUrl: urlField && /^https?:\/\//i.test(urlField) ? urlField : sourceUrl,
    cuisine: wordsOf(field('recipeCuisine'))[0] ?? null,
    categories: [...wordsOf(field('recipeCategory')), ...wordsOf(field('keywords'))],
    format: 'json-ld',
  };
}

/** The value of an `itemprop` element as microdata defines it: content, datetime, src, href, or its text. */
function itemValue($: CheerioAPI, element: Selection): string {
  const attr = element.attr('content') ?? element.attr('datetime') ?? element.attr('src') ?? element.attr('href');
  if (attr !== undefined) return plainText(attr);
  return plainText(element.text());
}

/** The properties of one microdata item, not those of items nested in it. */
function itemProps($: CheerioAPI, scope: Selection, name: string): Array<Selection> {
  const out: Array<Selection> = [];
  scope.find(`[itemprop~="${name}"]`).each((_, el) => {
    const owner = $(el).parent().closest('[itemscope]');
    if (owner.length === 0 || owner.get(0) === scope.get(0)) out.push($(el));
  });
  return out;
}

function fromMicrodata($: CheerioAPI, sourceUrl: string): ExtractedRecipe | null {
  const scope = $('[itemscope][itemtype*="schema.org/Recipe" i]').first();
  if (scope.length === 0) return null;
  const first = (name: string) => {
    const found = itemProps($, scope, name)[0];
    return found ? itemValue($, found) || null : null;
  };
  const title = first('name');
  const ingredients = ingredientLines(
    [...itemProps($, scope, 'recipeIngredient'), ...itemProps($, scope, 'ingredients'), ...itemProps($, scope, 'ingredient')].map((el) => el.attr('content') ?? plainText(el.text())),
  );
  if (!title || ingredients.length === 0) return null;
  const steps = [...itemProps($, scope, 'recipeInstructions'), ...itemProps($, scope, 'instructions')].flatMap((el) => {
    const items = el.find('li');
    return items.length > 0 ? items.toArray().map((li) => plainText($(li).text())) : stepsOf(el.html() ?? '');
  });
  const yields = yieldOf(first('recipeYield') ?? first('yield'));
  return {
    title,
    ingredients,
    steps: steps.filter(Boolean),
    yield: yields.text,
    servings: yields.servings,
    prepMinutes: minutesOf(first('prepTime')),
    cookMinutes: minutesOf(first('cookTime')),
    totalMinutes: minutesOf(first('totalTime')),
    imageUrl: first('image') ?? first('photo'),
    sourceUrl,
    cuisine: first('recipeCuisine')?.toLowerCase() ?? null,
    categories: wordsOf([first('recipeCategory'), first('keywords')].filter((v): v is string => v !== null)),
    format: 'microdata',
  };
}

function fromHeadings($: CheerioAPI, sourceUrl: string): ExtractedRecipe | null {
  const headed = extractFromHeadings($);
  if (!headed) return null;
  return {
    ...headed,
    yield: null,
    servings: null,
    prepMinutes: null,
    cookMinutes: null,
    totalMinutes: null,
    sourceUrl,
    cuisine: null,
    categories: [],
    format: 'headings',
  };
}

function jsonLdScripts($: CheerioAPI): string[] {
  return $('script[type="application/ld+json" i]')
    .toArray()
    .map((el) => $(el).text());
}

/** The page's recipe, or null when it carries none (or one without a title or ingredients). */
export function extractRecipe(html: string, sourceUrl: string): ExtractedRecipe | null {
  // htmlparser2 in HTML mode rather than cheerio's default parse5: several times faster on large pages, and forgiving
  // enough for what is read here (script contents and itemprop attributes).
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  for (const script of jsonLdScripts($)) {
    const node = findRecipeNode(parseJsonLd(script));
    if (node) {
      const recipe = fromJsonLd(node, sourceUrl);
      if (recipe) return recipe;
    }
  }
  return fromMicrodata($, sourceUrl) ?? fromHeadings($, sourceUrl);
}

