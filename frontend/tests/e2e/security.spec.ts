import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MARKERS } from './markers';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('the browser bundle carries none of the server secrets the build and servers were given', async ({ page }) => {
  const staticDir = path.resolve(__dirname, '..', '..', '.next', 'static');
  const files = filesUnder(staticDir).filter((file) => /\.(js|css|html|json|txt|map)$/.test(file));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [name, value] of Object.entries(MARKERS)) {
      expect(text.includes(value), `${name} leaked into ${path.relative(staticDir, file)}`).toBe(false);
    }
  }
  // And the pages as served (HTML with the RSC payload inlined).
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().startsWith('http://127.0.0.1')) bodies.push(await response.text().catch(() => ''));
  });
  await page.goto('/');
  await page.goto('/profile');
  for (const body of bodies) for (const value of Object.values(MARKERS)) expect(body.includes(value)).toBe(false);
});

test('pages carry a nonce-based CSP and the other security headers; the session cookie is HttpOnly and SameSite=Lax', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  const cookie = (await page.context().cookies()).find((c) => c.name === 'chopsky_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
  // No CSP violations while the app runs (React and Next scripts all carry the nonce).
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Message Chef Chopsky' })).toBeEditable();
  expect(violations).toEqual([]);
});

test('state-changing requests from another origin are refused with 403', async ({ page, baseURL }) => {
  await page.goto('/');
  const response = await page.request.post('/api/chat', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    data: { clientMessageId: crypto.randomUUID(), content: 'hello' },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).code).toBe('forbidden:origin');
  const ok = await page.request.get('/api/conversations', { headers: { origin: baseURL! } });
  expect(ok.status()).toBe(200);
});
