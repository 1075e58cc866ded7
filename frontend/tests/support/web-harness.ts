/**
 * Calls the web app's route handlers the way Next.js does (exported functions, real Request objects) with the real
 * embedded store in a temporary directory. Each `loadRoutes` gets fresh modules, so a scenario can point the app at
 * a different agent through its environment, exactly as a deployment would.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSseParser } from '@chef-chopsky/contract/sse';
import { getStore, storeConfigFromEnv } from '@/lib/db';
import { signSessionValue } from '@/lib/session';
import { startAgent, type AgentProcess } from './agent-process';

export const ORIGIN = 'http://app.test';
export const SESSION_SECRET = 'route-test-session-secret-0123456789abcdef';
export const GATEWAY_TOKEN = 'route-test-gateway-token-0123456789';

export const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chopsky-routes-'));

type Handler = (request: Request, context?: unknown) => Promise<Response> | Response;
type RouteModule = Record<string, Handler>;

export interface Routes {
  chat: RouteModule;
  follow: RouteModule;
  stop: RouteModule;
  conversations: RouteModule;
  conversation: RouteModule;
  ledger: RouteModule;
  plan: RouteModule;
  planActions: RouteModule;
  planTicks: RouteModule;
  planShare: RouteModule;
  planCalendar: RouteModule;
  feedback: RouteModule;
  profile: RouteModule;
  health: RouteModule;
  ready: RouteModule;
}

export async function loadRoutes(env: Record<string, string>): Promise<Routes> {
  Object.assign(process.env, { DATA_DIR: dataDir, SESSION_SECRET, GATEWAY_TOKEN, APP_ENV: 'test', ...env });
  let routes: Routes | undefined;
  await jest.isolateModulesAsync(async () => {
    routes = {
      chat: await import('@/app/(chat)/api/chat/route'),
      follow: await import('@/app/(chat)/api/chat/follow/route'),
      stop: await import('@/app/(chat)/api/chat/stop/route'),
      conversations: await import('@/app/(chat)/api/conversations/route'),
      conversation: await import('@/app/(chat)/api/conversations/[id]/route'),
      ledger: await import('@/app/(chat)/api/conversations/[id]/ledger/route'),
      plan: await import('@/app/(chat)/api/plans/[id]/route'),
      planActions: await import('@/app/(chat)/api/plans/[id]/actions/route'),
      planTicks: await import('@/app/(chat)/api/plans/[id]/ticks/route'),
      planShare: await import('@/app/(chat)/api/plans/[id]/share/route'),
      planCalendar: await import('@/app/(chat)/api/plans/[id]/calendar/route'),
      feedback: await import('@/app/(chat)/api/feedback/route'),
      profile: await import('@/app/(profile)/api/profile/route'),
      health: await import('@/app/(health)/api/health/route'),
      ready: await import('@/app/(health)/api/health/ready/route'),
    } as unknown as Routes;
    // The configuration is read on first use: use it now, while process.env describes this scenario.
    await (await import('@/lib/app-context')).appContext();
  });
  return routes!;
}

export function cookieFor(ownerId: string, secret = SESSION_SECRET): string {
  return `chopsky_session=${signSessionValue(ownerId, secret)}`;
}

export function request(
  pathname: string,
  options: { method?: string; body?: unknown; owner?: string | null; origin?: string | null; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.owner) headers.cookie = cookieFor(options.owner);
  if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return new Request(`${ORIGIN}${pathname}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
}

export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

export interface ChatEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a chat response's events; stops reading (cancels the body, as a closing tab would) once `until` says so. */
export async function readEvents(response: Response, until?: (events: ChatEvent[]) => boolean): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  const parser = createSseParser(({ event, data }) => events.push({ event, data: JSON.parse(data) as Record<string, unknown> }));
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    if (until?.(events)) {
      await reader.cancel();
      return events;
    }
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  parser.end();
  return events;
}

export const textOf = (events: ChatEvent[]) =>
  events
    .filter((e) => e.event === 'delta')
    .map((e) => e.data.text as string)
    .join('');

/**
 * For one test file: the real agent in built-in planner mode in a child process, and the routes pointed at it, loaded
 * before its tests and handed to `onLoaded`; after them the agent stops and the embedded store closes.
 */
export function withBuiltInPlannerRoutes(onLoaded: (routes: Routes) => void): void {
  let agent: AgentProcess | undefined;
  beforeAll(async () => {
    agent = await startAgent({ GATEWAY_TOKEN });
    onLoaded(await loadRoutes({ AGENT_URL: agent.url }));
  });
  afterAll(async () => {
    await agent?.stop();
    await getStore(storeConfigFromEnv({ DATA_DIR: dataDir })).close();
  });
}
