import { init } from '@sentry/nextjs';

/**
 * The browser's Sentry SDK, a lazily loaded chunk of its own (instrumentation-client.ts loads it). It is a module, not
 * an inline `import('@sentry/nextjs')`, so that the bundler sees the one function used: the whole namespace would
 * bring Session Replay and the feedback widget along, three times the size.
 *
 * Events are tagged like the server's, with values fixed at build time: the environment from APP_ENV (next.config.ts),
 * the release from RELEASE or the commit SHA (withSentryConfig injects it; passing `release` here would override it).
 */
export function startBrowserSentry(dsn: string): void {
  init({ dsn, environment: process.env.NEXT_PUBLIC_APP_ENV, tracesSampleRate: 0 });
}
