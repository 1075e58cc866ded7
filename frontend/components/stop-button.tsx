'use client';

import { useEffect, useState } from 'react';
import { IconStop } from './icons';

/**
 * How long Stop ignores activation after it appears. Stop never takes Send's place (Send stays where it was, inert while
 * a reply is written), and this covers the one place a pointer can have been a moment ago: the message box's right
 * end, clicked, then Enter, then a click again. Longer than a double click's interval, short enough that a cook who
 * means to stop never notices.
 */
export const STOP_ARM_MS = 600;

/** Stop the reply being written. Shown beside Send while a reply streams; announced as unavailable until armed. */
export function StopButton({ onStop }: { onStop: () => void }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), STOP_ARM_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <button
      type="button"
      onClick={() => {
        if (armed) onStop();
      }}
      aria-disabled={armed ? undefined : true}
      className="btn-secondary h-11 shrink-0 px-4 aria-disabled:cursor-default aria-disabled:opacity-60"
      aria-label="Stop the reply"
      data-testid="stop-button"
    >
      <IconStop className="h-4 w-4" /> <span className="hidden sm:inline">Stop</span>
    </button>
  );
}
