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

/** Replaces every occurrence of the given secrets anywhere in a JSON-serialisable value. */
export function scrubSecrets<T>(value: T, secrets: string[]): T {
  const needles = secrets.filter((secret) => secret.length >= 8);
  if (needles.length === 0) return value;
  let text = JSON.stringify(value);
  for (const secret of needles) text = text.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
  return JSON.parse(text) as T;
}

type SentryEnv = Pick<Env, 'SENTRY_DSN' | 'APP_ENV' | 'release' | 'OPENAI_API_KEY' | 'GATEWAY_TOKEN' | 'GATEWAY_TOKEN_PREVIOUS' | 'tracesSampleRate'>;

/** The agent's Sentry release: one per component, `agent@<sha>` (scripts/sentry-release.ts names it the same way). */
export const sentryRelease = (release: string | undefined) => (release ? `agent@${release}` : undefined);

/** The SDK's default integrations that capture errors and describe them; the rest (auto-instrumentation) stay off. */
const ERROR_INTEGRATIONS = new Set([
  'EventFilters',
  'FunctionToString',
  'LinkedErrors',
  'Dedupe',
  'RequestData',
  'NodeSystemError',
  'OnUncaughtException',
  'OnUnhandledRejection',
  'ContextLines',
  'Context',
  'Modules',
  'ProcessSession',
]);

/** Requests whose responses are event streams: many events each, and no span of their own. */
export const STREAMING_PATHS = /^\/v1\/(chat|runs\/)/;

export function initSentry(env: SentryEnv): ErrorReporter {
  if (!env.SENTRY_DSN) return noopReporter;
  // Second line of defence (the first is reportableError): no secret value leaves in any event or breadcrumb.
  const secrets = [env.OPENAI_API_KEY, env.GATEWAY_TOKEN, env.GATEWAY_TOKEN_PREVIOUS].filter((s): s is string => !!s);
  Sentry.init({
    beforeSend: (event) => scrubSecrets(event, secrets),
    // Sampled traces stream spans (the SDK's default lifecycle; beforeSendTransaction is never called, and setting it
    // only prints a warning): a request path that carries a token (a probe of /v1/<token>) would reach Sentry in
    // url.full without this.
    beforeSendSpan: (span) => scrubSecrets(span, secrets),
    beforeBreadcrumb: (breadcrumb) => scrubSecrets(breadcrumb, secrets),
    dsn: env.SENTRY_DSN,
    environment: env.APP_ENV,
    release: sentryRelease(env.release),
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
    // Sampled transactions feed the error-rate and p95 alert rules (ops/sentry-alerts.json); SENTRY_TRACES_SAMPLE_RATE
    // overrides the per-environment default (env.ts).
    tracesSampleRate: env.tracesSampleRate,
    // No `sentry-trace` / `baggage` headers on outgoing calls: the model provider is a third party and needs no trace of ours.
    tracePropagationTargets: [],
    // Errors are captured on every path; the per-request and per-event instrumentation is not on the streaming path.
    // Profiled at 200 streams it added 25-45% CPU to a chat (a scope and span work for every request and response event,
    // and the SDK's automatic OpenAI/LangChain, Redis and Express spans for every chunk and command): only the
    // integrations that capture and describe errors are kept, chat and run requests get no incoming span, and the model
    // provider's calls (fetch) no span or breadcrumb at all.
    integrations: (defaults) => [
      ...defaults.filter((integration) => ERROR_INTEGRATIONS.has(integration.name)),
      Sentry.httpIntegration({ ignoreIncomingRequests: (urlPath) => STREAMING_PATHS.test(urlPath), breadcrumbs: false, tracePropagation: false }),
      Sentry.nativeNodeFetchIntegration({ spans: false, breadcrumbs: false, tracePropagation: false }),
    ],
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
