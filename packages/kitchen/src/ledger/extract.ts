/**
 * Reads one user message into ledger changes (`TurnReading`): the constraints it states, the ones it lifts, and notes
 * the reply must carry. Errs on the safe side: an allergen word said with any avoidance word in its clause is applied,
 * marked `unsure` when the words did not clearly govern it; a retraction lifts only what it names, and only with words
 * that mean it ("not allergic … after all", "dairy is fine actually", "outgrown"). Deterministic; no model involved.
 *
 * The steps: tokens and phrases (normalize.ts, phrases.ts); per sentence, whether it is a question; per clause, the cue
 * words and what each governs (`readClause`); then who eats (`readHousehold`) and the plan's shape (shape.ts).
 */
import type { Catalog } from '../catalog';
import { familyIds, isFoodGroup, type FoodGroup, type Pattern } from '../exclusions';
import type { Allergen, Diet } from '../types';
import { NOT_FOOD } from './lexicon';
import { entry } from './merge';
import { quoteOf, sentences, tokenize, type Token } from './normalize';
import { dictionaryOf, matchPhrases, type Phrase } from './phrases';
import { readShape } from './shape';
import { readHousehold } from './household';
import type { ConstraintLedger, LedgerEntry, LedgerNote, LedgerSource, TurnReading } from './types';

type Cue = 'neg' | 'dislike' | 'want' | 'useUp' | 'permit' | 'lift';

interface CueRule {
  words: readonly string[];
  cue: Cue;
  /** Reads the foods after it (`forward`), before it (`back`), or both. */
  dir: 'forward' | 'back' | 'both';
  /** An allergy word: it alone makes a clause about allergies. */
  allergy?: boolean;
  /** Reads the foods up to this word ("keep sesame out of everything"). */
  until?: string;
}

const rules = (cue: Cue, dir: CueRule['dir'], list: string[], extra: Partial<CueRule> = {}): CueRule[] => list.map((w) => ({ words: w.split(' '), cue, dir, ...extra }));

/** Longest first within each kind; matched on the words as read (misspellings fixed). */
const CUE_RULES: CueRule[] = [
  ...rules('lift', 'forward', [
    "not allergic to", "isn't allergic to", "wasn't allergic to", "aren't allergic to", 'no longer allergic to', 'not intolerant to',
    'outgrown the', 'outgrown', 'outgrew', 'has outgrown', 'grown out of', 'grew out of', 'come round on', 'came round on', 'come around on', 'scratch the',
    'forget the', 'forget about the', 'never mind the', 'remove the', 'drop the', 'can eat', 'can have', 'can do',
  ]),
  ...rules('neg', 'forward', ['allergic to', 'allergy to', 'allergies to', 'allergic', 'anaphylactic to', 'anaphylaxis to', 'reacts to', 'react badly to', 'react to', 'reaction to', 'sensitive to', 'sensitivity to', 'intolerant to', 'intolerant of', 'intolerance to'], { allergy: true }),
  ...rules('neg', 'forward', [
    "can't have", 'cannot have', 'can not have', "can't eat", 'cannot eat', "can't do", "can't tolerate", "can't handle", "can't digest",
    "shouldn't have", "shouldn't eat", "mustn't have", 'not allowed', 'nothing with', 'nothing containing', 'nothing that has',
    'nothing made with', 'nothing cooked with', 'nothing cooked in', 'no cooking with', 'epipen for', 'epi pen for', 'rather not have', 'rather not eat',
    'prefer not to have', 'prefer to avoid', 'rather avoid', 'none of us eat', 'none of us eats', 'nobody eats', 'no one eats', 'nobody here eats', "don't eat", "doesn't eat", 'do not eat', 'does not eat', "don't do", "doesn't do", "won't eat", 'never eat',
    'never eats', 'steer clear of', 'stay away from', 'keep away from', 'free of', 'free from', 'cut out', 'zero', 'no', 'without',
    'avoid', 'avoiding', 'avoids', 'exclude', 'excluding', 'skip', 'skip the', 'hold the', 'minus', 'ban', 'banned', 'nix',
  ]),
  ...rules('neg', 'forward', ['keep', 'leave', 'cut'], { until: 'out' }),
  ...rules('neg', 'back', ['allergy', 'allergies', 'allergic', 'intolerance', 'intolerant', 'sensitivity', 'anaphylaxis'], { allergy: true }),
  ...rules('neg', 'back', [
    'to my allergies', 'to the allergies', 'to my allergy list', 'to the allergy list', 'to my restrictions', 'to the list of allergies',
    'give me hives', 'gives me hives', 'make me sick', 'makes me sick', 'make me ill', 'makes me ill', 'give me a reaction', 'gives me a reaction',
    'free', 'is a no go', 'are a no go', 'a no go', 'is a no no', 'are a no no', 'is a no', 'are a no', 'is off the table', 'are off the table',
    'is off limits', 'are off limits', 'is out', 'are out', "'s out", 'is banned', 'are banned', 'off the menu', 'is not allowed', 'are not allowed',
  ]),
  ...rules('dislike', 'forward', [
    "don't like", "doesn't like", 'do not like', 'does not like', "don't love", 'not a fan of', 'not a big fan of', 'not fans of', 'no fan of',
    'not keen on', 'not big on', 'not into', "can't stand", 'cannot stand', "can't bear", 'not fond of', "won't touch", 'hate', 'hates',
    'hated', 'dislike', 'dislikes', 'detest', 'detests', 'loathe', 'loathes', 'refuses', 'gross', 'not a huge fan of', 'none of them like',
    'none of us like', 'nobody likes', 'no one likes', "won't go near", 'turn their noses up at', "don't really like", "doesn't really like",
  ]),
  ...rules('useUp', 'forward', [
    'use up', 'using up', 'use', 'leftover', 'left over', 'leftovers of', 'i have', "i've got", 'i got', 'we have', "we've got", 'got',
    'already have', 'already got', "i've already got", "we've already got",
    'bought', 'too many', 'too much', 'csa box this week', 'box this week', 'csa box', 'veg box', 'vegetable box', 'farm box', 'produce box',
    'box has', 'csa', 'box', 'pantry clear out', 'fridge clear out', 'pantry', 'clear out', 'finish', 'work in', 'fridge has', 'freezer has', 'glut of',
    // What a box "has" is what to use up: the word would otherwise end the reach ("the CSA box has kale and beets").
    'csa box this week has', 'veg box this week has', 'vegetable box this week has', 'farm box this week has', 'produce box this week has',
    'box this week has', 'csa box has', 'veg box has', 'vegetable box has', 'farm box has', 'produce box has', 'csa has', 'box contains',
    'box came with',
    'surplus of',
  ]),
  ...rules('useUp', 'both', ['to use up', 'to finish', 'to get through']),
  ...rules('useUp', 'back', ['to use']),
  ...rules('useUp', 'back', ['in the fridge', 'in the freezer', 'in the garden', 'going off', 'on hand', 'lying around', 'left over']),
  ...rules('want', 'forward', [
    'with', 'featuring', 'including', 'include', 'using', 'around', 'want', 'wants', 'would like', "i'd like", "we'd like", 'like some',
    'would love', 'love', 'more', 'lots of', 'plenty of', 'could we have', 'can we have', 'can we do',
    'something with', 'based on', 'heavy on', 'focus on', 'especially', 'craving', 'miss', 'want to try', 'wants to try', 'want to make',
    'want to have', 'like to try', 'love to try', "i'd love", 'fancy', 'fancy some', 'want to use', 'like to use', 'love to use', 'add',
  ]),
  ...rules('permit', 'back', [
    'is fine', 'are fine', 'is ok', 'are ok', 'is okay', 'are okay', 'is alright', 'are alright', 'is tolerated', 'are tolerated',
    "don't bother", "doesn't bother", 'is no problem', 'are no problem', 'is allowed', 'are allowed', 'is fine for', 'are fine for',
    'is totally fine', 'are totally fine', 'is safe', 'are safe',
  ]),
  ...rules('permit', 'forward', ['we eat', 'i eat', 'eats', 'eat', 'but not', 'fine with', 'ok with', 'okay with', "doesn't mind", "don't mind", 'happy with', 'fine eating']),
].sort((a, b) => b.words.length - a.words.length);
/** CUE_RULES by first word, each list in CUE_RULES's order: a word is tried only against the rules that start with it. */
const CUE_RULES_BY_FIRST_WORD = new Map<string, CueRule[]>();
for (const rule of CUE_RULES) {
  const list = CUE_RULES_BY_FIRST_WORD.get(rule.words[0]!) ?? [];
  list.push(rule);
  CUE_RULES_BY_FIRST_WORD.set(rule.words[0]!, list);
}

