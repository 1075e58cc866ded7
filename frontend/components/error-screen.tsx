'use client';

import { useEffect } from 'react';
import { FRIENDLY_COPY } from '@/lib/chat-types';

export interface ErrorScreenProps {
  error: unknown;
  /** Next's refresh-then-reset: fetches the segment from the server again, then clears the boundary (reset()). */
  retry: () => void;
}

/**
 * What a cook sees when a page fails (app/error.tsx) or the root layout does (app/global-error.tsx), instead of
 * Next.js's built-in screen. Only a fault without a digest is reported from here: one with a digest happened on the
 * server, which has already logged and reported it (instrumentation.ts), so reporting it again would count it twice.
 * The SDK comes through lib/browser-sentry.ts, the chunk instrumentation-client.ts has already loaded, not a static
 * import, which would bundle a second copy of it. This screen is itself loaded only when shown (app/error.tsx).
 */
export default function ErrorScreen({ error, retry }: ErrorScreenProps) {
  const digest = (error as { digest?: unknown } | null)?.digest;

  useEffect(() => {
    if (digest || !process.env.NEXT_PUBLIC_SENTRY_DSN) return;
    void import('@/lib/browser-sentry').then(({ captureBoundaryError }) => captureBoundaryError(error));
  }, [digest, error]);

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <img src="/icon.svg" alt="" width={56} height={56} />
      <div role="alert" className="flex flex-col gap-2">
        <h1 className="font-serif text-2xl font-semibold">This page didn’t come out right</h1>
        <p className="text-ink-700">{FRIENDLY_COPY.generic}</p>
      </div>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" className="btn-primary" onClick={retry}>
          Try again
        </button>
        {/* A full page load, not a client navigation: whatever state broke this page is left behind. */}
        <a href="/" className="btn-secondary">
          Start a new chat
        </a>
      </div>
      {typeof digest === 'string' ? <p className="text-xs text-ink-500">Reference: {digest}</p> : null}
    </main>
  );
}
