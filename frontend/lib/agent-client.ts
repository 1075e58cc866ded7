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
  fetchImpl?: typeof fetch;
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

function isStaleConnection(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

export interface AgentCallOptions {
  signal: AbortSignal;
  requestId?: string;
  /** The cook the call is for (guest or user id): the agent limits per cook by it. */
  cookId?: string;
}

/**
 * One call to the agent with the gateway token (and the cook's id), sent once more on a fresh connection when a pooled
 * one turns out stale. Rejects with an AppError when the agent answers an error status (its code decides the copy), or
 * cannot be reached; `allow` lists error statuses the caller handles itself.
 */
export async function callAgent(
  config: AgentClientConfig,
  request: { method: 'GET' | 'POST'; path: string; body?: unknown; accept?: string },
  options: AgentCallOptions,
  allow: number[] = [],
): Promise<Response> {
  const fetchImpl = config.fetchImpl ?? fetch;
  const send = () =>
    fetchImpl(`${config.agentUrl}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${config.gatewayToken}`,
        accept: request.accept ?? 'text/event-stream',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        ...(options.cookId ? { [COOK_HEADER]: options.cookId } : {}),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: options.signal,
    });
  let response: Response;
  try {
    try {
      response = await send();
    } catch (error) {
      if (options.signal.aborted || !isStaleConnection(error)) throw error;
      response = await send();
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw agentFailure(null, undefined, error);
  }
  if (response.ok || allow.includes(response.status)) return response;
  let agentCode: string | undefined;
  let agentMessage: string | undefined;
  try {
    const payload = (await response.json()) as { code?: unknown; message?: unknown };
    if (typeof payload.code === 'string') agentCode = payload.code;
    if (typeof payload.message === 'string') agentMessage = payload.message;
  } catch {
    // The body is not JSON (a proxy's HTML error page, say): the status alone decides the copy.
  }
  throw agentFailure(response.status, agentCode, new Error(`agent answered ${response.status}`), agentMessage);
}
