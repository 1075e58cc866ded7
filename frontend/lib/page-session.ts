import { cookies } from 'next/headers';
import { serverEnv } from './env';
import { SESSION_COOKIE, verifySessionValue } from './session';

/**
 * The owner id of the page being rendered. proxy.ts guarantees every page request carries a valid session cookie
 * (it mints one and rewrites the request's cookie header on the first visit), so a missing one is a wiring fault.
 */
export async function pageOwnerId(): Promise<string> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  const ownerId = verifySessionValue(value, serverEnv().sessionSecret);
  if (!ownerId) throw new Error('No guest session on a page request: is proxy.ts running?');
  return ownerId;
}
