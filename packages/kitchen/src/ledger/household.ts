/**
 * Who eats: the number of people ("for 4", "family of five", "the two of us", "so we're 5") and the household members a
 * message names ("a toddler and two adults", "me, my husband and our 3 kids", "my 15 year old son"). A listed household
 * that includes the cook ("me", "… and I") or counts adults sets the number of people when no number was said.
 */
import type { Catalog } from '../catalog';
import { entry } from './merge';
import { quoteOf, type Token } from './normalize';
import { matchPhrases, type Phrase } from './phrases';
import type { AgeGroup, LedgerEntry, LedgerSource } from './types';

/** People words that are not a member of the household being planned for (or not one person). */
const NOT_MEMBERS = new Set(['youngest', 'eldest', 'oldest', 'friend', 'coworker', 'colleague', 'in-law']);
/** Someone not at the table this time ("my husband is away Monday to Thursday"). */
const AWAY = /\b(is|are|'s|will be) away\b|\bnot home\b|\bcancelled\b|\bcanceled\b/;
const NOT_EATING = /\b(puree|purees|pureed|newborn|breastfed|breast fed|formula|bottle fed|still on milk|doesn't eat|not eating solids)\b/;
const COUNT_SKIP = new Set(['our', 'my', 'the', 'his', 'her', 'their', 'both', 'all', 'little', 'teenage', 'young', 'younger', 'older', 'grown', 'small', 'lovely', 'hungry', 'adult', 'other']);
const UNIT_AFTER = '(?!\\s*(?:days?|nights?|weeks?|dinners?|lunch(?:es)?|breakfasts?|snacks?|meals?|minutes?|mins?|hours?|hrs?|kcal|calories|g\\b|grams?|cans?|bags?|dozen|year|years|yo|months?|x|times|recipes?|dishes|servings? of|adults?|kids?|children|child|teens?|teenagers?|toddlers?|bab(?:y|ies)|grown ups?))';

function ageGroupOf(age: number): AgeGroup {
  if (age <= 3) return 'toddler';
  if (age <= 12) return 'child';
  if (age <= 17) return 'teen';
  return 'adult';
}

/** Digits for number words, so patterns read "4" for "four". */
function numberText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.num !== undefined && !['couple', 'dozen', 'both', 'single'].includes(t.word) ? String(t.num) : t.word)).join(' ');
}

/** Counts of people said outright; each read with matchAll, which copies the pattern, so they are built once. */
const PEOPLE_PATTERNS = [
  new RegExp(`\\b(?:the |all )?([2-9]|1\\d|20) of us\\b`, 'g'),
  new RegExp(`\\b(?:we're|we are|there are|there's|theres|we're now|now we're|so we're|we'll be|we will be|that makes|makes it)\\s+(?:now\\s+|usually\\s+|normally\\s+|typically\\s+|generally\\s+|currently\\s+|a family of\\s+)?(\\d+)\\b${UNIT_AFTER}`, 'g'),
  new RegExp(`\\bfor (?:the |all |a group of |a party of )?(\\d+)\\b${UNIT_AFTER}`, 'g'),
  new RegExp(`\\b(\\d+) (?:people|persons|person|ppl|guests|eaters|mouths)\\b`, 'g'),
  new RegExp(`\\b(\\d+) (?:in the house|in our house|in the household|at home|at the table)\\b|\\bhousehold of (\\d+)\\b`, 'g'),
  new RegExp(`\\bfor (?:him|her|them) and (?:me|i)\\b`, 'g'),
  new RegExp(`\\b(?:feeds?|serves?|feeding|serving|cooking for|cook for)\\s+(?:the |all )?(\\d+)\\b${UNIT_AFTER}`, 'g'),
  new RegExp(`\\b(?:back to|make it|make that|so|now)\\s+(\\d+)\\b${UNIT_AFTER}(?!\\s*(?:more|extra|less|,?\\s*we eat out|,?\\s*we're out|,?\\s*we're eating out))`, 'g'),
  // "family of 4, no wait 5": a correction of the count just said.
  new RegExp(`\\b(?:\\d+|of us|people)\\s*,?\\s*(?:no wait|wait|sorry|i mean|no)\\s*,?\\s+(\\d+)\\b${UNIT_AFTER}`, 'g'),
];

