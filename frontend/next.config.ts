import type { NextConfig } from 'next';
import { withSentryConfig } from '@sentry/nextjs/config';

// HSTS only where the app is served over HTTPS for real; a laptop's `next start` on http://127.0.0.1 must not pin it.
const servedOverHttps = ['production', 'staging', 'preview'].includes(process.env.APP_ENV ?? process.env.VERCEL_ENV ?? '');

// The environment the browser's Sentry events carry, by lib/env.ts's rule (APP_ENV, else Vercel's VERCEL_ENV). A bundle
// cannot read the server's environment, so it is fixed here, at build time, where both are set.
const browserAppEnv = process.env.APP_ENV || process.env.VERCEL_ENV || 'development';

/** Headers every response carries; the CSP (with a per-request nonce) is set by proxy.ts on pages. */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(servedOverHttps ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  // The workspace packages are TypeScript source shared with the agent.
  transpilePackages: ['@chef-chopsky/contract', '@chef-chopsky/kitchen'],
  // Types are checked once, by `npm run typecheck` (tsc -p frontend), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  env: { NEXT_PUBLIC_APP_ENV: browserAppEnv },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withSentryConfig(nextConfig, {
  silent: true,
  telemetry: false,
  // Source maps are uploaded only where a Sentry auth token is configured (CI); local builds never reach Sentry.
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
  // The release both the source maps and the browser's events name: RELEASE, else the SDK's own detection (Vercel's
  // VERCEL_GIT_COMMIT_SHA, then `git rev-parse HEAD`).
  release: process.env.RELEASE ? { name: process.env.RELEASE } : undefined,
});
