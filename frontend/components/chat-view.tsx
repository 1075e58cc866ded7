'use client';

import Link from 'next/link';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { AgentInfo } from '@chef-chopsky/contract/agent-mode';
import type { LedgerView } from '@chef-chopsky/contract/ledger';
import type { PlanVersionRef, PlanView } from '@chef-chopsky/contract/plan-actions';
import { FRIENDLY_COPY, type ChatMessage, type ChatPart, type ConversationSummary } from '@/lib/chat-types';
import { createSseParser } from '@chef-chopsky/contract/sse';
import { threadOf } from '@/lib/thread';
import { AgentModeNote } from './agent-mode-note';
import { useShell } from './chat-shell';
import { Composer } from './composer';
import { MessageItem, ReplyRendererPreload } from './message-item';
import { useChatScroll } from './use-chat-scroll';

// Only a conversation has chips and a rating: a new chat's page does not load them, but fetches them while the cook
// types its first message (with the reply renderer), so no script is fetched once the reply has started.
const loadLedgerChips = () => import('./ledger-chips');
const LedgerChips = lazy(loadLedgerChips);
const loadRating = () => import('./conversation-rating');
const ConversationRating = lazy(() => loadRating().then((m) => ({ default: m.ConversationRating })));
// Only once the cook scrolls up, or a reply outgrows the screen.
const JumpToLatest = lazy(() => import('./jump-to-latest').then((m) => ({ default: m.JumpToLatest })));
// The plan panel comes with the first plan.
const PlanPanel = lazy(() => import('./plan-panel'));

const SUGGESTIONS = [
  'Plan a week for a family of four with a peanut allergy',
  'Plan 5 vegan dinners for 2, under 30 minutes each',
  'What can I make with kale, chickpeas and tomatoes?',
  'High-protein vegetarian lunches for the work week',
];

/** How many times a reply whose stream broke off is followed again before the page gives up on it. */
const FOLLOW_ATTEMPTS = 3;

function uuid(): string {
  return crypto.randomUUID();
}

/** A send that regenerates a reply or resends an edited message (POST /api/chat, docs/api.md). */
interface SendOptions {
  clientMessageId?: string;
  retryOf?: string;
  regenerate?: string;
  editOf?: string;
}

/** The messages a send takes out of the thread at once: the reply it regenerates, or the edited message and its replies. */
function supersededBySend(messages: ChatMessage[], options: SendOptions): Set<string> {
  if (options.regenerate) return new Set([options.regenerate]);
  if (!options.editOf) return new Set();
  const index = messages.findIndex((m) => m.id === options.editOf);
  const ids = new Set<string>();
  for (const message of index < 0 ? [] : messages.slice(index)) {
    if (message.role === 'user' && message.id !== options.editOf) break;
    ids.add(message.id);
  }
  return ids;
}

interface ActiveReply {
  assistantId: string | null;
  clientMessageId: string;
  abort: AbortController;
  stopRequested: boolean;
}

interface ChatViewProps {
  conversation: ConversationSummary | null;
  initialMessages: ChatMessage[];
  initialLedger?: LedgerView | null;
  initialPlan?: PlanView | null;
  /** What answers the chats, read by the page from the agent (for the built-in planner note). */
  agentInfo?: Promise<AgentInfo | null>;
}

export function ChatView(props: ChatViewProps) {
  const shell = useShell();
  return <ChatViewInner key={props.conversation?.id ?? `new-${shell.newChatKey}`} {...props} />;
}

