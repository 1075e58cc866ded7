'use client';

import { lazy, memo, Suspense, useEffect, useState } from 'react';
import type { ChatMessage } from '@/lib/chat-types';
import { IconCopy, IconRetry } from './icons';
import { UserMessage } from './user-message';

// Loaded when a reply first needs them, so the chat page's first load stays small (bench: first-load JS).
const Markdown = lazy(() => import('./markdown'));
const PlanCard = lazy(() => import('./plan-card').then((m) => ({ default: m.PlanCard })));
const GroceryListCard = lazy(() => import('./grocery-list').then((m) => ({ default: m.GroceryListCard })));
// Only a finished reply has thumbs: a new chat's page does not load them (ReplyRendererPreload fetches them).
const loadFeedback = () => import('./feedback');
const Feedback = lazy(() => loadFeedback().then((m) => ({ default: m.Feedback })));

/**
 * Renders nothing; mounting it makes React fetch and evaluate the markdown chunk now. React keeps a lazy component
 * once it has loaded, so a reply rendered after this does not suspend: its first token is painted as markdown in one
 * render, instead of waiting for the chunk (fetched and compiled on the main thread just as the token arrives) and
 * then committing a plain-text fallback and the markdown a task later. Memoized so that the replies streaming
 * beside it do not re-run the (empty) markdown pipeline on every token.
 */
export const ReplyRendererPreload = memo(function ReplyRendererPreload() {
  // A finished reply's thumbs too, so that no script is fetched while a reply arrives.
  // Offline, the fetch fails: no error here, the thumbs load again when a finished reply shows them.
  useEffect(() => {
    loadFeedback().catch(() => undefined);
  }, []);
  return (
    <Suspense fallback={null}>
      <Markdown text="" />
    </Suspense>
  );
});

function CardPlaceholder({ label }: { label: string }) {
  return (
    <div className="card h-40 animate-pulse bg-cream-50" role="status">
      <span className="sr-only">Loading the {label}…</span>
    </div>
  );
}

function PlainText({ text }: { text: string }) {
  return <p className="whitespace-pre-wrap">{text}</p>;
}

/** The agent's hidden plan reference (a markdown comment line) is for the agent, not for copying. */
function visibleText(text: string): string {
  return text.replace(/^\[\/\/\]: # \(.*\)\s*$/gm, '').trimEnd();
}

function RenderedMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<PlainText text={text} />}>
      <Markdown text={text} />
    </Suspense>
  );
}

/**
 * When a reply carries a plan or grocery card, the card is the readable form: show the reply's opening paragraph and
 * keep the full text (the same plan as a markdown table) one click away.
 */
function ReplyText({ text, hasCards }: { text: string; hasCards: boolean }) {
  const shown = visibleText(text);
  const [lead, ...rest] = shown.split(/\n\s*\n/);
  if (!hasCards || rest.length === 0) {
    return (
      <div dir="auto" className="prose-chat" data-testid="reply-text">
        <RenderedMarkdown text={shown} />
      </div>
    );
  }
  return (
    <div dir="auto" className="prose-chat" data-testid="reply-text">
      <RenderedMarkdown text={lead ?? ''} />
      <details className="group mt-1">
        <summary className="cursor-pointer text-sm font-medium text-tomato-700 select-none hover:underline">Show the full reply as text</summary>
        <div className="mt-2">
          <RenderedMarkdown text={rest.join('\n\n')} />
        </div>
      </details>
    </div>
  );
}

