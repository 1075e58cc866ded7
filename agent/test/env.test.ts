import { DEV_GATEWAY_TOKEN, EnvError, parseEnv } from '../src/env';

describe('configuration (env.ts)', () => {
  test('when nothing is set outside production, then embedded defaults let the agent start', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 8787,
      APP_ENV: 'development',
      GATEWAY_TOKEN: DEV_GATEWAY_TOKEN,
      MODEL_ID: 'gpt-4o-mini',
      MAINTENANCE_MODE: false,
      ALLOWED_ORIGINS: [],
      isProduction: false,
    });
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  test('when production is missing and has malformed values, then one error names every bad key and no value', () => {
    let caught: unknown;
    try {
      parseEnv({
        APP_ENV: 'production',
        PORT: 'eighty',
        OPENAI_BASE_URL: 'not a url',
        ALLOWED_ORIGINS: 'https://ok.example.com,https://bad.example.com/path',
        ALLOWED_ORIGIN_REGEX: '(unclosed',
        GATEWAY_TOKEN_PREVIOUS: 'short-secret',
        GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: 'next tuesday',
        MAINTENANCE_MODE: 'maybe',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const error = caught as EnvError;
    expect([...new Set(error.badKeys.map((bad) => bad.key))].sort()).toEqual([
      'ALLOWED_ORIGINS',
      'ALLOWED_ORIGIN_REGEX',
      'GATEWAY_TOKEN',
      'GATEWAY_TOKEN_PREVIOUS',
      'GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT',
      'MAINTENANCE_MODE',
      'MODEL_ID',
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'PORT',
    ]);
    for (const key of ['PORT', 'OPENAI_API_KEY', 'GATEWAY_TOKEN', 'MODEL_ID', 'ALLOWED_ORIGIN_REGEX']) {
      expect(error.message).toContain(key);
    }
    expect(error.message).not.toContain('short-secret');
    expect(error.message).not.toContain('eighty');
  });

  test('when production uses the development token, then start-up is refused', () => {
    expect(() =>
      parseEnv({ APP_ENV: 'production', GATEWAY_TOKEN: DEV_GATEWAY_TOKEN, OPENAI_API_KEY: 'sk-real', MODEL_ID: 'gpt-4o' }),
    ).toThrow(/GATEWAY_TOKEN must not be the development token/);
  });

  test('workers: one by default; more than one only with REDIS_URL, which they share runs and limits through', () => {
    expect(parseEnv({}).AGENT_WORKERS).toBe(1);
    expect(() => parseEnv({ AGENT_WORKERS: '2' })).toThrow(/AGENT_WORKERS above 1 needs REDIS_URL/);
    expect(parseEnv({ AGENT_WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).AGENT_WORKERS).toBe(2);
    expect(() => parseEnv({ AGENT_WORKERS: '0', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/AGENT_WORKERS/);
  });

  test('when production is fully configured, then it parses, with the release from Railway when RELEASE is absent', () => {
    const env = parseEnv({
      APP_ENV: 'production',
      GATEWAY_TOKEN: 'a-long-production-gateway-token',
      OPENAI_API_KEY: 'sk-real',
      MODEL_ID: 'gpt-4o',
      RAILWAY_GIT_COMMIT_SHA: 'abc123',
      GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT: '2030-01-01T00:00:00Z',
      ALLOWED_ORIGINS: 'https://chef-chopsky.vercel.app, http://localhost:3000',
    });
    expect(env.isProduction).toBe(true);
    expect(env.release).toBe('abc123');
    expect(env.GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(env.ALLOWED_ORIGINS).toEqual(['https://chef-chopsky.vercel.app', 'http://localhost:3000']);
  });

  test('when a value is malformed outside production, then start-up still fails; an empty value means the default', () => {
    expect(() => parseEnv({ RATE_LIMIT_REQUESTS: '-5' })).toThrow(/RATE_LIMIT_REQUESTS/);
    expect(parseEnv({ RATE_LIMIT_REQUESTS: '' }).RATE_LIMIT_REQUESTS).toBe(60);
    expect(parseEnv({ RELEASE: 'v1', RAILWAY_GIT_COMMIT_SHA: 'abc' }).release).toBe('v1');
  });

  test.each([
    ['staging', { APP_ENV: 'staging' }],
    ['a Railway service without APP_ENV', { RAILWAY_ENVIRONMENT_NAME: 'production' }],
    ['a Railway service that says development', { APP_ENV: 'development', RAILWAY_ENVIRONMENT_NAME: 'staging' }],
  ])('when %s runs on development defaults, then start-up is refused and names the keys', (_name, source) => {
    let caught: unknown;
    try {
      parseEnv({ ...source, GATEWAY_TOKEN: DEV_GATEWAY_TOKEN });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const keys = new Set((caught as EnvError).badKeys.map((bad) => bad.key));
    expect(keys).toEqual(new Set(['GATEWAY_TOKEN', 'OPENAI_API_KEY', 'MODEL_ID', ...('APP_ENV' in source && source.APP_ENV === 'staging' ? [] : ['APP_ENV'])]));
    expect((caught as EnvError).message).toContain('GATEWAY_TOKEN must not be the development token in a deployed environment');
  });

  test('when staging on Railway is fully configured, then it parses as deployed, not production, and samples every trace', () => {
    const env = parseEnv({ APP_ENV: 'staging', RAILWAY_ENVIRONMENT_NAME: 'staging', GATEWAY_TOKEN: 'a-long-staging-gateway-token', OPENAI_API_KEY: 'sk-s', MODEL_ID: 'gpt-4o-mini' });
    expect(env).toMatchObject({ isDeployed: true, isProduction: false, tracesSampleRate: 1 });
  });

  test('traces are sampled at 10% in production and not at all on a laptop, unless SENTRY_TRACES_SAMPLE_RATE says otherwise', () => {
    const production = { APP_ENV: 'production', GATEWAY_TOKEN: 'a-long-production-gateway-token', OPENAI_API_KEY: 'sk', MODEL_ID: 'm' };
    expect(parseEnv(production).tracesSampleRate).toBe(0.1);
    expect(parseEnv({ ...production, SENTRY_TRACES_SAMPLE_RATE: '0.25' }).tracesSampleRate).toBe(0.25);
    expect(parseEnv({}).tracesSampleRate).toBe(0);
    expect(() => parseEnv({ SENTRY_TRACES_SAMPLE_RATE: '2' })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });
});
