import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run as check } from '../secrets-check';
import { run as rotate } from '../secrets-rotate';
import { loadManifest, secretsForGithub } from '../lib/secrets-manifest';
import { type FakeWebApp, healthJson, startFakeWebApp, startServer, type TestCtx, type TestServer, testCtx } from './helpers';

jest.setTimeout(60_000);

let web: FakeWebApp | undefined;
let agent: TestServer | undefined;
afterEach(async () => {
  await web?.close();
  await agent?.close();
  web = undefined;
  agent = undefined;
});

const now = new Date('2026-11-22T00:00:00Z');
const manifest = loadManifest();

function ghList(scope: string, secrets: { name: string; updatedAt: string }[]) {
  return { cli: 'gh' as const, match: scope === 'repository' ? '^secret list --json' : `^secret list --env ${scope} `, stdout: JSON.stringify(secrets) };
}
const fresh = (names: string[]) => names.map((name) => ({ name, updatedAt: '2026-11-01T00:00:00Z' }));

describe('secrets:check', () => {
  test('when GitHub matches the manifest, then it passes', async () => {
    const names = secretsForGithub(manifest, 'staging').map((s) => s.name);
    const ctx = testCtx({ now, rules: [ghList('staging', fresh(names))] });
    expect(await check(['--env', 'staging'], ctx)).toBe(0);
    expect(ctx.calls()[0]?.argv).toEqual(['secret', 'list', '--env', 'staging', '--json', 'name,updatedAt']);
    expect(ctx.output()).toContain('OK   staging');
  });

  test('when secrets are missing, unexpected or overdue, then it reports each and exits 1', async () => {
    const names = secretsForGithub(manifest, 'production')
      .map((s) => s.name)
      .filter((n) => n !== 'RAILWAY_TOKEN');
    const remote = fresh(names).map((s) => (s.name === 'VERCEL_TOKEN' ? { ...s, updatedAt: '2026-06-01T00:00:00Z' } : s));
    remote.push({ name: 'GATEWAY_TOKEN', updatedAt: '2025-01-01T00:00:00Z' });
    const ctx = testCtx({ now, rules: [ghList('production', remote)], env: { GITHUB_REPOSITORY: 'chef/chopsky' } });
    expect(await check(['--env', 'production'], ctx)).toBe(1);
    const out = ctx.output();
    expect(out).toContain('FAIL production');
    expect(out).toContain('missing     RAILWAY_TOKEN');
    expect(out).toContain('unexpected  GATEWAY_TOKEN');
    expect(out).toContain('overdue     VERCEL_TOKEN: updated 2026-06-01T00:00:00Z (174 days ago, rotate every 90)');
    expect(ctx.calls()[0]?.argv.slice(-2)).toEqual(['--repo', 'chef/chopsky']);
  });

  test('repository-level secrets are audited too: a production secret there (readable by every branch) is unexpected', async () => {
    const names = secretsForGithub(manifest, 'repository').map((s) => s.name);
    const ctx = testCtx({ now, rules: [ghList('repository', [...fresh(names), { name: 'PRODUCTION_SUPABASE_DB_PASSWORD', updatedAt: '2026-11-01T00:00:00Z' }])] });
    expect(await check(['--env', 'repository'], ctx)).toBe(1);
    expect(ctx.calls()[0]?.argv).toEqual(['secret', 'list', '--json', 'name,updatedAt']);
    expect(ctx.output()).toContain('unexpected  PRODUCTION_SUPABASE_DB_PASSWORD');
  });

  test('when no place is named, then every environment and the repository are checked', async () => {
    const ctx = testCtx({ now, rules: [{ cli: 'gh', stdout: '[]' }] });
    expect(await check(['--json'], ctx)).toBe(1);
    expect(ctx.calls().map((c) => (c.argv[2] === '--env' ? c.argv[3] : 'repository'))).toEqual(['production', 'staging', 'preview', 'repository']);
  });
});

/** The fake agent accepts the GATEWAY_TOKEN (and PREVIOUS) the fake railway was last given, as the real one does. */
function acceptedTokens(ctx: TestCtx, initial: string): string[] {
  const tokens = new Map<string, string>([['GATEWAY_TOKEN', initial]]);
  for (const c of ctx.calls()) {
    if (c.cli === 'railway' && c.argv[0] === 'variable' && c.argv[1] === 'set') tokens.set(c.argv[2] ?? '', c.stdin);
    if (c.cli === 'railway' && c.argv[0] === 'variable' && c.argv[1] === 'delete') tokens.delete(c.argv[2] ?? '');
  }
  return [tokens.get('GATEWAY_TOKEN'), tokens.get('GATEWAY_TOKEN_PREVIOUS')].filter((t): t is string => Boolean(t));
}

