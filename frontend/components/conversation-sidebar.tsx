'use client';

import Link from 'next/link';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { ConversationSummary } from '@/lib/chat-types';
import { IconMore, IconPlus, IconSearch } from './icons';
import { ThemeToggle } from './theme-toggle';
import type { ThemeChoice } from '@/lib/theme';

// Rename, archive and delete: loaded when the cook opens an item's actions, not with every page.
const ConversationActions = lazy(() => import('./conversation-actions'));

function relativeTime(iso: string | null): string {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  const minutes = Math.round((Date.now() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function ConversationSidebar(props: {
  conversations: ConversationSummary[];
  activeId: string | null;
  search: string;
  onSearch: (value: string) => void;
  view: 'active' | 'archived';
  onView: (view: 'active' | 'archived') => void;
  onChanged: () => Promise<void>;
  onNewChat: () => void;
  theme: ThemeChoice;
}) {
  const { conversations, activeId, search, onSearch, view, onView, onChanged, onNewChat, theme } = props;
  const searchId = useId();
  const [status, setStatus] = useState('');

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="space-y-3 px-4 pb-3">
        <button type="button" className="btn-primary w-full" onClick={onNewChat}>
          <IconPlus className="h-4 w-4" /> New chat
        </button>
        <div className="relative">
          <label htmlFor={searchId} className="sr-only">
            Search conversations
          </label>
          <IconSearch className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-ink-500" />
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(event) => onSearch(event.target.value)}
            placeholder="Search conversations"
            className="w-full rounded-full border border-cream-300 bg-surface py-2 pr-3 pl-9 text-sm placeholder:text-ink-500 focus:border-tomato-600 focus:outline-none focus:ring-2 focus:ring-tomato-600/30"
          />
        </div>
        <div role="group" aria-label="Which conversations" className="flex gap-1 rounded-full bg-cream-200 p-1 text-sm">
          {(['active', 'archived'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => onView(option)}
              className={`flex-1 rounded-full px-3 py-1 font-medium ${view === option ? 'bg-surface text-ink-900 shadow-sm' : 'text-ink-700 hover:text-ink-900'}`}
            >
              {option === 'active' ? 'Recent' : 'Archived'}
            </button>
          ))}
        </div>
      </div>
      <nav aria-label="Conversation history" className="relative min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        {conversations.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-ink-500">
            {search ? 'No conversations match your search.' : view === 'archived' ? 'Nothing archived.' : 'Your conversations will appear here.'}
          </p>
        ) : (
          <ul className="space-y-0.5" data-testid="conversation-list">
            {conversations.map((conversation) => (
              <ConversationItem
                key={conversation.id}
                conversation={conversation}
                active={conversation.id === activeId}
                onChanged={onChanged}
                onStatus={setStatus}
              />
            ))}
          </ul>
        )}
      </nav>
      <div className="space-y-3 border-t border-cream-300 px-4 py-3">
        <ThemeToggle initial={theme} />
        <Link href="/recipes" className="btn-secondary w-full">
          Recipe box
        </Link>
        <Link href="/profile" className="btn-secondary w-full">
          Household profile
        </Link>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
    </div>
  );
}

function ConversationItem({
  conversation,
  active,
  onChanged,
  onStatus,
}: {
  conversation: ConversationSummary;
  active: boolean;
  onChanged: () => Promise<void>;
  onStatus: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const moreButton = useRef<HTMLButtonElement>(null);
  const focusMoreButton = useRef(false);
  const actionsId = useId();

  // The actions button is not rendered while the rename box is, so focus goes back to it after the render that
  // brings it back; otherwise closing the box would drop focus on <body>.
  useEffect(() => {
    if (renaming || !focusMoreButton.current) return;
    focusMoreButton.current = false;
    moreButton.current?.focus();
  }, [renaming]);

  return (
    <li data-testid="conversation-item">
      {renaming ? null : (
        <div className={`group flex items-center rounded-xl ${active ? 'bg-cream-200' : 'hover:bg-cream-200/70'}`}>
          <Link
            href={`/c/${conversation.id}`}
            // No prefetch: each prefetch renders a conversation on the server, competing with a reply in flight.
            prefetch={false}
            aria-current={active ? 'page' : undefined}
            className="min-w-0 flex-1 px-3 py-2"
          >
            <span dir="auto" className="block truncate text-sm font-medium text-ink-900">{conversation.title}</span>
            <span className="block text-xs text-ink-500">{relativeTime(conversation.lastMessageAt ?? conversation.createdAt)}</span>
          </Link>
          <button
            ref={moreButton}
            type="button"
            className="btn-ghost mr-1 shrink-0 rounded-full p-1.5"
            aria-label={`Actions for “${conversation.title}”`}
            aria-expanded={open}
            aria-controls={actionsId}
            onClick={() => setOpen((value) => !value)}
          >
            <IconMore className="h-4 w-4" />
          </button>
        </div>
      )}
      {open || renaming ? (
        <Suspense fallback={null}>
          <ConversationActions
            id={actionsId}
            conversation={conversation}
            active={active}
            renaming={renaming}
            onRename={() => setRenaming(true)}
            onCloseRename={() => {
              focusMoreButton.current = true;
              setRenaming(false);
              setOpen(false);
            }}
            onChanged={onChanged}
            onStatus={onStatus}
            moreButton={moreButton}
          />
        </Suspense>
      ) : null}
    </li>
  );
}
