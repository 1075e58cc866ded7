/**
 * Text as the ledger reads it: lower case, accents and emoji gone, hyphens as spaces, misspellings fixed ("alergic",
 * "pea nuts", "sesme", "vegeterian"), number words as digits, split into sentences and tokens. Pure.
 */
import { singularizeWord } from '../catalog';
import { JOINED, TYPOS } from './lexicon';

export interface Token {
  /** The word as the cook typed it (lower case), for quotes. */
  raw: string;
  /** The word read: misspelling fixed, possessive cut ("husband's" → "husband"). */
  word: string;
  /** Singular of `word`, for matching names. */
  sing: string;
  /** Punctuation, or a word. */
  punct: boolean;
  /** "husband's": the word carried a possessive. */
  possessive: boolean;
  /** The number a word or digits say ("five", "5", "a dozen"), when it says one. */
  num?: number;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  ninety: 90, hundred: 100, couple: 2, dozen: 12, single: 1, both: 2,
};

const CONTRACTIONS = new Set([
  "it's", "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll", "he's", "she's", "they're", "they've", "that's",
  "there's", "what's", "who's", "here's", "let's", "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't",
  "wasn't", "weren't", "shouldn't", "couldn't", "wouldn't", "haven't", "hasn't", "you're", "you've", "you'd", "he'd", "she'd",
]);

