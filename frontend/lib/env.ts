import { z } from 'zod';

/**
 * The web app's server configuration: one schema, parsed once. On a laptop every value has an embedded default so
 * `npm start` works on a fresh clone; in every deployed environment (production, staging, preview) a missing secret or
 * URL, or a development default, stops start-up with every bad key named. Only `NEXT_PUBLIC_*` values may ever reach
 * the browser, and none of the keys below is one.
 */

const DEV_GATEWAY_TOKEN = 'dev-gateway-token';
const DEV_SESSION_SECRET = 'dev-session-secret-change-me-in-production-0123456789';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = optionalString.pipe(z.url().optional());

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ENV: z.enum(['development', 'test', 'preview', 'staging', 'production']).optional(),
  AGENT_URL: optionalUrl,
  GATEWAY_TOKEN: optionalString,
  AGENT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SUPABASE_URL: optionalUrl,
  SUPABASE_SECRET_KEY: optionalString,
  DATABASE_URL: optionalString,
  DATA_DIR: optionalString,
  SENTRY_DSN: optionalUrl,
  NEXT_PUBLIC_SENTRY_DSN: optionalUrl,
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  CHAT_LIMIT_PER_COOK: z.coerce.number().int().min(1).max(1_000_000_000).default(20),
  CHAT_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000_000).default(120),
  CHAT_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  CHAT_LIMIT_FAIL_OPEN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  RELEASE: optionalString,
  VERCEL_ENV: z.enum(['production', 'preview', 'development']).optional(),
  VERCEL_GIT_COMMIT_SHA: optionalString,
  RAILWAY_ENVIRONMENT_NAME: optionalString,
  SENTRY_TRACES_SAMPLE_RATE: optionalString.pipe(z.coerce.number<string | undefined>().min(0).max(1).optional()),
  RECIPE_IMPORT_ALLOWED_HOSTS: optionalString,
});

const DEPLOYED = ['production', 'staging', 'preview'];
/** Sentry trace sampling when SENTRY_TRACES_SAMPLE_RATE is not set: enough in production for p95 alerts, all of staging. */
export const DEFAULT_TRACES_SAMPLE_RATE: Record<ServerEnv['appEnv'], number> = { production: 0.1, staging: 1, preview: 1, development: 0, test: 0 };

