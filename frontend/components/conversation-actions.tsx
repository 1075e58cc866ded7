'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { ConversationSummary } from '@/lib/chat-types';
import { ConfirmDialog } from './confirm-dialog';
import { sendJson } from './send-json';

/**
 * A history item's actions: rename (a box in the item's place), archive or restore, delete (after a dialog). Loaded
 * when the cook opens an item's actions, not with the page (the chat page's first-load budget).
 */
export default function ConversationActions({
  id,
  conversation,
  active,
  renaming,
  onRename,
  onCloseRename,
  onChanged,
  onStatus,
  moreButton,
}: {
  id: string;
  conversation: ConversationSummary;
  active: boolean;
  renaming: boolean;
  onRename: () => void;
  /** Closes the box and the actions; focus goes back to the actions button. */
  onCloseRename: () => void;
  onChanged: () => Promise<void>;
  onStatus: (message: string) => void;
  moreButton: React.RefObject<HTMLButtonElement | null>;
}) {
  const router = useRouter();
  const [title, setTitle] = useState(conversation.title);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [renameError, setRenameError] = useState('');
  const renameInput = useRef<HTMLInputElement>(null);
  const renameId = useId();

  const closeRename = () => {
    setRenameError('');
    onCloseRename();
  };

  const refuseName = (message: string) => {
    setRenameError(message);
    renameInput.current?.focus();
  };

  const rename = async () => {
    const next = title.trim();
    if (!next) {
      refuseName('Give the conversation a name.');
      return;
    }
    setRenameError('');
    const result = await sendJson(`/api/conversations/${conversation.id}`, 'PATCH', { title: next });
    if (!result.ok) {
      // A 400's own message is about the request as a whole ("The request is not valid."); the reason is in its details.
      const reason = result.details.find((detail) => detail.path === 'title')?.message;
      if (reason) refuseName(`The name ${reason}.`);
      else refuseName(result.status === 400 ? 'That name can’t be saved. Try a different one.' : result.message);
      return;
    }
    onStatus(`Renamed to “${next}”.`);
    closeRename();
    await onChanged();
    router.refresh();
  };

  const patch = async (body: Record<string, unknown>, done: string) => {
    setError('');
    const result = await sendJson(`/api/conversations/${conversation.id}`, 'PATCH', body);
    if (!result.ok) {
      setError(result.message);
      return false;
    }
    onStatus(done);
    await onChanged();
    return true;
  };

  const remove = async () => {
    const result = await sendJson(`/api/conversations/${conversation.id}`, 'DELETE');
    setConfirming(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onStatus(`Deleted “${conversation.title}”.`);
    await onChanged();
    if (active) router.push('/');
  };

  if (renaming) {
    return (
      <form
        className="rounded-xl bg-surface p-1.5 shadow-sm"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void rename();
        }}
      >
        <div className="flex items-center gap-1">
          <label htmlFor={renameId} className="sr-only">
            New name for “{conversation.title}”
          </label>
          <input
            ref={renameInput}
            id={renameId}
            value={title}
            // No maxLength: a name over the route's limit is refused with the reason, not cut short without a word.
            onChange={(event) => setTitle(event.target.value)}
            autoFocus
            aria-invalid={renameError ? true : undefined}
            aria-describedby={renameError ? `${renameId}-error` : undefined}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                // The box is what Escape closes; it must not also reach a surrounding drawer or dialog.
                event.preventDefault();
                event.stopPropagation();
                closeRename();
              }
            }}
            className="min-w-0 flex-1 rounded-lg border border-cream-300 px-2 py-1 text-sm aria-invalid:border-tomato-700 aria-invalid:ring-1 aria-invalid:ring-tomato-700"
          />
          <button type="submit" className="btn-primary px-3 py-1 text-xs">
            Save
          </button>
          <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={closeRename}>
            Cancel
          </button>
        </div>
        {renameError ? (
          <p id={`${renameId}-error`} role="alert" className="mt-1 px-1 text-xs text-tomato-700">
            {renameError}
          </p>
        ) : null}
      </form>
    );
  }

  return (
    <>
      <div id={id} className="mx-2 mt-1 mb-2 flex flex-wrap gap-1">
        <button
          type="button"
          className="btn-secondary px-3 py-1 text-xs"
          onClick={() => {
            setTitle(conversation.title);
            onRename();
          }}
        >
          Rename
        </button>
        <button
          type="button"
          className="btn-secondary px-3 py-1 text-xs"
          onClick={() =>
            void patch(
              { archived: conversation.status !== 'archived' },
              conversation.status === 'archived' ? 'Conversation restored.' : 'Conversation archived.',
            )
          }
        >
          {conversation.status === 'archived' ? 'Unarchive' : 'Archive'}
        </button>
        <button type="button" className="btn-secondary px-3 py-1 text-xs text-tomato-700" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {error ? (
        <p role="alert" className="mx-3 mb-2 text-xs text-tomato-700">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Delete this conversation?"
        body={`“${conversation.title}” and its meal plans will be deleted for good.`}
        confirmLabel="Delete"
        onConfirm={remove}
        onCancel={() => {
          setConfirming(false);
          moreButton.current?.focus();
        }}
      />
    </>
  );
}
