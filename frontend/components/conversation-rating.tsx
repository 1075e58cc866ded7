'use client';

import { useState } from 'react';
import { IconStar } from './icons';
import { sendJson } from './send-json';

/** 1–5 rating of the whole conversation, as a radio group of stars. */
export function ConversationRating({ conversationId, initialRating }: { conversationId: string; initialRating: number | null }) {
  const [rating, setRating] = useState(initialRating);
  const [hover, setHover] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const shown = hover ?? rating ?? 0;

  const rate = async (value: number) => {
    const previous = rating;
    setRating(value);
    const result = await sendJson(`/api/conversations/${conversationId}`, 'PATCH', { rating: value });
    if (result.ok) setStatus(`Rated ${value} out of 5. Thank you!`);
    else {
      setRating(previous);
      setStatus(result.message);
    }
  };

  return (
    <div className="flex items-center gap-2" data-testid="conversation-rating">
      <div role="radiogroup" aria-label="Rate this conversation" className="flex" onMouseLeave={() => setHover(null)}>
        {[1, 2, 3, 4, 5].map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={rating === value}
            aria-label={`${value} out of 5`}
            tabIndex={rating === value || (rating === null && value === 1) ? 0 : -1}
            className={`rounded p-0.5 ${value <= shown ? 'text-amber-600' : 'text-ink-500/60'} hover:text-amber-600`}
            onMouseEnter={() => setHover(value)}
            onClick={() => void rate(value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight' || event.key === 'ArrowUp') {
                event.preventDefault();
                void rate(Math.min(5, (rating ?? 0) + 1));
              } else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') {
                event.preventDefault();
                void rate(Math.max(1, (rating ?? 2) - 1));
              }
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
