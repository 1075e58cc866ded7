'use client';

import { useRef, useState } from 'react';
import { IconStar } from './card-icons';
import { LatestSave } from './latest-save';
import { sendJson, type SendJsonResult } from './send-json';

const STARS = [1, 2, 3, 4, 5] as const;

/** The star an arrow, Home or End key moves to from `value`, wrapping like any radio group; null for other keys. */
function starForKey(key: string, value: number): number | null {
  if (key === 'ArrowRight' || key === 'ArrowDown') return value === 5 ? 1 : value + 1;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return value === 1 ? 5 : value - 1;
  if (key === 'Home') return 1;
  if (key === 'End') return 5;
  return null;
}

/**
 * 1–5 rating of the whole conversation, as a radio group of stars with a roving tabindex: only the checked star (or
 * the first, before any rating) is in the Tab order, so keyboard moves focus together with the selection.
 */
export function ConversationRating({ conversationId, initialRating }: { conversationId: string; initialRating: number | null }) {
  const [rating, setRating] = useState(initialRating);
  const [hover, setHover] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const stars = useRef<(HTMLButtonElement | null)[]>([]);
  const saved = useRef(initialRating);
  const [saves] = useState(() => new LatestSave<SendJsonResult<unknown>>());
  const shown = hover ?? rating ?? 0;

  const rate = async (value: number) => {
    setRating(value);
    // Clicks and arrow keys can come faster than the server answers: the saves go out in order, and only the newest
    // answer decides what is shown.
    const outcome = await saves.save(() => sendJson(`/api/conversations/${conversationId}`, 'PATCH', { rating: value }));
    if (!outcome.sent) return;
    const { result } = outcome;
    if (result.ok) saved.current = value;
    if (!outcome.newest) return;
    if (result.ok) {
      setStatus(`Rated ${value} out of 5. Thank you!`);
      return;
    }
    setRating(saved.current);
    setStatus(result.message);
    const focused = stars.current.findIndex((star) => star === document.activeElement);
    if (focused !== -1) stars.current[(saved.current ?? 1) - 1]?.focus();
  };

  return (
    <div className="flex items-center gap-2" data-testid="conversation-rating">
      <div role="radiogroup" aria-label="Rate this conversation" className="flex" onMouseLeave={() => setHover(null)}>
        {STARS.map((value) => (
          <button
            key={value}
            ref={(element) => {
              stars.current[value - 1] = element;
            }}
            type="button"
            role="radio"
            aria-checked={rating === value}
            aria-label={`${value} out of 5`}
            tabIndex={rating === value || (rating === null && value === 1) ? 0 : -1}
            className={`rounded p-0.5 ${value <= shown ? 'text-amber-600' : 'text-ink-500/60'} hover:text-amber-600`}
            onMouseEnter={() => setHover(value)}
            onClick={() => void rate(value)}
            onKeyDown={(event) => {
              const next = starForKey(event.key, value);
              if (next === null) return;
              event.preventDefault();
              stars.current[next - 1]?.focus();
              void rate(next);
            }}
          >
            <IconStar filled={value <= shown} className="h-4 w-4" />
          </button>
        ))}
      </div>
      <span role="status" aria-live="polite" className="sr-only">
        {status}
      </span>
    </div>
  );
}
