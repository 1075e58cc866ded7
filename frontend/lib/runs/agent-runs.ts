import type { AgentChatRequest } from '@chef-chopsky/contract/chat';
import type { IncomingMessage } from 'node:http';
import { type AgentCallOptions, type AgentClientConfig, callAgent } from '../agent-client';

/**
 * The agent's runs (docs/api.md, "Runs"), as the web app uses them: a reply is a run keyed by its assistant message id,
 * so any web instance can follow or stop it through any agent replica, and a reply whose web instance died can still be
 * read and stored by another.
 */

/** The agent's SSE bytes, as its response stream (agent-client.ts `callAgent`). */
export type AgentEvents = IncomingMessage;

/** Starts the reply as a run (or, same id again, follows the run from its start). */
export async function startAgentRun(
  config: AgentClientConfig,
  body: AgentChatRequest & { runId: string },
  options: AgentCallOptions,
): Promise<AgentEvents> {
  return (await callAgent(config, { method: 'POST', path: '/v1/chat', body }, options)).body;
}

/** The run's events from the agent's offset `from` (0: all of them), live or kept; null when the agent knows no such run. */
export async function followAgentRun(
  config: AgentClientConfig,
  runId: string,
  from: number,
  options: AgentCallOptions,
): Promise<AgentEvents | null> {
  const { status, body } = await callAgent(config, { method: 'GET', path: `/v1/runs/${encodeURIComponent(runId)}?from=${from}` }, options, [404]);
  if (status === 404) {
    body.resume();
    return null;
  }
  return body;
}

/**
 * Whether a URL the web app requests is one of the agent's event streams above (a run started or followed), which
 * stream for a whole reply: instrumentation.ts keeps Sentry's per-chunk instrumentation off them. Stop is not one.
 */
export function isAgentEventStream(url: string): boolean {
  return AGENT_EVENT_STREAM.test(url);
}

/** After the agent's base URL, which may have a path of its own (a proxy's prefix). */
const AGENT_EVENT_STREAM = /^https?:\/\/[^?#]*\/v1\/(chat|runs\/[^/?]+)(\?|$)/;

/** Asks the replica that runs it to stop: `stopping`, or the run had already `finished`, or is `unknown` to the agent. */
export async function stopAgentRun(
  config: AgentClientConfig,
  runId: string,
  options: AgentCallOptions,
): Promise<'stopping' | 'finished' | 'unknown'> {
  const { status, body } = await callAgent(config, { method: 'POST', path: `/v1/runs/${encodeURIComponent(runId)}/stop`, accept: 'application/json' }, options, [404, 409]);
  body.resume();
  return status === 404 ? 'unknown' : status === 409 ? 'finished' : 'stopping';
}
