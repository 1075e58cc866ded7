'use client';

import { useId, useRef, useState } from 'react';
import { IconThumbDown, IconThumbUp } from './card-icons';
import { LatestSave } from './latest-save';
import { sendJson, type SendJsonResult } from './send-json';

type Rating = 'up' | 'down';

/** Thumbs up/down on one reply, then an optional comment. Clicking the chosen thumb again clears the rating. */
export function Feedback({ messageId, initial }: { messageId: string; initial: { rating: Rating; comment: string | null } | null }) {
  const [rating, setRating] = useState<Rating | null>(initial?.rating ?? null);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [askComment, setAskComment] = useState(false);
  const [status, setStatus] = useState('');
  const commentId = useId();

  const saved = useRef(initial?.rating ?? null);
  const [saves] = useState(() => new LatestSave<SendJsonResult<unknown>>());

  /** True when this was the cook's latest choice and the server kept it; what follows a press waits for that. */
  const save = async (next: Rating | null, nextComment?: string) => {
    setRating(next);
    // Presses can come faster than the server answers: the saves go out in order, so the last press is the one kept.
    const outcome = await saves.save(() =>
      sendJson('/api/feedback', 'POST', { messageId, rating: next, ...(nextComment ? { comment: nextComment } : {}) }),
    );
    if (!outcome.sent) return false;
    const { result } = outcome;
    if (result.ok) saved.current = next;
    if (!outcome.newest) return false;
    if (!result.ok) {
      setRating(saved.current);
      setStatus(result.message);
      return false;
    }
    return true;
  };

  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="feedback">
      <button
        type="button"
        className={`btn-ghost rounded-full p-1.5 ${rating === 'up' ? 'bg-basil-600/15 text-basil-700' : ''}`}
        aria-label="Good reply"
        aria-pressed={rating === 'up'}
        onClick={async () => {
          const next = rating === 'up' ? null : 'up';
          if (await save(next)) {
            setAskComment(next !== null);
            setStatus(next ? 'Thanks! Anything to add?' : 'Rating removed.');
          }
        }}
      >
        <IconThumbUp className="h-4 w-4" />
      </button>
      <button
        type="button"
        className={`btn-ghost rounded-full p-1.5 ${rating === 'down' ? 'bg-tomato-500/15 text-tomato-700' : ''}`}
        aria-label="Bad reply"
        aria-pressed={rating === 'down'}
        onClick={async () => {
          const next = rating === 'down' ? null : 'down';
          if (await save(next)) {
            setAskComment(next !== null);
            setStatus(next ? 'Sorry about that. What went wrong?' : 'Rating removed.');
          }
        }}
      >
        <IconThumbDown className="h-4 w-4" />
      </button>
      <span role="status" aria-live="polite" className="text-xs text-ink-500">
        {status}
      </span>
      {askComment && rating ? (
        <form
          className="mt-1 flex w-full flex-wrap items-center gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await save(rating, comment.trim())) {
              setAskComment(false);
              setStatus('Thanks for the feedback.');
            }
          }}
        >
          <label htmlFor={commentId} className="sr-only">
            Comment on this reply (optional)
          </label>
          <input
            id={commentId}
            value={comment}
            maxLength={2000}
            onChange={(event) => setComment(event.target.value)}
            placeholder="Tell us more (optional)"
            className="min-w-0 flex-1 rounded-full border border-cream-300 bg-surface px-3 py-1.5 text-sm"
          />
          <button type="submit" className="btn-secondary px-3 py-1 text-xs">
            Send feedback
          </button>
        </form>
      ) : null}
    </div>
  );
}
