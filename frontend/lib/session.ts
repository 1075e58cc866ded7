import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Guest sessions: one random owner id per browser, carried in a cookie signed with HMAC-SHA256 over SESSION_SECRET.
 * The value is `<uuid>.<base64url signature>`; a value whose signature does not verify is treated as no session at all,
 * so a forged or edited cookie can never name someone else's owner id.
 */

export const SESSION_COOKIE = 'chopsky_session';
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(ownerId: string, secret: string): string {
  return createHmac('sha256', secret).update(`session:v1:${ownerId}`).digest('base64url');
}

export function signSessionValue(ownerId: string, secret: string): string {
  return `${ownerId}.${signature(ownerId, secret)}`;
}

/** The owner id inside a cookie value, or null when the value is malformed or its signature does not verify. */
export function verifySessionValue(value: string | undefined | null, secret: string): string | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const ownerId = value.slice(0, dot);
  if (!UUID_RE.test(ownerId)) return null;
  const given = Buffer.from(value.slice(dot + 1), 'utf8');
  const expected = Buffer.from(signature(ownerId, secret), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return ownerId;
}

export function newSession(secret: string): { ownerId: string; value: string } {
  const ownerId = randomUUID();
  return { ownerId, value: signSessionValue(ownerId, secret) };
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The owner id of a request's session cookie, or null. */
export function ownerIdFromRequest(request: Request, secret: string): string | null {
  return verifySessionValue(readCookie(request.headers.get('cookie'), SESSION_COOKIE), secret);
}

export function sessionCookieAttributes(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: ONE_YEAR_SECONDS };
}

export function serializeSessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
