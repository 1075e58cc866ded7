/**
 * The agent's configuration: one zod schema, parsed once at start-up. This is the only module that reads
 * `process.env`; everything else receives a typed `Env`.
 *
 * On a laptop, absent values fall back to embedded defaults so `npm start` works on a fresh clone. A deployed agent
 * (`APP_ENV` staging or production) refuses them: the secrets and deployment-specific values are required and the
 * development gateway token is refused. A service on Railway (`RAILWAY_ENVIRONMENT_NAME` is set) or Vercel
 * (`VERCEL_ENV`) is deployed whatever `APP_ENV` says, so a forgotten `APP_ENV` stops start-up instead of quietly
 * accepting the development token. A malformed value is an error in every environment, and the error names every
 * bad key at once.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { RUN_RETENTION_DEFAULT_SECONDS } from '@chef-chopsky/contract/runs';

export const APP_ENVS = ['development', 'test', 'staging', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

/** Accepted only on a laptop or in tests; a deployed agent refuses to start with it. */
export const DEV_GATEWAY_TOKEN = 'dev-gateway-token';
export const DEFAULT_MODEL_ID = 'gpt-4o-mini';

/** Keys that have no default in a deployed environment: start-up fails when they are absent. */
const REQUIRED_WHEN_DEPLOYED = ['GATEWAY_TOKEN', 'OPENAI_API_KEY', 'MODEL_ID'] as const;
const DEPLOYED_APP_ENVS: readonly AppEnv[] = ['staging', 'production'];

/** Sentry trace sampling when SENTRY_TRACES_SAMPLE_RATE is not set: enough in production for p95 alerts, all of staging. */
export const DEFAULT_TRACES_SAMPLE_RATE: Record<AppEnv, number> = { production: 0.1, staging: 1, development: 0, test: 0 };

const optionalString = z.string().trim().min(1).optional();
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const schema = z.object({
  PORT: int(1, 65535).default(8787),
  APP_ENV: z.enum(APP_ENVS).default('development'),
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  GATEWAY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_TOKEN_PREVIOUS: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: z.iso.datetime({ offset: true }).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url().refine((url) => new URL(url).origin === url, 'must be origins like https://example.com'))),
  ALLOWED_ORIGIN_REGEX: z
    .string()
    .optional()
    .refine((source) => source === undefined || isValidRegex(source), 'must be a valid regular expression'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().optional(),
  MODEL_ID: optionalString,
  FALLBACK_MODEL_ID: optionalString,
  MODEL_FIRST_TOKEN_TIMEOUT_MS: int(100, 600_000).default(15_000),
  MODEL_TOTAL_TIMEOUT_MS: int(100, 3_600_000).default(120_000),
  DELTA_FRAME_MS: int(0, 1_000).default(50),
  RATE_LIMIT_REQUESTS: int(1, 1_000_000_000).default(60),
  RATE_LIMIT_WINDOW: int(1, 86_400).default(60),
  RATE_LIMIT_FAIL_OPEN_SECONDS: int(0, 86_400).default(60),
  MAX_CONCURRENT_STREAMS: int(1, 100_000).default(200),
  AGENT_WORKERS: int(1, 64).default(1),
  REDIS_URL: z.string().trim().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  RUN_RETENTION_SECONDS: int(10, 86_400).default(RUN_RETENTION_DEFAULT_SECONDS),
  MAX_BODY_BYTES: int(1_024, 10_485_760).default(262_144),
  MAX_MESSAGES: int(1, 1_000).default(50),
  MAX_MESSAGE_CHARS: int(1, 100_000).default(8_000),
  MAINTENANCE_MODE: bool.default(false),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(25_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SENTRY_DSN: z.url().optional(),
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).optional(),
  RELEASE: optionalString,
  RAILWAY_GIT_COMMIT_SHA: optionalString,
  RAILWAY_ENVIRONMENT_NAME: optionalString,
  VERCEL_ENV: optionalString,
});

type RawEnv = z.infer<typeof schema>;

