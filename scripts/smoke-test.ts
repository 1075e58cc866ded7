import { randomUUID } from 'node:crypto';
import { type Ctx, EXIT, intOption, OperationError, parseCli, runAsMain, UsageError } from './lib/cli';
import { bypassHeaders } from './lib/health';
import { fetchWithTimeout } from './lib/http';
import { registerSecret } from './lib/mask';
import { type SseEvent, SseParser } from './lib/sse';

const HELP = `Usage: npm run smoke:test -- --app-url URL | --agent-url URL [options]

A real chat round trip. Through the web app (--app-url, env APP_URL): web app → agent → model → store.
GET / for the guest session cookie, POST /api/chat with that cookie and Origin: <app url>, read the event stream
until "done", then GET /api/conversations/<id> to check the store kept the question and the finished reply, and
DELETE the conversation again (--keep leaves it), so a smoke test or the synthetic probe leaves nothing behind.
Straight to the agent (--agent-url, env AGENT_URL): POST /v1/chat with Authorization: Bearer $GATEWAY_TOKEN.
  --message TEXT     what to ask (default "Plan 1 day of dinners for 2")
  --timeout-ms N     give up when no "done" arrives within N ms (default 90000)
  --keep             do not delete the conversation afterwards
Env VERCEL_AUTOMATION_BYPASS_SECRET, when set, is sent as x-vercel-protection-bypass.
Exit codes: 0 the stream ended with "done" (and the store kept it), 1 an error event, a non-2xx answer, a timeout,
no events or a missing stored reply, 2 usage.`;

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

export interface ChatOptions {
  message: string;
  timeoutMs: number;
  headers: Record<string, string>;
}

export interface ChatResult {
  events: SseEvent[];
  conversationId?: string;
  ms: number;
}

/** Runs one request against the deadline; the deadline's abort turns into a timeout error naming what was waiting. */
async function withDeadline<T>(timeoutMs: number, work: (deadline: AbortController) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('smoke test timed out')), timeoutMs);
  try {
    return await work(deadline);
  } catch (error) {
    if (deadline.signal.aborted && !(error instanceof OperationError)) throw new OperationError(`timed out after ${timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function failOnStatus(response: Response, what: string): Promise<void> {
  if (response.ok) return;
  const text = (await response.text()).slice(0, 300);
  throw new OperationError(`${what} answered HTTP ${response.status}: ${text}`);
}

/**
 * Web app → agent → model → store: a guest chat, its stored reply, then (unless keep) the conversation deleted.
 * Throws OperationError saying which hop failed.
 */
export async function webAppChat(ctx: Ctx, appUrl: string, options: ChatOptions & { keep?: boolean }): Promise<ChatResult> {
  const started = Date.now();
  const { cookie, events } = await withDeadline(options.timeoutMs, async (deadline) => {
    ctx.out(`smoke: GET ${appUrl}/ for a guest session`);
    const cookie = await guestSession(`${appUrl}/`, options.headers, deadline.signal, options.timeoutMs);
    ctx.out(`smoke: POST ${appUrl}/api/chat "${options.message}"`);
    const response = await fetch(`${appUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: appUrl, cookie, ...options.headers },
      body: JSON.stringify({ clientMessageId: randomUUID(), content: options.message }),
      signal: deadline.signal,
    });
    await failOnStatus(response, 'chat');
    return { cookie, events: await readUntilDone(response, deadline) };
  });
  const conversationEvent = events.find((e) => e.event === 'conversation');
  const conversationId = conversationEvent ? ((JSON.parse(conversationEvent.data) as { conversationId?: string }).conversationId ?? undefined) : undefined;
  if (!conversationId) throw new OperationError('the chat stream named no conversation, so the stored reply cannot be checked');
  const headers = { ...options.headers, cookie, origin: appUrl };
  const conversationUrl = `${appUrl}/api/conversations/${encodeURIComponent(conversationId)}`;
  try {
    const stored = await fetchWithTimeout(conversationUrl, { headers }, options.timeoutMs);
    await failOnStatus(stored, 'reading the stored conversation');
    const body = (await stored.json()) as { messages?: { role: string; status: string; content: string }[] };
    const messages = body.messages ?? [];
    const question = messages.find((m) => m.role === 'user' && m.content === options.message);
    const reply = messages.find((m) => m.role === 'assistant' && m.status === 'complete' && m.content.trim().length > 0);
    if (!question || !reply) throw new OperationError(`the store has ${question ? 'the question but no finished reply' : 'no question'} for conversation ${conversationId}`);
    ctx.out(`smoke: the store kept the question and a ${reply.content.length}-character reply`);
  } finally {
    if (!options.keep) {
      const deleted = await fetchWithTimeout(conversationUrl, { method: 'DELETE', headers }, options.timeoutMs).catch((error: Error) => error);
      if (deleted instanceof Error || !deleted.ok) ctx.err(`smoke: could not delete conversation ${conversationId}: ${deleted instanceof Error ? deleted.message : `HTTP ${deleted.status}`}`);
      else ctx.out(`smoke: deleted conversation ${conversationId}`);
    }
  }
  return { events, conversationId, ms: Date.now() - started };
}

/** Straight to the agent with a given gateway token (a rotation checks the new one this way before anyone uses it). */
export async function agentChat(ctx: Ctx, agentUrl: string, token: string, options: ChatOptions): Promise<ChatResult> {
  registerSecret(token);
  const started = Date.now();
  const events = await withDeadline(options.timeoutMs, async (deadline) => {
    ctx.out(`smoke: POST ${agentUrl}/v1/chat "${options.message}"`);
    const response = await fetch(`${agentUrl}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}`, ...options.headers },
      body: JSON.stringify({ messages: [{ role: 'user', content: options.message }] }),
      signal: deadline.signal,
    });
    await failOnStatus(response, 'chat');
    return readUntilDone(response, deadline);
  });
  return { events, ms: Date.now() - started };
}

export const DEFAULT_MESSAGE = 'Plan 1 day of dinners for 2';

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { 'app-url': { type: 'string' }, 'agent-url': { type: 'string' }, message: { type: 'string' }, 'timeout-ms': { type: 'string' }, keep: { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const v = parsed.values;
  const appUrl = (v['app-url'] ?? (v['agent-url'] ? undefined : ctx.env.APP_URL))?.replace(/\/+$/, '');
  const agentUrl = (v['agent-url'] ?? (appUrl ? undefined : ctx.env.AGENT_URL))?.replace(/\/+$/, '');
  if (!appUrl && !agentUrl) throw new UsageError(`give --app-url or --agent-url\n\n${HELP}`);
  const options: ChatOptions = { message: v.message ?? DEFAULT_MESSAGE, timeoutMs: intOption(v['timeout-ms'], 'timeout-ms', 90_000, 1), headers: bypassHeaders(ctx.env) };
  registerSecret(ctx.env.VERCEL_AUTOMATION_BYPASS_SECRET);
  const token = ctx.env.GATEWAY_TOKEN;
  if (!appUrl && !token) throw new UsageError('GATEWAY_TOKEN must be set for --agent-url');
  try {
    const result = appUrl ? await webAppChat(ctx, appUrl, { ...options, keep: v.keep }) : await agentChat(ctx, agentUrl ?? '', token ?? '', options);
    const deltas = result.events.filter((e) => e.event === 'delta').length;
    ctx.out(`PASS smoke: "done" after ${result.events.length} events (${deltas} deltas) in ${result.ms} ms`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    ctx.err(`FAIL smoke: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

runAsMain(module, run);
