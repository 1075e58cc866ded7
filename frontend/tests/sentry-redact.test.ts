import { redactShareTokens } from '@/lib/sentry-redact';

test('a share token is replaced wherever it sits in an event (URLs, span attributes, breadcrumbs), and nothing else changes', () => {
  const token = 'v1.4d2c9f0e-8a1b-4c3d-9e7f-0123456789ab.Zm9vYmFyYmF6cXV4';
  const event = {
    request: { url: `https://chopsky.app/share/${token}?x=1` },
    transaction: 'GET /share/[token]',
    spans: [{ description: `GET /share/${token}`, data: { 'url.full': `https://chopsky.app/share/${token}`, 'url.path': `/share/${token}` } }],
    breadcrumbs: [{ category: 'navigation', data: { from: '/', to: `/share/${token}#groceries` } }],
    tags: { route: '/api/plans/[id]/share' },
    count: 3,
  };
  const redacted = redactShareTokens(event);
  expect(JSON.stringify(redacted)).not.toContain(token);
  expect(redacted).toEqual({
    request: { url: 'https://chopsky.app/share/[token]?x=1' },
    transaction: 'GET /share/[token]',
    spans: [{ description: 'GET /share/[token]', data: { 'url.full': 'https://chopsky.app/share/[token]', 'url.path': '/share/[token]' } }],
    breadcrumbs: [{ category: 'navigation', data: { from: '/', to: '/share/[token]#groceries' } }],
    tags: { route: '/api/plans/[id]/share' },
    count: 3,
  });
});

test('an event without a share path is returned as it is', () => {
  const event = { request: { url: 'https://chopsky.app/api/plans/p1/share' }, message: 'no share page here' };
  expect(redactShareTokens(event)).toBe(event);
});
