'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationSummary } from '@/lib/chat-types';
import type { ThemeChoice } from '@/lib/theme';
import { ConversationSidebar } from './conversation-sidebar';
import { IconMenu, IconX } from './icons';

interface ShellValue {
  conversations: ConversationSummary[];
  profileSummary: string | null;
  /** Re-reads my conversations (after a send, rename, archive or delete). */
  refreshConversations: () => Promise<void>;
  /** Shows a conversation that was just created at the top of the list, without asking the server. */
  addConversation: (conversation: ConversationSummary) => void;
  /** Changes whenever the cook asks for a new chat, so the new-chat view starts empty even on the same URL. */
  newChatKey: number;
  startNewChat: () => void;
}

const ShellContext = createContext<ShellValue | null>(null);

export function useShell(): ShellValue {
  const value = useContext(ShellContext);
  if (!value) throw new Error('useShell outside ChatShell');
  return value;
}

export function ChatShell({
  initialConversations,
  profileSummary,
  theme,
  children,
}: {
  initialConversations: ConversationSummary[];
  profileSummary: string | null;
  /** The cook's theme choice, for the toggle. */
  theme: ThemeChoice;
  children: React.ReactNode;
}) {
  const [conversations, setConversations] = useState(initialConversations);
  const [search, setSearch] = useState('');
  const [view, setView] = useState<'active' | 'archived'>('active');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [newChatKey, setNewChatKey] = useState(0);
  const router = useRouter();
  const pathname = usePathname();
  const menuButton = useRef<HTMLButtonElement>(null);
  const query = useRef({ search, view });
  query.current = { search, view };

  const refreshConversations = useCallback(async () => {
    const { search: q, view: status } = query.current;
    const params = new URLSearchParams({ status });
    if (q.trim()) params.set('search', q.trim());
    // Offline or unreachable: keep the list as it is; the next refresh (after a send, a search) reads it again.
    const response = await fetch(`/api/conversations?${params}`, { cache: 'no-store' }).catch(() => null);
    if (response?.ok) {
      const body = (await response.json()) as { items: ConversationSummary[] };
      // Ignore answers to a query the cook has since changed.
      if (query.current.search === q && query.current.view === status) setConversations(body.items);
    }
  }, []);

  // The first list comes with the page; re-read it only when the search or the view changes.
  const listedFor = useRef({ search, view });
  useEffect(() => {
    if (listedFor.current.search === search && listedFor.current.view === view) return;
    listedFor.current = { search, view };
    const timer = setTimeout(() => void refreshConversations(), search ? 200 : 0);
    return () => clearTimeout(timer);
  }, [search, view, refreshConversations]);

  useEffect(() => {
    setDrawerOpen(false);
  }, [pathname, newChatKey]);

  // The menu button sits in the part of the page that is inert while the drawer is open, so focus can only return to
  // it after the drawer has closed and that content is interactive again.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!drawerOpen && returnFocus.current) {
      returnFocus.current = false;
      menuButton.current?.focus();
    }
  }, [drawerOpen]);

  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        returnFocus.current = true;
        setDrawerOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawerOpen]);

  const addConversation = useCallback((conversation: ConversationSummary) => {
    if (query.current.view !== 'active' || query.current.search) return;
    setConversations((current) => [conversation, ...current.filter((c) => c.id !== conversation.id)]);
  }, []);

  const startNewChat = useCallback(() => {
    setNewChatKey((key) => key + 1);
    router.push('/');
  }, [router]);

  const value = useMemo(
    () => ({ conversations, profileSummary, refreshConversations, addConversation, newChatKey, startNewChat }),
    [conversations, profileSummary, refreshConversations, addConversation, newChatKey, startNewChat],
  );

  const activeId = pathname?.startsWith('/c/') ? pathname.slice(3) : null;

  return (
    <ShellContext.Provider value={value}>
      <div className="flex h-dvh overflow-clip">
        {drawerOpen ? (
          <div className="fixed inset-0 z-30 bg-ink-900/40 md:hidden dark:bg-black/60" aria-hidden="true" onClick={() => setDrawerOpen(false)} />
        ) : null}
        <aside
          id="conversation-drawer"
          aria-label="Conversations"
          className={`${drawerOpen ? 'fixed inset-y-0 left-0 z-40 flex w-[86vw] max-w-80 shadow-xl' : 'hidden'} flex-col border-r border-cream-300 bg-cream-50 md:static md:flex md:w-72 md:max-w-none md:shadow-none`}
        >
          <div className="flex items-center justify-between gap-2 px-4 pt-4 pb-2">
            <Link href="/" className="flex items-center gap-2 rounded-lg" onClick={(e) => { e.preventDefault(); startNewChat(); }}>
              <img src="/icon.svg" alt="" width={28} height={28} />
              <span className="font-serif text-lg font-semibold">Chef Chopsky</span>
            </Link>
            {drawerOpen ? (
              <button
                type="button"
                className="btn-ghost md:hidden"
                aria-label="Close conversations"
                onClick={() => {
                  returnFocus.current = true;
                  setDrawerOpen(false);
                }}
              >
                <IconX />
              </button>
            ) : null}
          </div>
          <ConversationSidebar
            conversations={conversations}
            activeId={activeId}
            search={search}
            onSearch={setSearch}
            view={view}
            onView={setView}
            onChanged={refreshConversations}
            onNewChat={startNewChat}
            theme={theme}
          />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col" inert={drawerOpen ? true : undefined}>
          <div className="flex items-center gap-2 border-b border-cream-300 bg-cream-50 px-3 py-2 md:hidden">
            <button
              ref={menuButton}
              type="button"
              className="btn-ghost"
              aria-label="Open conversations"
              aria-expanded={drawerOpen}
              aria-controls="conversation-drawer"
              onClick={() => setDrawerOpen(true)}
            >
              <IconMenu />
            </button>
            <span className="font-serif font-semibold">Chef Chopsky</span>
          </div>
          {children}
        </div>
      </div>
    </ShellContext.Provider>
  );
}
