import { type Ctx } from './cli';
import { backoffDelay, type BackoffOptions, fetchWithTimeout } from './http';

export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface HealthResult {
  url: string;
  status: HealthStatus;
  httpStatus: number | null;
  detail: string;
  attempts: number;
}

/** Maps an RFC draft health+json `status` (and its aliases ok/up, down/error) to pass, warn or fail. */
export function classifyHealthBody(body: unknown): HealthStatus | null {
  if (!body || typeof body !== 'object' || !('status' in body)) return null;
  const status = String((body as { status: unknown }).status).toLowerCase();
  if (['pass', 'ok', 'up'].includes(status)) return 'pass';
  if (status === 'warn') return 'warn';
  if (['fail', 'down', 'error'].includes(status)) return 'fail';
  return null;
}

/** Names the checks that are not passing with what they say, e.g. "database: fail; model:endpoint: warn (primary model unavailable ...)". */
function failingChecks(body: unknown): string {
  if (!body || typeof body !== 'object' || !('checks' in body)) return '';
  const checks = (body as { checks: unknown }).checks;
  if (!checks || typeof checks !== 'object') return '';
  const bad: string[] = [];
  for (const [name, value] of Object.entries(checks as Record<string, unknown>)) {
    const entries = Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      const status = classifyHealthBody(entry);
      const output = entry && typeof entry === 'object' && 'output' in entry ? String((entry as { output: unknown }).output).slice(0, 200) : '';
      if (status && status !== 'pass') bad.push(`${name}: ${status}${output ? ` (${output})` : ''}`);
    }
  }
  return bad.join('; ');
}

/**
 * One probe: non-2xx or status fail is a failure; status warn passes with a warning; 2xx without a body passes.
 * With expectRelease, a body whose `releaseId` names another release is not ready yet (the old deployment is still
 * serving); a body without `releaseId` cannot be compared and passes on its status.
 */
export async function probeHealth(url: string, timeoutMs: number, headers: Record<string, string> = {}, expectRelease?: string): Promise<Omit<HealthResult, 'attempts'>> {
  let response: Response;
  try {
    response = await fetchWithTimeout(url, { headers: { accept: 'application/health+json, application/json', ...headers } }, timeoutMs);
  } catch (error) {
    return { url, status: 'fail', httpStatus: null, detail: (error as Error).message };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const fromBody = classifyHealthBody(body);
  const checks = failingChecks(body);
  if (!response.ok) {
    return { url, status: 'fail', httpStatus: response.status, detail: `HTTP ${response.status}${checks ? ` (${checks})` : ''}` };
  }
  const status = fromBody ?? 'pass';
  const detail = `HTTP ${response.status}, status ${fromBody ?? 'n/a'}${checks ? ` (${checks})` : ''}`;
  if (expectRelease) {
    const releaseId = body && typeof body === 'object' && 'releaseId' in body ? String((body as { releaseId: unknown }).releaseId) : undefined;
    if (releaseId === undefined) return { url, status, httpStatus: response.status, detail: `${detail}, no releaseId to compare` };
    if (releaseId !== expectRelease) return { url, status: 'fail', httpStatus: response.status, detail: `${detail}, serving release ${releaseId}, waiting for ${expectRelease}` };
    return { url, status, httpStatus: response.status, detail: `${detail}, release ${releaseId}` };
  }
  return { url, status, httpStatus: response.status, detail };
}

/** Probes until pass or warn, or until attempts run out, waiting only the backoff between tries. */
export async function waitForHealth(
  ctx: Ctx,
  url: string,
  options: BackoffOptions & { timeoutMs: number; headers?: Record<string, string>; expectRelease?: string },
): Promise<HealthResult> {
  let last: Omit<HealthResult, 'attempts'> = { url, status: 'fail', httpStatus: null, detail: 'not probed' };
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    last = await probeHealth(url, options.timeoutMs, options.headers, options.expectRelease);
    if (last.status !== 'fail') return { ...last, attempts: attempt };
    if (attempt < options.attempts) {
      const delay = backoffDelay(attempt, options);
      ctx.out(`  ${url}: ${last.detail}; retry ${attempt}/${options.attempts - 1} in ${delay} ms`);
      await ctx.sleep(delay);
    }
  }
  return { ...last, attempts: options.attempts };
}

/** The readiness endpoints each component exposes (issue 2 for the agent, issue 5 for the web app). */
export function readinessUrls(appUrl?: string, agentUrl?: string): string[] {
  const urls: string[] = [];
  if (appUrl) urls.push(`${appUrl.replace(/\/+$/, '')}/api/health/ready`);
  if (agentUrl) urls.push(`${agentUrl.replace(/\/+$/, '')}/health/ready`);
  return urls;
}

/** Vercel's "Protection Bypass for Automation" header, for protected preview deployments. */
export function bypassHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const secret = env.VERCEL_AUTOMATION_BYPASS_SECRET;
  return secret ? { 'x-vercel-protection-bypass': secret } : {};
}
