import { type Ctx, EXIT, oneOf, parseCli, runAsMain, UsageError } from './lib/cli';
import { execCli } from './lib/exec';
import { registerSecret } from './lib/mask';

const HELP = `Usage: npm run sentry:release -- --component agent|web --release SHA --environment NAME --project SLUG [--url URL]

One Sentry release per component, named <component>@<sha> (the name each SDK reports: agent/src/observability/sentry.ts
and frontend's instrumentation use the same rule), then a deploy of it to the environment:
  sentry-cli releases new NAME --project SLUG; sentry-cli releases finalize NAME --project SLUG;
  sentry-cli deploys new --release NAME -e ENV [--url URL]
Source maps are uploaded by each build, under the same release name: the web app's by withSentryConfig in
frontend/next.config.ts during \`vercel build\`, the agent's by agent/build.mjs during Railway's build (both when
SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_PROJECT are set there).
Env: SENTRY_AUTH_TOKEN, SENTRY_ORG (read by sentry-cli itself; never printed), SENTRY_URL for self-hosted Sentry.
Exit codes: 0 recorded, 1 sentry-cli failed, 2 usage or missing configuration.`;

export const releaseName = (component: 'agent' | 'web', sha: string) => `${component}@${sha}`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    { component: { type: 'string' }, release: { type: 'string' }, environment: { type: 'string' }, project: { type: 'string' }, url: { type: 'string' } },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const sha = v.release ?? ctx.env.GITHUB_SHA;
  if (!sha || !v.environment || !v.project || !v.component) throw new UsageError(`--component, --release (or GITHUB_SHA), --environment and --project are required\n\n${HELP}`);
  for (const name of ['SENTRY_AUTH_TOKEN', 'SENTRY_ORG']) if (!ctx.env[name]) throw new UsageError(`${name} is not set`);
  const component = oneOf(v.component, ['agent', 'web'] as const, 'component');
  registerSecret(ctx.env.SENTRY_AUTH_TOKEN);
  const name = releaseName(component, sha);
  ctx.out(`sentry: release ${name} (${v.project}) deployed to ${v.environment}`);
  await execCli(ctx, 'sentry-cli', ['releases', 'new', name, '--project', v.project]);
  await execCli(ctx, 'sentry-cli', ['releases', 'finalize', name, '--project', v.project]);
  await execCli(ctx, 'sentry-cli', ['deploys', 'new', '--release', name, '-e', v.environment, ...(v.url ? ['--url', v.url] : [])]);
  return EXIT.ok;
}

runAsMain(module, run);
