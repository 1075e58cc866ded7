/**
 * The web app's server side for the proof suites: the real route handlers, called with real `Request` objects, on a
 * real store (PGlite in a temporary directory, or a given DATABASE_URL), talking over HTTP to the real agent
 * (`createApp()` on 127.0.0.1) in front of the local OpenAI-compatible server. Only the model provider is a stand-in.
 *
 * The web app reads its configuration once per process (lib/env.ts), so call `startWebStack` before the first handler
 * runs, and once per test file (Jest gives every file its own module registry and environment).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startAgent, TOKEN, type RunningAgent } from '../../../../agent/test/support/agent';
import { startFakeOpenAI, type FakeOpenAI, type ScriptFor, type Script } from '../../../../agent/test/support/fake-openai';
import { spawnAgent } from '../../../../agent/test/support/spawn-agent';
import { SESSION_COOKIE, signSessionValue } from '../../../lib/session';
import { createSseParser } from '@chef-chopsky/contract/sse';

export const ORIGIN = 'http://chef.test';
export const SESSION_SECRET = `proof-session-secret-${'x'.repeat(32)}`;

export interface WebStack {
  fake: FakeOpenAI;
  /** In-process agent; absent when it runs as its own process (`agentProcess`). */
  agent?: RunningAgent;
  agentUrl: string;
  dataDir?: string;
  cookieFor(ownerId: string): string;
  close(): Promise<void>;
}

export async function startWebStack(options: {
  upstream?: ScriptFor | Record<string, Script>;
  agentEnv?: Record<string, string>;
  databaseUrl?: string;
  webEnv?: Record<string, string>;
  /** Run the agent as its own process (src/server.ts), as deployed: under load it then gets a core of its own. */
  agentProcess?: boolean;
} = {}): Promise<WebStack> {
  const fake = await startFakeOpenAI(options.upstream ?? { 'proof-model': { tokens: ['Lentil', ' soup', ' tonight.'] } });
  const agentEnv = {
    OPENAI_API_KEY: 'sk-proof-provider-key',
    OPENAI_BASE_URL: fake.url,
    MODEL_ID: 'proof-model',
    RATE_LIMIT_REQUESTS: '1000000',
    LOG_LEVEL: 'info',
    ...options.agentEnv,
  };
  const spawned = options.agentProcess ? await spawnAgent({ GATEWAY_TOKEN: TOKEN, ...agentEnv }) : undefined;
  const agent = spawned ? undefined : await startAgent({ env: agentEnv });
  const agentUrl = spawned?.url ?? agent?.url ?? '';
  const dataDir = options.databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'chef-proof-'));
  Object.assign(process.env, {
    APP_ENV: 'test',
    AGENT_URL: agentUrl,
    GATEWAY_TOKEN: TOKEN,
    SESSION_SECRET,
    AGENT_TIMEOUT_MS: '30000',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATA_DIR: dataDir }),
    ...options.webEnv,
  });
  return {
    fake,
    agent,
    agentUrl,
    dataDir,
    cookieFor: (ownerId: string) => `${SESSION_COOKIE}=${signSessionValue(ownerId, SESSION_SECRET)}`,
    async close() {
      await agent?.close();
      if (spawned) {
        spawned.child.kill('SIGTERM');
        await spawned.exited;
      }
      await fake.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Handler = (request: Request, context?: unknown) => Promise<Response> | Response;

export interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  params?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Calls a route handler the way Next.js does: a real Request, and `params` as a promise for dynamic segments. */
export async function call(handler: Handler, { method, path: target, headers = {}, body, params }: Call): Promise<Answer> {
  const request = new Request(`${ORIGIN}${target}`, {
    method,
    headers: { host: new URL(ORIGIN).host, ...headers },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  const response = await handler(request, params ? { params: Promise.resolve(params) } : undefined);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export const newOwner = () => randomUUID();

/** A whole SSE body's events, read by the app's own parser, with their JSON data. */
export function eventsOf(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  const parser = createSseParser((event) => events.push({ event: event.event, data: JSON.parse(event.data) as Record<string, unknown> }));
  parser.feed(text);
  parser.end();
  return events;
}
