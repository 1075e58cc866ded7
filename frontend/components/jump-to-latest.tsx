'use client';

import { IconArrowDown } from './icons';

/** Floats over the bottom of the message list while its end is out of view. */
export function JumpToLatest({ onJump }: { onJump: () => void }) {
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center" data-print-hide>
      <button type="button" className="btn-secondary pointer-events-auto shadow-md" onClick={onJump} data-testid="jump-to-latest">
        <IconArrowDown className="h-4 w-4" /> Jump to latest
      </button>
    </div>
  );
}
