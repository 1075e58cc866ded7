import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { eventsInEnvelope, startSentrySink, type SentryEvent, type SentrySink } from '../../../agent/test/support/sentry-sink';
import { BROWSER_SENTRY, MARKERS, PORTS } from './markers';
import { ChatPage } from './pages/chat-page';
import { ServerErrorPage } from './pages/server-error-page';
import { saveScreenshot, startWebApp, type WebApp } from './support';

/**
 * Sentry for the web app, with only Sentry replaced: a capture server on 127.0.0.1 stands in for its ingest. The rest
 * is the production build (`next start`) and Chromium.
 */

/** What no envelope may carry: the server's secrets, and the cook's session cookie. */
function expectNoSecretsIn(sink: SentrySink, extra: string[]) {
  const everything = sink.bodies.join('\n');
  for (const value of [...Object.values(MARKERS), ...extra]) expect(everything.includes(value), `${value} reached Sentry`).toBe(false);
}

/** A stack trace as Node or a bundle would print one: "at fn (file:line:col)", or a build path. */
const STACK_TRACE = /\bat (async )?[\w$.<>]+ \(|\.next\/server|node_modules|ECONNREFUSED/;

test.describe('server errors', () => {
  let sink: SentrySink;
  let web: WebApp;
  const release = `e2e-server-${randomUUID().slice(0, 8)}`;

  test.beforeAll(async () => {
    sink = await startSentrySink('public');
    // A staging server whose database is gone: nothing listens on the port DATABASE_URL names.
    web = await startWebApp({
      APP_ENV: 'staging',
      RELEASE: release,
      SENTRY_DSN: sink.dsn,
      AGENT_URL: `http://127.0.0.1:${PORTS.agent}`,
      GATEWAY_TOKEN: MARKERS.GATEWAY_TOKEN,
      SESSION_SECRET: MARKERS.SESSION_SECRET,
      DATABASE_URL: `postgresql://app:${MARKERS.DATABASE_URL_PASSWORD}@127.0.0.1:${PORTS.closed}/app`,
    });
  });

  test.afterAll(async () => {
    await web?.stop();
    await sink?.close();
  });

  /** The server's JSON error lines (lib/report.ts) that match `fields`. */
  function faultLines(fields: Record<string, unknown>): Record<string, unknown>[] {
    return web
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"level":"error"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => Object.entries(fields).every(([key, value]) => line[key] === value));
  }

  /** The events reported for a route (the `route` tag: a page's or an API route's pattern). */
  function eventsFor(route: string): SentryEvent[] {
    return sink.bodies.flatMap(eventsInEnvelope).filter((event) => event.tags?.route === route);
  }

  test('when the database is gone, the cook sees Chef Chopsky’s error screen, not Next’s, with no stack trace; Try again asks the server again', async ({ page }) => {
    const response = await page.goto(web.url);
    expect(response?.status()).toBe(500);
    expect(await response!.text()).not.toMatch(STACK_TRACE);
    const screen = new ServerErrorPage(page);
    await screen.expectShown();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    await page.bringToFront();
    await saveScreenshot(page, 'server-error');

    // The database is still gone: the page is fetched again (an RSC request), fails again, and the screen stays.
    const refetch = page.waitForRequest((request) => request.url().startsWith(`${web.url}/?_rsc=`));
    await screen.tryAgain.click();
    await refetch;
    await screen.expectShown();
    await expect.poll(() => eventsFor('/').length).toBe(2);
  });

  test('the page error is logged and reaches Sentry through onRequestError once, tagged with APP_ENV, RELEASE and its code, grouped by the code, with the reference the cook sees', async ({ page }) => {
    const before = { events: eventsFor('/').length, lines: faultLines({ route: '/' }).length };
    await page.goto(web.url);
    const screen = new ServerErrorPage(page);
    await screen.expectShown();
    const digest = await screen.referenceShown();
    expect(digest).toMatch(/^\d+$/);

    const event = await sink.waitForEvent((e) => e.contexts?.nextjs?.request_path === '/' && e.tags?.digest === digest);
    expect(event.environment).toBe('staging');
    expect(event.release).toBe(`web@${release}`);
    expect(event.contexts?.nextjs).toMatchObject({ router_kind: 'App Router', route_type: 'render' });
    expect(event.tags).toMatchObject({ error_code: 'unavailable:database', route: '/' });
    expect(event.fingerprint).toEqual(['unavailable:database']);
    const [cause, thrown] = event.exception?.values ?? [];
    expect(thrown).toMatchObject({
      type: 'AppError',
      value: 'The database is not reachable right now. Please try again.',
      mechanism: { type: 'auto.function.nextjs.on_request_error', handled: false },
    });
    // The cause is kept, so whoever reads the event learns why.
    expect(cause?.value).toMatch(/ECONNREFUSED/);
    expect(faultLines({ route: '/', digest })[0]).toMatchObject({ code: 'unavailable:database', status: 503, method: 'GET' });

    // Events leave in the order they were captured: once a later request's has arrived, a second one for this page
    // would have too.
    const { requestId } = (await (await page.request.get(`${web.url}/api/conversations`)).json()) as { requestId: string };
    await sink.waitForEvent((e) => e.tags?.request_id === requestId);
    expect(eventsFor('/').length).toBe(before.events + 1);
    expect(faultLines({ route: '/' }).length).toBe(before.lines + 1);
  });

  test('when an API route meets the same outage, it answers with its friendly 503, and the fault is logged and reported once, in the same Sentry issue as the page’s', async ({ page }) => {
    await page.goto(web.url);
    const api = await page.request.get(`${web.url}/api/conversations`);
    expect(api.status()).toBe(503);
    const text = await api.text();
    expect(text).not.toMatch(STACK_TRACE);
    const body = JSON.parse(text) as { code: string; message: string; requestId: string };
    expect(body).toEqual({ code: 'unavailable:database', message: 'The database is not reachable right now. Please try again.', requestId: body.requestId });

    const event = await sink.waitForEvent((e) => e.tags?.request_id === body.requestId);
    expect(event.tags).toMatchObject({ error_code: 'unavailable:database', route: '/api/conversations' });
    expect(event.fingerprint).toEqual(['unavailable:database']);
    expect(event.environment).toBe('staging');
    expect(faultLines({ requestId: body.requestId })).toEqual([
      expect.objectContaining({ code: 'unavailable:database', status: 503, route: '/api/conversations', method: 'GET' }),
    ]);

    // Events leave in the order they were captured: once the next page's has arrived, a second one for the API call
    // would have too.
    const pageEvents = eventsFor('/').length;
    await page.goto(web.url);
    await expect.poll(() => eventsFor('/').length).toBe(pageEvents + 1);
    expect(sink.bodies.filter((envelope) => envelope.includes(body.requestId))).toHaveLength(1);
  });

  test('no envelope carries an IP address, a secret or the cook’s session', async ({ page }) => {
    await page.goto(web.url);
    await new ServerErrorPage(page).expectShown();
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'chopsky_session');
    expect(session?.value).toBeTruthy();
    expect(sink.events().length).toBeGreaterThan(0);
    expect(sink.bodies.join('\n')).not.toContain('ip_address');
    expectNoSecretsIn(sink, [session!.value]);
  });

  test('a share link’s token never reaches Sentry: the request’s span names /share/[token]', async ({ page }) => {
    const token = `share-token-${randomUUID()}`;
    await page.goto(`${web.url}/share/${token}`);
    // Staging samples every request: the share page's span arrives, with the token replaced.
    await expect.poll(() => sink.bodies.some((body) => body.includes('/share/[token]')), { timeout: 20_000 }).toBe(true);
    expect(sink.bodies.join('\n')).not.toContain(token);
  });

  test('the chat’s event-stream routes are never traced, while other routes are (staging samples every request): a reply-long transaction would swamp the p95 alert', async ({ page }) => {
    await page.goto(web.url);
    const conversationId = randomUUID();
    const sent = await page.request.post(`${web.url}/api/chat`, {
      headers: { origin: web.url },
      data: { conversationId, clientMessageId: randomUUID(), content: 'Plan dinners' },
    });
    const followed = await page.request.get(`${web.url}/api/chat/follow?conversationId=${conversationId}&assistantMessageId=${randomUUID()}&from=0`);
    expect([sent.status(), followed.status()]).toEqual([503, 503]);
    // Asked after the chat's requests (and by no other test here): once its spans have arrived, theirs would have too.
    expect((await page.request.get(`${web.url}/api/recipes`)).status()).toBe(503);
    const traced = () => sink.bodies.flatMap(tracingItemsIn);
    await expect.poll(() => traced().some((item) => item.includes('/api/recipes')), { timeout: 20_000 }).toBe(true);
    expect(traced().filter((item) => item.includes('/api/chat'))).toEqual([]);
  });
});