/** Words a cue's reach passes over: articles, amounts, packaging, cooking states and list joints. */
const FILLER = new Set(
  `a an the any anything all some kind kinds sort sorts type types of made containing contain contains in it its product products based
  trace traces form forms including even either other extra raw cooked fresh roast roasted frozen canned tinned dried big small large
  little whole half bag bags block can cans tin tins jar jars bunch pack packet handful dozen couple few lot lots plenty bit piece pieces
  slice slices obviously really literally also too real proper actual regular normal plain severe mild bad serious slight sorry
  texture taste smell flavour flavor tub carton bottle punnet head heads loaf kilo kg pound lb lbs sack crate tray container pot
  portion portions whole ton tons loads load heaps heap pile every ideally absolutely strictly definitely completely totally entirely
  preferably generally usually most sad time
  and or nor plus no , & / + : "`.split(/\s+/),
);
/** Words a cue's reach never passes: they start another thought. */
const STOP = new Set(
  `is are was were be been being so because since for but though when if as which who to please pls i we he she they you me him her them
  it's i'm we're he's she's they're my our his their your can could would will should do does did don't doesn't have has had make plan
  need needs want wants like love then than also while after before until with from at by on into that this these those there here
  what how why where dinner dinners lunch lunches breakfast breakfasts snack snacks meal meals day days week weeks night nights tonight
  tomorrow weekend anymore now again just only`.split(/\s+/),
);
/** Words after "no"/"without" that are not foods ("no worries", "no more than 45 minutes"). */
const NOT_AFTER_NO = new Set(
  `worries worry problem problems rush need idea pressure way thanks thank repeats repeat leftovers leftover fuss waste stress clue longer
  more less later matter doubt time one kid kids judgement judgment fancy faff hassle effort cooking cook oven microwave stove restrictions
  restriction allergies allergy preference preferences limits limit budget rules preference`.split(/\s+/),
);

interface Mention {
  /** The term the ledger keeps: a food group id, an allergen-free word, or the phrase as read (singular). */
  term: string;
  phrase: Phrase | null;
  start: number;
}

interface ClauseReading {
  neg: Array<Mention & { certain: boolean }>;
  dislike: Mention[];
  want: Mention[];
  useUp: Mention[];
  permit: Mention[];
  lift: Mention[];
  /** A clause that says "allergic"/"allergy" but names no food ("my son is allergic"): it points back. */
  allergyWithoutFood: boolean;
  hasMarker: boolean;
}

const RETRACTION_MARKERS = (['actually', 'after all', 'anymore', 'any more', 'no longer', 'outgrown', 'false alarm', 'i meant', 'turns out', 'came back negative', 'scratch', 'never mind', 'nevermind', 'changed my mind', 'not anymore', 'now', 'again', 'fine now']).map((m) => m.split(' '));

function wordsAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[i + k]?.word !== words[k]) return false;
  return true;
}

function hasWords(tokens: readonly Token[], words: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (wordsAt(tokens, i, words)) return true;
  return false;
}

/** The food a phrase names, as the ledger keeps it. */
function mentionOf(p: Phrase): Mention {
  return { term: p.group ?? p.key, phrase: p, start: p.start };
}

const isFood = (p: Phrase) => p.food === true;

