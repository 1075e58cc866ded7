import type { Instrumentation } from 'next';
import { applyFaultScope, logServerFault, serverFaultOf, type FaultContext } from './lib/report';

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
  const { redactShareTokens } = await import('./lib/sentry-redact');
  const { isAgentEventStream } = await import('./lib/runs/agent-runs');
  Sentry.init({
    dsn: env.sentryDsn,
    environment: env.appEnv,
    // One release per component, `web@<sha>` (scripts/sentry-release.ts and next.config.ts name it the same way). Only
    // when known: an explicit undefined would override the release withSentryConfig injected at build time.
    ...(env.release ? { release: `web@${env.release}` } : {}),
    // Sampled transactions feed the error-rate and p95 alert rules (ops/sentry-alerts.json): 10% in production, all of
    // staging and previews, none on a laptop, unless SENTRY_TRACES_SAMPLE_RATE says otherwise (lib/env.ts).
    // The chat's event streams are never traced: Next.js's own request span ("POST", http.target /api/chat), the root of
    // every request's trace, would be sampled like any page's, and a transaction lasting a whole reply would both cost
    // every chat span work (about 0.4 ms of CPU a chat, bench:scale) and swamp the p95 alert's window.
    tracesSampler: ({ attributes, normalizedRequest, inheritOrSampleWith }) => {
      const target = attributes?.['http.target'] ?? (normalizedRequest?.url ? new URL(normalizedRequest.url, 'http://x').pathname : '');
      return typeof target === 'string' && STREAMING_ROUTES.test(target) ? 0 : inheritOrSampleWith(env.tracesSampleRate);
    },
    // Share links are capabilities: their token is replaced wherever it would appear (lib/sentry-redact.ts).
    beforeSend: (event) => redactShareTokens(event),
    beforeSendSpan: (span) => redactShareTokens(span),
    beforeBreadcrumb: (breadcrumb) => redactShareTokens(breadcrumb),
    // As in the agent: no IP address or other user info, cookies (the session), headers, bodies (chat content), query
    // strings or local variables leave the process. The SDK collects all of them unless told not to.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      genAI: { inputs: false, outputs: false },
      stackFrameVariables: false,
    },
    // Errors are captured everywhere; the chat relay's calls to the agent (node:http requests that stream for the whole
    // reply) get no span, breadcrumb or trace header, and the SDK's Redis and AI auto-instrumentation stays off: per
    // event they cost CPU on the streaming path (docs/performance.md).
    integrations: (defaults) => [
      ...defaults.filter((integration) => !UNUSED_INTEGRATIONS.has(integration.name) && !REPLACED_INTEGRATIONS.has(integration.name)),
      // Incoming requests get the SDK's request isolation and no span of its own, as in @sentry/nextjs's default: Next.js
      // starts each request's root span itself (the one `tracesSampler` reads, above), and the SDK's would be a second
      // span around it for the same request. The agent's event streams the chat routes read are not instrumented: the
      // SDK would bind every chunk of the response to the request's context. Errors in the chat routes are still
      // reported (lib/report.ts), like every other route's.
      Sentry.httpIntegration({
        disableIncomingRequestSpans: true,
        ignoreOutgoingRequests: (url) => isAgentEventStream(url),
      }),
      Sentry.nativeNodeFetchIntegration({ spans: false, breadcrumbs: false, tracePropagation: false }),
    ],
  });
}

/** Routes whose responses are event streams (many events each). */
const STREAMING_ROUTES = /^\/api\/chat(\/follow)?(\?|$)/;

/** Default integrations given their options above. */
const REPLACED_INTEGRATIONS = new Set(['Http', 'NodeFetch']);

/**
 * Auto-instrumentation of libraries the web app does not use, or whose spans would sit on the streaming path. The
 * Postgres integration builds a span for every query, sampled or not, a CPU cost on every chat: sampled traces get a
 * span per store call from the store itself instead (lib/store-spans.ts).
 */
const UNUSED_INTEGRATIONS = new Set(['Postgres', 'Redis', 'OpenAI', 'LangChain', 'LangGraph', 'VercelAI', 'Anthropic_AI', 'Google_GenAI']);

/**
 * Errors that escape a server component, route handler or server action, by the same policy as a route handler's
 * (lib/report.ts): a server fault is logged and reported, with the route it came from; a client error is neither.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const fault = serverFaultOf(error);
  if (!fault) return;
  const digest = (error as { digest?: unknown }).digest;
  const where: FaultContext = {
    route: context.routePath,
    method: request.method,
    ...(typeof digest === 'string' ? { digest } : {}),
  };
  logServerFault(error, fault, where);
  if (!process.env.SENTRY_DSN) return;
  const Sentry = await import('@sentry/nextjs');
  Sentry.withScope((scope) => {
    applyFaultScope(scope, fault.code, where);
    Sentry.captureRequestError(error, request, context);
  });
};
