import type { Instrumentation } from 'next';

/**
 * Server-side Sentry, only when SENTRY_DSN is set: the SDK is imported lazily so a build or run without a DSN never
 * loads it. Events carry the environment (APP_ENV, else VERCEL_ENV) and the release (RELEASE, else the deployment's
 * commit SHA), as lib/env.ts resolves them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Fail fast: a bad configuration stops the server at start-up with every bad key named, not at the first request.
  const { serverEnv } = await import('./lib/env');
  const env = serverEnv();
  if (!env.sentryDsn) return;
  const Sentry = await import('@sentry/nextjs');
  Sentry.init({
    dsn: env.sentryDsn,
    environment: env.appEnv,
    // Only when known: an explicit undefined would override the release withSentryConfig injected at build time.
    ...(env.release ? { release: env.release } : {}),
    tracesSampleRate: 0,
  });
}

/** Errors that escape a server component, route handler or server action: reported with the route they came from. */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!process.env.SENTRY_DSN) return;
  const Sentry = await import('@sentry/nextjs');
  Sentry.captureRequestError(...args);
};
