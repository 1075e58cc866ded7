import type { NextConfig } from 'next';
import { withSentryConfig } from '@sentry/nextjs/config';

// HSTS only where the app is served over HTTPS for real; a laptop's `next start` on http://127.0.0.1 must not pin it.
const servedOverHttps = ['production', 'staging', 'preview'].includes(process.env.APP_ENV ?? process.env.VERCEL_ENV ?? '');

// The environment the browser's Sentry events carry, by lib/env.ts's rule (APP_ENV, else Vercel's VERCEL_ENV). A bundle
// cannot read the server's environment, so it is fixed here, at build time, where both are set.
const browserAppEnv = process.env.APP_ENV || process.env.VERCEL_ENV || 'development';

// The browser's trace sampling, fixed at build time like its environment: SENTRY_TRACES_SAMPLE_RATE, else 10% in
// production, all of staging and previews, none on a laptop (the server's rule, lib/env.ts).
const browserTracesSampleRate =
  process.env.SENTRY_TRACES_SAMPLE_RATE || String({ production: 0.1, staging: 1, preview: 1 }[browserAppEnv] ?? 0);

// One Sentry release per component: the web app's is `web@<sha>` (RELEASE, else the commit Vercel builds).
const releaseSha = process.env.RELEASE || process.env.VERCEL_GIT_COMMIT_SHA;

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
  // Event streams must not pass through a compression layer (next start wraps every response in one, which buffers
  // and costs CPU per event and never compresses a no-transform stream); Vercel's edge compresses what it should.
  compress: false,
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'ioredis', 'rate-limiter-flexible'],
  // The workspace packages are TypeScript source shared with the agent.
  transpilePackages: ['@chef-chopsky/contract', '@chef-chopsky/kitchen', '@chef-chopsky/shared-state'],
  // A type error fails the build: `vercel build` is the last gate before a deployment, and it must not ship code
  // that `npm run typecheck` would refuse.
  typescript: { ignoreBuildErrors: false },
  env: { NEXT_PUBLIC_APP_ENV: browserAppEnv, NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: browserTracesSampleRate },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withSentryConfig(nextConfig, {
  silent: true,
  telemetry: false,
  // Source maps are uploaded where a Sentry auth token is configured (the deploy workflow's `vercel build`, with
  // SENTRY_ORG and SENTRY_PROJECT of the web app's Sentry project); local builds never reach Sentry.
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN, deleteSourcemapsAfterUpload: true },
  // The release both the source maps and the browser's events name.
  release: releaseSha ? { name: `web@${releaseSha}` } : undefined,
});
