'use client';

import { useEffect, useId, useRef } from 'react';
import { IconX } from './icons';

/**
 * A modal built on <dialog>.showModal(): the browser makes everything else inert (the focus trap), Escape closes it,
 * and focus returns to whatever opened it.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
  size = 'md',
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  size?: 'sm' | 'md' | 'lg';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
      onClose();
    };
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, [onClose]);

  const width = size === 'sm' ? 'max-w-sm' : size === 'lg' ? 'max-w-2xl' : 'max-w-lg';
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`m-auto w-[calc(100vw-2rem)] ${width} rounded-2xl border border-cream-300 bg-cream-50 p-0 text-ink-900 shadow-2xl`}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) ref.current?.close();
      }}
    >
      {open ? (
        <div className="flex max-h-[85dvh] flex-col">
          <div className="flex items-start justify-between gap-3 border-b border-cream-300 px-5 py-4">
            <h2 id={titleId} className="font-serif text-lg font-semibold">
              {title}
            </h2>
            <button type="button" className="btn-ghost -mr-2 rounded-full p-1.5" aria-label="Close" onClick={() => ref.current?.close()}>
              <IconX />
            </button>
          </div>
          <div className="relative overflow-y-auto px-5 py-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
