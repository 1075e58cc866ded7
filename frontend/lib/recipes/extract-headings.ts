/**
 * The last resort for a page with no schema.org `Recipe`: a label that says "Ingredients" (a heading, a paragraph or a
 * bold word; a few languages) with the list right after it, the page's h1 as the title, and the list after a "Method" /
 * "Instructions" label as the steps. It answers only when the reading is unambiguous: a title the page's own
 * <title> or og:title agrees with, at least two lines, most of them starting with an amount, and one reading per page
 * (a page listing several recipes gets none). Otherwise null, and the cook gets "no recipe found" rather than a guess.
 */
import type { CheerioAPI } from 'cheerio';

/** Elements a label is written in. Links and list items are left out: tabs and menus name "Ingredients" too. */
const labelCandidates = ($: CheerioAPI) => $('h1, h2, h3, h4, h5, h6, p, strong, b, span, div, dt, th, label');

/** domhandler's node types, reached through cheerio (the web app does not depend on domhandler directly). */
type ElementNode = ReturnType<typeof labelCandidates>[number];
type DomNode = ElementNode | NonNullable<ElementNode['next']> | NonNullable<ElementNode['parent']>;

export interface HeadedRecipe {
  title: string;
  ingredients: Array<{ text: string; group: string | null }>;
  steps: string[];
  imageUrl: string | null;
}

const INGREDIENTS_LABEL = /^(?:ingredients?|ingredient list|zutaten|ingrédients|ingredientes|ingredienti|ingrediënten|材料)$/i;
const METHOD_LABEL = /^(?:method|methods|instructions?|directions?|preparation|steps|zubereitung|préparation|preparación|preparazione|bereiding|做法|作り方)$/i;
/** Passed over between a label and its content: controls (unit and serving pickers), media, scripts. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'select', 'option', 'button', 'input', 'textarea', 'img', 'picture', 'svg', 'iframe', 'video', 'audio', 'br', 'hr']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'aside', 'figure']);
/** How many elements may sit between a label and its list (wrappers, a unit picker) before the list no longer counts. */
const MAX_ELEMENTS_BETWEEN = 40;
const MAX_LINE_CHARS = 200;
const MAX_LINES = 80;

const isElement = (node: DomNode): node is ElementNode => 'name' in node && 'attribs' in node;
const isText = (node: DomNode): boolean => (node.type as string) === 'text';
const dataOf = (node: DomNode): string => ('data' in node && typeof node.data === 'string' ? node.data : '');
const squash = (text: string) => text.replace(/[\u00a0\u2009\u202f\s]+/g, ' ').trim();
/** A label's words without its closing colon ("Ingredients:", "材料：") or surrounding space. */
const labelWords = (text: string) => squash(text).replace(/\s*[:：]$/, '');

/** The node after `node` and everything inside it, in document order. */
function after(node: DomNode): DomNode | null {
  for (let at: DomNode | null = node; at; at = at.parent) if (at.next) return at.next;
  return null;
}

/** An element's text, or null as soon as it passes `max` characters (labels are short; most elements are not). */
function shortText(node: DomNode, max: number): string | null {
  let text = '';
  const visit = (n: DomNode): boolean => {
    if (isText(n)) text += dataOf(n);
    else if (isElement(n) && !SKIPPED.has(n.name)) for (const child of n.children) if (!visit(child)) return false;
    return text.length <= max || squash(text).length <= max;
  };
  return visit(node) ? squash(text) : null;
}

type Content = { kind: 'list'; element: ElementNode } | { kind: 'block'; element: ElementNode } | { kind: 'heading'; element: ElementNode } | { kind: 'other' };

/**
 * What follows `node`: the first list, paragraph or heading, descending through wrappers and passing over controls and
 * media. Any other text first (a link, a button's caption) ends the search: the label is then not the list's.
 */
function contentAfter(node: DomNode): Content {
  let at = after(node);
  for (let elements = 0; at && elements <= MAX_ELEMENTS_BETWEEN; ) {
    if (!isElement(at)) {
      if (isText(at) && squash(dataOf(at))) return { kind: 'other' };
      at = after(at);
      continue;
    }
    elements++;
    const name = at.name;
    if (SKIPPED.has(name)) at = after(at);
    else if (name === 'ul' || name === 'ol') return { kind: 'list', element: at };
    else if (/^h[1-6]$/.test(name)) return { kind: 'heading', element: at };
    else if (name === 'p') return { kind: 'block', element: at };
    else if (at.children.some((child) => isText(child) && squash(dataOf(child)))) return { kind: 'other' };
    else at = at.children[0] ?? after(at);
  }
  return { kind: 'other' };
}