export interface Env extends Omit<RawEnv, 'GATEWAY_TOKEN' | 'MODEL_ID' | 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT'> {
  GATEWAY_TOKEN: string;
  MODEL_ID: string;
  GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT?: Date;
  /** RELEASE, else Railway's commit SHA; undefined when neither is known. */
  release?: string;
  isProduction: boolean;
  /** staging or production: no development default is accepted. */
  isDeployed: boolean;
  tracesSampleRate: number;
}

export class EnvError extends Error {
  constructor(readonly badKeys: Array<{ key: string; problem: string }>) {
    super(
      `Invalid agent configuration (${badKeys.length} bad ${badKeys.length === 1 ? 'key' : 'keys'}): ` +
        badKeys.map(({ key, problem }) => `${key} ${problem}`).join('; '),
    );
    this.name = 'EnvError';
  }
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Parses a plain key/value source. Empty strings count as absent, so `KEY=` in a .env file means "use the default". */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') cleaned[key] = value;
  }
  const badKeys: Array<{ key: string; problem: string }> = [];
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Name the key and the rule, never the value: the value may be a secret.
      badKeys.push({ key: String(issue.path[0] ?? '(root)'), problem: issue.message.replace(/received .*/i, '').trim() });
    }
  }
  const appEnv = (cleaned.APP_ENV ?? 'development') as AppEnv;
  const isProduction = appEnv === 'production';
  const isDeployed = DEPLOYED_APP_ENVS.includes(appEnv);
  const platform = cleaned.RAILWAY_ENVIRONMENT_NAME ? 'RAILWAY_ENVIRONMENT_NAME' : cleaned.VERCEL_ENV ? 'VERCEL_ENV' : undefined;
  if (platform && !isDeployed) {
    badKeys.push({ key: 'APP_ENV', problem: `must be staging or production on a deployed service (${platform} is set)` });
  }
  if (isDeployed || platform) {
    for (const key of REQUIRED_WHEN_DEPLOYED) {
      if (cleaned[key] === undefined) badKeys.push({ key, problem: 'is required in every deployed environment' });
    }
    if (cleaned.GATEWAY_TOKEN === DEV_GATEWAY_TOKEN) {
      badKeys.push({ key: 'GATEWAY_TOKEN', problem: 'must not be the development token in a deployed environment' });
    }
  }
  // Workers share runs and limits only through Redis: in process, each would keep its own (workers.ts).
  if (Number(cleaned.AGENT_WORKERS ?? 1) > 1 && cleaned.REDIS_URL === undefined) {
    badKeys.push({ key: 'AGENT_WORKERS', problem: 'above 1 needs REDIS_URL (workers share runs and limits through Redis)' });
  }
  if (badKeys.length > 0 || !parsed.success) throw new EnvError(dedupe(badKeys));

  const raw = parsed.data;
  return {
    ...raw,
    GATEWAY_TOKEN: raw.GATEWAY_TOKEN ?? DEV_GATEWAY_TOKEN,
    MODEL_ID: raw.MODEL_ID ?? DEFAULT_MODEL_ID,
    GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: raw.GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT
      ? new Date(raw.GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT)
      : undefined,
    release: raw.RELEASE ?? raw.RAILWAY_GIT_COMMIT_SHA,
    isProduction,
    isDeployed,
    tracesSampleRate: raw.SENTRY_TRACES_SAMPLE_RATE ?? DEFAULT_TRACES_SAMPLE_RATE[raw.APP_ENV],
  };
}

function dedupe(badKeys: Array<{ key: string; problem: string }>) {
  const seen = new Set<string>();
  return badKeys.filter(({ key, problem }) => {
    const id = `${key}\u0000${problem}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Reads `agent/.env` (if present; real environment variables win) and `process.env`. Called once, by server.ts.
 */
export function loadEnv(): Env {
  dotenv.config({ path: path.resolve(__dirname, '..', '.env'), quiet: true });
  return parseEnv(process.env);
}
