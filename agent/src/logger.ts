/**
 * pino for the agent: JSON lines (pretty only in development when pino-pretty is installed). Callers may pass a
 * destination stream so tests can read every line the app writes.
 *
 * Invariant: nothing logs message content, profiles, tokens or keys. `redact` is the second line of defence for
 * anything that slips into a log object by name.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'cookie',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'OPENAI_API_KEY',
  'GATEWAY_TOKEN',
  'GATEWAY_TOKEN_PREVIOUS',
  'SENTRY_DSN',
  'content',
  '*.content',
  'messages',
  '*.messages',
  'profile',
  '*.profile',
];

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger({ level, pretty = false, destination, base = {} }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'agent', ...base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  if (pretty && canResolve('pino-pretty')) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options);
}

function canResolve(id: string): boolean {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}