/** An element's lines: its text split at line breaks and at the edges of block elements inside it. */
function linesOf(element: ElementNode): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const text = squash(line).replace(/^[-–—•*·▪]\s+/, '');
    if (text) lines.push(text);
    line = '';
  };
  const visit = (n: DomNode) => {
    if (isText(n)) line += dataOf(n);
    else if (isElement(n)) {
      if (n.name === 'br') return flush();
      if (SKIPPED.has(n.name)) return;
      const block = BLOCKS.has(n.name);
      if (block) flush();
      for (const child of n.children) visit(child);
      if (block) flush();
    }
  };
  for (const child of element.children) visit(child);
  flush();
  return lines;
}

const startsWithAmount = (line: string) => /^(?:\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])/.test(line);

/** Ingredient lines, not steps or links: at least two, none long, and most starting with an amount. */
function looksLikeIngredients(lines: readonly string[]): boolean {
  if (lines.length < 2 || lines.length > MAX_LINES || lines.some((l) => l.length > MAX_LINE_CHARS)) return false;
  return lines.filter(startsWithAmount).length * 2 > lines.length;
}

/** Two sentences, or a long one: an instruction ("Slice the baguette. Mix the soy sauce…"), not an ingredient line. */
const readsAsStep = (line: string) => /[.!?]\s+\p{Lu}/u.test(line) || (line.length > 60 && /[.!]$/.test(line));

/** A list item that names the group of the lines under it ("For the topping", "Sauce:") rather than an ingredient. */
const isGroupHeading = (line: string) => line.length <= 60 && !/\d/.test(line) && (/[:：]$/.test(line) || /^for\s/i.test(line));

function listLines($: CheerioAPI, list: ElementNode, group: string | null): Array<{ text: string; group: string | null }> {
  const lines: Array<{ text: string; group: string | null }> = [];
  let current = group;
  for (const item of $(list).children('li').toArray()) {
    const text = linesOf(item).join(' ');
    if (!text) continue;
    if (isGroupHeading(text)) current = labelWords(text);
    else lines.push({ text, group: current });
  }
  return lines;
}

/** A paragraph that labels what follows rather than continuing it: "Serves 4:", or all of it in bold. */
function isLabelParagraph(p: ElementNode): boolean {
  const text = squash(linesOf(p).join(' '));
  if (/[:：]$/.test(text)) return true;
  const content = p.children.filter((child) => !isText(child) || squash(dataOf(child)));
  return content.length === 1 && isElement(content[0]!) && ['strong', 'b'].includes(content[0].name);
}

/** Lines of paragraphs: one paragraph with line breaks, or consecutive one-line paragraphs (up to a label). */
function paragraphLines(first: ElementNode): string[] {
  const lines = linesOf(first);
  if (lines.length !== 1) return lines;
  for (let at = first.next; at; at = at.next) {
    if (!isElement(at)) {
      if (isText(at) && squash(dataOf(at))) break;
      continue;
    }
    const next = at.name === 'p' ? linesOf(at) : [];
    if (next.length !== 1 || isLabelParagraph(at)) break;
    lines.push(next[0]!);
  }
  return lines;
}

/**
 * The ingredient lines after a label: a list, then any further lists of the same kind each under a short label of its
 * own ("For the sauce", "To serve"), whose lines may have no amounts; or paragraphs. Null when, all together, they do
 * not look like ingredient lines. A list of another kind (the steps' `ol` after the ingredients' `ul`) or one that
 * reads as steps ends them.
 */