function ChatViewInner({ conversation, initialMessages, initialLedger, initialPlan, agentInfo }: ChatViewProps) {
  const { refreshConversations, addConversation, profileSummary } = useShell();
  const [messages, setMessages] = useState<ChatMessage[]>(initialMessages);
  const [ledger, setLedger] = useState<LedgerView | null>(initialLedger ?? null);
  const [plan, setPlan] = useState<PlanView | null>(initialPlan ?? null);
  // Below the widest screens the plan and the chat take turns; `planOpen` is the plan's turn.
  const [planOpen, setPlanOpen] = useState(false);
  const [planVersionAsked, setPlanVersionAsked] = useState<{ version: number; at: number } | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(conversation?.id ?? null);
  const [title, setTitle] = useState(conversation?.title ?? 'New chat');
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [liveModel, setLiveModel] = useState<string | null>(null);
  const active = useRef<ActiveReply | null>(null);
  const conversationRef = useRef(conversationId);
  conversationRef.current = conversationId;
  const scroll = useChatScroll();
  const composerInput = useRef<HTMLTextAreaElement>(null);
  // What a failed regenerate or edit resends with Retry: the reply's local id -> the send's options.
  const resends = useRef(new Map<string, SendOptions>());

  useEffect(() => {
    setTitle(conversation?.title ?? 'New chat');
  }, [conversation?.title]);

  // A new chat's chips and rating appear with its first reply: fetch them while the cook types, so no script competes
  // with the reply's first words (as ReplyRendererPreload does for the markdown). A failed fetch (offline) is no error
  // here: they load again when they are shown.
  const typing = Boolean(draft.trim());
  useEffect(() => {
    if (!typing || conversationRef.current) return;
    loadLedgerChips().catch(() => undefined);
    loadRating().catch(() => undefined);
  }, [typing]);

  const patchMessage = useCallback((id: string, update: (message: ChatMessage) => ChatMessage) => {
    setMessages((current) => current.map((message) => (message.id === id ? update(message) : message)));
  }, []);

  // Leaving the page only stops mirroring the reply in this tab: the server finishes and stores it regardless.
  useEffect(() => () => active.current?.abort.abort(), []);

  // A reply that was still being written when this page loaded (a reload mid-reply): follow it live from whichever
  // server answers (never a second model call). When it cannot be followed, read the conversation again every second
  // until it has ended, so it does not show "thinking" forever.
  const [pollFailures, setPollFailures] = useState(0);
  const [followingLive, setFollowingLive] = useState(false);
  const followed = useRef(new Set<string>());
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const writingElsewhere = !busy && conversationId !== null && messages.some((m) => m.role === 'assistant' && m.status === 'streaming');
  useEffect(() => {
    const target = messagesRef.current.find((m) => m.role === 'assistant' && m.status === 'streaming');
    if (!writingElsewhere || !conversationId || !target || followed.current.has(target.id)) return;
    followed.current.add(target.id);
    const abort = new AbortController();
    setFollowingLive(true);
    void (async () => {
      try {
        const params = new URLSearchParams({ conversationId, assistantMessageId: target.id, from: '0' });
        const response = await fetch(`/api/chat/follow?${params}`, { cache: 'no-store', signal: abort.signal });
        if (!response.ok || !response.body) return;
        const parser = createSseParser(({ event, data }) => {
          const payload = JSON.parse(data) as Record<string, unknown>;
          if (event === 'delta' && typeof payload.text === 'string') {
            const piece = payload.text;
            patchMessage(target.id, (m) => ({ ...m, content: m.content + piece }));
          } else if (event === 'plan' && payload.view) {
            const { view, ref } = payload as unknown as { view: PlanView; ref: PlanVersionRef };
            setPlan(view);
            patchMessage(target.id, (m) => withPlanVersion(m, ref));
          } else if (event === 'ledger') setLedger(payload as unknown as LedgerView);
          else if (event === 'done') patchMessage(target.id, (m) => ({ ...m, status: 'complete' }));
          else if (event === 'interrupted') patchMessage(target.id, (m) => ({ ...m, status: 'interrupted' }));
          else if (event === 'error') {
            const message = typeof payload.message === 'string' ? payload.message : FRIENDLY_COPY.generic;
            patchMessage(target.id, (m) => ({ ...m, status: 'error', errorMessage: message }));
          }
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
        parser.end();
      } catch {
        // Broken off: the conversation is read again below until the reply has ended.
      } finally {
        setFollowingLive(false);
      }
    })();
    return () => abort.abort();
  }, [writingElsewhere, conversationId, patchMessage]);
  useEffect(() => {
    if (!writingElsewhere || followingLive) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/conversations/${conversationId}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { messages: ChatMessage[]; ledger?: LedgerView; plan?: PlanView | null };
        if (cancelled) return;
        setPollFailures(0);
        setMessages(body.messages);
        if (body.ledger) setLedger(body.ledger);
        if (body.plan) setPlan(body.plan);
      } catch {
        // Offline or a hiccup: try again a little later (the effect runs again when this count changes).
        if (!cancelled) setPollFailures((n) => n + 1);
      }
    }, Math.min(1_000 * 2 ** Math.min(pollFailures, 4), 15_000));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [writingElsewhere, followingLive, conversationId, messages, pollFailures]);

  const requestStop = useCallback(async (assistantMessageId: string) => {
    await fetch('/api/chat/stop', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: conversationRef.current, assistantMessageId }),
    });
  }, []);

  const send = useCallback(
    async (content: string, options: SendOptions = {}) => {
      const text = content.trim();
      if (!text || active.current) return;
      const clientMessageId = options.clientMessageId ?? uuid();
      const localUserId = `local-user-${clientMessageId}`;
      let assistantId = `local-reply-${clientMessageId}`;
      const now = new Date().toISOString();
      const replaces = { regenerate: options.regenerate, editOf: options.editOf };
      if (replaces.regenerate || replaces.editOf) resends.current.set(assistantId, replaces);
      setMessages((current) => {
        const withoutRetried = options.retryOf ? current.filter((m) => m.id !== options.retryOf) : current;
        // Out of the thread at once, as the server stores it: the regenerated reply, or the edited message and its replies.
        const superseded = supersededBySend(withoutRetried, options);
        const byThisSend = options.editOf ? localUserId : assistantId;
        const hasUser = withoutRetried.some((m) => m.role === 'user' && m.clientMessageId === clientMessageId);
        return [
          ...withoutRetried.map((m) => (superseded.has(m.id) && !m.supersededBy ? { ...m, supersededBy: byThisSend } : m)),
          ...(hasUser ? [] : [{ id: localUserId, role: 'user' as const, content: text, parts: [], status: 'complete' as const, clientMessageId, createdAt: now }]),
          { id: assistantId, role: 'assistant', content: '', parts: [], status: 'streaming', createdAt: now },
        ];
      });
      if (!options.retryOf) setDraft('');
      setBusy(true);
      setAnnouncement('Chef Chopsky is writing a reply.');
      scroll.pinNextTurn();
      // The button that asked for it (Regenerate, or the editor's Send) is gone with the message it was on.
      if (replaces.regenerate || replaces.editOf) composerInput.current?.focus();
      const reply: ActiveReply = { assistantId: null, clientMessageId, abort: new AbortController(), stopRequested: false };
      active.current = reply;

      let terminal = false;
      const fail = (message: string) => {
        terminal = true;
        patchMessage(assistantId, (m) => ({ ...m, status: 'error', errorMessage: message }));
        setAnnouncement(message);
      };

      try {
        const response = await fetch('/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ conversationId: conversationRef.current ?? undefined, clientMessageId, content: text, ...replaces }),
          signal: reply.abort.signal,
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => null)) as { message?: string } | null;
          fail(body?.message ?? FRIENDLY_COPY.generic);
          return;
        }
        // The last event id seen: where to follow the reply from if this stream breaks off (docs/api.md, "Runs").
        let lastId = 0;
        const onEvent = ({ event, data, id }: { event: string; data: string; id?: string }) => {
          if (id) lastId = Number(id) || lastId;
          let payload: Record<string, unknown>;
          try {
            payload = JSON.parse(data) as Record<string, unknown>;
          } catch {
            return;
          }
          switch (event) {
            case 'conversation': {
              const ids = payload as { conversationId: string; userMessageId: string; assistantMessageId: string };
              const previousAssistantId = assistantId;
              assistantId = ids.assistantMessageId;
              reply.assistantId = ids.assistantMessageId;
              const resend = resends.current.get(previousAssistantId);
              if (resend) resends.current.set(ids.assistantMessageId, resend);
              const stored = (id: string | null | undefined) =>
                id === localUserId ? ids.userMessageId : id === previousAssistantId ? ids.assistantMessageId : id;
              setMessages((current) =>
                current.map((m) =>
                  m.id === localUserId || m.id === previousAssistantId || (m.supersededBy && stored(m.supersededBy) !== m.supersededBy)
                    ? { ...m, id: stored(m.id)!, supersededBy: stored(m.supersededBy) ?? null }
                    : m,
                ),
              );
              if (!conversationRef.current) {
                conversationRef.current = ids.conversationId;
                setConversationId(ids.conversationId);
                const newTitle = text.length > 60 ? `${text.slice(0, 57)}…` : text;
                setTitle(newTitle);
                // Keep this component (and the live reply) mounted: only the address changes.
                window.history.replaceState(null, '', `/c/${ids.conversationId}`);
                // Shown at once from what we know; the list is re-read from the server when the reply ends, so the
                // first tokens do not compete with a list query.
                addConversation({ id: ids.conversationId, title: newTitle, status: 'active', lastMessageAt: now, createdAt: now, rating: null });
              }
              if (reply.stopRequested) void requestStop(ids.assistantMessageId);
              break;
            }
            case 'ledger':
              setLedger(payload as unknown as LedgerView);
              break;
            case 'start':
              if (typeof payload.model === 'string') setLiveModel(payload.model);
              break;
            case 'delta':
              if (typeof payload.text === 'string') {
                const piece = payload.text;
                patchMessage(assistantId, (m) => ({ ...m, content: m.content + piece }));
              }
              break;
            case 'plan':
              if (payload.view) {
                // A new version of the conversation's plan: the panel shows it, the reply keeps a line linking to it.
                const { view, ref } = payload as unknown as { view: PlanView; ref: PlanVersionRef };
                setPlan(view);
                patchMessage(assistantId, (m) => withPlanVersion(m, ref));
              } else {
                patchMessage(assistantId, (m) => ({ ...m, parts: [...m.parts, { type: 'plan', plan: payload.plan } as ChatPart] }));
              }
              break;
            case 'grocery':
              patchMessage(assistantId, (m) => ({ ...m, parts: [...m.parts, { type: 'grocery', grocery: payload.grocery } as ChatPart] }));
              break;
            case 'error':
              fail(typeof payload.message === 'string' ? payload.message : FRIENDLY_COPY.generic);
              break;
            case 'interrupted':
              terminal = true;
              patchMessage(assistantId, (m) => ({ ...m, status: 'interrupted' }));
              setAnnouncement('Reply stopped.');
              break;
            case 'done':
              terminal = true;
              patchMessage(assistantId, (m) => (m.status === 'error' ? m : { ...m, status: 'complete' }));
              setAnnouncement('Reply finished.');
              break;
            default:
              break;
          }
        };
        let body: ReadableStream | null = response.body;
        for (let attempt = 0; body && !terminal; attempt += 1) {
          const parser = createSseParser(onEvent);
          try {
            const reader = body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              parser.feed(value);
            }
            parser.end();
          } catch (error) {
            if (reply.abort.signal.aborted) return;
            if (!reply.assistantId || attempt >= FOLLOW_ATTEMPTS) throw error;
          }
          // Broken off before the reply ended (its server may have gone away): follow the reply from where this page
          // is, on whichever server answers; it is never asked for twice.
          body = null;
          if (terminal || !reply.assistantId || !conversationRef.current || attempt >= FOLLOW_ATTEMPTS) break;
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
          const params = new URLSearchParams({ conversationId: conversationRef.current, assistantMessageId: reply.assistantId, from: String(lastId) });
          const again = await fetch(`/api/chat/follow?${params}`, { cache: 'no-store', signal: reply.abort.signal }).catch(() => null);
          if (again?.ok) body = again.body;
          else if (again?.status === 404) {
            // Not being written any more: what was stored is the reply.
            const stored = await fetch(`/api/conversations/${conversationRef.current}`, { cache: 'no-store' }).catch(() => null);
            if (stored?.ok) {
              terminal = true;
              setMessages(((await stored.json()) as { messages: ChatMessage[] }).messages);
              setAnnouncement('Reply finished.');
            }
          }
        }
        if (!terminal) fail(FRIENDLY_COPY.generic);
      } catch (error) {
        if (reply.abort.signal.aborted) return;
        fail(error instanceof TypeError ? 'You seem to be offline. Check your connection and try again.' : FRIENDLY_COPY.generic);
      } finally {
        if (active.current === reply) active.current = null;
        setBusy(false);
        void refreshConversations();
      }
    },
    [patchMessage, refreshConversations, addConversation, requestStop],
  );

  const stop = useCallback(() => {
    const reply = active.current;
    if (!reply) return;
    reply.stopRequested = true;
    // The server answers with an `interrupted` event on this same stream once the partial reply is stored.
    if (reply.assistantId) void requestStop(reply.assistantId);
  }, [requestStop]);

  const retry = useCallback(
    (assistantMessage: ChatMessage) => {
      const index = messages.findIndex((m) => m.id === assistantMessage.id);
      const user = [...messages.slice(0, index)].reverse().find((m) => m.role === 'user');
      if (!user) return;
      void send(user.content, { clientMessageId: user.clientMessageId ?? undefined, retryOf: assistantMessage.id, ...resends.current.get(assistantMessage.id) });
    },
    [messages, send],
  );

  const regenerate = useCallback(
    (assistantMessage: ChatMessage) => {
      const index = messages.findIndex((m) => m.id === assistantMessage.id);
      const user = [...messages.slice(0, index)].reverse().find((m) => m.role === 'user' && !m.supersededBy);
      if (!user?.clientMessageId) return;
      void send(user.content, { clientMessageId: user.clientMessageId, regenerate: assistantMessage.id });
    },
    [messages, send],
  );

  const edit = useCallback((userMessage: ChatMessage, text: string) => void send(text, { editOf: userMessage.id }), [send]);

  const shown = threadOf(messages);
  const lastAssistantId = [...shown].reverse().find((m) => m.role === 'assistant')?.id;
  const lastUserId = [...shown].reverse().find((m) => m.role === 'user')?.id;
  const editedIds = new Set(messages.filter((m) => m.role === 'user' && m.supersededBy).map((m) => m.supersededBy));
  // Stored messages only: a message still on its way has no id the server knows.
  const stored = (id: string | undefined) => Boolean(conversationId && id && !id.startsWith('local-'));

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
    <main id="main" className={`flex min-h-0 min-w-0 flex-1 flex-col ${plan && planOpen ? 'max-xl:hidden' : ''}`} aria-label="Chat">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-cream-300 bg-cream-50/80 px-4 py-3 md:px-6">
        <h1 dir="auto" className="min-w-0 flex-1 basis-full truncate font-serif text-lg font-semibold sm:basis-auto" data-testid="chat-title">
          {conversationId ? title : 'New chat'}
        </h1>
        <Link
          href="/profile"
          className="inline-flex max-w-full items-center gap-1.5 truncate rounded-full border border-basil-600/30 bg-basil-600/10 px-3 py-1 text-xs font-medium text-basil-700 hover:bg-basil-600/15"
          data-testid="profile-chip"
        >
          {profileSummary ? `Cooking for ${profileSummary}` : 'Set up your household profile'}
        </Link>
        <AgentModeNote info={agentInfo} liveModel={liveModel} />
        {conversationId ? (
          <Suspense fallback={null}>
            <ConversationRating conversationId={conversationId} initialRating={conversation?.rating ?? null} />
          </Suspense>
        ) : null}
        {plan ? (
          <button type="button" className="btn-secondary px-3 py-1 text-xs xl:hidden" onClick={() => setPlanOpen(true)} data-testid="open-plan">
            Plan · v{plan.version}
          </button>
        ) : null}
      </header>

      <div className="relative flex min-h-0 flex-1 flex-col print:static">
        <div
          ref={scroll.scroller}
          // `relative`: screen-reader-only text (absolutely positioned) inside the replies is placed and clipped here,
          // not against the page, which it would otherwise make taller than the screen. Printing a grocery list places
          // the list against the page again (globals.css), so it is `static` and unclipped in print.
          className="relative min-h-0 flex-1 overflow-y-auto print:static print:overflow-visible"
        >
          <div className="mx-auto w-full max-w-4xl px-3 py-6 md:px-6">
            {shown.length === 0 ? (
              <EmptyState onPick={(text) => void send(text)} />
            ) : (
              <ol className="space-y-6" aria-label="Messages" data-testid="messages">
                {shown.map((message) => (
                  <MessageItem
                    key={message.id}
                    message={message}
                    isLast={message.id === lastAssistantId}
                    busy={busy}
                    onRetry={retry}
                    onRegenerate={stored(lastUserId) ? regenerate : undefined}
                    onEdit={message.id === lastUserId && stored(message.id) ? edit : undefined}
                    edited={editedIds.has(message.id)}
                    onOpenPlan={(_planId, version) => {
                      setPlanOpen(true);
                      setPlanVersionAsked({ version, at: Date.now() });
                    }}
                  />
                ))}
              </ol>
            )}
            <div ref={scroll.end} aria-hidden="true" />
          </div>
          <div ref={scroll.spacer} aria-hidden="true" />
        </div>
        {!scroll.endInView && shown.length > 0 ? (
          <Suspense fallback={null}>
            <JumpToLatest onJump={scroll.jumpToLatest} />
          </Suspense>
        ) : null}
      </div>

      <p role="status" aria-live="polite" className="sr-only" data-testid="chat-announcer">
        {announcement}
      </p>

      {/* From the first character typed (not with the page, which must stay small), so the reply never waits for it. */}
      {draft.trim() || busy ? <ReplyRendererPreload /> : null}
      {conversationId && ledger ? (
        <Suspense fallback={null}>
          <LedgerChips
            conversationId={conversationId}
            view={ledger}
            disabled={busy}
            onChange={(next, nextPlan) => {
              setLedger(next);
              // Removing or adding a chip brings the plan up to date with it (the server did): the panel shows it.
              if (nextPlan) setPlan(nextPlan);
            }}
          />
        </Suspense>
      ) : null}
      <Composer value={draft} onChange={setDraft} onSend={() => void send(draft)} onStop={stop} busy={busy} inputRef={composerInput} />
    </main>
      {plan ? (
        <aside
          className={`${planOpen ? 'flex' : 'hidden'} min-h-0 w-full min-w-0 flex-col border-cream-300 bg-cream-100 xl:flex xl:w-[min(46rem,50%)] xl:border-l print:static print:overflow-visible`}
          aria-label="Plan"
        >
          <Suspense fallback={<p className="p-4 text-sm text-ink-500">Loading the plan…</p>}>
            <PlanPanel view={plan} onChange={setPlan} onClose={() => setPlanOpen(false)} versionAsked={planVersionAsked} />
          </Suspense>
        </aside>
      ) : null}
    </div>
  );
}

