export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Cheap, no dependencies, no session. */
export function GET(): Response {
  return new Response(JSON.stringify({ status: 'pass' }), {
    headers: { 'content-type': 'application/health+json', 'cache-control': 'no-store' },
  });
}