function ingredientsAfter($: CheerioAPI, label: ElementNode): HeadedRecipe['ingredients'] | null {
  const content = contentAfter(label);
  let lines: HeadedRecipe['ingredients'] = [];
  if (content.kind === 'block') lines = paragraphLines(content.element).map((text) => ({ text, group: null }));
  else if (content.kind === 'list') {
    lines = listLines($, content.element, null);
    for (let list = content.element; ; ) {
      const next = contentAfter(list);
      if (next.kind !== 'block' && next.kind !== 'heading') break;
      const text = shortText(next.element, 60);
      const group = text === null ? '' : labelWords(text);
      if (!group || METHOD_LABEL.test(group) || INGREDIENTS_LABEL.test(group)) break;
      const following = contentAfter(next.element);
      if (following.kind !== 'list' || following.element.name !== list.name) break;
      const more = listLines($, following.element, group);
      if (more.length === 0 || more.some((l) => l.text.length > MAX_LINE_CHARS || readsAsStep(l.text))) break;
      lines.push(...more);
      list = following.element;
    }
  }
  return looksLikeIngredients(lines.map((l) => l.text)) ? lines : null;
}

function stepsAfter($: CheerioAPI, label: ElementNode): string[] {
  const content = contentAfter(label);
  if (content.kind === 'list') return $(content.element).children('li').toArray().map((li) => linesOf(li).join(' ')).filter(Boolean);
  if (content.kind !== 'block') return [];
  const paragraphs = [content.element, ...$(content.element).nextUntil(':not(p)').toArray()];
  const end = paragraphs.findIndex((p, i) => i > 0 && isLabelParagraph(p));
  return (end >= 0 ? paragraphs.slice(0, end) : paragraphs).flatMap((p) => linesOf(p));
}

/** The outermost element that holds only the label ("<p><strong>Ingredients</strong></p>" is the paragraph). */
function widestLabel(element: ElementNode, words: string): ElementNode {
  let widest = element;
  for (let parent = widest.parent; parent && isElement(parent); parent = parent.parent) {
    const text = shortText(parent, words.length + 2);
    if (text === null || labelWords(text) !== words) break;
    widest = parent;
  }
  return widest;
}

/**
 * The page's title: its first h1 that its <title> or og:title also gives. An h1 with a byline after the title ("… by
 * Example Kitchen") is cut to the title's first part ("Lemon pasta | Pasta recipes | …") when the h1 starts with it.
 */
function titleOf($: CheerioAPI): string | null {
  const named = [$('meta[property="og:title"]').attr('content'), $('title').first().text()].map((t) => squash(t ?? '')).filter(Boolean);
  for (const h1 of $('h1').toArray()) {
    const text = shortText(h1, 200);
    if (!text) continue;
    const lower = text.toLowerCase();
    if (named.some((n) => n.toLowerCase().includes(lower))) return text;
    const lead = named
      .map((n) => n.split(/\s+[|–—-]\s+/)[0]!)
      .find((part) => lower.startsWith(part.toLowerCase()) && /^\s+(?:by|from|[|–—-])\s/i.test(text.slice(part.length)));
    if (lead) return lead;
  }
  return null;
}

export function extractFromHeadings($: CheerioAPI): HeadedRecipe | null {
  const title = titleOf($);
  if (!title) return null;
  const labels = labelCandidates($)
    .toArray()
    .flatMap((element) => {
      const text = shortText(element, 30);
      const words = text === null ? '' : labelWords(text);
      const kind = INGREDIENTS_LABEL.test(words) ? ('ingredients' as const) : METHOD_LABEL.test(words) ? ('method' as const) : null;
      return kind ? [{ kind, element: widestLabel(element, words) }] : [];
    })
    .filter((label, i, all) => all.findIndex((other) => other.element === label.element) === i);
  const readings = labels.flatMap((label, i) => {
    if (label.kind !== 'ingredients') return [];
    const ingredients = ingredientsAfter($, label.element);
    if (!ingredients) return [];
    const method = labels.slice(i + 1).find((other) => other.kind === 'method');
    return [{ ingredients, steps: method ? stepsAfter($, method.element) : [] }];
  });
  // The same list twice is one recipe laid out for two screen sizes; two different lists are two recipes.
  const distinct = new Set(readings.map((r) => r.ingredients.map((l) => l.text).join('\n')));
  if (readings.length === 0 || distinct.size > 1) return null;
  const image = $('meta[property="og:image"]').attr('content')?.trim();
  return { title, ingredients: readings[0]!.ingredients, steps: readings[0]!.steps, imageUrl: image || null };
}
