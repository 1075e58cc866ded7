/**
 * The agent's configuration: one zod schema, parsed once at start-up. This is the only module that reads
 * `process.env`; everything else receives a typed `Env`.
 *
 * Outside production, absent values fall back to embedded defaults so `npm start` works on a fresh clone. In production
 * (`APP_ENV=production`) the secrets and deployment-specific values are required. A malformed value is an error in
 * every environment, and the error names every bad key at once.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';

export const APP_ENVS = ['development', 'test', 'staging', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

/** Accepted only outside production; production refuses to start with it. */
export const DEV_GATEWAY_TOKEN = 'dev-gateway-token';
export const DEFAULT_MODEL_ID = 'gpt-4o-mini';

/** Keys that have no default in production: start-up fails when they are absent. */
const REQUIRED_IN_PRODUCTION = ['GATEWAY_TOKEN', 'OPENAI_API_KEY', 'MODEL_ID'] as const;

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
  RATE_LIMIT_REQUESTS: int(1, 1_000_000_000).default(60),
  RATE_LIMIT_WINDOW: int(1, 86_400).default(60),
  MAX_BODY_BYTES: int(1_024, 10_485_760).default(262_144),
  MAX_MESSAGES: int(1, 1_000).default(50),
  MAX_MESSAGE_CHARS: int(1, 100_000).default(8_000),
  MAINTENANCE_MODE: bool.default(false),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(25_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SENTRY_DSN: z.url().optional(),
  RELEASE: optionalString,
  RAILWAY_GIT_COMMIT_SHA: optionalString,
});

type RawEnv = z.infer<typeof schema>;

export interface Env extends Omit<RawEnv, 'GATEWAY_TOKEN' | 'MODEL_ID' | 'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT'> {
  GATEWAY_TOKEN: string;
  MODEL_ID: string;
  GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT?: Date;
  /** RELEASE, else Railway's commit SHA; undefined when neither is known. */
  release?: string;
  isProduction: boolean;
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
  const isProduction = (cleaned.APP_ENV ?? 'development') === 'production';
  if (isProduction) {
    for (const key of REQUIRED_IN_PRODUCTION) {
      if (cleaned[key] === undefined) badKeys.push({ key, problem: 'is required in production' });
    }
    if (cleaned.GATEWAY_TOKEN === DEV_GATEWAY_TOKEN) {
      badKeys.push({ key: 'GATEWAY_TOKEN', problem: 'must not be the development token in production' });
    }
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
