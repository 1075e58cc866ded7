import { AppError } from './errors';
import { FRIENDLY_COPY } from './chat-types';
import type { AgentChatRequest } from '@chef-chopsky/contract/chat';
import { createSseParser, type SseEvent } from '@chef-chopsky/contract/sse';
import { COOK_HEADER } from '@chef-chopsky/contract/runs';

/**
 * Server-side client of the agent's `POST /v1/chat` (docs/api.md). The gateway token is attached here and nowhere
 * else; this module is only imported by route handlers, never by client components.
 */

export type { AgentChatRequest } from '@chef-chopsky/contract/chat';
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

/**
 * Opens the agent's event stream and yields its events in order. Rejects with an AppError before the first event when
 * the agent answers an error status or cannot be reached; aborting `signal` ends the stream with an AbortError.
 */
export async function* streamAgentChat(
  config: AgentClientConfig,
  body: AgentChatRequest,
  options: { signal: AbortSignal; requestId?: string },
): AsyncGenerator<SseEvent> {
  const fetchImpl = config.fetchImpl ?? fetch;
  const send = () =>
    fetchImpl(`${config.agentUrl}/v1/chat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.gatewayToken}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
      },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  let response: Response;
  try {
    try {
      response = await send();
    } catch (error) {
      // A pooled keep-alive connection the agent had just closed fails before the request reached it; the agent
      // is stateless, so sending once more on a fresh connection is safe. Any other failure is final.
      if (options.signal.aborted || !isStaleConnection(error)) throw error;
      response = await send();
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw agentFailure(null, undefined, error);
  }

  if (!response.ok || !response.body) {
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

  const queue: SseEvent[] = [];
  const parser = createSseParser((event) => queue.push(event));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
      while (queue.length > 0) yield queue.shift()!;
    }
    parser.end();
    while (queue.length > 0) yield queue.shift()!;
  } finally {
    // Reached early when the consumer stops iterating: cancelling releases the agent connection.
    try {
      await reader.cancel();
    } catch {
      // The stream already errored (an abort): nothing left to release.
    }
  }
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
