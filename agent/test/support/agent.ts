/** Starts the real app on 127.0.0.1:0 with a captured logger, and speaks its HTTP + SSE protocol. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { TextDecoder } from 'node:util';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type AppDeps, createApp } from '../../src/app';
import { buildDefaultDeps } from '../../src/compose';
import { type Env, parseEnv } from '../../src/env';
import type { Lifecycle } from '../../src/lifecycle';
import type { GroceryList, MealPlan } from '@chef-chopsky/kitchen/plan-types';
import type { ConstraintLedger } from '@chef-chopsky/kitchen/ledger/types';
import type { LedgerEvent } from '@chef-chopsky/contract/ledger';
import type { AgentPlanEvent, CurrentPlan } from '@chef-chopsky/contract/plan-actions';
import { skeletonOf } from '@chef-chopsky/kitchen/plan-actions';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../src/logger';
import type { ErrorContext, ErrorReporter } from '../../src/observability/sentry';

export const TOKEN = 'test-gateway-token-0123456789';

export function testEnv(overrides: Record<string, string | undefined> = {}): Env {
  return parseEnv({ APP_ENV: 'test', GATEWAY_TOKEN: TOKEN, LOG_LEVEL: 'debug', ...overrides });
}

export interface CapturedLogs {
  text(): string;
  entries(): Array<Record<string, unknown>>;
}

export function captureLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  const logs: CapturedLogs = {
    text: () => lines.join('\n'),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  return { logger, logs };
}

export function recordingReporter() {
  const captured: Array<{ error: unknown; context: ErrorContext }> = [];
  const reporter: ErrorReporter = {
    capture: (error, context) => captured.push({ error, context }),
    flush: async () => true,
  };
  return { reporter, captured };
}

export interface RunningAgent {
  url: string;
  server: Server;
  lifecycle: Lifecycle;
  logs: CapturedLogs;
  close(): Promise<void>;
}

export async function startAgent(
  options: { env?: Record<string, string | undefined> } & Partial<Omit<AppDeps, 'env' | 'logger'>> = {},
): Promise<RunningAgent> {
  const { env: overrides, ...deps } = options;
  const { logger, logs } = captureLogger();
  const { app, lifecycle } = createApp({ env: testEnv(overrides), logger, ...deps });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    lifecycle,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const userSays = (content: string) => ({ messages: [{ role: 'user', content }] });

export function postChat(
  url: string,
  body: unknown,
  { token = TOKEN, headers = {}, signal }: { token?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${url}/v1/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

interface StreamState {
  reader: ReadableStreamDefaultReader<Uint8Array>;
  decoder: TextDecoder;
  buffer: string;
}
const streamStates = new WeakMap<Response, StreamState>();

/**
 * Reads SSE events until the stream ends, or until `until` returns true. In the latter case the stream stays open and
 * a later call on the same response continues exactly where this one stopped (buffered events are kept).
 */
export async function readEvents(response: Response, until?: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  if (!response.body) throw new Error('response has no body');
  let state = streamStates.get(response);
  if (!state) {
    state = { reader: response.body.getReader(), decoder: new TextDecoder(), buffer: '' };
    streamStates.set(response, state);
  }
  const events: SseEvent[] = [];
  for (;;) {
    let boundary = state.buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = state.buffer.slice(0, boundary);
      state.buffer = state.buffer.slice(boundary + 2);
      boundary = state.buffer.indexOf('\n\n');
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === undefined || data === undefined) continue;
      const parsed = { event, data: JSON.parse(data) as Record<string, unknown> };
      events.push(parsed);
      if (until?.(parsed)) return events;
    }
    const { value, done } = await state.reader.read();
    if (done) return events;
    state.buffer += state.decoder.decode(value, { stream: true });
  }
}

export const textOf = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'delta').map((e) => String(e.data.text)).join('');
export const namesOf = (events: SseEvent[]) => events.map((e) => e.event);

/**
 * What the web app keeps of the agent's latest `plan` event and sends with the next chat: the plan's ids, its state
 * and its version (a new plan gets a new id; a change is the next version of the plan it changed).
 */
export function currentPlanFrom(event: AgentPlanEvent, previous?: CurrentPlan): CurrentPlan {
  const id = event.base && previous ? previous.id : randomUUID();
  const version = event.base && previous ? previous.version + 1 : 1;
  return { id, version, catalogVersion: event.catalogVersion, state: event.state, meals: skeletonOf(event.plan), label: event.label };
}

/**
 * One chat turn as the web app sends it (the conversation so far, the cook's profile, the ledger and the current plan
 * when it keeps them): the answer's status, its events (and their names), the reply text, the plan and grocery list it
 * showed, if any, and the current plan to send with the next turn.
 */
export async function chatTurn(
  url: string,
  messages: Array<{ role: 'user' | 'assistant'; content: string }>,
  profile: Record<string, unknown> = {},
  ledger?: ConstraintLedger,
  plan?: CurrentPlan,
  /** More request fields (the cook's `recipes`, `links`). */
  more: Record<string, unknown> = {},
) {
  const response = await postChat(url, { messages, profile, ...(ledger ? { ledger } : {}), ...(plan ? { plan } : {}), ...more });
  const events = await readEvents(response);
  const planEvents = events.filter((e) => e.event === 'plan').map((e) => e.data as unknown as AgentPlanEvent);
  let next = plan;
  for (const event of planEvents) next = currentPlanFrom(event, next);
  return {
    status: response.status,
    events,
    names: namesOf(events),
    text: textOf(events),
    /** The last plan version the reply made. */
    plan: planEvents.at(-1)?.plan as MealPlan | undefined,
    planEvent: planEvents.at(-1),
    grocery: events.find((e) => e.event === 'grocery')?.data.grocery as GroceryList | undefined,
    /** The last `ledger` event: what the reply understood and applied. */
    ledger: events.filter((e) => e.event === 'ledger').at(-1)?.data as LedgerEvent | undefined,
    /** The plan to send with the next turn (as the web app would keep it). */
    currentPlan: next,
  };
}

/** The kitchen as production wires it (compose.ts): its understanding, tools and the built-in planner brain. */
export function kitchenDeps(): Pick<AppDeps, 'brain' | 'toolFactory' | 'understand'> {
  const { brain, toolFactory, understand } = buildDefaultDeps(testEnv(), captureLogger().logger, recordingReporter().reporter);
  return { brain, toolFactory, understand };
}

/** One turn as the web app sends it (the conversation so far, the profile, the current plan), answered to the end. */
export async function chatOk(url: string, messages: Array<{ role: 'user' | 'assistant'; content: string }>, profile: Record<string, unknown> = {}, plan?: CurrentPlan) {
  const turn = await chatTurn(url, messages, profile, undefined, plan);
  expect(turn.status).toBe(200);
  expect(turn.events.at(-1)!.event).toBe('done');
  return turn;
}
