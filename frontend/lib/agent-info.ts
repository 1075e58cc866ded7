import type { AgentInfo } from '@chef-chopsky/contract/agent-mode';
import { agentInfoSchema } from '@chef-chopsky/contract/chat';
import type { AgentClientConfig } from './agent-client';

export type { AgentInfo };

export interface AgentInfoReaderOptions extends AgentClientConfig {
  /** The fetch to read with (tests count its calls). */
  fetchImpl?: typeof fetch;
  /** How long one read may take before the page goes without it (default 2 s). */
  timeoutMs?: number;
  /** How long an answer is reused (default 60 s), and a failed read (default 10 s). */
  ttlMs?: number;
  failureTtlMs?: number;
  now?: () => number;
}

/**
 * What answers the agent's chats (`GET /v1/info`, docs/api.md), for the chat header's note that the chef runs without a
 * language model. The answer is a fact of the agent's configuration, so it is kept a minute per web app instance (a
 * failed read, 10 s) and concurrent readers share one request. It never throws: an agent that cannot be read gives null,
 * the header then says nothing, and the first reply's `start` event (which carries the model) tells the page instead.
 */
export function createAgentInfoReader(options: AgentInfoReaderOptions): () => Promise<AgentInfo | null> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 60_000;
  const failureTtlMs = options.failureTtlMs ?? 10_000;
  let cached: { at: number; info: AgentInfo | null } | undefined;
  let inFlight: Promise<AgentInfo | null> | undefined;

  const read = async (): Promise<AgentInfo | null> => {
    try {
      const response = await fetchImpl(`${options.agentUrl}/v1/info`, {
        headers: { authorization: `Bearer ${options.gatewayToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
        cache: 'no-store',
      });
      if (!response.ok) {
        await response.body?.cancel();
        return null;
      }
      const parsed = agentInfoSchema.safeParse(await response.json());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  return () => {
    if (cached && now() - cached.at < (cached.info ? ttlMs : failureTtlMs)) return Promise.resolve(cached.info);
    inFlight ??= read().then((info) => {
      cached = { at: now(), info };
      inFlight = undefined;
      return info;
    });
    return inFlight;
  };
}