function EmptyState({ onPick }: { onPick: (text: string) => void }) {
  return (
    <section className="mx-auto max-w-2xl pt-6 text-center md:pt-16" aria-labelledby="welcome-title">
      <img src="/icon.svg" alt="" width={56} height={56} className="mx-auto" />
      <h2 id="welcome-title" className="mt-3 font-serif text-2xl font-semibold md:text-3xl">
        What are we cooking this week?
      </h2>
      <p className="mx-auto mt-2 max-w-md text-ink-700">
        Ask for a meal plan, a grocery list or ideas for what’s in the fridge. Plans respect your household’s allergies and
        diet—checked against real recipe data.
      </p>
      <ul className="mt-8 grid gap-3 text-left sm:grid-cols-2">
        {SUGGESTIONS.map((suggestion) => (
          <li key={suggestion}>
            <button
              type="button"
              className="h-full w-full rounded-2xl border border-cream-300 bg-surface px-4 py-3 text-sm text-ink-900 shadow-sm transition-colors hover:border-tomato-500 hover:bg-cream-50"
              onClick={() => onPick(suggestion)}
            >
              {suggestion}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A reply with a line for one more plan version. An instance that follows a reply (after its stream broke off) shows
 * the versions the reply made again, from its start: one line per version.
 */
function withPlanVersion(message: ChatMessage, ref: PlanVersionRef): ChatMessage {
  const has = message.parts.some((p) => p.type === 'plan-version' && p.planId === ref.planId && p.version === ref.version);
  return has ? message : { ...message, parts: [...message.parts, { type: 'plan-version', ...ref }] };
}
