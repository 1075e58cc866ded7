/**
 * Reports an unexpected server fault to Sentry when SENTRY_DSN is set (instrumentation.ts initialised the SDK).
 * Faults the app handles itself (an AppError, the agent being down) are not reported; they are expected states.
 */
export function reportError(error: unknown, tags: Record<string, string> = {}): void {
  if (!process.env.SENTRY_DSN) return;
  void import('@sentry/nextjs').then((Sentry) => Sentry.captureException(error, { tags }));
}