/**
 * Collects the foods a cue governs: forward from `from` (or backward from `from - 1`), over fillers and list joints,
 * until a word that starts another thought. Unknown words are taken as foods only right after the cue or a joint, and
 * only for avoidance cues (`takeUnknown`).
 */
function reach(
  tokens: readonly Token[],
  phrases: readonly Phrase[],
  from: number,
  dir: 'forward' | 'back',
  opts: { takeUnknown: boolean; until?: string; limit: number; claimed: ReadonlySet<number>; stopAtComma?: boolean; skip?: readonly string[]; passClaimed?: boolean },
): Mention[] {
  const out: Mention[] = [];
  const phraseAt = new Map<number, Phrase>();
  for (const p of phrases) {
    if (dir === 'forward') phraseAt.set(p.start, p);
    else phraseAt.set(p.end - 1, p);
  }
  let i = from;
  let joint: 'cue' | 'and' | 'comma' | null = 'cue';
  const step = dir === 'forward' ? 1 : -1;
  let taken = 0;
  while (i >= 0 && i < tokens.length && taken < opts.limit) {
    const t = tokens[i]!;
    if (opts.until && t.word === opts.until) break;
    const p = phraseAt.get(i);
    if (p && opts.claimed.has(p.start)) {
      // A wish or a use-up reads on past a food already read ("I have leftover rice and a few eggs"); an avoidance stops.
      if (!opts.passClaimed) break;
      i = dir === 'forward' ? p.end : p.start - 1;
      continue;
    }
    if (dir === 'back' && ['no', 'without', 'nothing'].includes(t.word)) break;
    if (opts.stopAtComma && t.word === ',') break;
    // "hate hate HATE brussels sprouts": the cue said again.
    if (opts.skip?.includes(t.word)) {
      i += step;
      continue;
    }
    // "anything with sesame", "nothing cooked with booze": the "with" belongs to the reach.
    if ((t.word === 'with' || t.word === 'containing' || t.word === 'cooked' || t.word === 'made') && ['anything', 'nothing', 'something', 'cooked', 'made', 'food'].includes(tokens[i - 1]?.word ?? '')) {
      i += step;
      continue;
    }
    if (p && (isFood(p) || p.diet)) {
      if (isFood(p)) out.push(mentionOf(p));
      taken++;
      joint = null;
      i = dir === 'forward' ? p.end : p.start - 1;
      // A possessive person before a food ends a backward read ("our youngest's dairy allergy").
      continue;
    }
    if (p?.person || p?.pattern) break;
    if (t.punct && t.word !== ',' && t.word !== '&' && t.word !== '/' && t.word !== '+' && t.word !== ':') break;
    if (t.num !== undefined || FILLER.has(t.word) || t.word === "'s") {
      if (['and', 'or', 'nor', '&', '/', '+', 'plus', 'no'].includes(t.word)) joint = joint === 'cue' ? 'cue' : 'and';
      else if (t.word === ',' || t.word === ':') joint = 'comma';
      i += step;
      continue;
    }
    if (STOP.has(t.word)) break;
    if (opts.takeUnknown && (joint === 'cue' || joint === 'and') && dir === 'forward' && /^[a-z]{3,}$/.test(t.word) && !NOT_FOOD.has(t.sing) && !NOT_AFTER_NO.has(t.word)) {
      // An unknown noun right after the cue or a joint: a food the kitchen may not know ("no veal", "allergic to kiwi").
      const next = tokens[i + 1];
      const two = next && !next.punct && !STOP.has(next.word) && !FILLER.has(next.word) && /^[a-z]{3,}$/.test(next.word) && !phraseAt.has(i + 1);
      const term = two ? `${t.sing} ${next.sing}` : t.sing;
      // "… and the older one is allergic to egg": a new subject, not a food.
      const after = tokens[i + (two ? 2 : 1)];
      // A food ends its phrase ("no veal or venison", "allergic to kiwi."); "ideally no anchovies", "every kind of nut",
      // "… and the older one is allergic to egg" are other words.
      const ends = !after || after.punct || ['and', 'or', 'nor', 'please', 'pls', 'in', 'either', 'too', 'anymore', 'thanks', 'at', 'for', 'because', 'so', 'as', 'ever', 'obviously', 'though', 'lol', 'either'].includes(after.word) || phraseAt.has(i + (two ? 2 : 1));
      if (!ends) break;
      out.push({ term, phrase: null, start: i });
      taken++;
      joint = null;
      i += two ? 2 : 1;
      continue;
    }
    break;
  }
  return out;
}

