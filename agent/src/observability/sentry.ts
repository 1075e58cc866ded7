/**
 * Error reporting. `initSentry` is called once by server.ts when SENTRY_DSN is set; the app only sees an
 * `ErrorReporter`, so tests can inject a recording one and nothing here runs in-process under Jest.
 */
import * as Sentry from '@sentry/node';
import type { Env } from '../env';

export interface ErrorContext {
  requestId?: string;
  code?: string;
  route?: string;
}

export interface ErrorReporter {
  capture(error: unknown, context: ErrorContext): void;
  flush(timeoutMs: number): Promise<boolean>;
}

export const noopReporter: ErrorReporter = {
  capture: () => undefined,
  flush: async () => true,
};

export function initSentry(env: Pick<Env, 'SENTRY_DSN' | 'APP_ENV' | 'release'>): ErrorReporter {
  if (!env.SENTRY_DSN) return noopReporter;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.APP_ENV,
    release: env.release,
    // No bodies, headers, cookies, user info, AI inputs/outputs or local variables: chat content and tokens must not
    // leave the process.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      genAI: { inputs: false, outputs: false },
      stackFrameVariables: false,
    },
    tracesSampleRate: 0,
  });
  return {
    capture(error, context) {
      Sentry.withScope((scope) => {
        if (context.requestId) scope.setTag('request_id', context.requestId);
        if (context.code) scope.setTag('error_code', context.code);
        if (context.route) scope.setTag('route', context.route);
        Sentry.captureException(error);
      });
    },
    flush: (timeoutMs) => Sentry.flush(timeoutMs),
  };
}
