import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { text } from 'node:stream/consumers';
import { AppError } from './errors';
import { FRIENDLY_COPY } from './chat-types';
import { COOK_HEADER } from '@chef-chopsky/contract/runs';

/**
 * Server-side client of the agent (docs/api.md; lib/runs/agent-runs.ts starts, follows and stops runs through it). The
 * gateway token is attached here and nowhere else; this module is only imported by route handlers, never by client
 * components.
 */

export type { Profile as AgentProfile } from '@chef-chopsky/contract/profile';

export interface AgentClientConfig {
  agentUrl: string;
  gatewayToken: string;
}

/**
 * Maps the agent's status or error code to the user-facing copy and our own error code. The agent's maintenance 503
 * keeps the agent's own words (they say when to come back); every other failure gets our copy.
 */
export function agentFailure(status: number | null, agentCode?: string, cause?: unknown, agentMessage?: string): AppError {
  const code = agentCode ?? '';
  if (status === 503 && code === 'unavailable:maintenance') {
    const copy = agentMessage?.trim() && agentMessage.length <= 300 ? agentMessage.trim() : FRIENDLY_COPY.maintenance;
    return new AppError('unavailable:maintenance', copy, { cause });
  }
  if (status === 401 || code.startsWith('unauthorized')) {
    return new AppError('unavailable:agent_auth', FRIENDLY_COPY.auth, { cause });
  }
  if (status === 403 || code.startsWith('forbidden')) {
    return new AppError('unavailable:agent_origin', FRIENDLY_COPY.origin, { cause });
  }
  if (status === 504 || code.startsWith('timeout')) {
    return new AppError('timeout:agent', FRIENDLY_COPY.timeout, { cause });
  }
  if (status === 429 || code.startsWith('rate_limited')) {
    return new AppError('rate_limited:agent', 'Too many requests right now. Please wait a moment and try again.', { cause });
  }
  return new AppError(status === null ? 'unavailable:agent_unreachable' : 'unavailable:agent', FRIENDLY_COPY.generic, { cause });
}

export interface AgentCallOptions {
  signal: AbortSignal;
  requestId?: string;
  /** The cook the call is for (guest or user id): the agent limits per cook by it. */
  cookId?: string;
}

/** The agent's error answer (`{ code, message }` JSON, or anything a proxy put there) as our AppError. */
function failureOf(status: number, text: string): AppError {
  let agentCode: string | undefined;
  let agentMessage: string | undefined;
  try {
    const payload = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof payload.code === 'string') agentCode = payload.code;
    if (typeof payload.message === 'string') agentMessage = payload.message;
  } catch {
    // The body is not JSON (a proxy's HTML error page, say): the status alone decides the copy.
  }
  return agentFailure(status, agentCode, new Error(`agent answered ${status}`), agentMessage);
}

// Connections to the agent are kept open between calls.
const keepAlive = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * One call to the agent with the gateway token (and the cook's id), sent once more on a fresh connection when a
 * kept-alive one turns out closed. The answer is Node's own response stream (`IncomingMessage`), not fetch's: every
 * relayed token is a chunk, and fetch's web stream costs about 30 µs of CPU more per chunk (measured reading 20 streams
 * of 300 events both ways). Rejects with an AppError when the agent answers an error status (its code decides the
 * copy; `allow` lists statuses the caller handles itself) or cannot be reached (`unavailable:agent_unreachable`).
 * Aborting `options.signal` destroys the request and its stream.
 */
export async function callAgent(
  config: AgentClientConfig,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown; accept?: string },
  options: AgentCallOptions,
  allow: number[] = [],
): Promise<{ status: number; body: IncomingMessage }> {
  const url = new URL(`${config.agentUrl}${request.path}`);
  const secure = url.protocol === 'https:';
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  const send = () =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = (secure ? https : http).request(url, {
        method: request.method,
        agent: secure ? keepAlive.https : keepAlive.http,
        signal: options.signal,
        headers: {
          authorization: `Bearer ${config.gatewayToken}`,
          accept: request.accept ?? 'text/event-stream',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
          ...(options.cookId ? { [COOK_HEADER]: options.cookId } : {}),
        },
      });
      outgoing.on('response', resolve);
      outgoing.on('error', (error) => reject(Object.assign(error, { reused: outgoing.reusedSocket })));
      outgoing.end(payload);
    });
  let response: IncomingMessage;
  try {
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the agent closed meanwhile fails at once: the request never reached it.
      const { reused, code } = error as { reused?: boolean; code?: string };
      if (options.signal.aborted || !(reused && code === 'ECONNRESET')) throw error;
      response = await send();
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw agentFailure(null, undefined, error);
  }
  const status = response.statusCode ?? 0;
  if ((status >= 200 && status < 300) || allow.includes(status)) return { status, body: response };
  throw failureOf(status, await text(response).catch(() => ''));
}
