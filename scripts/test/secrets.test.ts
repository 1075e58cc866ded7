import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run as check } from '../secrets-check';
import { run as rotate } from '../secrets-rotate';
import { loadManifest, secretsForEnvironment } from '../lib/secrets-manifest';
import { healthJson, startServer, type TestServer, testCtx } from './helpers';

let server: TestServer;
afterEach(async () => server?.close());

const now = new Date('2026-11-22T00:00:00Z');

function ghList(environment: string, secrets: { name: string; updatedAt: string }[]) {
  return { cli: 'gh' as const, match: `^secret list --env ${environment} `, stdout: JSON.stringify(secrets) };
}

describe('secrets:check', () => {
  const manifest = loadManifest();
  const fresh = (names: string[]) => names.map((name) => ({ name, updatedAt: '2026-11-01T00:00:00Z' }));

  test('when GitHub matches the manifest, then it passes', async () => {
    const names = secretsForEnvironment(manifest, 'staging').map((s) => s.name);
    const ctx = testCtx({ now, rules: [ghList('staging', fresh(names))] });
    expect(await check(['--env', 'staging'], ctx)).toBe(0);
    expect(ctx.calls()[0]?.argv).toEqual(['secret', 'list', '--env', 'staging', '--json', 'name,updatedAt']);
    expect(ctx.output()).toContain('OK   staging');
  });

  test('when secrets are missing, unexpected or overdue, then it reports each and exits 1', async () => {
    const names = secretsForEnvironment(manifest, 'production')
      .map((s) => s.name)
      .filter((n) => n !== 'RAILWAY_TOKEN' && n !== 'LANGCHAIN_API_KEY');
    const remote = fresh(names).map((s) => (s.name === 'GATEWAY_TOKEN' ? { ...s, updatedAt: '2026-09-01T00:00:00Z' } : s));
    remote.push({ name: 'OLD_HEROKU_KEY', updatedAt: '2025-01-01T00:00:00Z' });
    const ctx = testCtx({ now, rules: [ghList('production', remote)], env: { GITHUB_REPOSITORY: 'chef/chopsky' } });
    expect(await check(['--env', 'production'], ctx)).toBe(1);
    const out = ctx.output();
    expect(out).toContain('FAIL production');
    expect(out).toContain('missing     RAILWAY_TOKEN');
    expect(out).toContain('unexpected  OLD_HEROKU_KEY');
    expect(out).toContain('overdue     GATEWAY_TOKEN: updated 2026-09-01T00:00:00Z (82 days ago, rotate every 30)');
    expect(out).toContain('note        LANGCHAIN_API_KEY (optional) is not set');
    expect(ctx.calls()[0]?.argv.slice(-2)).toEqual(['--repo', 'chef/chopsky']);
  });

  test('when no environment is named, then every environment is checked', async () => {
    const ctx = testCtx({ now, rules: [{ cli: 'gh', stdout: '[]' }] });
    expect(await check(['--json'], ctx)).toBe(1);
    expect(ctx.calls().map((c) => c.argv[3])).toEqual(['production', 'staging', 'preview']);
    const reports = JSON.parse(ctx.lines.slice(ctx.lines.indexOf('[')).join('\n')) as { missing: string[] }[];
    expect(reports[0]?.missing).toContain('VERCEL_TOKEN');
  });
});

