/**
 * Marker secrets for the end-to-end build and run: distinctive values the bundle scan looks for. If any of them
 * appears in the browser's JavaScript, CSS or HTML, a secret has leaked.
 */
export const MARKERS = {
  GATEWAY_TOKEN: 'e2e-marker-gateway-token-7f3a9c2e51',
  SESSION_SECRET: 'e2e-marker-session-secret-b81d44c0a9e2f7aa55c3d1',
  SUPABASE_SECRET_KEY: 'sb_secret_e2e-marker-5d2c8e1f0b',
  DATABASE_URL_PASSWORD: 'e2e-marker-db-password-9a1b',
} as const;

// E2E_PORT_OFFSET moves every port, so two checkouts on one machine can run the suite at once without meeting.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const PORTS = {
  agent: 18787 + offset,
  slowAgent: 18788 + offset,
  upstream: 18790 + offset,
  web: 13000 + offset,
  webSlow: 13001 + offset,
  webDown: 13002 + offset,
  /** The browser's Sentry DSN names this port: sentry.spec.ts listens here while it runs; otherwise nothing does. */
  sentry: 18795 + offset,
  /** Nothing listens here: the "agent down" web app points at it. */
  closed: 18799 + offset,
} as const;

/**
 * What the e2e build bakes into the browser's Sentry SDK (`NEXT_PUBLIC_SENTRY_DSN`, and APP_ENV and RELEASE, which
 * next.config.ts turns into the environment and release the browser's events carry).
 */
export const BROWSER_SENTRY = {
  dsn: `http://public@127.0.0.1:${PORTS.sentry}/1`,
  environment: 'test',
  release: 'chopsky-e2e-build',
} as const;
