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
});