describe('secrets:rotate GATEWAY_TOKEN (dual-token window)', () => {
  const oldToken = 'old-gateway-token-value-0001';

  async function stack(options: { webHolds?: () => 'current' | 'previous' } = {}) {
    const holder: { ctx?: TestCtx } = {};
    const webGotNewToken = () => Boolean(holder.ctx?.calls().some((c) => c.cli === 'vercel' && c.argv[0] === 'redeploy'));
    web = await startFakeWebApp({ release: () => 'r', tokenId: options.webHolds ?? (() => (webGotNewToken() ? 'current' : 'previous')) });
    agent = await startServer((req, res) => {
      if (req.url === '/health/ready') return healthJson(res, 200, { status: 'pass' });
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!holder.ctx || !acceptedTokens(holder.ctx, oldToken).includes(token)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"code":"unauthorized:gateway"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: delta\ndata: {"text":"ok"}\n\nevent: done\ndata: {}\n\n');
    });
    const ctx = testCtx({
      now,
      env: {
        RAILWAY_TOKEN: 'rw-prod',
        RAILWAY_STAGING_TOKEN: 'rw-stg',
        VERCEL_TOKEN: 'vc-token',
        VERCEL_ORG_ID: 'team_1',
        VERCEL_PROJECT_ID: 'prj_1',
        VERCEL_PREVIEW_TOKEN: 'vc-previews-token',
        VERCEL_PREVIEW_ORG_ID: 'team_previews',
        VERCEL_PREVIEW_PROJECT_ID: 'prj_previews',
        APP_URL: web.url,
        AGENT_URL: agent.url,
        GITHUB_ACTOR: 'oncall-alex',
      },
      rules: [
        { cli: 'railway', match: '^variable list', stdout: `GATEWAY_TOKEN=${oldToken}\nOPENAI_API_KEY=sk-live-abc\nGATEWAY_TOKEN_PREVIOUS=${oldToken}\n` },
        { cli: 'vercel', match: '^redeploy', stdout: `${web.url}\n` },
      ],
    });
    holder.ctx = ctx;
    return ctx;
  }

  test('when applied, then the agent accepts old and new, a real chat with the new token passes before the web app gets it, and the audit line holds no value', async () => {
    const ctx = await stack();
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--apply', '--audit-file', audit], ctx)).toBe(0);
    const calls = ctx.calls();
    expect(calls.map((c) => `${c.cli} ${c.argv.slice(0, 3).join(' ')}`)).toEqual([
      'railway variable list --service',
      'railway variable set GATEWAY_TOKEN_PREVIOUS',
      'railway variable set GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT',
      'railway variable set GATEWAY_TOKEN',
      'railway redeploy --service agent',
      'vercel env rm GATEWAY_TOKEN',
      'vercel env add GATEWAY_TOKEN',
      `vercel redeploy ${web?.url} --token=vc-token`,
      `vercel promote ${web?.url} --yes`,
    ]);
    expect(calls.every((c) => !c.rejected)).toBe(true);
    const newToken = calls[3]?.stdin ?? '';
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calls[1]?.stdin).toBe(oldToken);
    expect(calls[2]?.stdin).toBe('2026-11-23T00:00:00.000Z');
    expect(calls[6]?.stdin).toBe(newToken);
    // the chat straight to the agent used the new token, and came before the web app was touched
    const agentChat = agent?.requests.find((r) => r.url === '/v1/chat');
    expect(agentChat?.headers.authorization).toBe(`Bearer ${newToken}`);
    // and a chat through the web app after it (web app → agent → model → store, deleted after)
    expect(web?.deleted).toHaveLength(1);
    for (const call of calls) expect(call.argv.join(' ')).not.toContain(newToken);
    const auditText = readFileSync(audit, 'utf8');
    expect(JSON.parse(auditText.trim())).toMatchObject({ by: 'github:oncall-alex', secret: 'GATEWAY_TOKEN', environment: 'production', action: 'rotate-with-window', result: 'ok', previousTokenExpiresAt: '2026-11-23T00:00:00.000Z' });
    expect(auditText).not.toContain(newToken);
    expect(ctx.output()).not.toContain(newToken);
    expect(ctx.output()).not.toContain('sk-live-abc');
  });

  test('staging: every copy of the staging token is replaced, in the web app\'s preview target and in the previews project (with its own token)', async () => {
    const ctx = await stack();
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'staging', '--apply', '--audit-file', path.join(ctx.dir, 'a.jsonl')], ctx)).toBe(0);
    const adds = ctx.calls().filter((c) => c.cli === 'vercel' && c.argv[1] === 'add');
    expect(adds.map((c) => [c.argv[3], c.env.VERCEL_PROJECT_ID])).toEqual([['preview', 'prj_1'], ['preview', 'prj_previews']]);
    expect(adds[1]?.argv).toContain('--token=vc-previews-token');
    expect(ctx.calls().find((c) => c.argv[0] === 'alias')?.argv.slice(0, 4)).toEqual(['alias', 'set', web?.url, new URL(web?.url ?? '').host]);
    expect(ctx.calls().find((c) => c.cli === 'railway' && c.argv[1] === 'set')?.env.RAILWAY_TOKEN).toBe('rw-stg');
  });

  test('--finish refuses while the web app still presents the previous token, and removes it once the web app holds the new one', async () => {
    let holds: 'current' | 'previous' = 'previous';
    const ctx = await stack({ webHolds: () => holds });
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--finish', '--apply', '--audit-file', audit], ctx)).toBe(1);
    expect(ctx.calls()).toEqual([]);
    expect(ctx.output()).toContain("the web app's readiness reports the previous token");
    holds = 'current';
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--finish', '--apply', '--audit-file', audit], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.slice(0, 3).join(' '))).toEqual(['variable list --service', 'variable delete GATEWAY_TOKEN_PREVIOUS', 'redeploy --service agent']);
    expect(readFileSync(audit, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result)).toEqual(['failed', 'ok']);
  });

  test('when the agent refuses the new token, then the web app keeps the old one and it exits 1', async () => {
    const ctx = await stack();
    await agent?.close();
    agent = await startServer((req, res) => {
      if (req.url === '/health/ready') return healthJson(res, 200, { status: 'pass' });
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"code":"unauthorized:gateway"}');
    });
    ctx.env.AGENT_URL = agent.url;
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'production', '--apply', '--attempts', '2', '--audit-file', audit], ctx)).toBe(1);
    expect(ctx.calls().some((c) => c.cli === 'vercel')).toBe(false);
    expect(JSON.parse(readFileSync(audit, 'utf8'))).toMatchObject({ result: 'failed', failedAt: 'a real chat straight to the agent with the new token' });
  });

  test('when not applied, then it prints the plan and calls nothing', async () => {
    const ctx = await stack();
    expect(await rotate(['GATEWAY_TOKEN', '--env', 'staging'], ctx)).toBe(0);
    expect(ctx.calls()).toEqual([]);
    expect(ctx.output()).toContain('dry run');
    expect(ctx.output()).toContain('GATEWAY_TOKEN_PREVIOUS=<current token>');
  });
});