/** Cleans a message into plain lower-case text: accents, emoji and odd symbols gone, punctuation spaced out. */
export function cleanText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/\s[–—-]+\s/g, ' , ')
    .replace(/[–—]/g, ' , ')
    .replace(/(\d)\s*g\b/g, '$1 g')
    .replace(/(\d)(kcal|cal|calories|mins?|minutes|hrs?|hours?|g)\b/g, '$1 $2')
    .replace(/\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)([a-z]*)\s*-\s*(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)/g, '$1$2 to $3')
    .replace(/([a-z])-(?=[a-z])/g, '$1 ')
    .replace(/(\d)-(?=[a-z])/g, '$1 ')
    .replace(/~/g, ' about ')
    .replace(/[^a-z0-9'.,;:!?()&/+\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One edit apart (insert, delete, substitute or swap two neighbours): "sesme" and "sesame", "pescatarain" and "pescatarian". */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

export interface Vocabulary {
  /** Words never corrected: they are words already. */
  known: ReadonlySet<string>;
  /** English words alone (names aside): a plural of one is a word too. */
  english: ReadonlySet<string>;
  /** Short food words (3–4 letters) a misspelling may mean: "porc" is pork, "nutt" nut. */
  short: ReadonlySet<string>;
  /** Words a misspelling may be corrected to, by length (only words of 5+ letters are corrected). */
  targets: ReadonlyMap<number, readonly string[]>;
}

export function createVocabulary(english: Iterable<string>, names: Iterable<string>, targets: Iterable<string>, short: Iterable<string> = []): Vocabulary {
  const byLength = new Map<number, string[]>();
  for (const t of new Set(targets)) {
    if (t.length < 5 || t.includes(' ')) continue;
    const list = byLength.get(t.length) ?? [];
    list.push(t);
    byLength.set(t.length, list);
  }
  const englishSet = new Set(english);
  return { known: new Set([...englishSet, ...names]), english: englishSet, targets: byLength, short: new Set(short) };
}

/** Edits between two words (Damerau–Levenshtein, adjacent swaps count one), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * The word a misspelling stands for: a listed typo, else the one cue or name within one edit (two for words of eight
 * letters or more: "cauliflour", "brocolli"), tried as typed and singular. A real English word is never changed.
 */
function correct(word: string, vocabulary: Vocabulary): string {
  let known = corrections.get(vocabulary);
  if (!known) corrections.set(vocabulary, (known = new Map()));
  let fixed = known.get(word);
  if (fixed === undefined) {
    // Bounded: the words cooks type are few, but a pasted page or a stream of ids must not grow it without end.
    if (known.size >= MAX_CORRECTIONS) known.clear();
    known.set(word, (fixed = correctUncached(word, vocabulary)));
  }
  return fixed;
}

/** What `correct` found for each word it was asked, per vocabulary: the search below tries every target word. */
const corrections = new WeakMap<Vocabulary, Map<string, string>>();
const MAX_CORRECTIONS = 50_000;

function correctUncached(word: string, vocabulary: Vocabulary): string {
  const typo = TYPOS[word];
  if (typo) return typo;
  // A plural of an English word is a word ("kiwis"); a plural-looking typo of a name is not ("lactos" is no plural of lacto).
  if (word.length < 3 || /\d/.test(word) || vocabulary.known.has(word) || (word.endsWith('s') && vocabulary.english.has(singularizeWord(word)))) return word;
  // Keyboard habits first: a doubled letter ("nutts", "fishh"), a z for an s ("eggz").
  const habits = [word.replace(/(.)\1+/g, '$1$1'), word.replace(/(.)\1+/g, '$1'), word.replace(/z$/, 's')];
  for (const h of habits) if (h !== word && (vocabulary.targets.get(h.length)?.includes(h) || vocabulary.known.has(h) && vocabulary.short.has(h))) return h;
  for (const form of [word, singularizeWord(word)]) {
    if (form.length < 4) continue;
    const max = form.length >= 7 ? 2 : 1;
    let best: { target: string; d: number; rank: number } | null = null;
    for (let length = form.length - max; length <= form.length + max; length++) {
      for (const target of [...(vocabulary.targets.get(length) ?? []), ...(length <= 4 ? vocabulary.short : [])]) {
        if (target.length !== length) continue;
        const d = max === 1 ? (withinOneEdit(form, target) ? 1 : 2) : editDistance(form, target, max);
        // Ties go to the longer word: typing drops letters more often than it adds them ("lactos" is lactose, not lacto).
        const rank = d * 10 + (target.length > form.length ? 0 : target.length === form.length ? 1 : 2);
        if (d <= max && (!best || rank < best.rank)) best = { target, d, rank };
      }
    }
    if (best) return best.target;
  }
  return word;
}

const PUNCT = /^[.,;:!?()&/+]$/;
const JOINED_PATTERNS = JOINED.map(([split, joined]) => [new RegExp(`\\b${split}\\b`, 'g'), joined] as const);

/** The tokens of a cleaned text, misspellings fixed. */
export function tokenize(text: string, vocabulary: Vocabulary): Token[] {
  // A capitalised word inside a sentence is a name ("here in France"): never "corrected" into a food or a person.
  const names = new Set([...text.matchAll(/(?<![.!?]\s*|^\s*)\b([A-Z][a-z]{2,})\b/g)].map((m) => m[1]!.toLowerCase()));
  let cleaned = cleanText(text);
  for (const [split, joined] of JOINED_PATTERNS) cleaned = cleaned.replace(split, joined);
  const pieces = cleaned.match(/\d+\.\d+|[a-z0-9']+|[.,;:!?()&/+]/g) ?? [];
  const tokens: Token[] = [];
  for (const piece of pieces) {
    if (PUNCT.test(piece)) {
      tokens.push({ raw: piece, word: piece, sing: piece, punct: true, possessive: false });
      continue;
    }
    let word = piece.replace(/^'+|'+$/g, '');
    if (!word) continue;
    let possessive = false;
    if (!CONTRACTIONS.has(word) && /'s$/.test(word)) {
      possessive = true;
      word = word.slice(0, -2);
    }
    const fixed = names.has(word) ? word : correct(word, vocabulary);
    // A correction may be two words ("glutenfree" → "gluten free").
    const parts = fixed.split(' ');
    parts.forEach((part, i) => {
      const num = /^\d+(\.\d+)?$/.test(part) ? Number(part) : NUMBER_WORDS[part];
      tokens.push({
        raw: i === 0 ? piece : '',
        word: part,
        sing: singularizeWord(part),
        punct: false,
        possessive: possessive && i === parts.length - 1,
        ...(num !== undefined ? { num } : {}),
      });
    });
  }
  return tokens;
}

/** A sentence as the cook wrote it, for a chip's "You said": their words (not the corrected ones), in sentence case. */
export function quoteOf(tokens: readonly Token[]): string {
  const text = tokens
    .map((t) => t.raw)
    .filter(Boolean)
    .join(' ')
    .replace(/ ([.,;:!?)])/g, '$1')
    .replace(/\( /g, '(')
    .replace(/\bi\b/g, 'I')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sentences: split at . ! ? and line ends; the closing mark stays with its sentence (a question keeps its "?"). */
export function sentences(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    current.push(t);
    if (t.punct && (t.word === '.' || t.word === '!' || t.word === '?')) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out.filter((s) => s.some((t) => !t.punct));
}
