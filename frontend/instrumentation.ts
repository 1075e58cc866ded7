import type { Instrumentation } from 'next';

/**
 * Server-side Sentry, only when SENTRY_DSN is set: the SDK is imported lazily so a build or run without a DSN never
 * loads it. Events carry the environment (APP_ENV) and the release (RELEASE or the deployment's commit SHA).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Fail fast: a bad configuration stops the server at start-up with every bad key named, not at the first request.
  const { serverEnv } = await import('./lib/env');
  serverEnv();
  if (!process.env.SENTRY_DSN) return;
  const Sentry = await import('@sentry/nextjs');
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.APP_ENV ?? process.env.NODE_ENV,
    release: process.env.RELEASE ?? process.env.VERCEL_GIT_COMMIT_SHA,
    tracesSampleRate: 0,
  });
}

export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!process.env.SENTRY_DSN) return;
  const Sentry = await import('@sentry/nextjs');
  Sentry.captureRequestError(...args);
};