function clauseBounds(tokens: readonly Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  tokens.forEach((t, i) => {
    const turnsToAsk = t.word === ',' && /^(can|could|would|will|is|are|does|do|what|how|please|pls)$/.test(tokens[i + 1]?.word ?? '');
    // "we have a peanut allergy and my wife is celiac": the second person's words are a clause of their own, so whose
    // each constraint is stays right.
    const nextPerson = t.word === 'and' && /^(my|our|his|her|their|i|i'm|we|we're|we've)$/.test(tokens[i + 1]?.word ?? '');
    const breaks =
      turnsToAsk || nextPerson || (t.punct && (t.word === '(' || t.word === ')' || t.word === ';')) || ['but', 'though', 'although', 'however', 'except', 'whereas'].includes(t.word);
    if (breaks) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  });
  if (start < tokens.length) out.push([start, tokens.length]);
  return out;
}

/** Words that make "use" mean using up what is there. */
const USE_UP_MARKER = /\b(fridge|freezer|garden|pantry|cupboard|leftover|left over|going off|go off|goes off|before it|before they|bought|have|got|spare|extra)\b/;

/** Which cue kinds claim their foods first: a lift or a permission over an avoidance, an avoidance over a wish. */
const PRIORITY: Cue[] = ['lift', 'permit', 'neg', 'dislike', 'useUp', 'want'];

/** Reads one clause: which foods each cue governs. */
function readClause(tokens: readonly Token[], phrases: readonly Phrase[]): ClauseReading {
  const reading: ClauseReading = { neg: [], dislike: [], want: [], useUp: [], permit: [], lift: [], allergyWithoutFood: false, hasMarker: false };
  reading.hasMarker = RETRACTION_MARKERS.some((m) => hasWords(tokens, m));
  const found: Array<{ rule: CueRule; at: number }> = [];
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const rule = CUE_RULES_BY_FIRST_WORD.get(tokens[i]!.word)?.find((r) => wordsAt(tokens, i, r.words));
    if (!rule) continue;
    const next = tokens[i + 1]?.word ?? '';
    // "no longer vegan", "no more than 45 minutes", "no, wait": not an avoidance.
    if (rule.words.join(' ') === 'no' && (['longer', 'more', 'wait', 'sorry', 'actually', ','].includes(next) || i === 0 && next === '')) continue;
    // "keep … out": only when the "out" comes.
    if (rule.until && !tokens.slice(i + 1).some((t) => t.word === rule.until)) continue;
    for (let k = 0; k < rule.words.length; k++) used.add(i + k);
    found.push({ rule, at: i });
  }
  const claimed = new Set<number>();
  const backRefs: Array<{ at: number; after: number; plain: string }> = [];
  const plainUse: number[] = [];
  // "leftover rice" is one name in the catalog: the cook has rice to use up.
  for (const p of phrases) {
    if (isFood(p) && /^(leftover|left over) /.test(p.key)) {
      reading.useUp.push({ term: p.key.replace(/^(leftover|left over) /, ''), phrase: p, start: p.start });
      claimed.add(p.start);
    }
  }
  let allergyCue = false;
  for (const kind of PRIORITY) {
    for (const { rule, at } of found.filter((f) => f.rule.cue === kind)) {
      if (rule.allergy) allergyCue = true;
      const after = at + rule.words.length;
      const takeUnknown = rule.cue === 'neg' || rule.cue === 'dislike';
      const got: Mention[] = [];
      const opts = { claimed, limit: 12, stopAtComma: rule.cue === 'permit', passClaimed: rule.cue === 'useUp' || rule.cue === 'want' };
      // A lift reads past whose it is ("outgrew her egg allergy"), and so does a use-up ("use up my kale").
      const skip = rule.cue === 'lift' ? [...rule.words, 'her', 'his', 'their', 'my', 'our', 'the'] : rule.cue === 'useUp' ? [...rule.words, 'my', 'our'] : rule.words;
      if (rule.dir === 'back' || rule.dir === 'both') got.push(...reach(tokens, phrases, at - 1, 'back', { ...opts, skip, takeUnknown: false }));
      if (rule.dir === 'forward' || (rule.dir === 'both' && got.length === 0)) got.push(...reach(tokens, phrases, tokens[after]?.word === 'to' ? after + 1 : after, 'forward', { ...opts, skip, takeUnknown, until: rule.until }));
      if (rule.dir === 'forward' && rule.allergy && got.length === 0) got.push(...reach(tokens, phrases, at - 1, 'back', { ...opts, skip, takeUnknown: false }));
      // In the order said ("shellfish and peanut allergy" reads back from "allergy").
      got.sort((a, b) => a.start - b.start);
      // "not lactose intolerance": what the cook says it is not.
      const fresh = got.filter((m) => !claimed.has(m.start) && !(rule.cue === 'neg' && tokens[m.start - 1]?.word === 'not' && rule.dir === 'back'));
      for (const m of fresh) claimed.add(m.start);
      if (rule.cue === 'neg') reading.neg.push(...fresh.map((m) => ({ ...m, certain: true })));
      else reading[rule.cue].push(...fresh);
      if (rule.allergy && got.length === 0) reading.allergyWithoutFood = true;
      if (rule.cue === 'useUp' && got.length === 0) backRefs.push({ at, after, plain: rule.words.join(' ') });
      if (rule.cue === 'useUp' && rule.words.join(' ') === 'use') plainUse.push(...fresh.map((m) => m.start));
    }
  }
  for (const ref of backRefs) {
    // "around eggs, we have 2 dozen", "a whole salmon … we need to use it up": what the cook has is the food just named.
    const pointsBack = tokens[ref.after]?.num !== undefined || ['it', 'them', 'that', 'those'].includes(tokens[ref.after]?.word ?? '');
    if (!pointsBack) continue;
    const named = [...reading.want, ...phrases.filter((p) => isFood(p) && !claimed.has(p.start)).map(mentionOf)].filter((m) => m.start < ref.at).sort((a, b) => b.start - a.start)[0];
    if (named) {
      reading.want = reading.want.filter((m) => m !== named);
      reading.useUp.push(named);
      claimed.add(named.start);
    }
  }
  // "use chickpeas somewhere in the plan" asks for them; "use the aubergine in the fridge" is using up what is there.
  if (plainUse.length > 0 && !USE_UP_MARKER.test(tokens.map((t) => t.word).join(' '))) {
    const asked = reading.useUp.filter((m) => plainUse.includes(m.start));
    reading.useUp = reading.useUp.filter((m) => !plainUse.includes(m.start));
    reading.want.push(...asked);
  }
  // "shrimp tacos one night", "lamb one night": a food wished for one of the nights.
  // "at least one fish night", "a salmon dinner", "lamb one night".
  for (const p of phrases) {
    if (!isFood(p) || claimed.has(p.start) || reading.want.some((m) => m.start === p.start) || reading.neg.some((m) => m.start === p.start)) continue;
    const next = tokens[p.end]?.word ?? '';
    const before = tokens.slice(Math.max(0, p.start - 3), p.start).map((t) => t.word).join(' ');
    const nightAfter = ['night', 'nights', 'dinner', 'dish', 'dishes', 'meal', 'meals', 'tacos', 'curry', 'night?'].includes(next) && /\b(?:one|a|an|least|couple|few)$/.test(before);
    const oneNightAfter = next === 'one' && tokens[p.end + 1]?.word === 'night';
    const twice = ['twice', 'once'].includes(next) || (next === 'a' && tokens[p.end + 1]?.word === 'couple');
    if (nightAfter || oneNightAfter || twice) reading.want.push(mentionOf(p));
  }
  // Safe side: an allergen word in a clause with allergy words that no cue reached is applied, marked unsure.
  if (allergyCue) {
    for (const p of phrases) {
      if (!p.allergens || claimed.has(p.start) || p.key === 'coeliac' || p.key === 'celiac') continue;
      reading.neg.push({ ...mentionOf(p), certain: false });
    }
  }
  return reading;
}