/** The number of people a sentence states, if it does; the last statement wins. */
function explicitPeople(text: string): number | undefined {
  let found: { at: number; n: number } | undefined;
  const see = (at: number, n: number) => {
    if (n >= 1 && n <= 20 && (!found || at >= found.at)) found = { at, n };
  };
  const families = [...text.matchAll(/\bfamily of (\d+)\b/g)];
  if (families.length > 0) see(families.at(-1)!.index!, families.reduce((sum, m) => sum + Number(m[1]), 0));
  for (const re of PEOPLE_PATTERNS) for (const m of text.matchAll(re)) see(m.index!, m[1] === undefined && m[2] === undefined ? 2 : Number(m[1] ?? m[2]));
  for (const m of text.matchAll(/\b(?:just me|only me|for me|for myself|for one)\b(?!\s*(?:and|,|\+|&|\())/g)) {
    // "dinners for me" says who eats; "hard cheese is ok for me" and "keto for me" say what suits the cook.
    if (/^for /.test(m[0]) && !PLAN_BEFORE.test(text.slice(0, m.index!))) continue;
    see(m.index!, 1);
  }
  for (const m of text.matchAll(/\b(?:the )?2 of us\b|\bboth of us\b|\bus two\b|\bus 2\b|\bwe (?:can |could |will )?both (?:eat|have|like)\b/g)) see(m.index!, 2);
  return found?.n;
}

interface MemberFound {
  label: string;
  ageGroup: AgeGroup;
}

/** The ages written right after a person word: "(2, 6 and 12)", "are 5 and 9", "he's 10". */
function agesAfter(tokens: readonly Token[], from: number): number[] {
  const ages: number[] = [];
  const window = tokens.slice(from, from + 10);
  const opens = window[0]?.word === '(' || ['are', 'is', "he's", "she's", 'aged', 'ages'].includes(window[0]?.word ?? '') || (window[0]?.word === ',' && window[1]?.word === "he's");
  if (!opens) return ages;
  for (let i = from; i < Math.min(tokens.length, from + 10); i++) {
    const t = tokens[i]!;
    if (t.num !== undefined && t.num < 100 && /^\d+$/.test(t.word)) ages.push(t.num);
    else if (t.word === ')' || (t.punct && t.word !== ',' && t.word !== '(')) break;
    else if (!['(', ',', 'and', 'are', 'is', "he's", "she's", 'aged', 'ages', 'years', 'year', 'old', 'yo', '&'].includes(t.word)) break;
  }
  return ages;
}

/** The age written right before a person word: "my 15 year old son", "7 yo daughter". */
function ageBefore(tokens: readonly Token[], start: number): number | undefined {
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i]!;
    if (t.num !== undefined && /^\d+$/.test(t.word) && ['year', 'years', 'yo', 'yr'].includes(tokens[i + 1]?.word ?? '')) return t.num;
  }
  return undefined;
}

/** How many people a person phrase stands for: a number before it, "both", or the ages after it; null when uncounted plural. */
function countOf(tokens: readonly Token[], p: Phrase, ages: number[]): number | null {
  const word = tokens[p.end - 1]!.word;
  const plural = word !== tokens[p.end - 1]!.sing || word === 'children' || word.endsWith('s') && p.key !== word && !['boss'].includes(word);
  for (let i = p.start - 1; i >= Math.max(0, p.start - 3); i--) {
    const t = tokens[i]!;
    if (t.num !== undefined && /^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|couple)$/.test(t.word) && !['year', 'yo'].includes(tokens[i + 1]?.word ?? '')) return t.num;
    if (t.word === 'a' || t.word === 'an') return plural ? null : 1;
    if (t.word === 'both') return 2;
    if (!COUNT_SKIP.has(t.word) && !t.possessive) break;
  }
  if (ages.length > 0) return p.key === 'twin' && plural ? 2 : ages.length;
  if (p.key === 'twin' && plural) return 2;
  const after = tokens.slice(p.end, p.end + 3).map((t) => t.word);
  if (after.includes('both') && plural) return 2;
  return plural ? null : 1;
}

/** "me" is a member when the cook lists themselves among who eats, not in "plan me 3 days" or "tell me". */
function meIsListed(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1]?.word ?? '';
  const after = tokens[i + 1]?.word ?? '';
  if (['and', ',', '+', '&'].includes(after) || ['and', ',', '+', '&', 'just', 'only', "it's", 'for'].includes(before) || after === '(') {
    if (before === 'for' && !['and', ',', '+', '&', '('].includes(after) && !PLAN_BEFORE.test(tokens.slice(0, i - 1).map((t) => t.word).join(' '))) return false;
    return !(before === 'for' && ['plan', 'make', 'do', 'cook'].includes(tokens[i - 2]?.word ?? '') && !['and', ',', '+', '&'].includes(after));
  }
  return false;
}

/** Words before "for me" that make it who the plan is for. */
const PLAN_BEFORE = /\b(?:plan|plans|planning|meals?|dinners?|lunch(?:es)?|breakfasts?|snacks?|cook|cooking|menu|recipes?|food|shop(?:ping)?|something)\s*$/;

