import { randomUUID } from 'node:crypto';
import { newSession, ownerIdFromRequest, readCookie, serializeSessionCookie, signSessionValue, verifySessionValue } from '@/lib/session';

const SECRET = 'a-session-secret-of-at-least-32-characters';

describe('guest session cookie', () => {
  test('a value this server signed verifies to its owner id', () => {
    const { ownerId, value } = newSession(SECRET);
    expect(verifySessionValue(value, SECRET)).toBe(ownerId);
  });

  test('when the signature, the owner id or the secret differ, then the cookie is no session at all', () => {
    const ownerId = randomUUID();
    const value = signSessionValue(ownerId, SECRET);
    const [id, signature] = value.split('.') as [string, string];
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(verifySessionValue(`${id}.${flipped}`, SECRET)).toBeNull();
    expect(verifySessionValue(`${randomUUID()}.${signature}`, SECRET)).toBeNull();
    expect(verifySessionValue(value, `${SECRET}-rotated`)).toBeNull();
    expect(verifySessionValue(id, SECRET)).toBeNull();
    expect(verifySessionValue(`not-a-uuid.${signature}`, SECRET)).toBeNull();
    expect(verifySessionValue('', SECRET)).toBeNull();
    expect(verifySessionValue(`${value}x`, SECRET)).toBeNull();
  });

  test('the owner comes from the request cookie header, among other cookies', () => {
    const ownerId = randomUUID();
    const request = new Request('http://app.test/', { headers: { cookie: `theme=dark; chopsky_session=${signSessionValue(ownerId, SECRET)}; x=1` } });
    expect(ownerIdFromRequest(request, SECRET)).toBe(ownerId);
    expect(ownerIdFromRequest(new Request('http://app.test/'), SECRET)).toBeNull();
    expect(readCookie('a=%E0%A4%A', 'a')).toBeUndefined();
  });

  test('the Set-Cookie is HttpOnly and SameSite=Lax, and Secure only in production', () => {
    expect(serializeSessionCookie('v', false)).toBe('chopsky_session=v; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax');
    expect(serializeSessionCookie('v', true)).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });
});
