'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { GroceryList } from '@/lib/chat-types';
import { IconCopy } from './icons';
import { IconDownload, IconPrint } from './card-icons';

/** "Avocado: 3 avocados (410 g)": the agent's `display` is the amount only. */
function itemLabel(item: { name: string; display: string }): string {
  return `${item.name}: ${item.display}`;
}

export function groceryListAsText(grocery: GroceryList, checked: Set<string> = new Set(), markdown = false): string {
  const lines: string[] = [markdown ? '# Grocery list' : 'Grocery list', ''];
  for (const section of grocery.sections) {
    lines.push(markdown ? `## ${section.section}` : `${section.section}:`);
    for (const item of section.items) {
      const tick = checked.has(item.ingredientId) ? 'x' : ' ';
      lines.push(markdown ? `- [${tick}] ${itemLabel(item)}` : `  [${tick}] ${itemLabel(item)}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd() + '\n';
}

/**
 * The grocery checklist, grouped by store section. Ticks belong to the plan when `ticks` and `onTick` are given (the
 * plan panel: kept on the server and carried over to the plan's next versions); otherwise they are remembered in this
 * browser under `storageKey` (replies stored before plans had versions).
 */
export function GroceryListCard({
  grocery,
  storageKey,
  ticks,
  onTick,
  assumed,
}: {
  grocery: GroceryList;
  storageKey: string;
  ticks?: readonly string[];
  onTick?: (ingredientId: string, ticked: boolean) => void;
  /** What the cook said they have for this plan, in their words: not bought. */
  assumed?: readonly string[];
}) {
  const key = `chopsky.grocery.${storageKey}`;
  const [localChecked, setChecked] = useState<Set<string>>(new Set());
  const checked = ticks ? new Set(ticks) : localChecked;
  const [status, setStatus] = useState('');
  const card = useRef<HTMLElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (ticks) return;
    try {
      const saved = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
      if (Array.isArray(saved)) setChecked(new Set(saved.filter((v): v is string => typeof v === 'string')));
    } catch {
      // Storage unavailable or corrupted: start with nothing ticked.
    }
  }, [key, ticks]);

  const toggle = (id: string) => {
    if (onTick) {
      onTick(id, !checked.has(id));
      return;
    }
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      try {
        localStorage.setItem(key, JSON.stringify([...next]));
      } catch {
        // Private browsing without storage: ticks last for this visit only.
      }
      return next;
    });
  };

  const download = () => {
    const blob = new Blob([groceryListAsText(grocery, checked, true)], { type: 'text/markdown;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'grocery-list.md';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus('Downloaded grocery-list.md');
  };

  const print = () => {
    const el = card.current;
    if (!el) return;
    el.dataset.printTarget = 'true';
    document.body.dataset.printing = 'true';
    const cleanup = () => {
      delete el.dataset.printTarget;
      delete document.body.dataset.printing;
      window.removeEventListener('afterprint', cleanup);
    };
    window.addEventListener('afterprint', cleanup);
    window.print();
  };

  return (
    <section ref={card} className="card" aria-labelledby={headingId} data-testid="grocery-list">
      <div className="flex flex-wrap items-center gap-2 border-b border-cream-300 bg-cream-50 px-4 py-3">
        <h3 id={headingId} className="mr-auto font-serif text-base font-semibold">
          Grocery list{' '}
          <span className="font-sans text-sm font-normal text-ink-500">
            · {checked.size} of {grocery.itemCount} ticked
          </span>
        </h3>
        <div className="flex flex-wrap gap-1" data-print-hide>
          <button
            type="button"
            className="btn-ghost text-xs"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(groceryListAsText(grocery, checked));
                setStatus('Grocery list copied.');
              } catch {
                setStatus('Copying is not allowed here. Try Download instead.');
              }
            }}
          >
            <IconCopy className="h-4 w-4" /> Copy
          </button>
          <button type="button" className="btn-ghost text-xs" onClick={print}>
            <IconPrint className="h-4 w-4" /> Print
          </button>
          <button type="button" className="btn-ghost text-xs" onClick={download}>
            <IconDownload className="h-4 w-4" /> Download
          </button>
        </div>
      </div>
      <div className="gap-x-8 px-4 pt-4 sm:columns-2">
        {grocery.sections.map((section) => (
          <fieldset key={section.section} className="mb-4 break-inside-avoid" data-testid="grocery-section">
            <legend className="mb-1 text-xs font-semibold tracking-wide text-ink-500 uppercase">{section.section}</legend>
            <ul className="space-y-0.5">
              {section.items.map((item) => {
                const id = `${storageKey}-${item.ingredientId}`;
                const done = checked.has(item.ingredientId);
                return (
                  <li key={item.ingredientId}>
                    <label htmlFor={id} className="flex cursor-pointer items-start gap-2 rounded-lg px-1 py-1 text-sm hover:bg-cream-100">
                      <input
                        id={id}
                        type="checkbox"
                        checked={done}
                        onChange={() => toggle(item.ingredientId)}
                        className="mt-0.5 h-4 w-4 shrink-0 accent-basil-600"
                      />
                      <span className={done ? 'text-ink-500 line-through' : ''}>
                        <span className="font-medium">{item.name}</span>
                        <span className={done ? '' : 'text-ink-700'}> · {item.display}</span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </div>
      {grocery.unmatched?.length ? (
        <div className="px-4 pb-3" data-testid="grocery-as-written">
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-ink-500 uppercase">As your recipes say</h4>
          <p className="mb-1 text-xs text-ink-700">Lines of your own recipes not matched to an ingredient yet, so not added up with the rest: buy as written.</p>
          <ul className="space-y-0.5 text-sm">
            {grocery.unmatched.map((line) => (
              <li key={line.text}>
                {line.text} <span className="text-xs text-ink-500">· {line.usedIn.join(', ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {grocery.fromPantry.length > 0 || (assumed?.length ?? 0) > 0 ? (
        <p className="px-4 pb-3 text-xs text-ink-700" data-testid="grocery-assumed">
          Not on the list because you have them: {[...new Set([...(assumed ?? []), ...grocery.fromPantry.map((p) => p.name.toLowerCase())])].join(', ')}.
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="px-4 pb-3 text-xs text-ink-500 empty:hidden">
        {status}
      </p>
    </section>
  );
}
