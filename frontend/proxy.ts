import { NextResponse, type NextRequest } from 'next/server';
import { serverEnv } from './lib/env';
import { newSession, SESSION_COOKIE, sessionCookieAttributes, verifySessionValue } from './lib/session';

/**
 * Runs in front of every page (Node.js runtime in Next 16): gives each browser a signed guest session and each page a
 * fresh CSP nonce. API routes are left alone here: they require the session a page visit set (docs/api.md).
 */
export function proxy(request: NextRequest) {
  const env = serverEnv();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const isDev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (React `style`) and Next's injected <style> need this; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${env.publicSentryDsn ? ` ${new URL(env.publicSentryDsn).origin}` : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(env.isProduction ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);

  const existing = request.cookies.get(SESSION_COOKIE)?.value;
  const session = verifySessionValue(existing, env.sessionSecret) ? null : newSession(env.sessionSecret);
  if (session) {
    // Rewrite the request's cookie header too, so the page rendering this very request already sees its owner.
    const others = request.cookies
      .getAll()
      .filter((cookie) => cookie.name !== SESSION_COOKIE)
      .map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`);
    requestHeaders.set('cookie', [...others, `${SESSION_COOKIE}=${session.value}`].join('; '));
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  if (session) response.cookies.set(SESSION_COOKIE, session.value, sessionCookieAttributes(env.isProduction));
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
