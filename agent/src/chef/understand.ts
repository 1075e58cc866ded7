/**
 * What the chef knows before it answers: the conversation's constraint ledger and what the latest message said that
 * the reply must mention. The web app sends the ledger it keeps; a client that sends none gets one derived from the
 * messages and the profile alone (docs/api.md). Either way the profile is merged underneath and the latest message is
 * read again for its notes, so both modes, built-in planner and model, start from the same understanding.
 */
import { DIET_RANK, type Catalog } from '@chef-chopsky/kitchen/catalog';
import { deriveLedger } from '@chef-chopsky/kitchen/ledger/derive';
import { readMessage } from '@chef-chopsky/kitchen/ledger/extract';
import { withProfile } from '@chef-chopsky/kitchen/ledger/merge';
import type { ConstraintLedger, LedgerEntry, LedgerNote } from '@chef-chopsky/kitchen/ledger/types';
import type { ChatTurn } from '@chef-chopsky/contract/chat';
import type { CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import type { Profile } from '@chef-chopsky/contract/profile';
import { planFromSkeleton } from '@chef-chopsky/kitchen/plan-actions';
import type { ChefPlan } from './types';

export interface Understanding {
  ledger: ConstraintLedger;
  /** Notes of the latest user message (a food the kitchen does not know, a stricter diet kept…). */
  notes: LedgerNote[];
  /** What the latest message had applied on the safe side and the ledger still holds: the reply says how to undo it. */
  unsure: LedgerEntry[];
  /** The conversation's current plan, rebuilt from the ids the client sent under the ledger; null when none was sent. */
  plan: ChefPlan | null;
}

export type Understand = (input: {
  messages: readonly ChatTurn[];
  profile: Profile;
  ledger?: ConstraintLedger;
  plan?: CurrentPlan;
  /** The request's catalog with the cook's recipes (cookbook.ts): a plan that holds one of theirs is rebuilt over it. */
  catalog?: Catalog;
}) => Understanding;

export function createUnderstanding(kitchen: Catalog): Understand {
  return ({ messages, profile, ledger, plan, catalog = kitchen }) => {
    const userTexts = messages.filter((m) => m.role === 'user').map((m) => m.content);
    const turn = Math.max(0, userTexts.length - 1);
    const merged = ledger ? withProfile(ledger, profile) : deriveLedger(catalog, profile, userTexts).ledger;
    const latest = readMessage({ catalog, turn, before: merged }, userTexts.at(-1) ?? '');
    const held = new Set(merged.entries.map((e) => e.id));
    const notes = [...latest.notes];
    // "plan vegetarian dinners" after "we're vegan": the stricter diet stays, and the reply says so.
    const kept = merged.entries.find((e) => e.field === 'diet');
    for (const e of latest.adds) {
      if (e.field === 'diet' && kept?.field === 'diet' && kept.diet !== e.diet && DIET_RANK[kept.diet] < DIET_RANK[e.diet]) notes.push({ kind: 'kept-stricter-diet', kept: kept.diet, asked: e.diet });
    }
    const current: ChefPlan | null = plan
      ? { id: plan.id, version: plan.version, catalogVersion: plan.catalogVersion, state: plan.state, plan: planFromSkeleton(catalog, merged, plan.state, plan.meals), label: plan.label ?? '' }
      : null;
    return { ledger: merged, notes, unsure: latest.adds.filter((e) => e.unsure && held.has(e.id)), plan: current };
  };
}
