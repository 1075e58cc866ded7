/**
 * Browser-side Sentry, only when NEXT_PUBLIC_SENTRY_DSN was set at build time. The SDK is a lazily loaded chunk
 * (lib/browser-sentry.ts), so the chat page's first load carries none of it; without a DSN the branch is compiled out
 * and the chunk is never fetched.
 */
if (process.env.NEXT_PUBLIC_SENTRY_DSN) {
  const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;
  void import('./lib/browser-sentry').then(({ startBrowserSentry }) => startBrowserSentry(dsn));
}
