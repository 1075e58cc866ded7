import { randomUUID } from 'node:crypto';
import { type Ctx, EXIT, intOption, OperationError, parseCli, runAsMain, UsageError } from './lib/cli';
import { bypassHeaders } from './lib/health';
import { fetchWithTimeout } from './lib/http';
import { registerSecret } from './lib/mask';
import { type SseEvent, SseParser } from './lib/sse';

const HELP = `Usage: npm run smoke:test -- --app-url URL | --agent-url URL [options]

A real chat round trip. Through the web app (--app-url, env APP_URL): GET / for the guest session cookie, then
POST /api/chat with that cookie and Origin: <app url>, reading the event stream until "done".
Straight to the agent (--agent-url, env AGENT_URL): POST /v1/chat with Authorization: Bearer $GATEWAY_TOKEN.
  --message TEXT     what to ask (default "Plan 1 day of dinners for 2")
  --timeout-ms N     give up when no "done" arrives within N ms (default 90000)
Env VERCEL_AUTOMATION_BYPASS_SECRET, when set, is sent as x-vercel-protection-bypass.
Exit codes: 0 the stream ended with "done", 1 an error event, a non-2xx answer, a timeout or no events, 2 usage.`;

/** Collects the cookie pairs (name=value) a response sets, for a follow-up request. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]?.trim() ?? '')
    .filter(Boolean)
    .join('; ');
}

/** Reads an SSE response until `done` (success) or `error`, within the deadline. Returns the events seen. */
export async function readUntilDone(response: Response, deadline: AbortController): Promise<SseEvent[]> {
  if (!response.body) throw new OperationError('the chat answer has no body');
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream')) throw new OperationError(`expected text/event-stream, got "${contentType}"`);
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const seen: SseEvent[] = [];
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        seen.push(event);
        if (event.event === 'error') throw new OperationError(`the stream ended with an error event: ${event.data.slice(0, 300)}`);
        if (event.event === 'done') return seen;
      }
    }
  } catch (error) {
    if (deadline.signal.aborted) throw new OperationError(`no "done" event before the timeout (${seen.length} events seen)`);
    throw error;
  } finally {
    reader.releaseLock();
    deadline.abort();
  }
  throw new OperationError(`the stream closed without a "done" event (${seen.length} events seen: ${seen.map((e) => e.event).join(', ') || 'none'})`);
}

/** GET / and follow up to 5 redirects by hand, so a cookie set on a redirect response is not lost. */
async function guestSession(start: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<string> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop <= 5; hop += 1) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetchWithTimeout(url, { headers: { ...headers, ...(cookie ? { cookie } : {}) }, redirect: 'manual', signal }, timeoutMs);
    await response.body?.cancel();
    for (const pair of cookieHeader(response).split('; ').filter(Boolean)) {
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    if (response.status >= 400) throw new OperationError(`GET ${new URL(url).pathname} answered HTTP ${response.status}`);
    break;
  }
  if (jar.size === 0) throw new OperationError('GET / set no session cookie');
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { 'app-url': { type: 'string' }, 'agent-url': { type: 'string' }, message: { type: 'string' }, 'timeout-ms': { type: 'string' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const appUrl = (v['app-url'] ?? (v['agent-url'] ? undefined : ctx.env.APP_URL))?.replace(/\/+$/, '');
  const agentUrl = (v['agent-url'] ?? (appUrl ? undefined : ctx.env.AGENT_URL))?.replace(/\/+$/, '');
  if (!appUrl && !agentUrl) throw new UsageError(`give --app-url or --agent-url\n\n${HELP}`);
  const message = v.message ?? 'Plan 1 day of dinners for 2';
  const timeoutMs = intOption(v['timeout-ms'], 'timeout-ms', 90_000, 1);
  const bypass = bypassHeaders(ctx.env);
  registerSecret(ctx.env.VERCEL_AUTOMATION_BYPASS_SECRET);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('smoke test timed out')), timeoutMs);
  const started = Date.now();
  try {
    let response: Response;
    if (appUrl) {
      ctx.out(`smoke: GET ${appUrl}/ for a guest session`);
      const cookie = await guestSession(`${appUrl}/`, bypass, deadline.signal, timeoutMs);
      ctx.out(`smoke: POST ${appUrl}/api/chat "${message}"`);
      response = await fetch(`${appUrl}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: appUrl, cookie, ...bypass },
        body: JSON.stringify({ clientMessageId: randomUUID(), content: message }),
        signal: deadline.signal,
      });
    } else {
      const token = ctx.env.GATEWAY_TOKEN;
      if (!token) throw new UsageError('GATEWAY_TOKEN must be set for --agent-url');
      registerSecret(token);
      ctx.out(`smoke: POST ${agentUrl}/v1/chat "${message}"`);
      response = await fetch(`${agentUrl}/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ messages: [{ role: 'user', content: message }] }),
        signal: deadline.signal,
      });
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 300);
      throw new OperationError(`chat answered HTTP ${response.status}: ${text}`);
    }
    const events = await readUntilDone(response, deadline);
    const deltas = events.filter((e) => e.event === 'delta').length;
    ctx.out(`PASS smoke: "done" after ${events.length} events (${deltas} deltas) in ${Date.now() - started} ms`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = deadline.signal.aborted && !(error instanceof OperationError) ? `timed out after ${timeoutMs} ms` : (error as Error).message;
    ctx.err(`FAIL smoke: ${reason}`);
    return EXIT.failed;
  } finally {
    clearTimeout(timer);
  }
}

runAsMain(module, run);