export function MessageItem({
  message,
  isLast,
  busy,
  onRetry,
  onOpenPlan,
  onRegenerate,
  onEdit,
  edited = false,
}: {
  message: ChatMessage;
  isLast: boolean;
  busy: boolean;
  onRetry: (message: ChatMessage) => void;
  /** Opens the plan panel at a version of the plan (a reply's plan line). */
  onOpenPlan: (planId: string, version: number) => void;
  /** On the last finished reply: a new reply in its place. */
  onRegenerate?: (message: ChatMessage) => void;
  /** On the cook's last message: send it again, edited. */
  onEdit?: (message: ChatMessage, text: string) => void;
  /** The cook's message replaced an earlier version of itself. */
  edited?: boolean;
}) {
  if (message.role === 'user') {
    return <UserMessage message={message} edited={edited} onEdit={onEdit && !busy ? (text) => onEdit(message, text) : undefined} />;
  }

  const streaming = message.status === 'streaming';
  const plan = message.parts.find((part) => part.type === 'plan');
  const grocery = message.parts.find((part) => part.type === 'grocery');
  const versions = message.parts.filter((part) => part.type === 'plan-version');

  return (
    <li className="flex gap-3" data-testid="assistant-message" data-status={message.status}>
      <div className="mt-1 hidden h-8 w-8 shrink-0 items-center justify-center rounded-full bg-basil-600 text-sm text-white sm:flex" aria-hidden="true">
        CC
      </div>
      <article className="min-w-0 flex-1 space-y-3" aria-busy={streaming} aria-label="Chef Chopsky’s reply">
        {message.content ? (
          <ReplyText text={message.content} hasCards={Boolean(plan || grocery)} />
        ) : streaming ? (
          <p className="flex items-center gap-2 text-sm text-ink-500" data-testid="thinking">
            <span className="inline-flex gap-1" aria-hidden="true">
              <span className="h-2 w-2 animate-bounce rounded-full bg-tomato-500 [animation-delay:-0.3s]" />
              <span className="h-2 w-2 animate-bounce rounded-full bg-tomato-500 [animation-delay:-0.15s]" />
              <span className="h-2 w-2 animate-bounce rounded-full bg-tomato-500" />
            </span>
            Chef Chopsky is thinking…
          </p>
        ) : null}

        {versions.map((ref) => (
          <button
            key={`${ref.planId}-${ref.version}`}
            type="button"
            className="flex w-full items-center gap-2 rounded-2xl border border-basil-600/30 bg-basil-600/5 px-3 py-2 text-left text-sm hover:bg-basil-600/10"
            onClick={() => onOpenPlan(ref.planId, ref.version)}
            data-testid="plan-version-line"
          >
            <span className="rounded-full bg-basil-600 px-2 py-0.5 text-xs font-semibold text-white">v{ref.version}</span>
            <span className="min-w-0 flex-1 truncate text-ink-900">{ref.label[0]!.toUpperCase() + ref.label.slice(1)}</span>
            <span className="shrink-0 text-xs font-medium text-tomato-700">Open plan →</span>
          </button>
        ))}
        {plan?.type === 'plan' ? (
          <Suspense fallback={<CardPlaceholder label="meal plan" />}>
            <PlanCard plan={plan.plan} />
          </Suspense>
        ) : null}
        {grocery?.type === 'grocery' ? (
          <Suspense fallback={<CardPlaceholder label="grocery list" />}>
            <GroceryListCard grocery={grocery.grocery} storageKey={message.id} />
          </Suspense>
        ) : null}

        {message.status === 'interrupted' ? (
          <p className="inline-flex items-center gap-2 rounded-full bg-cream-200 px-3 py-1 text-xs font-medium text-ink-700" data-testid="stopped-badge">
            Stopped — the reply above is what was written so far.
          </p>
        ) : null}

        {message.status === 'error' ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 rounded-2xl border border-tomato-500/40 bg-tomato-500/10 px-4 py-3 text-sm text-tomato-700" data-testid="reply-error">
            <span>{message.errorMessage}</span>
            {isLast ? (
              <button type="button" className="btn-secondary px-3 py-1 text-xs" onClick={() => onRetry(message)} disabled={busy}>
                <IconRetry className="h-4 w-4" /> Retry
              </button>
            ) : null}
          </div>
        ) : null}

        {!streaming && message.status !== 'error' ? (
          <div className="flex flex-wrap items-center gap-1" data-print-hide>
            <CopyButton text={visibleText(message.content)} />
            {isLast && message.status === 'interrupted' ? (
              <button type="button" className="btn-ghost text-xs" onClick={() => onRetry(message)} disabled={busy}>
                <IconRetry className="h-4 w-4" /> Retry
              </button>
            ) : null}
            {isLast && message.status === 'complete' && onRegenerate ? (
              <button type="button" className="btn-ghost text-xs" onClick={() => onRegenerate(message)} disabled={busy}>
                <IconRetry className="h-4 w-4" /> Regenerate
              </button>
            ) : null}
            {!message.id.startsWith('local-') ? (
              <Suspense fallback={null}>
                <Feedback messageId={message.id} initial={message.feedback ?? null} />
              </Suspense>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn-ghost text-xs"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      <IconCopy className="h-4 w-4" />
      <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
    </button>
  );
}
