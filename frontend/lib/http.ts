import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, GENERIC_ERROR_MESSAGE, isAppError } from './errors';
import { recordServerFault } from './report';
import { ownerIdFromRequest } from './session';

/** Helpers that keep route handlers thin adapters: ids, same-origin, session, validation, and one error shape. */

export function requestIdOf(request: Request): string {
  const incoming = request.headers.get('x-request-id');
  return incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}

/**
 * State-changing requests must come from the app's own pages: the Origin header (which browsers always send on POST,
 * PATCH and DELETE) must equal the origin the request was addressed to. A missing Origin is refused too, unless the
 * browser vouches with `Sec-Fetch-Site: same-origin`.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const url = new URL(request.url);
  const forwardedHost = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const host = forwardedHost ?? request.headers.get('host') ?? url.host;
  const proto = forwardedProto ? `${forwardedProto}:` : url.protocol;
  const expected = new Set([url.origin, `${proto}//${host}`]);
  if (origin) {
    if (!expected.has(origin)) throw new AppError('forbidden:origin', 'This request must come from the Chef Chopsky app.');
    return;
  }
  if (request.headers.get('sec-fetch-site') !== 'same-origin') {
    throw new AppError('forbidden:origin', 'This request must come from the Chef Chopsky app.');
  }
}

export function requireOwner(request: Request, sessionSecret: string): string {
  const ownerId = ownerIdFromRequest(request, sessionSecret);
  if (!ownerId) throw new AppError('unauthorized:session', 'Your session has expired. Reload the page to continue.');
  return ownerId;
}

/**
 * PostgreSQL cannot store U+0000 in text, nor unpaired UTF-16 surrogates in jsonb. Both are valid JSON, so they are
 * refused here as the client's mistake (400) instead of reaching the database as a 500.
 */
export function findUnstorableText(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? at || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], `${at}${at ? '.' : ''}${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableText(item, `${at}${at ? '.' : ''}${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Search text from a query string, with what PostgreSQL cannot hold removed. */
export function cleanSearchText(value: string | null): string | undefined {
  const cleaned = value?.toWellFormed().replaceAll('\u0000', '').replaceAll('\ufffd', '').trim().slice(0, 200);
  return cleaned ? cleaned : undefined;
}

export async function parseJsonBody<T>(request: Request, schema: z.ZodType<T>, maxBytes = 64 * 1024): Promise<T> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new AppError('bad_request:content_type', 'Send JSON (Content-Type: application/json).');
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('payload_too_large:body', 'That request is too large.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad_request:json', 'The request body is not valid JSON.');
  }
  const unstorable = findUnstorableText(json);
  if (unstorable) {
    // The detail reaches the cook next to the field ("The name contains …"), so it names no code points.
    throw new AppError('bad_request:text', 'The request contains characters that cannot be saved.', {
      exposeDetails: true,
      details: [{ path: unstorable, message: "contains characters that can't be saved; remove any unusual symbols and try again" }],
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('bad_request:validation', 'The request is not valid.', {
      exposeDetails: true,
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return parsed.data;
}

export function jsonResponse(body: unknown, init: { status?: number; requestId?: string; headers?: Record<string, string> } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(init.requestId ? { 'x-request-id': init.requestId } : {}),
      ...init.headers,
    },
  });
}

/**
 * The one error shape: `{ code, message, requestId, details? }`. A server fault (5xx) is logged and reported by the
 * policy in lib/report.ts; a client error (4xx) is neither. A fault that is not an AppError becomes a generic 500.
 */
export function errorResponse(error: unknown, requestId: string, where: { route?: string; method?: string } = {}): Response {
  recordServerFault(error, { ...where, requestId });
  if (isAppError(error)) {
    // A limit says when to come back (lib/runs/limits.ts).
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return jsonResponse(
      { code: error.code, message: error.message, requestId, ...(error.exposeDetails && error.details ? { details: error.details } : {}) },
      { status: error.status, requestId, ...(typeof retryAfter === 'number' ? { headers: { 'retry-after': String(retryAfter) } } : {}) },
    );
  }
  return jsonResponse({ code: 'internal:unexpected', message: GENERIC_ERROR_MESSAGE, requestId }, { status: 500, requestId });
}

/**
 * The route pattern of a request, for logs and Sentry tags: the path with each dynamic segment's value put back as its
 * `[name]` (Next.js hands a route handler its params, not its pattern), so ids never become log or tag values.
 */
export async function routePatternOf(request: Request, context: unknown): Promise<string> {
  const params = await ((context as { params?: Promise<Record<string, unknown>> } | undefined)?.params ?? {});
  const nameByValue = new Map(Object.entries(params).map(([name, value]) => [String(value), name]));
  return new URL(request.url).pathname
    .split('/')
    .map((segment) => {
      const name = nameByValue.get(decodeURIComponent(segment));
      return name ? `[${name}]` : segment;
    })
    .join('/');
}

/** Wraps a handler so every thrown error leaves through `errorResponse`. */
export function handle<C = unknown>(fn: (request: Request, requestId: string, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      return await fn(request, requestId, context);
    } catch (error) {
      const route = await routePatternOf(request, context).catch(() => new URL(request.url).pathname);
      return errorResponse(error, requestId, { route, method: request.method });
    }
  };
}