export interface ServerEnv {
  appEnv: 'development' | 'test' | 'preview' | 'staging' | 'production';
  isProduction: boolean;
  agentUrl: string;
  gatewayToken: string;
  agentTimeoutMs: number;
  sessionSecret: string;
  /** Passed untouched to the store's `storeConfigFromEnv`. */
  store: { SUPABASE_URL?: string; SUPABASE_SECRET_KEY?: string; DATABASE_URL?: string; DATA_DIR?: string; APP_ENV?: string; NODE_ENV?: string };
  sentryDsn?: string;
  /** The DSN the browser bundle was built with (see `serverEnv`); its origin is the only one the CSP lets pages post to. */
  publicSentryDsn?: string;
  release?: string;
  tracesSampleRate: number;
  /** Shared state (limits) across instances; in process when absent. */
  redisUrl?: string;
  /** Chats per cook and per client IP per window, at the web app's edge (lib/runs/limits.ts). */
  chatLimits: { perCook: number; perIp: number; windowSeconds: number; failOpenSeconds: number };
  /**
   * `host:port` pairs the recipe import may fetch although they are not public addresses (a test's local server);
   * from RECIPE_IMPORT_ALLOWED_HOSTS outside deployed environments only: deployed, it is always empty.
   */
  recipeImportAllowedHosts: string[];
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid web app configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Pure: parse a given environment (tests pass their own); throws EnvError naming every bad key. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = rawSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const present = (key: string) => Boolean(source[key]?.trim());
  // NODE_ENV is 'production' for every `next start`, including a laptop's: it does not decide the environment.
  // APP_ENV does; on Vercel, VERCEL_ENV stands in when APP_ENV was forgotten, so a deployment never runs on dev defaults.
  const declaredEnv = source.APP_ENV?.trim() || source.VERCEL_ENV?.trim() || 'development';
  if (present('RAILWAY_ENVIRONMENT_NAME') && !DEPLOYED.includes(declaredEnv)) {
    problems.push('APP_ENV: must be production, staging or preview on a deployed service (RAILWAY_ENVIRONMENT_NAME is set)');
  }
  if (DEPLOYED.includes(declaredEnv) || present('RAILWAY_ENVIRONMENT_NAME')) {
    if (!present('AGENT_URL')) problems.push('AGENT_URL: required in every deployed environment');
    if (!present('GATEWAY_TOKEN')) problems.push('GATEWAY_TOKEN: required in every deployed environment');
    if (!present('SESSION_SECRET')) problems.push('SESSION_SECRET: required in every deployed environment (at least 32 characters)');
    if (!present('DATABASE_URL') && !(present('SUPABASE_URL') && present('SUPABASE_SECRET_KEY'))) {
      problems.push('SUPABASE_URL + SUPABASE_SECRET_KEY or DATABASE_URL: required in every deployed environment (no embedded database)');
    }
    if (source.GATEWAY_TOKEN?.trim() === DEV_GATEWAY_TOKEN) problems.push('GATEWAY_TOKEN: must not be the development token in a deployed environment');
    if (source.SESSION_SECRET?.trim() === DEV_SESSION_SECRET) problems.push('SESSION_SECRET: must not be the development secret in a deployed environment');
  } else if (source.NODE_ENV === 'production' && !source.APP_ENV?.trim() && !present('SESSION_SECRET')) {
    // A self-hosted `next start` that says nothing about where it runs must not sign sessions with a secret everyone
    // can read in this file; `npm start` says APP_ENV=development out loud.
    problems.push('SESSION_SECRET: required by a production build (next start) unless APP_ENV is development or test');
  }
  if (present('SUPABASE_URL') !== present('SUPABASE_SECRET_KEY')) {
    problems.push('SUPABASE_URL and SUPABASE_SECRET_KEY: set both or neither');
  }
  if (problems.length > 0 || !parsed.success) throw new EnvError(problems);
  const raw = parsed.data;
  const appEnv = raw.APP_ENV ?? raw.VERCEL_ENV ?? 'development';
  const isProduction = appEnv === 'production' || appEnv === 'staging' || appEnv === 'preview';

  return {
    appEnv,
    isProduction,
    agentUrl: (raw.AGENT_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, ''),
    gatewayToken: raw.GATEWAY_TOKEN ?? DEV_GATEWAY_TOKEN,
    agentTimeoutMs: raw.AGENT_TIMEOUT_MS,
    sessionSecret: raw.SESSION_SECRET ?? DEV_SESSION_SECRET,
    store: {
      SUPABASE_URL: raw.SUPABASE_URL,
      SUPABASE_SECRET_KEY: raw.SUPABASE_SECRET_KEY,
      DATABASE_URL: raw.DATABASE_URL,
      DATA_DIR: raw.DATA_DIR,
      APP_ENV: appEnv,
      NODE_ENV: raw.NODE_ENV,
    },
    sentryDsn: raw.SENTRY_DSN,
    publicSentryDsn: raw.NEXT_PUBLIC_SENTRY_DSN,
    release: raw.RELEASE ?? raw.VERCEL_GIT_COMMIT_SHA,
    tracesSampleRate: raw.SENTRY_TRACES_SAMPLE_RATE ?? DEFAULT_TRACES_SAMPLE_RATE[appEnv],
    redisUrl: raw.REDIS_URL,
    chatLimits: { perCook: raw.CHAT_LIMIT_PER_COOK, perIp: raw.CHAT_LIMIT_PER_IP, windowSeconds: raw.CHAT_LIMIT_WINDOW_SECONDS, failOpenSeconds: raw.CHAT_LIMIT_FAIL_OPEN_SECONDS },
    recipeImportAllowedHosts: isProduction
      ? []
      : (raw.RECIPE_IMPORT_ALLOWED_HOSTS ?? '')
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
  };
}

let cached: ServerEnv | undefined;

/** The process's configuration, parsed on first use. */
export function serverEnv(): ServerEnv {
  // Written out in full so that `next build` inlines it: the browser's Sentry DSN is fixed in the bundle at build time,
  // and the CSP (proxy.ts) must allow exactly the origin that bundle posts to, whatever the server's own environment
  // says at run time. (Read from the whole object, it would be the run-time value.)
  cached ??= parseServerEnv({ ...process.env, NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN });
  return cached;
}