const QUESTION_START = /^(is|are|was|does|do|did|what|what's|whats|which|how|why|where|when|who|should|would(?! (?:love|like|prefer|rather|be great))|will(?! you)|has|have|isn't|aren't)\b/;
const REQUEST_START = /^(?:(?:and|oh|also|so|ok|okay)\s+)?(?:(?:can|could|would|will) (?:you|u|we|i get|i have|everything|it|all|they|these|those|the meals|meals)\b|please\b|pls\b|what (?:can|could|should|shall) (?:i|we) (?:make|cook|have|do)\b)/;

function sentenceText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.word).join(' ');
}

/**
 * A question adds nothing ("is quinoa gluten free?"), but a request phrased as one does ("can you make it nut free?"),
 * and a statement beside a question still counts ("allergic to shellfish but can we do a shrimp stir fry?").
 */
function clauseIsQuestion(sentence: readonly Token[], clause: readonly Token[], start: number): boolean {
  const text = sentenceText(clause.filter((t) => !t.punct));
  const sentenceStart = sentenceText(sentence.filter((t) => !t.punct)).slice(0, 40);
  // A question opens its sentence or follows a comma ("…, is that true?"); a "?" alone does not make one ("breakfast
  // ideas?", "plan me some lunches for the week?" ask for a plan).
  const first = sentence.slice(0, start).every((t) => t.punct) || sentence[start - 1]?.word === ',';
  // What a friend or the internet says is not what the cook asks ("my friend says low FODMAP is a fad").
  if (/\b(?:friend|friends|coworker|co worker|colleague|neighbour|neighbor|people|someone|everyone|they|article|internet|tiktok|instagram)\s+(?:says|said|say|think|thinks|reckons|claim|claims|keeps saying)\b/.test(text)) return true;
  if (REQUEST_START.test(text) || (REQUEST_START.test(sentenceStart) && !QUESTION_START.test(text))) return false;
  return first && QUESTION_START.test(text);
}

/** The ledger keys a lifted food names: its allergens, or the word as an exclusion or dislike. */
function liftKeys(m: Mention): string[] {
  if (m.phrase?.allergens) return m.phrase.allergens.map((a) => `allergen:${a}`);
  return [`exclude:${m.term}`, `dislike:${m.term}`];
}

export interface ReadContext {
  catalog: Catalog;
  /** Which user message this is, from 0. */
  turn: number;
  /** The ledger before this message: "add snacks" and "add Friday" extend what it holds. */
  before?: ConstraintLedger;
}

/** The diet a sentence states, or a lift of the diet ("we're not vegetarian anymore", "we eat meat again"). */
const DIET_NAME = '(?:vegan|vegetarian|veggie|pescatarian|pescetarian|plant based|meat free)';

/** A diet said not to hold ("not vegetarian", "semi vegan", "vegan? nope"). */
const DIET_NEGATED = new RegExp(
  `\\b(?:not|non|no longer|isn't|aren't|never was|nor|instead of)\\s+(?:a\\s+|an\\s+|strictly\\s+|fully\\s+|really\\s+)?${DIET_NAME}\\b` +
    `|\\b${DIET_NAME}\\s*\\?\\s*(?:no|nope)\\b|\\b(?:semi|part time|flexi|mostly|sort of|kind of)\\s*${DIET_NAME}\\b|\\bflexitarian\\b` +
    `|\\b${DIET_NAME} (?:is |are )?(?:not needed|not necessary|not required|optional)\\b|\\b${DIET_NAME} (?:isn't|aren't) (?:needed|necessary|required|a requirement|a must)\\b|\\bno need (?:for|to be|to make (?:it|everything|them|things))\\s+(?:all\\s+)?${DIET_NAME}\\b`,
);
const DIET_NEGATED_ALL = new RegExp(DIET_NEGATED.source, 'g');
/** A diet said as a change of mind (see readDiet). */
const DIET_CHANGE = new RegExp(
  `\\b(vegetarian|pescatarian|pescetarian|veggie|vegan) (?:is|would be|will be) (?:enough|fine|ok|okay)\\b|\\b(?:just|only) (vegetarian|pescatarian|veggie|vegan) now\\b` +
    `|\\bso (vegetarian|pescatarian|veggie|vegan)(?: i guess| then| it is)?\\b|\\bkeep (?:me|us|it|them) (vegetarian|pescatarian|veggie|vegan)\\b|\\b(?:now|actually) (?:we're |we are |i'm |i am )?(?:just )?(vegetarian|pescatarian|veggie|vegan)\\b`,
);

