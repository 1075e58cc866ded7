'use client';

import { lazy, Suspense, useRef, useState } from 'react';
import type { ChatMessage } from '@/lib/chat-types';
import { IconEdit } from './icons';
import { TURN_START_ATTRIBUTE } from './use-chat-scroll';

// Only an edit needs it: loaded when the cook clicks Edit, not with the page.
const MessageEditor = lazy(() => import('./message-editor'));

/**
 * The cook's message. The last one can be edited and sent again (`onEdit`): the edited text replaces it and gets a new
 * reply, and the earlier version stays stored (docs/api.md). `edited` marks a message that replaced an earlier one.
 */
export function UserMessage({ message, edited, onEdit }: { message: ChatMessage; edited: boolean; onEdit?: (text: string) => void }) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setEditing(false);
    // Back where the cook was: the button that opened the editor (it is rendered again on the next frame).
    requestAnimationFrame(() => editButton.current?.focus());
  };
  return (
    <li className="group flex flex-col items-end gap-1" data-testid="user-message" {...{ [TURN_START_ATTRIBUTE]: '' }}>
      {editing && onEdit ? (
        <Suspense fallback={<Bubble text={message.content} />}>
          <MessageEditor
            initial={message.content}
            onCancel={stopEditing}
            onSend={(text) => {
              setEditing(false);
              onEdit(text);
            }}
          />
        </Suspense>
      ) : (
        <>
          <Bubble text={message.content} />
          {onEdit || edited ? (
            <div className="flex items-center gap-2 text-xs text-ink-500" data-print-hide>
              {edited ? <span data-testid="edited-mark">Edited</span> : null}
              {onEdit ? (
                <button
                  ref={editButton}
                  type="button"
                  className="btn-ghost px-2 py-1 text-xs opacity-0 group-hover:opacity-100 focus-visible:opacity-100 [@media(hover:none)]:opacity-100"
                  onClick={() => setEditing(true)}
                  aria-label="Edit your message"
                >
                  <IconEdit className="h-3.5 w-3.5" /> Edit
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}

function Bubble({ text }: { text: string }) {
  return (
    <div className="max-w-[85%] rounded-3xl rounded-br-lg bg-tomato-600 px-4 py-2.5 text-[15px] leading-relaxed whitespace-pre-wrap text-white shadow-sm">
      <span className="sr-only">You said: </span>
      {/* Its own element: `dir="auto"` reads the first letters of the message, not the hidden "You said". */}
      <span dir="auto" className="block">
        {text}
      </span>
    </div>
  );
}
