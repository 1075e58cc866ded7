import { type Ctx, EXIT, parseCli, runAsMain, UsageError } from './lib/cli';
import { execCli } from './lib/exec';
import { registerSecret } from './lib/mask';

const HELP = `Usage: npm run sentry:release -- --release SHA --environment NAME [--url URL]

Creates (or reuses) a Sentry release, finalizes it and records a deploy of it to the environment:
  sentry-cli releases new SHA; sentry-cli releases finalize SHA; sentry-cli deploys new --release SHA -e ENV
Env: SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_PROJECT (read by sentry-cli itself; never printed).
Exit codes: 0 recorded, 1 sentry-cli failed, 2 usage or missing configuration.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { release: { type: 'string' }, environment: { type: 'string' }, url: { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const release = parsed.values.release ?? ctx.env.GITHUB_SHA;
  const environment = parsed.values.environment;
  if (!release || !environment) throw new UsageError(`--release (or GITHUB_SHA) and --environment are required\n\n${HELP}`);
  for (const name of ['SENTRY_AUTH_TOKEN', 'SENTRY_ORG', 'SENTRY_PROJECT']) if (!ctx.env[name]) throw new UsageError(`${name} is not set`);
  registerSecret(ctx.env.SENTRY_AUTH_TOKEN);
  ctx.out(`sentry: release ${release} deployed to ${environment}`);
  await execCli(ctx, 'sentry-cli', ['releases', 'new', release]);
  await execCli(ctx, 'sentry-cli', ['releases', 'finalize', release]);
  await execCli(ctx, 'sentry-cli', ['deploys', 'new', '--release', release, '-e', environment, ...(parsed.values.url ? ['--url', parsed.values.url] : [])]);
  return EXIT.ok;
}

runAsMain(module, run);