describe('secrets:rotate other secrets', () => {
  test('a provider-issued model key on stdin goes to the Railway runtime name, the agent is redeployed and checked, and a chat goes through', async () => {
    web = await startFakeWebApp({ release: () => 'r' });
    const ctx = testCtx({ now, stdin: 'sk-new-openai-key-999\n', env: { RAILWAY_STAGING_TOKEN: 'rw-staging', AGENT_URL: web.url, APP_URL: web.url } });
    const audit = path.join(ctx.dir, 'audit.jsonl');
    expect(await rotate(['STAGING_OPENAI_API_KEY', '--env', 'staging', '--value-stdin', '--apply', '--audit-file', audit], ctx)).toBe(0);
    const calls = ctx.calls();
    expect(calls.map((c) => `${c.cli} ${c.argv.slice(0, 3).join(' ')}`)).toEqual(['railway variable set OPENAI_API_KEY', 'railway redeploy --service agent']);
    expect(calls[0]?.stdin).toBe('sk-new-openai-key-999');
    expect(web.deleted).toHaveLength(1);
    expect(readFileSync(audit, 'utf8')).not.toContain('sk-new-openai-key-999');
  });

  test('a secret a workflow reads is set in GitHub where the manifest says: the previews token in staging and preview', async () => {
    const ctx = testCtx({ now, stdin: 'new-previews-token' });
    expect(await rotate(['VERCEL_PREVIEW_TOKEN', '--env', 'staging', '--value-stdin', '--apply', '--audit-file', path.join(ctx.dir, 'a.jsonl')], ctx)).toBe(0);
    expect(ctx.calls().map((c) => c.argv.join(' '))).toEqual(['secret set VERCEL_PREVIEW_TOKEN --env preview', 'secret set VERCEL_PREVIEW_TOKEN --env staging']);
    expect(ctx.calls().every((c) => c.stdin === 'new-previews-token')).toBe(true);
  });

  test('when a provider-issued key has no --value-stdin, or the name or environment is wrong, then it refuses', async () => {
    await expect(rotate(['PRODUCTION_OPENAI_API_KEY', '--env', 'production', '--apply'], testCtx())).rejects.toThrow(/--value-stdin/);
    await expect(rotate(['NOPE', '--env', 'production'], testCtx())).rejects.toThrow(/not in ops\/secrets.manifest.json/);
    await expect(rotate(['GATEWAY_TOKEN', '--env', 'preview'], testCtx())).rejects.toThrow(/--env must be one of production, staging, repository/);
    await expect(rotate(['PRODUCTION_SUPABASE_URL', '--env', 'staging'], testCtx())).rejects.toThrow(/not used in staging/);
    await expect(rotate(['SESSION_SECRET', '--env', 'production', '--finish'], testCtx())).rejects.toThrow(/--finish only applies/);
  });
});