describe('secrets:rotate GATEWAY_TOKEN (dual-token window)', () => {
  const oldToken = 'old-gateway-token-value-0001';

  async function healthyEverything() {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'pass', checks: {} }));
  }
  function rotationCtx(extra: Record<string, string> = {}) {
    return testCtx({
      now,
      env: {
        RAILWAY_TOKEN: 'rw-prod',
        VERCEL_TOKEN: 'vc-token',
        VERCEL_ORG_ID: 'team_1',
        VERCEL_PROJECT_ID: 'prj_1',
        APP_URL: server.url,
        AGENT_URL: server.url,
        GITHUB_ACTOR: 'oncall-alex',
        ...extra,
      },
      rules: [
        { cli: 'railway', match: '^variable list', stdout: `GATEWAY_TOKEN=${oldToken}\nOPENAI_API_KEY=sk-live-abc\n` },
        { cli: 'vercel', match: '^redeploy', stdout: 'https://chef-chopsky-new.vercel.app\n' },
      ],
    });
  }

  test('when applied, then the agent accepts old and new before the web app switches, and the audit line holds no value', async () => {
    await healthyEverything();
    const ctx = rotationCtx();
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--apply', '--audit-file', audit], ctx)).toBe(0);
    const calls = ctx.calls();
    const sequence = calls.map((c) => `${c.cli} ${c.argv.slice(0, 3).join(' ')}`);
    expect(sequence).toEqual([
      'railway variable list --service',
      'railway variable set GATEWAY_TOKEN_PREVIOUS',
      'railway variable set GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT',
      'railway variable set GATEWAY_TOKEN',
      'railway redeploy --service agent',
      'vercel env rm GATEWAY_TOKEN',
      'vercel env add GATEWAY_TOKEN',
      `vercel redeploy ${server.url} --token=vc-token`,
      'gh secret set GATEWAY_TOKEN',
    ]);
    const newToken = calls[3]?.stdin ?? '';
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calls[1]?.stdin).toBe(oldToken);
    expect(calls[2]?.stdin).toBe('2026-11-23T00:00:00.000Z');
    expect(calls[6]?.stdin).toBe(newToken);
    expect(calls[8]?.stdin).toBe(newToken);
    expect(calls[8]?.argv).toEqual(['secret', 'set', 'GATEWAY_TOKEN', '--env', 'production']);
    expect(calls[1]?.env.RAILWAY_TOKEN).toBe('rw-prod');
    for (const call of calls) {
      expect(call.argv.join(' ')).not.toContain(newToken);
      expect(call.argv.join(' ')).not.toContain(oldToken);
    }
    // the agent was verified healthy before the web app got the new token
    const healthPaths = server.requests.map((r) => r.url);
    expect(healthPaths).toEqual(['/health/ready', '/api/health/ready']);

    const auditText = readFileSync(audit, 'utf8');
    const line = JSON.parse(auditText.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ at: '2026-11-22T00:00:00.000Z', by: 'github:oncall-alex', secret: 'GATEWAY_TOKEN', environment: 'production', action: 'rotate-with-window', result: 'ok', previousTokenExpiresAt: '2026-11-23T00:00:00.000Z' });
    expect(auditText).not.toContain(newToken);
    expect(auditText).not.toContain(oldToken);
    expect(ctx.output()).not.toContain(newToken);
    expect(ctx.output()).not.toContain(oldToken);
    expect(ctx.output()).not.toContain('sk-live-abc');
    expect(ctx.output()).toContain('--finish --apply');
  });

  test('when finishing, then the previous token and its expiry are removed from the agent and it is redeployed', async () => {
    await healthyEverything();
    const ctx = testCtx({
      now,
      env: { RAILWAY_TOKEN: 'rw-prod', AGENT_URL: server.url },
      rules: [{ cli: 'railway', match: '^variable list', stdout: `GATEWAY_TOKEN=new\nGATEWAY_TOKEN_PREVIOUS=${oldToken}\nGATEWAY_TOKEN_PREVIOUS_EXPIRES_AT=2026-11-23T00:00:00.000Z\n` }],
    });
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--finish', '--apply', '--audit-file', audit], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.slice(0, 3).join(' '))).toEqual([
      'variable list --service',
      'variable delete GATEWAY_TOKEN_PREVIOUS',
      'variable delete GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT',
      'redeploy --service agent',
    ]);
    expect(JSON.parse(readFileSync(audit, 'utf8'))).toMatchObject({ action: 'finish-window', result: 'ok' });
  });

  test('when the agent is unhealthy after the redeploy, then the web app keeps the old token and it exits 1', async () => {
    server = await startServer((_req, res) => healthJson(res, 503, { status: 'fail' }));
    const ctx = rotationCtx();
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--apply', '--attempts', '2', '--audit-file', audit], ctx)).toBe(1);
    expect(ctx.calls().some((c) => c.cli === 'vercel' || c.cli === 'gh')).toBe(false);
    expect(JSON.parse(readFileSync(audit, 'utf8'))).toMatchObject({ result: 'failed', failedAt: 'verify the agent is healthy' });
  });

  test('when not applied, then it prints the plan and calls nothing', async () => {
    await healthyEverything();
    const ctx = rotationCtx();
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'staging'], ctx)).toBe(0);
    expect(ctx.calls()).toEqual([]);
    expect(ctx.output()).toContain('dry run');
    expect(ctx.output()).toContain('GATEWAY_TOKEN_PREVIOUS=<current token>');
  });
});

