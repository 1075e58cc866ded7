'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { MAX_MESSAGE_CHARS } from '@/lib/chat-types';
import { IconSend } from './icons';
import { StopButton } from './stop-button';

/** From this length on, the composer shows how much room is left. */
const COUNT_FROM = MAX_MESSAGE_CHARS - 1000;
const formatCount = (n: number) => n.toLocaleString('en-US');

/** The message box: Enter sends, Shift+Enter makes a new line; while a reply streams, Stop appears beside Send. */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  /** The message box, for the page to move focus to it. */
  inputRef?: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const hintId = useId();
  const limitId = useId();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = inputRef ?? ownRef;
  // A paste that did not fit: the box keeps the first MAX_MESSAGE_CHARS characters, and the cook is told.
  const [cut, setCut] = useState(false);
  useEffect(() => {
    if (value.length < MAX_MESSAGE_CHARS) setCut(false);
  }, [value]);

  // The box is usable from the server's HTML, before React takes it over; what was typed in that window is in the DOM
  // but not in state, and the first render after would wipe it. Take it over once, on mount.
  const adopted = useRef(false);
  useEffect(() => {
    if (adopted.current) return;
    adopted.current = true;
    const typed = ref.current?.value ?? '';
    if (typed && typed !== value) onChange(typed);
  }, [value, onChange]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [value]);

  return (
    <div className="border-t border-cream-300 bg-cream-50 px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] md:px-6" data-print-hide>
      <form
        className="mx-auto flex w-full max-w-4xl items-end gap-2 rounded-3xl border border-cream-300 bg-surface p-2 shadow-sm focus-within:border-tomato-600 focus-within:ring-2 focus-within:ring-tomato-600/25"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onSend();
        }}
      >
        <label htmlFor={id} className="sr-only">
          Message Chef Chopsky
        </label>
        <textarea
          ref={ref}
          id={id}
          dir="auto"
          rows={1}
          value={value}
          maxLength={MAX_MESSAGE_CHARS}
          aria-describedby={value.length >= COUNT_FROM ? `${hintId} ${limitId}` : hintId}
          onPaste={(event) => {
            const el = event.currentTarget;
            const pasted = event.clipboardData.getData('text').length;
            const kept = value.length - (el.selectionEnd - el.selectionStart);
            if (kept + pasted > MAX_MESSAGE_CHARS) setCut(true);
          }}
          placeholder="Ask for a plan, a swap or a grocery list…"
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              if (!busy && value.trim()) onSend();
            }
          }}
          className="max-h-[200px] min-h-[44px] flex-1 resize-none bg-transparent px-3 py-2.5 text-base text-ink-900 placeholder:text-ink-500 focus:outline-none focus-visible:shadow-none focus-visible:outline-none"
        />
        {busy ? <StopButton onStop={onStop} /> : null}
        {/* Never replaced by Stop: a second click (a double click, or Enter then a click) lands here and does nothing
            while the reply is written. aria-disabled rather than disabled, so keyboard focus stays on it. */}
        <button
          type="submit"
          className="btn-primary h-11 shrink-0 px-4 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
          disabled={!busy && !value.trim()}
          aria-disabled={busy ? true : undefined}
          aria-label="Send message"
        >
          <IconSend className="h-4 w-4" /> <span className="hidden sm:inline">Send</span>
        </button>
      </form>
      <p id={hintId} className="mx-auto mt-1.5 hidden max-w-4xl px-3 text-xs text-ink-500 sm:block">
        Enter to send · Shift+Enter for a new line
      </p>
      {value.length >= COUNT_FROM ? (
        <p
          id={limitId}
          role="status"
          className={`mx-auto mt-1 max-w-4xl px-3 text-xs ${value.length >= MAX_MESSAGE_CHARS ? 'font-medium text-tomato-700' : 'text-ink-500'}`}
          data-testid="composer-limit"
        >
          {cut
            ? `Only the first ${formatCount(MAX_MESSAGE_CHARS)} characters of what you pasted fit in one message; the rest was left out.`
            : `${formatCount(value.length)} of ${formatCount(MAX_MESSAGE_CHARS)} characters`}
        </p>
      ) : null}
    </div>
  );
}
