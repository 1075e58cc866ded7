/**
 * Before/after for `npm run bench -- --compare-node PATH`: each area's benchmark runs twice in one `npm run bench`,
 * first under the other Node (its fragment is kept as bench/results/<area>.before.md), then under the current one, and
 * the two fragments become one section whose figures read "before → after".
 *
 * Both fragments come from the same benchmark code with the same settings, so they have the same lines in the same
 * order; only figures, times and versions differ. Table cells that differ become "before → after" whole (a cell such as
 * "102.5 / 105.4 / 106.6" stays readable as two triples). In prose, each figure that differs becomes "before → after"
 * in place, the measurement time is the after run's, and "Node v20.20.2" reads "Node v20.20.2 → v24.21.0".
 */

export const ARROW = '→';

/** A fragment's lines of prose are cut into text, figures, ISO times and version strings (v20.20.2). */
const TOKEN = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)|(v\d+\.\d+\.\d+)|((?<![\w.:/-])\d+(?:[.,]\d+)*(?![\w:/-]|\.\d))/g;

type Token = { kind: 'text' | 'time' | 'version' | 'figure'; value: string };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    if (match.index > last) tokens.push({ kind: 'text', value: line.slice(last, match.index) });
    tokens.push({ kind: match[1] ? 'time' : match[2] ? 'version' : 'figure', value: match[0] });
    last = match.index + match[0].length;
  }
  if (last < line.length) tokens.push({ kind: 'text', value: line.slice(last) });
  return tokens;
}

const shape = (tokens: Token[]) => tokens.map((t) => (t.kind === 'text' ? t.value : `<${t.kind}>`)).join('');

/** One line of prose: figures and versions that differ read "before → after"; times are the after run's. */
export function mergeProseLine(before: string, after: string): string {
  if (before === after) return after;
  const b = tokenize(before);
  const a = tokenize(after);
  if (shape(b) !== shape(a)) return `${after} (before: ${before.trim()})`;
  return a
    .map((token, i) => {
      const old = b[i]!.value;
      if (token.kind === 'text' || token.kind === 'time' || old === token.value) return token.value;
      return `${old} ${ARROW} ${token.value}`;
    })
    .join('');
}

const isTableRow = (line: string) => line.trimStart().startsWith('|');
const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split('|');

/** One table row: cells that differ read "before → after"; a row of another shape is the after run's. */
export function mergeTableRow(before: string, after: string): string {
  if (before === after) return after;
  const b = cells(before);
  const a = cells(after);
  if (b.length !== a.length || b[0]!.trim() !== a[0]!.trim()) return after;
  return `|${a.map((cell, i) => (cell.trim() === b[i]!.trim() ? cell : ` ${b[i]!.trim()} ${ARROW} ${cell.trim()} `)).join('|')}|`;
}

/**
 * The after fragment with the before fragment's figures merged in. Fragments whose lines do not line up (another
 * benchmark version or other settings) are not merged: the after fragment is returned with a note saying so.
 */
export function mergeFragments(before: string, after: string, labels: { before: string; after: string }): string {
  const b = before.trimEnd().split('\n');
  const a = after.trimEnd().split('\n');
  const lined = b.length === a.length && b.every((line, i) => isTableRow(line) === isTableRow(a[i]!));
  if (!lined) {
    return `${after.trimEnd()}\n\n(No before/after: the ${labels.before} run of this benchmark does not line up with the ${labels.after} run.)`;
  }
  const [heading, ...body] = a.map((line, i) => (isTableRow(line) ? mergeTableRow(b[i]!, line) : i === 0 ? line : mergeProseLine(b[i]!, line)));
  return [heading, '', `Before ${ARROW} after: every figure that differs reads "${labels.before} ${ARROW} ${labels.after}", both measured in the same \`npm run bench\`.`, ...body].join('\n');
}
