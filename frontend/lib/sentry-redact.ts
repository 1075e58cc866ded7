/**
 * A share link is a capability: whoever holds `/share/<token>` reads that plan. Sentry would otherwise receive the
 * token in every event, span and breadcrumb about the share page (the request URL, `url.full`, the page's address in
 * the browser), so both SDKs (instrumentation.ts, lib/browser-sentry.ts) send `/share/[token]` instead.
 */
const SHARE_TOKEN = /(\/share\/)(?!\[token\])[^/?#"\\\s]+/g;

export function redactShareTokens<T>(value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined || !text.includes('/share/')) return value;
  return JSON.parse(text.replace(SHARE_TOKEN, '$1[token]')) as T;
}
