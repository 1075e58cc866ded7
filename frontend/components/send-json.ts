import { FRIENDLY_COPY } from '@/lib/chat-types';

/** Browser-side JSON request to our own routes; answers `{ ok, status, body, message }` and never throws. */
export async function sendJson<T = unknown>(
  url: string,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  body?: unknown,
): Promise<{ ok: true; status: number; body: T } | { ok: false; status: number; message: string }> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
    if (!response.ok) return { ok: false, status: response.status, message: json?.message ?? FRIENDLY_COPY.generic };
    return { ok: true, status: response.status, body: json as T };
  } catch {
    return { ok: false, status: 0, message: 'You seem to be offline. Check your connection and try again.' };
  }
}
