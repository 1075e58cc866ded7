import { type Ctx, EXIT, intOption, parseCli, runAsMain, UsageError, writeSummary } from './lib/cli';
import { bypassHeaders, readinessUrls, waitForHealth } from './lib/health';

const HELP = `Usage: npm run health:check -- [--url URL ...] [--app-url URL] [--agent-url URL] [options]

Probes health endpoints (application/health+json aware) with retries and exponential backoff.
  --url URL             a health endpoint to probe (repeatable)
  --app-url URL         web app base URL: probes URL/api/health/ready       (env APP_URL)
  --agent-url URL       agent base URL: probes URL/health/ready              (env AGENT_URL)
  --attempts N          tries per endpoint before it counts as failing (default 5)
  --initial-delay-ms N  first backoff delay, doubled each retry (default 2000)
  --max-delay-ms N      backoff cap (default 20000)
  --timeout-ms N        per-request timeout (default 10000)
  --expect-release SHA  not ready until the body's releaseId is SHA (after a deploy the old release may still
                        answer); a body without releaseId passes on its status
Env VERCEL_AUTOMATION_BYPASS_SECRET, when set, is sent as x-vercel-protection-bypass (protected previews).

A 2xx with status pass (or no body) passes; status warn passes with a warning; status fail, a non-2xx answer,
a timeout or a connection error fails.
Exit codes: 0 every endpoint passed (warnings allowed), 1 at least one endpoint failed, 2 usage error.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(
    argv,
    {
      url: { type: 'string', multiple: true },
      'app-url': { type: 'string' },
      'agent-url': { type: 'string' },
      attempts: { type: 'string' },
      'initial-delay-ms': { type: 'string' },
      'max-delay-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'expect-release': { type: 'string' },
    },
    HELP,
    ctx,
  );
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const urls = [...(v.url ?? []), ...readinessUrls(v['app-url'] ?? ctx.env.APP_URL, v['agent-url'] ?? ctx.env.AGENT_URL)];
  if (urls.length === 0) throw new UsageError(`give --url, --app-url or --agent-url (or APP_URL / AGENT_URL)\n\n${HELP}`);
  for (const url of urls) if (!/^https?:\/\//.test(url)) throw new UsageError(`not an http(s) URL: ${url}`);
  const options = {
    attempts: intOption(v.attempts, 'attempts', 5, 1),
    initialDelayMs: intOption(v['initial-delay-ms'], 'initial-delay-ms', 2000),
    maxDelayMs: intOption(v['max-delay-ms'], 'max-delay-ms', 20_000),
    timeoutMs: intOption(v['timeout-ms'], 'timeout-ms', 10_000, 1),
    headers: bypassHeaders(ctx.env),
    expectRelease: v['expect-release'],
  };
  ctx.out(`health: probing ${urls.length} endpoint(s), up to ${options.attempts} attempts each`);
  const results = await Promise.all(urls.map((url) => waitForHealth(ctx, url, options)));
  const rows: string[] = [];
  for (const result of results) {
    const mark = result.status === 'pass' ? 'PASS' : result.status === 'warn' ? 'WARN' : 'FAIL';
    ctx.out(`${mark} ${result.url} — ${result.detail} (attempt ${result.attempts})`);
    rows.push(`| ${mark} | ${result.url} | ${result.detail} |`);
  }
  await writeSummary(ctx, `### Health\n| result | endpoint | detail |\n|---|---|---|\n${rows.join('\n')}`);
  return results.some((r) => r.status === 'fail') ? EXIT.failed : EXIT.ok;
}

runAsMain(module, run);