export function readHousehold(catalog: Catalog, sentences: readonly Token[][], turn: number, speaksForSelf: boolean, before?: number): { adds: LedgerEntry[] } {
  const adds: LedgerEntry[] = [];
  const members: Array<MemberFound & { quote: string }> = [];
  const counted = new Map<string, number>();
  let explicit: number | undefined;
  let enumerated: number | undefined;
  // The sentence that gave the number of people, for the chip's "You said".
  let countQuote: string | undefined;
  for (const tokens of sentences) {
    const text = numberText(tokens);
    if (/^(is|are|does|do|did|what|what's|how|why|which|where|when|who|should)\b/.test(text) && tokens.at(-1)?.word === '?') continue;
    const quote = quoteOf(tokens);
    const stated = explicitPeople(text);
    if (stated !== undefined) {
      explicit = stated;
      countQuote = quote;
    }
    // "add 2 more", "2 more people": the count so far, plus them.
    const more = /\b(?:add|plus|another|and)\s+(\d+)\s+more\b|\b(\d+)\s+more\s+(?:people|of us|for dinner|guests|mouths)\b/.exec(text);
    if (more && (explicit ?? before) !== undefined) {
      explicit = (explicit ?? before)! + Number(more[1] ?? more[2]);
      countQuote = quote;
    }
    const here: MemberFound[] = [];
    let listsMe = false;
    let countsAdults = false;
    const phrases = matchPhrases(catalog, tokens);
    for (const p of phrases) {
      if (!p.person) continue;
      const label = p.person.label;
      if (label === 'me') {
        if (!meIsListed(tokens, p.start)) continue;
        listsMe = true;
      }
      if (NOT_MEMBERS.has(label)) continue;
      if ((label === 'baby' || label === 'infant') && NOT_EATING.test(text)) continue;
      // "kid friendly stuff" describes food, not a kid; "grandma's shrimp gumbo" is a dish, not who eats.
      if (tokens[p.end]?.word === 'friendly') continue;
      if (tokens[p.end - 1]!.possessive && phrases.some((q) => q.food && q.start === p.end)) continue;
      // A guest counts only when counted ("one guest is egg allergic"), not "the guests".
      if (label === 'guest' && !['one', 'a', '1'].includes(tokens[p.start - 1]?.word ?? '')) continue;
      // "my uncle gave us a whole salmon": someone who brings food, not someone who eats it.
      if (/^(?:gave|sent|brought|bought|gifted|dropped)\b/.test(tokens.slice(p.end).map((t) => t.word).join(' '))) continue;
      const ages = agesAfter(tokens, p.end);
      const count = countOf(tokens, p, ages);
      if (count === null || count > 20) continue;
      if (label === 'adult') countsAdults = true;
      const before = ageBefore(tokens, p.start);
      const teenage = tokens[p.start - 1]?.word === 'teenage' || tokens[p.start - 1]?.word === 'teen';
      // Someone mentioned again ("one kid has a peanut allergy", "the 2 adults") is someone already counted.
      const already = counted.get(label) ?? 0;
      counted.set(label, Math.max(already, count));
      if (AWAY.test(tokens.slice(p.end, p.end + 4).map((t) => t.word).join(' '))) continue;
      for (let k = already; k < count; k++) {
        const age = ages[k] ?? (ages.length === 1 ? ages[0] : undefined) ?? before;
        const ageGroup = age !== undefined ? ageGroupOf(age) : teenage ? 'teen' : p.person.ageGroup;
        here.push({ label, ageGroup });
      }
    }
    // "my gf is allergic to prawns": a girlfriend, not gluten-free.
    for (let i = 1; i < tokens.length; i++) {
      if (tokens[i]!.word === 'gf' && ['my', 'his', 'her', 'our'].includes(tokens[i - 1]!.word) && !counted.has('gf')) {
        counted.set('gf', 1);
        here.push({ label: 'gf', ageGroup: 'adult' });
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      // "my roommate and I": the cook in a list of people, not "coeliac and i have an allergy".
      const listed = ['and', '&', '+'].includes(tokens[i - 1]?.word ?? '') && phrases.some((p) => p.person && p.end === i - 1);
      if (tokens[i]!.word === 'i' && listed && !counted.has('me')) {
        counted.set('me', 1);
        here.push({ label: 'me', ageGroup: 'adult' });
        listsMe = true;
      }
    }
    const forList = (/\bfor (?:my |our )?[a-z]+(?:'s)?\s*(?:,|and|&|\+)/.test(text) && here.length > 1) || /\bfor (?:my |our |the )?\d+ (?:kids|children|teens|teenagers|adults|boys|girls)\b/.test(text);
    if ((listsMe || countsAdults || forList) && here.length > 0) enumerated = (enumerated ?? 0) + here.length;
    for (const m of here) members.push({ ...m, quote });
  }
  // "hubby is allergic to shellfish and I'm lactose intolerant": the cook is one of the household named.
  if (speaksForSelf && members.length > 0 && !members.some((m) => m.label === 'me')) members.push({ label: 'me', ageGroup: 'adult', quote: members[0]!.quote });
  const seen = new Map<string, number>();
  for (const m of members) {
    const n = (seen.get(m.label) ?? 0) + 1;
    seen.set(m.label, n);
    const source: LedgerSource = { kind: 'message', turn, quote: m.quote };
    const e = entry({ field: 'member', label: m.label, ageGroup: m.ageGroup, source });
    adds.push(n === 1 ? e : { ...e, id: `${e.id}#${n}` });
  }
  const people = explicit ?? enumerated;
  if (people !== undefined && people >= 1 && people <= 20) adds.push(entry({ field: 'people', count: people, source: { kind: 'message', turn, quote: (explicit !== undefined ? countQuote : undefined) ?? members[0]?.quote ?? '' } }));
  return { adds };
}
