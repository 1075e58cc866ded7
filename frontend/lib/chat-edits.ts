/**
 * Regenerate and edit (#15): what `POST /api/chat` does differently when the cook asks for a new reply to their last
 * message, or edits their last message and sends it again. Nothing is deleted: the replaced reply, or the edited message
 * with its replies, is marked superseded (store.supersedeMessages) and leaves the thread (lib/thread.ts), so the page
 * and the agent no longer see it, while it stays stored.
 */
import { applyReading } from '@chef-chopsky/kitchen/ledger/merge';
import type { ConstraintLedger, Message, StoredPlan, Store } from './db/types';
import { AppError } from './errors';
import { EMPTY_LEDGER } from './ledger';
import { threadOf } from './thread';

/**
 * The ledger an edited message is read into: the one the previous user message left (empty before the first message),
 * not the one the original message made, so what the original said and the edit no longer says is gone (the edit says
 * again what it still means). What the cook did with chips since then, and what a model's tool call added, is kept:
 * those were not words of the original message.
 */
export function ledgerBeforeEdit(previous: ConstraintLedger | null, current: ConstraintLedger): ConstraintLedger {
  const base = previous ?? EMPTY_LEDGER;
  const had = new Set(base.entries.map((e) => e.id));
  const wasLifted = new Set(base.lifted.map((l) => l.id));
  const adds = current.entries.filter((e) => (e.source.kind === 'edit' || e.source.kind === 'model') && !had.has(e.id));
  const lifts = current.lifted.filter((l) => l.source.kind === 'edit' && !wasLifted.has(l.id)).map((l) => l.id);
  if (adds.length === 0 && lifts.length === 0) return base;
  return applyReading(base, { adds, lifts, notes: [] }, { kind: 'edit' }).ledger;
}

const ONLY_THE_LAST = 'Only your last message can be edited. Reload the page to see the conversation as it is now.';

/**
 * An edit of `editOf`, the cook's last message in the thread: the ledger its new text is read from, and the thread the
 * agent sees before it (without the original and its replies). `conflict:edit` when it is not the last message any more
 * (another tab sent one), `not_found:message` when it is not one of this conversation's user messages.
 */
export function prepareEdit(stored: Message[], editOf: string, conversationLedger: ConstraintLedger): { ledgerBase: ConstraintLedger; before: Message[] } {
  const original = stored.find((m) => m.id === editOf && m.role === 'user');
  if (!original) throw new AppError('not_found:message', 'That message does not exist.');
  const thread = threadOf(stored);
  const lastUser = [...thread].reverse().find((m) => m.role === 'user');
  if (original.supersededBy || lastUser?.id !== original.id) throw new AppError('conflict:edit', ONLY_THE_LAST);
  const before = thread.slice(0, thread.indexOf(original));
  const previous = [...before].reverse().find((m) => m.role === 'user');
  return { ledgerBase: ledgerBeforeEdit(previous?.ledger ?? null, conversationLedger), before };
}

/** The edited message and every reply to it: the messages after it up to the next user message (the edit itself). */
function turnOf(messages: Message[], userMessageId: string): string[] {
  const index = messages.findIndex((m) => m.id === userMessageId);
  if (index < 0) return [];
  const ids = [userMessageId];
  for (const message of messages.slice(index + 1)) {
    if (message.role === 'user') break;
    ids.push(message.id);
  }
  return ids;
}

/**
 * Takes the edited message and its replies out of the thread in favour of `by` (the new message). Idempotent, so a
 * retried edit does it again safely. Returns `messages` as they read now.
 */
export async function supersedeEdited(
  store: Store,
  ids: { ownerId: string; conversationId: string },
  messages: Message[],
  editOf: string,
  by: string,
): Promise<Message[]> {
  const turn = turnOf(messages, editOf).filter((id) => id !== by);
  if (turn.length === 0) return messages;
  const superseded = new Set(await store.supersedeMessages({ ...ids, messageIds: turn, by }));
  return messages.map((m) => (superseded.has(m.id) && !m.supersededBy ? { ...m, supersededBy: by } : m));
}

/**
 * For a send of an existing message that names a reply to regenerate: that reply, when it is still the last reply to the
 * message (a new reply takes its place), or null when it was already replaced (a retried regenerate: the send then
 * follows or replays the new reply as any retry does). `conflict:regenerate` when a later message follows (only the last
 * reply can be regenerated); `not_found:message` when it is not a reply to this message.
 */
export function replyToRegenerate(messages: Message[], userMessage: Message, replyId: string): Message | null {
  const index = messages.findIndex((m) => m.id === userMessage.id);
  const after = messages.slice(index + 1);
  const nextUser = after.findIndex((m) => m.role === 'user' && !m.supersededBy);
  const replies = (nextUser < 0 ? after : after.slice(0, nextUser)).filter((m) => m.role === 'assistant');
  const named = replies.find((m) => m.id === replyId);
  if (!named) throw new AppError('not_found:message', 'That message does not exist.');
  if (nextUser >= 0) throw new AppError('conflict:regenerate', 'Only the last reply can be regenerated.');
  const current = replies.filter((m) => !m.supersededBy);
  return current.at(-1)?.id === replyId ? named : null;
}

/** The replies to `userMessageId` (up to the next user message): what an edit of it takes out of the thread. */
export function repliesTo(messages: Message[], userMessageId: string): Message[] {
  const ids = new Set(turnOf(messages, userMessageId).slice(1));
  return messages.filter((m) => ids.has(m.id));
}

/**
 * The plan version a regenerate or an edit goes back to before the chef answers again: the one before the first version
 * the replaced replies made of the conversation's current plan, so the new reply changes the plan the cook had when
 * they asked, not the replaced reply's result ("swap Tuesday" edited to "swap Wednesday" leaves Tuesday as it was).
 * Null when those replies made no version of the current plan, when they made it (version 1: there is no plan of this
 * one's to go back to), or when the plan moved on after them (a Swap or a chip since is the cook's, and stays).
 */
export function planVersionBefore(replaced: Message[], current: StoredPlan | null): number | null {
  if (!current) return null;
  const versions = replaced.flatMap((m) => m.parts ?? []).flatMap((part) => (part.type === 'plan-version' && part.planId === current.planId ? [part.version] : []));
  if (versions.length === 0 || Math.max(...versions) !== current.version) return null;
  const before = Math.min(...versions) - 1;
  return before >= 1 ? before : null;
}
