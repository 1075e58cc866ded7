import { captureException, init } from '@sentry/nextjs';
import { redactShareTokens } from './sentry-redact';

/**
 * The browser's Sentry SDK, a lazily loaded chunk of its own (instrumentation-client.ts loads it, and so does the error
 * screen when it has something to report). It is a module, not an inline `import('@sentry/nextjs')`, so that the
 * bundler sees the functions used: the whole namespace would bring Session Replay and the feedback widget along,
 * three times the size.
 *
 * Events are tagged like the server's, with values fixed at build time: the environment from APP_ENV (next.config.ts),
 * the release from RELEASE or the commit SHA (withSentryConfig injects it; passing `release` here would override it).
 */
export function startBrowserSentry(dsn: string): void {
  init({
    dsn,
    environment: process.env.NEXT_PUBLIC_APP_ENV,
    // Fixed at build time by next.config.ts (NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE, else by environment).
    tracesSampleRate: Number(process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE ?? 0),
    // No IP address: with userInfo on, sessions ask Sentry to infer the cook's IP from the connection (`{{auto}}`).
    dataCollection: { userInfo: false },
    // Share links are capabilities: their token is replaced wherever it would appear (lib/sentry-redact.ts).
    beforeSend: (event) => redactShareTokens(event),
    beforeSendSpan: (span) => redactShareTokens(span),
    beforeBreadcrumb: (breadcrumb) => redactShareTokens(breadcrumb),
  });
}

/** A fault that a React error boundary caught in the browser (components/error-screen.tsx): no global handler sees it. */
export function captureBoundaryError(error: unknown): void {
  captureException(error, { mechanism: { type: 'auto.function.nextjs.error_boundary', handled: true } });
}