describe('secrets:rotate other secrets', () => {
  test('when a provider-issued key comes on stdin, then the Railway runtime name is set and redeployed, then GitHub', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'pass' }));
    const ctx = testCtx({ now, stdin: 'sk-new-openai-key-999\n', env: { RAILWAY_STAGING_TOKEN: 'rw-staging', AGENT_URL: server.url } });
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['STAGING_OPENAI_API_KEY', '--env', 'staging', '--value-stdin', '--apply', '--audit-file', audit], ctx)).toBe(0);
    const calls = ctx.calls();
    expect(calls.map((c) => `${c.cli} ${c.argv.slice(0, 3).join(' ')}`)).toEqual(['railway variable set OPENAI_API_KEY', 'railway redeploy --service agent', 'gh secret set STAGING_OPENAI_API_KEY']);
    expect(calls[2]?.argv).toEqual(['secret', 'set', 'STAGING_OPENAI_API_KEY', '--env', 'staging']);
    expect(calls[0]?.stdin).toBe('sk-new-openai-key-999');
    expect(calls[0]?.argv).toContain('staging');
    expect(calls[0]?.env.RAILWAY_TOKEN).toBe('rw-staging');
    expect(readFileSync(audit, 'utf8')).not.toContain('sk-new-openai-key-999');
  });

  test('when a staging secret is shared with previews, then both GitHub environments get the new value', async () => {
    server = await startServer((_req, res) => healthJson(res, 200, { status: 'pass' }));
    const ctx = testCtx({
      now,
      stdin: 'sb_secret_new',
      env: { VERCEL_TOKEN: 'vc-token', VERCEL_ORG_ID: 'team_1', VERCEL_PROJECT_ID: 'prj_1', APP_URL: server.url },
      rules: [{ cli: 'vercel', match: '^redeploy', stdout: 'https://chef-chopsky-staging2.vercel.app\n' }],
    });
    expect(await rotate(['STAGING_SUPABASE_SECRET_KEY', '--env', 'staging', '--value-stdin', '--apply', '--audit-file', path.join(ctx.dir, 'a.jsonl')], ctx)).toBe(0);
    const calls = ctx.calls();
    expect(calls.map((c) => `${c.cli} ${c.argv.slice(0, 4).join(' ')}`)).toEqual([
      'vercel env rm SUPABASE_SECRET_KEY preview',
      'vercel env add SUPABASE_SECRET_KEY preview',
      `vercel redeploy ${server.url} --token=vc-token`,
      'gh secret set STAGING_SUPABASE_SECRET_KEY --env',
      'gh secret set STAGING_SUPABASE_SECRET_KEY --env',
    ]);
    expect(calls.slice(3).map((c) => c.argv[4])).toEqual(['staging', 'preview']);
    expect(calls.filter((c) => c.stdin === 'sb_secret_new')).toHaveLength(3);
  });

  test('when a provider-issued key has no --value-stdin, then it refuses', async () => {
    await expect(rotate(['PRODUCTION_OPENAI_API_KEY', '--env', 'production', '--apply'], testCtx())).rejects.toThrow(/--value-stdin/);
  });

  test('when the secret or environment is not in the manifest, then it is a usage error', async () => {
    await expect(rotate(['NOPE', '--env', 'production'], testCtx())).rejects.toThrow(/not in ops\/secrets.manifest.json/);
    await expect(rotate(['GATEWAY_TOKEN', '--env', 'preview'], testCtx())).rejects.toThrow(/--env must be one of production, staging/);
    await expect(rotate(['PRODUCTION_SUPABASE_URL', '--env', 'staging'], testCtx())).rejects.toThrow(/not used in staging/);
    await expect(rotate(['SESSION_SECRET', '--env', 'production', '--finish'], testCtx())).rejects.toThrow(/--finish only applies/);
  });
});