function readDiet(said: string, phrases: readonly Phrase[], permittedFish: boolean): { diet?: Diet; lift?: boolean } {
  let text = said;
  // A diet said as a change of mind ("so vegetarian is enough", "we're just vegetarian now", "so pescatarian I guess",
  // "I'm no longer vegan, but keep me pescatarian") replaces the one before, looser or not.
  const change = DIET_CHANGE.exec(text);
  if (change) {
    const word = change.slice(1).find(Boolean)!;
    return { lift: true, diet: word === 'vegan' ? 'vegan' : word.startsWith('pesc') ? 'pescatarian' : 'vegetarian' };
  }
  if (/\b(eat|eating|eats) meat again\b|\bback to eating meat\b|\b(not|no longer) (vegetarian|vegan|pescatarian|veggie) any ?more\b|\bno longer (vegetarian|vegan|pescatarian)\b|\bwe('re| are) not (vegetarian|vegan|pescatarian|veggie) any ?more\b/.test(text)) return { lift: true };
  text = text.split(' , ').filter((segment) => !/\b(?:is|are|'s) away\b/.test(segment)).join(' , ');
  if (/\bno longer doing the (?:veggie|vegan|vegetarian) thing\b|\bmeat(?:'s| is) back\b|\bback on (?:the )?meat\b/.test(text)) return { lift: true };
  const cleaned = text.replace(DIET_NEGATED_ALL, ' ');
  if (/\bwe eat (?:everything|anything)\b|\beat (?:everything|anything)\b/.test(text) && !phrases.some((p) => p.diet && cleaned.includes(p.key.split(' ')[0]!))) return {};
  let diet: Diet | undefined;
  for (const p of phrases) if (p.diet && cleaned.includes(p.key.split(' ')[0]!)) diet = diet && rank(diet) < rank(p.diet) ? diet : p.diet;
  if (!diet && /\b(no|don't eat|doesn't eat|do not eat|without|not eating|avoid|never eat|off) (any |the )?meat\b|\bmeat free\b|\bmeatless\b/.test(text)) diet = 'vegetarian';
  if (diet === 'vegetarian' && (permittedFish || /\b(fish but no meat|eat fish|eats fish|fish is fine|fish are fine|fish ok)\b/.test(text)) && !/\b(the other doesn't|not fish)\b/.test(text)) diet = 'pescatarian';
  if (!diet && DIET_NEGATED.test(text)) return {};
  return diet ? { diet } : {};
}

const rank = (d: Diet) => ({ vegan: 0, vegetarian: 1, pescatarian: 2, omnivore: 3 })[d];

/** Regimes a sentence states; "not strict keto" is not keto, "is keto a fad?" is a question (handled by the caller). */
function readPatterns(text: string, phrases: readonly Phrase[]): Pattern[] {
  const out: Pattern[] = [];
  for (const p of phrases) {
    if (!p.pattern) continue;
    const word = p.key.split(' ').at(-1)!;
    if (new RegExp(`\\bnot (strict |strictly |really |fully |full |quite )?${word}\\b|\\bno ${word}\\b|\\binstead of ${p.key}\\b|\\brather than ${p.key}\\b|\\b${p.key}(?:'s| is) too (?:strict|much|hard)\\b`).test(text)) continue;
    if (!out.includes(p.pattern)) out.push(p.pattern);
  }
  return out;
}

/** Words that say the cook has a food already, as a note for the shopping, not a wish to cook with it. */
const ON_HAND = /\balready (?:have|got)\b|\b(?:have|got|has)\b.*\balready\b|\bat home\b|\bno need to buy\b|\b(?:don't|do not|dont) (?:need to |have to )?buy\b/;

const SWAP_OF_A_MEAL = /\b(?:swap|replace|switch|change)\b.*\b(?:breakfast|lunch|dinner|supper|snack|meal|day \d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/;

/**
 * A swap of one meal without what it wishes that meal to be: "swap Wednesday for something vegetarian" asks a
 * vegetarian dinner of Wednesday, not a vegetarian household. The wish runs from its "for"/"with"/"to" to the next
 * punctuation. Only the diet and regimes are read from what is left; allergies and exclusions are read from the whole
 * clause, so "swap Wednesday for something without nuts" still leaves nuts out.
 */
function withoutSwapWish(clause: readonly Token[]): Token[] {
  if (!SWAP_OF_A_MEAL.test(sentenceText(clause))) return [...clause];
  const verb = clause.findIndex((t) => ['swap', 'replace', 'switch', 'change'].includes(t.word));
  const out: Token[] = [];
  let inWish = false;
  clause.forEach((t, i) => {
    if (i > verb && ['for', 'with', 'to', 'into'].includes(t.word)) inWish = true;
    else if (t.punct) inWish = false;
    if (!inWish) out.push(t);
  });
  return out;
}

/** Whether an exclusion term names something the kitchen can check at all. */
function knownToKitchen(catalog: Catalog, term: string): boolean {
  return isFoodGroup(term) || term === 'meat' || familyIds(catalog, term).length > 0;
}

/**
 * Reads one message. `before` is the ledger before it: lifts name only what it holds, and an allergy stated without a
 * food ("my son is allergic") points back to the food of the sentence before.
 */
export function readMessage(ctx: ReadContext, text: string): TurnReading {
  const { catalog } = ctx;
  // "Vegan? no. Vegetarian? also no.": a diet asked and answered no.
  const said = text.replace(/\b(vegan|vegetarian|veggie|pescatarian|pescetarian|keto|halal|kosher)\s*\?\s*(?:also\s+)?(?:no|nope|nah)\b/gi, ' ');
  const tokens = tokenize(said, dictionaryOf(catalog).vocabulary);
  const adds: LedgerEntry[] = [];
  const lifts: string[] = [];
  const notes: LedgerNote[] = [];
  const all = sentences(tokens);
  let previousFoods: Phrase[] = [];

  const addHard = (m: Mention, who: string | undefined, quote: string, unsure: string | undefined, mode: 'neg' | 'dislike') => {
    const src: LedgerSource = { kind: 'message', turn: ctx.turn, quote };
    const extra = { ...(who ? { who } : {}), ...(unsure ? { unsure } : {}) };
    if (mode === 'neg' && m.phrase?.allergens) {
      for (const allergen of m.phrase.allergens) adds.push(entry({ field: 'allergen', allergen, source: src, ...extra }));
      return;
    }
    if (mode === 'neg' && m.term === 'meat') return;
    if (NOT_FOOD.has(m.term)) return;
    const field = mode === 'neg' ? 'exclude' : 'dislike';
    adds.push(entry({ field, term: m.term, source: src, ...extra }));
    if (!knownToKitchen(catalog, m.term)) notes.push({ kind: 'unknown-food', term: m.term });
  };

  // What a bare "and cilantro" continues: the kind of the last constraint said (in this message, or the one before).
  const lastSaid = [...(ctx.before?.entries ?? [])].filter((e) => e.source.kind === 'message' && (e.field === 'allergen' || e.field === 'exclude' || e.field === 'dislike')).sort((a, b) => (a.source as { turn: number }).turn - (b.source as { turn: number }).turn).at(-1);
  const lastWish = [...(ctx.before?.entries ?? [])].filter((e) => e.source.kind === 'message' && (e.field === 'useUp' || e.field === 'want')).sort((a, b) => (a.source as { turn: number }).turn - (b.source as { turn: number }).turn).at(-1);
  let lastKind: 'neg' | 'dislike' | 'useUp' | 'want' | null = lastSaid ? (lastSaid.field === 'dislike' ? 'dislike' : 'neg') : null;
  if (lastWish && (!lastSaid || (lastWish.source as { turn: number }).turn > (lastSaid.source as { turn: number }).turn)) lastKind = lastWish.field === 'useUp' ? 'useUp' : 'want';
  let previousHadAvoidance = (ctx.before?.entries ?? []).some((e) => e.field === 'allergen' || e.field === 'exclude');
  const statements: Token[][] = [];
  const onHandOnly = new Set<LedgerEntry>();
  let speaksForSelf = false;
  for (const sentence of all) {
    const phrases = matchPhrases(catalog, sentence);
    const quote = quoteOf(sentence);
    const src: LedgerSource = { kind: 'message', turn: ctx.turn, quote };
    const permitted = new Set<string>();
    let permittedFish = false;
    const sentenceLifts: string[] = [];
    const bounds = clauseBounds(sentence);
    const stated: Token[] = [];
    let hadAvoidance = false;
    bounds.forEach(([s, e]) => {
      const clause = sentence.slice(s, e);
      if (clauseIsQuestion(sentence, clause, s)) return;
      stated.push(...withoutSwapWish(clause), { raw: ',', word: ',', sing: ',', punct: true, possessive: false });
      const clausePhrases = matchPhrases(catalog, clause);
      // "my coworker is coeliac and brought gluten-free brownies": someone who does not eat these meals.
      if (/^(?:my |our |a |the )?(?:coworker|co worker|colleague|friend|neighbour|neighbor|boss|teacher|classmate)'?s?\b/.test(sentenceText(clause)) && !/\b(?:staying|visiting|coming|over|eating with|joining|for dinner|for lunch)\b/.test(sentenceText(clause))) return;
      const reading = readClause(clause, clausePhrases);
      // The cook stating a constraint of their own ("and I'm lactose intolerant", "I have a soy allergy"), not "I've got two kids".
      const firstPerson = /(?:^|\b(?:and|but|while|whereas|also)\s|,\s)(?:(?:i'm|i am) (?:allergic|intolerant|lactose|coeliac|celiac|vegan|vegetarian|pescatarian|diabetic|not keen|not a fan)|i have (?:a|an)\b[^,]*\b(?:allergy|intolerance)|i (?:can't|cannot|don't|do not|won't) (?:have|eat|stand|do|like)|i react|i'm (?:also )?(?:allergic|intolerant)|i'm the one who)/.test(sentenceText(clause));
      const who = clausePhrases.find((p) => p.person)?.person?.label ?? (firstPerson ? 'me' : undefined);
      if (firstPerson) speaksForSelf = true;
      for (const m of reading.permit) {
        permitted.add(m.term);
        if (m.term === 'fish') permittedFish = true;
        if (reading.hasMarker || ctx.turn > 0) sentenceLifts.push(...liftKeys(m));
      }
      for (const m of reading.lift) sentenceLifts.push(...liftKeys(m));
      for (const m of reading.neg) {
        if (permitted.has(m.term) || reading.lift.some((l) => l.start === m.start)) continue;
        addHard(m, who, quote, m.certain ? undefined : `I read "${m.term}" as something to leave out`, 'neg');
        hadAvoidance = true;
      }
      for (const m of reading.dislike) {
        if (permitted.has(m.term)) continue;
        addHard(m, who, quote, undefined, 'dislike');
        lastKind = 'dislike';
      }
      if (reading.neg.length > 0) lastKind = 'neg';
      else if (reading.useUp.length > 0) lastKind = 'useUp';
      // "find a recipe with salmon" and "what can I make with leftover rice and kale?" search; they ask nothing of the
      // plan. "swap Tuesday's dinner for something with salmon" asks it of that one meal, not of the whole plan.
      const searching =
        /\b(?:find|search|show me|looking for|look up|google)\b|\b(?:a|any|some) recipes? (?:with|for|using)\b|\bwhat (?:can|could|should|shall) (?:i|we) (?:make|cook|do)\b.*\b(?:with|using|from)\b/.test(sentenceText(clause)) ||
        /\b(?:swap|replace|switch|change)\b.*\b(?:breakfast|lunch|dinner|supper|snack|meal|day \d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/.test(sentenceText(clause));
      for (const m of reading.want) {
        if (searching || (m.phrase && !m.phrase.food) || reading.neg.some((n) => n.start === m.start)) continue;
        adds.push(entry({ field: 'want', term: m.term, source: src }));
      }
      // "I already have rice", "we've got onions at home": what to leave off the list, not what to plan around; unless
      // the same message asks for a plan ("I already have chicken, plan 3 dinners"), which then uses it up.
      const onHand = ON_HAND.test(sentenceText(clause));
      for (const m of reading.useUp) {
        if (searching || reading.neg.some((n) => n.start === m.start)) continue;
        const useUp = entry({ field: 'useUp', term: m.term, source: src });
        adds.push(useUp);
        if (onHand) onHandOnly.add(useUp);
      }
      if (reading.allergyWithoutFood) {
        for (const p of previousFoods) for (const allergen of p.allergens ?? []) adds.push(entry({ field: 'allergen', allergen, source: src, ...(who ? { who } : {}) }));
      }
      const clauseText = sentenceText(clause);
      // Words that are a condition in themselves: "my wife is coeliac", "I'm teetotal".
      if (/\b(coeliac|celiac)s?\b/.test(clauseText) && !/\b(not|isn't|aren't|wasn't|no longer)\s+(a\s+)?(coeliac|celiac)\b/.test(clauseText)) {
        for (const allergen of ['gluten', 'wheat'] as const) adds.push(entry({ field: 'allergen', allergen, source: src, ...(who ? { who } : {}) }));
        hadAvoidance = true;
      }
      if (/\b(everything|all|it|meals?|dinners?|food)\s+gf\b|\bgf\s+(please|pls|only|meals?|dinners?)\b/.test(clauseText)) for (const allergen of ['gluten', 'wheat'] as const) adds.push(entry({ field: 'allergen', allergen, source: src }));
      if (/\b(teetotal|tee total|sober|recovering alcoholic|don't drink|doesn't drink|do not drink|no drinking)\b/.test(clauseText) && !/\bnot (?:a )?(?:teetotal|sober)\b/.test(clauseText)) {
        adds.push(entry({ field: 'exclude', term: 'alcohol', source: src, ...(who ? { who } : {}) }));
      }
      // "And squid too", "wait, also peanuts": a food added to an avoidance said just before.
      const noCue = reading.neg.length + reading.permit.length + reading.lift.length + reading.dislike.length + reading.want.length + reading.useUp.length === 0;
      const continues = /^(and|also|plus|oh and|oh|wait|forgot|i forgot|ah)\b|\b(too|as well|also|both kinds|forgot)\b/.test(clauseText);
      if (noCue && continues && lastKind === 'dislike' && clausePhrases.some(isFood)) {
        for (const p of clausePhrases) if (isFood(p)) addHard(mentionOf(p), who, quote, undefined, 'dislike');
      } else if (noCue && continues && (lastKind === 'useUp' || lastKind === 'want') && !clausePhrases.some((p) => p.allergens && !p.known)) {
        for (const p of clausePhrases) if (isFood(p)) adds.push(entry({ field: lastKind, term: mentionOf(p).term, source: src }));
      } else if (noCue && continues && (hadAvoidance || previousHadAvoidance || lastKind === 'neg')) {
        for (const p of clausePhrases) {
          if (!isFood(p)) continue;
          if (p.allergens) addHard(mentionOf(p), who, quote, undefined, 'neg');
          else if (lastKind === 'neg') addHard(mentionOf(p), who, quote, undefined, 'neg');
        }
      }
      // "I meant shellfish, not fish": the correction takes the place of what it corrects.
      const meant = /\b(?:i meant|i mean|meant to say|sorry,? i meant)\b/.test(clauseText) && /\bnot\b/.test(clauseText);
      if (meant) {
        const notAt = clause.findIndex((t) => t.word === 'not');
        for (const p of clausePhrases) {
          if (!isFood(p)) continue;
          if (p.start < notAt) addHard(mentionOf(p), who, quote, undefined, lastKind === 'dislike' ? 'dislike' : 'neg');
          else sentenceLifts.push(...liftKeys(mentionOf(p)));
        }
      }
    });
    if (stated.length > 0) {
      const text = sentenceText(stated);
      const statedPhrases = matchPhrases(catalog, stated);
      const diet = readDiet(text, statedPhrases, permittedFish);
      if (diet.lift) lifts.push('diet');
      if (diet.diet) adds.push(entry({ field: 'diet', diet: diet.diet, source: src }));
      for (const pattern of readPatterns(text, statedPhrases)) adds.push(entry({ field: 'pattern', pattern, source: src }));
      for (const p of statedPhrases) if (p.pattern && new RegExp(`\\b(?:instead of|rather than) ${p.key}\\b|\\b${p.key}(?:'s| is) too (?:strict|much|hard)\\b`).test(text)) lifts.push(`pattern:${p.pattern}`);
      statements.push(stated);
    }
    lifts.push(...sentenceLifts);
    previousFoods = phrases.filter(isFood);
    previousHadAvoidance = previousHadAvoidance || hadAvoidance;
  }

  const household = readHousehold(catalog, all, ctx.turn, speaksForSelf, ctx.before?.entries.find((e) => e.field === 'people')?.field === 'people' ? (ctx.before.entries.find((e) => e.field === 'people') as Extract<LedgerEntry, { field: 'people' }>).count : undefined);
  adds.push(...household.adds);
  const shape = readShape(statements, ctx.turn, text.trim().replace(/\s+/g, ' '), ctx.before);
  const asksForPlan = shape.adds.some((e) => e.field === 'days' || e.field === 'meals');
  if (!asksForPlan) for (let i = adds.length - 1; i >= 0; i--) if (onHandOnly.has(adds[i]!)) adds.splice(i, 1);
  adds.push(...shape.adds);
  lifts.push(...shape.lifts);
  // A wish and a use-up of the same word: what the cook has wins; a food both wished and forbidden stays forbidden and
  // the reply says so (the note comes from the chef, which knows the recipes).
  const useUp = new Set(adds.filter((a) => a.field === 'useUp').map((a) => (a as Extract<LedgerEntry, { field: 'useUp' }>).term));
  const kept = adds.filter((a) => !(a.field === 'want' && useUp.has(a.term)));
  return { adds: dedupeEntries(kept), lifts: [...new Set(lifts)], notes: dedupeNotes(notes) };
}

function dedupeEntries(entries: LedgerEntry[]): LedgerEntry[] {
  const byId = new Map<string, LedgerEntry>();
  for (const e of entries) {
    const had = byId.get(e.id);
    // A certain statement beats an unsure one of the same thing.
    if (!had || (had.unsure && !e.unsure) || e.field === 'member') byId.set(e.id, had && e.field !== 'member' ? { ...e } : e);
  }
  return [...byId.values()];
}

function dedupeNotes(notes: LedgerNote[]): LedgerNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = JSON.stringify(n);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export type { FoodGroup, Allergen };
