'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { MAX_MESSAGE_CHARS } from '@/lib/chat-types';

/** Edits the cook's last message in place: Enter sends, Shift+Enter makes a new line, Escape cancels. */
export default function MessageEditor({ initial, onCancel, onSend }: { initial: string; onCancel: () => void; onSend: (text: string) => void }) {
  const [text, setText] = useState(initial);
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const changed = text.trim() !== '' && text.trim() !== initial.trim();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`;
  }, [text]);

  return (
    <form
      className="w-full max-w-[85%] rounded-3xl border border-tomato-600 bg-surface p-2 shadow-sm focus-within:ring-2 focus-within:ring-tomato-600/25 sm:w-[36rem]"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) onSend(text.trim());
      }}
      data-testid="message-editor"
    >
      <label htmlFor={id} className="sr-only">
        Edit your message
      </label>
      <textarea
        ref={ref}
        id={id}
        dir="auto"
        value={text}
        maxLength={MAX_MESSAGE_CHARS}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (changed) onSend(text.trim());
          }
        }}
        className="max-h-[240px] min-h-[44px] w-full resize-none bg-transparent px-3 py-2 text-base text-ink-900 focus:outline-none focus-visible:shadow-none focus-visible:outline-none"
      />
      <div className="flex justify-end gap-2 px-1 pb-1">
        <button type="button" className="btn-secondary px-3 py-1.5" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn-primary px-3 py-1.5" disabled={!changed}>
          Send
        </button>
      </div>
    </form>
  );
}
