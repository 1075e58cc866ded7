'use client';

import { useId, useRef, useState } from 'react';
import type { LedgerChip, LedgerView } from '@chef-chopsky/contract/ledger';
import type { PlanView } from '@chef-chopsky/contract/plan-actions';
import { IconPlus, IconX } from './icons';
import { sendJson } from './send-json';

/**
 * What this chat plans under, as chips above the composer: who eats, what they cannot eat, the plan's shape. Each chip
 * says where it came from on hover (and to a screen reader), can be removed, and a cook can add one in words. A chip
 * applied on the safe side from uncertain words is marked so it can be checked. Loaded once a conversation exists.
 */
export default function LedgerChips({
  conversationId,
  view,
  disabled,
  onChange,
}: {
  conversationId: string;
  view: LedgerView;
  /** While a reply is being written: edits wait for it. */
  disabled: boolean;
  /** The chips after an edit, and the conversation's plan when the edit brought it up to date. */
  onChange: (view: LedgerView, plan: PlanView | null) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const problemId = useId();

  const edit = async (body: { op: 'add'; text: string } | { op: 'remove'; id: string }, key: string) => {
    setPending(key);
    setProblem(null);
    const result = await sendJson<{ ledger: LedgerView; plan: PlanView | null }>(`/api/conversations/${conversationId}/ledger`, 'POST', body);
    setPending(null);
    if (!result.ok) {
      setProblem(result.message);
      return false;
    }
    onChange(result.body.ledger, result.body.plan);
    return true;
  };

  const chips = view.chips;
  return (
    <div className="mx-auto w-full max-w-4xl px-3 pt-2 md:px-6" data-testid="ledger" data-print-hide>
      {/* On a phone the chips are one row that scrolls sideways, so a long ledger does not push the conversation up;
          `relative` keeps their screen-reader text (absolutely placed) inside the row, not widening the page. */}
      <ul className="flex flex-wrap items-center gap-1.5 max-md:relative max-md:flex-nowrap max-md:overflow-x-auto max-md:pb-1 max-md:*:shrink-0" aria-label="What this chat plans for">
        {chips.map((chip) => (
          <Chip key={chip.id} chip={chip} busy={disabled || pending !== null} removing={pending === chip.id} onRemove={() => void edit({ op: 'remove', id: chip.id }, chip.id)} />
        ))}
        <li>
          {adding ? (
            <form
              className="flex items-center gap-1"
              onSubmit={async (event) => {
                event.preventDefault();
                if (!text.trim() || disabled) return;
                if (await edit({ op: 'add', text: text.trim() }, 'add')) {
                  setText('');
                  setAdding(false);
                }
              }}
            >
              <label htmlFor={inputId} className="sr-only">
                Add a constraint
              </label>
              <input
                ref={inputRef}
                id={inputId}
                value={text}
                maxLength={300}
                autoFocus
                onChange={(event) => setText(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    setAdding(false);
                    setProblem(null);
                  }
                }}
                placeholder="e.g. no mushrooms, egg allergy"
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? problemId : undefined}
                className="h-7 w-56 rounded-full border border-cream-300 bg-surface px-3 text-sm text-ink-900 placeholder:text-ink-500 focus:border-tomato-600 focus:ring-2 focus:ring-tomato-600/30 focus:outline-none"
                data-testid="ledger-add-input"
              />
              <button type="submit" className="btn-ghost h-7 px-2 text-xs" disabled={disabled || pending !== null || !text.trim()}>
                Add
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="inline-flex h-7 items-center gap-1 rounded-full border border-dashed border-ink-500/50 px-2.5 text-xs text-ink-700 hover:border-tomato-600 hover:text-tomato-700"
              onClick={() => setAdding(true)}
              data-testid="ledger-add"
            >
              <IconPlus className="h-3.5 w-3.5" /> Add a constraint
            </button>
          )}
        </li>
      </ul>
      {problem ? (
        <p id={problemId} role="alert" className="mt-1 text-xs text-tomato-700" data-testid="ledger-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function Chip({ chip, busy, removing, onRemove }: { chip: LedgerChip; busy: boolean; removing: boolean; onRemove: () => void }) {
  const describedBy = useId();
  const tone = chip.unsure
    ? 'border-dashed border-amber-700/60 bg-amber-50 text-amber-900'
    : chip.hard
      ? 'border-basil-600/30 bg-basil-600/10 text-basil-700'
      : 'border-cream-300 bg-surface text-ink-700';
  const about = chip.unsure ? `${chip.source}. ${chip.unsure}` : chip.source;
  return (
    <li
      className={`inline-flex h-7 items-center gap-1 rounded-full border pr-1 pl-2.5 text-xs font-medium whitespace-nowrap ${tone} ${removing ? 'opacity-50' : ''}`}
      title={about}
      data-testid="ledger-chip"
      data-chip-id={chip.id}
    >
      <span aria-describedby={describedBy}>
        {chip.unsure ? <span aria-hidden="true">? </span> : null}
        {chip.label}
      </span>
      <span id={describedBy} className="sr-only">
        {about}
      </span>
      <button
        type="button"
        className="grid h-5 w-5 place-items-center rounded-full hover:bg-ink-900/10 disabled:opacity-50"
        aria-label={`Remove “${chip.label}”`}
        disabled={busy}
        onClick={onRemove}
      >
        <IconX className="h-3 w-3" />
      </button>
    </li>
  );
}
