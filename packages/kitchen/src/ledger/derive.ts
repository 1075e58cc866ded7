/**
 * The ledger of a conversation from its user messages and the household profile alone: each message read in order
 * and applied. What the agent does when a client sends no ledger, and what the evaluation checks.
 */
import type { Catalog } from '../catalog';
import { readMessage } from './extract';
import { applyReading, withProfile, type LedgerProfile } from './merge';
import { EMPTY_LEDGER, type ConstraintLedger, type LedgerNote } from './types';

export interface DerivedLedger {
  ledger: ConstraintLedger;
  /** Notes of the last message, for the reply. */
  notes: LedgerNote[];
}

/** Applies one more user message to a ledger (the profile underneath, refreshed). */
export function addMessage(catalog: Catalog, ledger: ConstraintLedger, profile: LedgerProfile | null | undefined, text: string, turn: number): DerivedLedger {
  const base = withProfile(ledger, profile);
  const reading = readMessage({ catalog, turn, before: base }, text);
  const applied = applyReading(base, reading, { kind: 'message', turn, quote: text.slice(0, 200) });
  return { ledger: withProfile(applied.ledger, profile), notes: [...reading.notes, ...applied.notes] };
}

export function deriveLedger(catalog: Catalog, profile: LedgerProfile | null | undefined, userMessages: readonly string[]): DerivedLedger {
  let result: DerivedLedger = { ledger: withProfile(EMPTY_LEDGER, profile), notes: [] };
  userMessages.forEach((text, turn) => {
    result = addMessage(catalog, result.ledger, profile, text, turn);
  });
  return result;
}
