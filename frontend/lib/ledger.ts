/**
 * The web app's side of the constraint ledger (packages/kitchen/src/ledger): the next ledger when a cook sends a
 * message, a chip added or removed, and the chips the browser shows. Server-only (the kitchen's catalog is large);
 * the browser receives `LedgerView`s.
 */
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import { addMessage } from '@chef-chopsky/kitchen/ledger/derive';
import { readMessage } from '@chef-chopsky/kitchen/ledger/extract';
import { appliedLine, entryLabel, sourceLabel } from '@chef-chopsky/kitchen/ledger/format';
import { applyReading, withProfile, type LedgerProfile } from '@chef-chopsky/kitchen/ledger/merge';
import { EMPTY_LEDGER, HARD_FIELDS, type ConstraintLedger, type LedgerEntry } from '@chef-chopsky/kitchen/ledger/types';
import { MAX_LEDGER_ENTRIES, type LedgerChip, type LedgerEdit, type LedgerView } from '@chef-chopsky/contract/ledger';
import type { Store } from './db/types';
import { AppError, isAppError } from './errors';

export { EMPTY_LEDGER, type ConstraintLedger };

/** The ledger after the cook's next message (`turn`: how many user messages came before it). */
export function ledgerAfterMessage(ledger: ConstraintLedger | null | undefined, profile: LedgerProfile | undefined, text: string, turn: number): ConstraintLedger {
  return capped(addMessage(KITCHEN, ledger ?? EMPTY_LEDGER, profile, text, turn).ledger);
}

/** The ledger under the current profile (a profile saved since the conversation's last message shows at once). */
export function ledgerWithProfile(ledger: ConstraintLedger | null | undefined, profile: LedgerProfile | undefined): ConstraintLedger {
  return withProfile(ledger ?? EMPTY_LEDGER, profile);
}

const NOTHING_FOUND = (text: string) =>
  new AppError('bad_request:ledger', `I couldn't read a constraint in “${text.slice(0, 60)}”. Try “no mushrooms”, “vegetarian” or “peanut allergy”.`);

/**
 * A chip edit: `add` reads the words as a cook would say them in chat ("no mushrooms", "my son is allergic to eggs";
 * a bare food, "mushrooms", means leave it out); `remove` lifts one entry by id, profile entries included (for this
 * conversation only). Throws `bad_request:ledger` for words with no constraint in them, `not_found:constraint` for an
 * id the ledger does not hold.
 */
export function editLedger(ledger: ConstraintLedger, profile: LedgerProfile | undefined, edit: LedgerEdit): ConstraintLedger {
  const base = withProfile(ledger, profile);
  if (edit.op === 'remove') {
    if (!base.entries.some((e) => e.id === edit.id)) throw new AppError('not_found:constraint', 'That constraint is no longer in this chat.');
    return withProfile(applyReading(base, { adds: [], lifts: [edit.id], notes: [] }, { kind: 'edit' }).ledger, profile);
  }
  const read = (text: string) => readMessage({ catalog: KITCHEN, turn: 0, before: base }, text);
  let reading = read(edit.text);
  if (reading.adds.length === 0 && reading.lifts.length === 0) reading = read(`no ${edit.text}`);
  if (reading.adds.length === 0 && reading.lifts.length === 0) throw NOTHING_FOUND(edit.text);
  // What a chip adds carries no quote (it is not a message) and stands without doubt: the cook typed it as a constraint.
  const adds = reading.adds.map(({ unsure: _unsure, ...e }) => ({ ...e, source: { kind: 'edit' as const } }) as LedgerEntry);
  const next = withProfile(applyReading(base, { ...reading, adds }, { kind: 'edit' }).ledger, profile);
  if (next.entries.length > MAX_LEDGER_ENTRIES) {
    throw new AppError('bad_request:ledger', `A chat can hold at most ${MAX_LEDGER_ENTRIES} constraints. Remove one first.`);
  }
  return next;
}

/** A ledger longer than the API allows keeps its hard constraints first (order() puts them before wishes). */
function capped(ledger: ConstraintLedger): ConstraintLedger {
  if (ledger.entries.length <= MAX_LEDGER_ENTRIES) return ledger;
  const hard = ledger.entries.filter((e) => HARD_FIELDS.has(e.field) || e.field === 'people');
  const rest = ledger.entries.filter((e) => !hard.includes(e));
  return { ...ledger, entries: [...hard, ...rest].slice(0, MAX_LEDGER_ENTRIES) };
}

/** Whether a change to the ledger changes what a plan is made from (units and members alone do not). */
export function changesPlan(before: ConstraintLedger, after: ConstraintLedger): boolean {
  const key = (l: ConstraintLedger) =>
    JSON.stringify(
      l.entries
        .filter((e) => e.field !== 'units' && e.field !== 'member')
        .map(({ source: _source, unsure: _unsure, ...e }) => e)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  return key(before) !== key(after);
}

/** The chips a cook sees. The profile's units are not a chip (they are not a constraint to lift). */
export function ledgerView(ledger: ConstraintLedger): LedgerView {
  const chips: LedgerChip[] = ledger.entries
    .filter((e) => !(e.field === 'units' && e.source.kind === 'profile'))
    .map((e) => ({
      id: e.id,
      field: e.field,
      label: entryLabel(e),
      source: sourceLabel(e.source),
      sourceKind: e.source.kind,
      hard: HARD_FIELDS.has(e.field),
      ...(e.unsure ? { unsure: e.unsure } : {}),
    }));
  return { chips, applied: appliedLine(ledger) };
}

/** The ledger with entries a model's tool call named added (as the agent adds them: hard constraints only ever added). */
export function withEntries(ledger: ConstraintLedger, added: readonly LedgerEntry[]): ConstraintLedger {
  return capped(applyReading(ledger, { adds: [...added], lifts: [], notes: [] }, { kind: 'model' }).ledger);
}

/**
 * Reads a conversation's ledger, changes it and stores it compare-and-set; when another change landed in between (a
 * send, another tab) it reads again and re-applies `change`, so no change is lost. Null when the conversation is not
 * the owner's.
 */
export async function updateConversationLedger(
  store: Store,
  ids: { ownerId: string; conversationId: string },
  change: (current: ConstraintLedger) => ConstraintLedger,
): Promise<{ before: ConstraintLedger; after: ConstraintLedger } | null> {
  for (let attempt = 1; ; attempt += 1) {
    const conversation = await store.getConversationById(ids);
    if (!conversation) return null;
    const before = conversation.ledger ?? EMPTY_LEDGER;
    const after = change(before);
    try {
      const saved = await store.saveConversationLedger({ ...ids, ledger: after, before });
      return saved ? { before, after } : null;
    } catch (error) {
      if (!(isAppError(error) && error.code === 'conflict:ledger') || attempt >= 3) throw error;
    }
  }
}