/** The tracing items of an envelope (transactions and spans; not events, sessions or client reports), as text. */
function tracingItemsIn(body: string): string[] {
  const lines = body.split('\n').filter(Boolean);
  const items: string[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const { type } = JSON.parse(lines[i]!) as { type?: string };
    if (type === 'transaction' || type === 'span') items.push(lines[i + 1]!);
  }
  return items;
}

test.describe('browser errors', () => {
  let sink: SentrySink;

  // The e2e build's browser bundle posts to this port (build-app.ts); nothing else listens on it.
  test.beforeAll(async () => {
    sink = await startSentrySink('public', { port: PORTS.sentry });
  });

  test.afterAll(async () => {
    await sink?.close();
  });

  test('an uncaught error in the page reaches Sentry from Chromium, tagged with the build’s environment and release; the CSP admits that origin and no other, and the SDK is not in the first load', async ({ page, baseURL }) => {
    const sentryOrigin = new URL(BROWSER_SENTRY.dsn).origin;
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    // The SDK is a lazily loaded chunk: its first envelope (the page's session, sent only when a release is set) says
    // it is running.
    const sdkRunning = page.waitForRequest((request) => request.url().startsWith(`${sentryOrigin}/api/1/envelope/`), { timeout: 15_000 });
    const scripts = new Map<string, string>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, await response.text());
    });
    const chat = new ChatPage(page);
    const [response] = await Promise.all([page.waitForResponse(`${baseURL}/`), chat.goto()]);
    // The server's own environment has no NEXT_PUBLIC_SENTRY_DSN: the CSP follows the DSN the bundle was built with.
    const connectSrc = /connect-src ([^;]*)/.exec((await response.allHeaders())['content-security-policy'] ?? '')?.[1];
    expect(connectSrc).toBe(`'self' ${sentryOrigin}`);
    await sdkRunning;

    const marker = `uncaught in the chat page ${randomUUID()}`;
    await page.evaluate((message) => {
      setTimeout(() => {
        throw new Error(message);
      });
    }, marker);

    const event = await sink.waitForEvent((e) => e.exception?.values?.some((value) => value.value === marker) ?? false);
    expect(event.environment).toBe(BROWSER_SENTRY.environment);
    expect(event.release).toBe(`web@${BROWSER_SENTRY.release}`);
    expect(event.platform).toBe('javascript');
    expect(event.exception?.values?.at(-1)?.mechanism?.handled).toBe(false);
    expect(event.request?.url).toBe(`${baseURL}/`);
    expect(cspViolations).toEqual([]);

    // The SDK stays out of the first load: no script the page's HTML names carries it; it came as a chunk of its own.
    const html = await response.text();
    const withSdk = [...scripts].filter(([, body]) => body.includes('sentry.javascript')).map(([pathname]) => pathname);
    expect(withSdk).toHaveLength(1);
    expect(html).not.toContain(withSdk[0]);

    // No IP address: the session does not ask Sentry to infer one, and the event tells it not to.
    expect(sink.bodies.join('\n')).not.toContain('ip_address');
    expect(sink.events().join('\n')).toContain('"infer_ip":"never"');

    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'chopsky_session');
    expectNoSecretsIn(sink, [session!.value]);
  });

  test('an error on a shared plan’s page reaches Sentry with the page’s address as /share/[token], never the token', async ({ page, baseURL }) => {
    const token = `share-token-${randomUUID()}`;
    const sdkRunning = page.waitForRequest((request) => request.url().startsWith(`${new URL(BROWSER_SENTRY.dsn).origin}/api/1/envelope/`), { timeout: 15_000 });
    await page.goto(`${baseURL}/share/${token}`);
    await sdkRunning;
    const marker = `uncaught on the share page ${randomUUID()}`;
    await page.evaluate((message) => {
      setTimeout(() => {
        throw new Error(message);
      });
    }, marker);
    const event = await sink.waitForEvent((e) => e.exception?.values?.some((value) => value.value === marker) ?? false);
    expect(event.request?.url).toBe(`${baseURL}/share/[token]`);
    expect(sink.bodies.join('\n')).not.toContain(token);
  });
});
