import { FRIENDLY_COPY } from '@/lib/chat-types';

/** One refused field of a 400, as lib/http.ts sends it: the dotted path in the request body and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

export type SendJsonResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; message: string; code?: string; details: FieldProblem[]; body?: unknown };

/** The `details` of an error body, keeping only well-formed entries: the body is input, not a promise. */
function detailsOf(body: unknown): FieldProblem[] {
  const details = (body as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return [];
  return details.filter((detail: { path?: unknown; message?: unknown } | null): detail is FieldProblem =>
    typeof detail?.path === 'string' && typeof detail.message === 'string',
  );
}

/** Browser-side JSON request to our own routes; answers `{ ok, status, body }` or `{ ok, status, message, code, details }` and never throws. */
export async function sendJson<T = unknown>(
  url: string,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  body?: unknown,
): Promise<SendJsonResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (json ?? {}) as { message?: unknown; code?: unknown };
      return {
        ok: false,
        status: response.status,
        message: typeof error.message === 'string' ? error.message : FRIENDLY_COPY.generic,
        ...(typeof error.code === 'string' ? { code: error.code } : {}),
        details: detailsOf(json),
        body: json,
      };
    }
    return { ok: true, status: response.status, body: json as T };
  } catch {
    return { ok: false, status: 0, message: 'You seem to be offline. Check your connection and try again.', details: [] };
  }
}
