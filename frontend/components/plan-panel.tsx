'use client';

import { useEffect, useId, useState } from 'react';
import type { PlanChange, PlanView } from '@chef-chopsky/contract/plan-actions';
import type { MealSlot } from '@/lib/chat-types';
import { GroceryListCard } from './grocery-list';
import { IconPrint } from './card-icons';
import { IconCalendar, IconCopy, IconShare, IconX } from './icons';
import { PlanCard } from './plan-card';
import { sendJson } from './send-json';

type Action = PlanChange | { kind: 'restore'; version: number };

/**
 * The conversation's plan, one document beside the chat: the week with Swap and Keep on each meal, the servings, the
 * versions (any can be restored), the grocery list with its ticks, and the plan to take along (calendar file, print,
 * a read-only link). Every change is a structured action against the version on screen; when the plan moved on in
 * another tab, the current version is shown and nothing is overwritten.
 */
export default function PlanPanel({
  view,
  onChange,
  onClose,
  versionAsked,
}: {
  view: PlanView;
  onChange: (view: PlanView) => void;
  /** Closes the panel where it takes the chat's place (a phone). */
  onClose?: () => void;
  /** A version a reply's plan line asked to see (`at` tells two clicks on the same line apart). */
  versionAsked?: { version: number; at: number } | null;
}) {
  const [shown, setShown] = useState<PlanView>(view);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [share, setShare] = useState<{ url: string } | null>(null);
  const versionId = useId();
  const viewingOld = shown.version !== view.version;

  // A new current version (from the chat, or a change here) replaces an older one on screen.
  useEffect(() => {
    setShown(view);
  }, [view]);

  useEffect(() => {
    if (versionAsked) void openVersion(versionAsked.version);
    // Only a new ask opens a version; `openVersion` reads the current plan when it runs.
  }, [versionAsked]);

  const act = async (action: Action, done: string) => {
    setPending(true);
    setStatus(null);
    const result = await sendJson<{ plan: PlanView }>(`/api/plans/${view.planId}/actions`, 'POST', { baseVersion: view.version, action });
    setPending(false);
    if (result.ok) {
      onChange(result.body.plan);
      setStatus({ kind: 'ok', text: done });
      return;
    }
    // A change to a version that is no longer current: the answer carries the current one, shown instead.
    const current = (result.body as { details?: { plan?: PlanView } } | undefined)?.details?.plan;
    if (result.code === 'conflict:plan' && current) onChange(current);
    setStatus({ kind: 'error', text: result.message });
  };

  const openVersion = async (version: number) => {
    if (version === view.version) {
      setShown(view);
      return;
    }
    const response = await fetch(`/api/plans/${view.planId}?version=${version}`, { cache: 'no-store' }).catch(() => null);
    if (!response?.ok) {
      setStatus({ kind: 'error', text: 'That version could not be opened. Please try again.' });
      return;
    }
    setShown(((await response.json()) as { plan: PlanView }).plan);
  };

  const tick = async (ingredientId: string, ticked: boolean) => {
    // Shown at once; the server's answer is the truth.
    onChange({ ...view, ticks: ticked ? [...view.ticks, ingredientId] : view.ticks.filter((t) => t !== ingredientId) });
    const result = await sendJson<{ ticks: string[] }>(`/api/plans/${view.planId}/ticks`, 'POST', { ingredientId, ticked });
    if (result.ok) onChange({ ...view, ticks: result.body.ticks });
    else setStatus({ kind: 'error', text: result.message });
  };

  const startSharing = async () => {
    const result = await sendJson<{ url: string }>(`/api/plans/${view.planId}/share`, 'POST');
    if (!result.ok) return setStatus({ kind: 'error', text: result.message });
    setShare({ url: result.body.url });
    onChange({ ...view, shared: true });
  };

  const stopSharing = async () => {
    const result = await sendJson(`/api/plans/${view.planId}/share`, 'DELETE');
    if (!result.ok) return setStatus({ kind: 'error', text: result.message });
    setShare(null);
    onChange({ ...view, shared: false });
    setStatus({ kind: 'ok', text: 'The link no longer works.' });
  };

  const servings = view.plan.servings;
  const disabled = pending || viewingOld;

  return (
    <section aria-label="Meal plan" className="flex min-h-0 flex-1 flex-col print:static" data-testid="plan-panel">
      <div className="flex flex-wrap items-center gap-2 border-b border-cream-300 bg-cream-50 px-4 py-3" data-print-hide>
        <h2 className="mr-auto font-serif text-lg font-semibold">Your plan</h2>
        <label htmlFor={versionId} className="sr-only">
          Version
        </label>
        <select
          id={versionId}
          className="max-w-[16rem] truncate rounded-full border border-cream-300 bg-surface px-3 py-1 text-sm"
          value={shown.version}
          onChange={(event) => void openVersion(Number(event.target.value))}
          data-testid="plan-versions"
        >
          {view.versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {v.label}
            </option>
          ))}
        </select>
        {onClose ? (
          <button type="button" className="btn-ghost xl:hidden" aria-label="Back to the chat" onClick={onClose}>
            <IconX className="h-4 w-4" />
          </button>
        ) : null}
      </div>

      {/* `relative`: screen-reader-only text inside is placed and clipped here, not against the page. Static and unclipped
          in print, so a printed grocery list is laid out against the page (globals.css). */}
      <div className="relative min-h-0 flex-1 space-y-4 overflow-y-auto p-4 print:static print:overflow-visible">
        {viewingOld ? (
          <div className="flex flex-wrap items-center gap-3 rounded-2xl border border-amber-700/30 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="old-version">
            <span className="mr-auto">
              You are looking at v{shown.version} ({shown.label}). The current plan is v{view.version}.
            </span>
            <button type="button" className="btn-secondary px-3 py-1 text-xs" disabled={pending} onClick={() => void act({ kind: 'restore', version: shown.version }, `Restored v${shown.version}.`)}>
              Restore this version
            </button>
            <button type="button" className="btn-ghost px-3 py-1 text-xs" onClick={() => setShown(view)}>
              Back to current
            </button>
          </div>
        ) : null}
        {view.catalogOutdated && !viewingOld ? (
          <p className="rounded-2xl bg-cream-200 px-4 py-2 text-sm text-ink-700">
            This plan was made with older recipe data. It stays as it is; the next change uses the current recipes.
          </p>
        ) : null}

        <div className="flex flex-wrap items-center gap-2" data-print-hide>
          <div className="flex items-center rounded-full border border-cream-300 bg-surface" role="group" aria-label="Servings">
            <button type="button" className="h-8 w-8 rounded-l-full text-lg hover:bg-cream-200 disabled:opacity-40" aria-label="Fewer servings" disabled={disabled || servings <= 1} onClick={() => void act({ kind: 'servings', servings: servings - 1 }, `Now serves ${servings - 1}.`)}>
              −
            </button>
            <span className="px-2 text-sm" aria-live="polite" data-testid="plan-servings">
              Serves {servings}
            </span>
            <button type="button" className="h-8 w-8 rounded-r-full text-lg hover:bg-cream-200 disabled:opacity-40" aria-label="More servings" disabled={disabled || servings >= 20} onClick={() => void act({ kind: 'servings', servings: servings + 1 }, `Now serves ${servings + 1}.`)}>
              +
            </button>
          </div>
          <button type="button" className="btn-secondary px-3 py-1 text-xs" disabled={disabled} onClick={() => void act({ kind: 'replan' }, 'Re-planned the meals you did not keep.')}>
            Re-plan the rest
          </button>
          <a className="btn-ghost text-xs" href={`/api/plans/${view.planId}/calendar`} download data-testid="plan-calendar">
            <IconCalendar className="h-4 w-4" /> Calendar
          </a>
          <a className="btn-ghost text-xs" href={`/plans/${view.planId}/print`} target="_blank" rel="noopener" data-testid="plan-print">
            <IconPrint className="h-4 w-4" /> Print
          </a>
          {view.shared || share ? (
            <button type="button" className="btn-ghost text-xs" onClick={() => void stopSharing()} data-testid="plan-unshare">
              <IconShare className="h-4 w-4" /> Stop sharing
            </button>
          ) : (
            <button type="button" className="btn-ghost text-xs" onClick={() => void startSharing()} data-testid="plan-share">
              <IconShare className="h-4 w-4" /> Share
            </button>
          )}
        </div>
        {share ? (
          <div className="flex flex-wrap items-center gap-2 rounded-2xl border border-cream-300 bg-surface px-3 py-2 text-sm">
            <span className="min-w-0 flex-1 truncate" data-testid="plan-share-url">
              {share.url}
            </span>
            <button
              type="button"
              className="btn-ghost text-xs"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(share.url);
                  setStatus({ kind: 'ok', text: 'Link copied. Anyone with it can see this plan and its grocery list, nothing else.' });
                } catch {
                  setStatus({ kind: 'ok', text: 'Anyone with this link can see this plan and its grocery list, nothing else.' });
                }
              }}
            >
              <IconCopy className="h-4 w-4" /> Copy link
            </button>
          </div>
        ) : null}
        <p role="status" aria-live="polite" className={`text-sm empty:hidden ${status?.kind === 'error' ? 'text-tomato-700' : 'text-basil-700'}`} data-testid="plan-status">
          {status?.text}
        </p>

        <PlanCard
          plan={shown.plan}
          title={viewingOld ? `v${shown.version} of your plan` : undefined}
          actions={
            viewingOld
              ? undefined
              : {
                  disabled: pending,
                  swap: (day: number, slot: MealSlot) => void act({ kind: 'swap', day, slot }, 'Swapped. Everything else stays as it was.'),
                  lock: (day: number, slot: MealSlot, locked: boolean) => void act({ kind: 'lock', day, slot, locked }, locked ? 'Kept: re-plans leave it as it is.' : 'No longer kept.'),
                }
          }
        />
        <GroceryListCard grocery={shown.grocery} storageKey={`${shown.planId}-v${shown.version}`} ticks={viewingOld ? undefined : view.ticks} onTick={viewingOld ? undefined : (id, ticked) => void tick(id, ticked)} assumed={shown.state.pantry} />
      </div>
    </section>
  );
}
