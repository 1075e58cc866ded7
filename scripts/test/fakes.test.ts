import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { execCli } from '../lib/exec';
import { FAKE_BIN, REAL_BIN, testCtx } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validate } = require('./fakes/cli-specs.js') as { validate: (cli: string, argv: string[]) => string | null };
const exec = promisify(execFile);

describe('the fake CLIs accept what the real ones accept', () => {
  test.each([
    ['vercel', 'pull --yes --environment=production --token=t'],
    ['vercel', 'build --prod --token=t'],
    ['vercel', 'deploy --prebuilt --prod --skip-domain --meta githubCommitSha=abc --token=t'],
    ['vercel', '--prebuilt --prod'],
    ['vercel', 'promote https://chef-chopsky-a1.vercel.app --yes --timeout=5m --token=t'],
    ['vercel', 'alias set https://chef-chopsky-a1.vercel.app staging.chef-chopsky.example --token=t'],
    ['vercel', 'redeploy https://chef-chopsky.example --token=t'],
    ['vercel', 'env rm GATEWAY_TOKEN preview --yes --token=t'],
    ['vercel', 'env add GATEWAY_TOKEN production --token=t'],
    ['railway', 'up --service agent --environment production --ci'],
    ['railway', 'up --service agent --environment staging --detach'],
    ['railway', 'redeploy --service agent --yes'],
    ['railway', 'variable set RELEASE=abc --service agent --environment production --skip-deploys'],
    ['railway', 'variable set GATEWAY_TOKEN --stdin --service agent --environment production --skip-deploys'],
    ['railway', 'variable list --service agent --environment production --kv'],
    ['railway', 'variable delete GATEWAY_TOKEN_PREVIOUS --service agent --environment production'],
    ['gh', 'api --method POST --input - repos/chef/chopsky/deployments'],
    ['gh', 'api repos/chef/chopsky/environments/production'],
    ['gh', 'secret list --env production --json name,updatedAt --repo chef/chopsky'],
    ['gh', 'secret list --json name,updatedAt'],
  ])('%s %s', (cli, line) => {
    expect(validate(cli, line.split(' '))).toBeNull();
  });
});

describe('the fake CLIs reject what the real ones reject', () => {
  test.each([
    ['vercel', 'deploy --prebuilt --production', /unknown or unexpected option: --production/],
    ['vercel', 'deploy --skip-domains', /--skip-domains/],
    ['vercel', 'promote --yes', /missing argument/],
    ['vercel', 'alias set https://a.vercel.app', /missing argument/],
    ['vercel', 'rollback https://a.vercel.app https://b.vercel.app', /unexpected argument/],
    ['vercel', 'pull --environment', /requires a value/],
    ['railway', 'up --service agent --env production', /--env/],
    ['railway', 'variables set RELEASE=abc', /unknown command/],
    ['railway', 'variable set --service agent', /missing argument/],
    ['railway', 'redeploy --service agent --environment production', /--environment/],
    ['gh', 'secrets list', /unknown command/],
    ['gh', 'secret list --environment production', /--environment/],
    ['gh', 'api', /missing argument/],
  ])('%s %s', (cli, line, message) => {
    expect(validate(cli, line.split(' '))).toMatch(message);
  });

  test('a rejected call fails with exit 2 and is recorded as rejected, as a typo in a script would be', async () => {
    const ctx = testCtx();
    await expect(execCli(ctx, 'vercel', ['deploy', '--prebuild'])).rejects.toThrow(/exited with 2:\nError: unknown or unexpected option: --prebuild/);
    expect(ctx.calls()).toEqual([expect.objectContaining({ cli: 'vercel', argv: ['deploy', '--prebuild'], rejected: expect.stringContaining('--prebuild') })]);
  });
});

describe('supabase and sentry-cli are the real ones', () => {
  test('PATH finds the npm packages behind the fakes, and they reject an unknown flag themselves', async () => {
    const ctx = testCtx();
    const paths = (ctx.env.PATH ?? '').split(path.delimiter);
    expect(paths.slice(0, 2)).toEqual([FAKE_BIN, REAL_BIN]);
    const sentry = await exec(path.join(REAL_BIN, 'sentry-cli'), ['--version']);
    expect(sentry.stdout).toMatch(/^sentry-cli 3\.8\.0/);
    await expect(exec(path.join(REAL_BIN, 'sentry-cli'), ['releases', 'new', 'x', '--bogus'], { env: { ...process.env, SENTRY_CLI_SKIP_UPDATE_CHECK: '1' } })).rejects.toMatchObject({ stderr: expect.stringContaining("unexpected argument '--bogus'") });
    await expect(exec(path.join(REAL_BIN, 'supabase'), ['db', 'push', '--bogus'], { env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1' } })).rejects.toMatchObject({ stderr: expect.stringContaining('Unrecognized flag: --bogus') });
  }, 30_000);
});
