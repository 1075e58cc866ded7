/**
 * Browser-side Sentry, only when NEXT_PUBLIC_SENTRY_DSN was set at build time. The SDK is a lazily loaded chunk, so the
 * chat page's first load carries none of it, and without a DSN the branch is removed from the bundle altogether.
 */
if (process.env.NEXT_PUBLIC_SENTRY_DSN) {
  void import('@sentry/nextjs').then((Sentry) => {
    Sentry.init({
      dsn: process.env.NEXT_PUBLIC_SENTRY_DSN,
      environment: process.env.NEXT_PUBLIC_APP_ENV ?? process.env.NODE_ENV,
      release: process.env.NEXT_PUBLIC_RELEASE,
      tracesSampleRate: 0,
    });
  });
}
