/**
 * A page's or a paste's recipe as the cook reviews it before saving: the extracted fields (extract.ts) or the split
 * text, with every ingredient line read by the kitchen (matched, or why not). Pure, so the import route and the
 * offline evaluation (npm run recipes:eval) run exactly the same code.
 */
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { mealTypesFromWords, readCookLines, splitPastedRecipe } from '@chef-chopsky/kitchen/cook/read';
import type { ImportedRecipe } from '@chef-chopsky/contract/recipes';
import { RECIPE_LIMITS } from '@chef-chopsky/contract/recipes';
import { extractRecipe, type ExtractedRecipe } from './extract';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Prep and cook minutes from what the page gives: a total alone is counted as prep, so time limits still apply. */
function times(extracted: Pick<ExtractedRecipe, 'prepMinutes' | 'cookMinutes' | 'totalMinutes'>): { prepMinutes: number | null; cookMinutes: number | null } {
  const { prepMinutes, cookMinutes, totalMinutes } = extracted;
  if (prepMinutes === null && cookMinutes === null) return { prepMinutes: totalMinutes, cookMinutes: totalMinutes === null ? null : 0 };
  const clamp = (m: number | null) => (m === null ? null : Math.min(m, 2880));
  return { prepMinutes: clamp(prepMinutes ?? (totalMinutes !== null && cookMinutes !== null ? Math.max(0, totalMinutes - cookMinutes) : 0)), cookMinutes: clamp(cookMinutes ?? 0) };
}

const httpUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) && url.length <= 2000 ? url : null);

export function importedFromExtracted(catalog: Catalog, extracted: ExtractedRecipe): ImportedRecipe | null {
  const lines = readCookLines(
    catalog,
    extracted.ingredients.slice(0, RECIPE_LIMITS.lines).map((l) => ({ text: clip(l.text, RECIPE_LIMITS.lineChars), group: l.group })),
  );
  if (lines.length === 0) return null;
  return {
    title: clip(extracted.title, RECIPE_LIMITS.titleChars),
    servings: extracted.servings ?? 4,
    ...times(extracted),
    mealTypes: mealTypesFromWords([...extracted.categories, extracted.title]),
    cuisine: (extracted.cuisine ?? '').slice(0, 40),
    tags: extracted.categories.filter((c) => c.length <= RECIPE_LIMITS.tagChars).slice(0, RECIPE_LIMITS.tags),
    lines,
    steps: extracted.steps.slice(0, RECIPE_LIMITS.steps).map((s) => clip(s, RECIPE_LIMITS.stepChars)),
    mark: null,
    sourceUrl: httpUrl(extracted.sourceUrl),
    imageUrl: httpUrl(extracted.imageUrl),
    yield: extracted.yield,
  };
}

/** A fetched page's recipe, or null when the page carries none. */
export function importFromHtml(catalog: Catalog, html: string, url: string): ImportedRecipe | null {
  const extracted = extractRecipe(html, url);
  return extracted ? importedFromExtracted(catalog, extracted) : null;
}

/** Pasted text's recipe, or null when no ingredient line is found in it. */
export function importFromText(catalog: Catalog, text: string): ImportedRecipe | null {
  const pasted = splitPastedRecipe(text);
  if (!pasted) return null;
  return importedFromExtracted(catalog, {
    title: pasted.title,
    ingredients: pasted.ingredients.map((line) => ({ text: line, group: null })),
    steps: pasted.steps,
    yield: pasted.servings ? `${pasted.servings} servings` : null,
    servings: pasted.servings,
    prepMinutes: null,
    cookMinutes: null,
    totalMinutes: null,
    imageUrl: null,
    sourceUrl: '',
    cuisine: null,
    categories: [],
    format: 'json-ld',
  });
}
