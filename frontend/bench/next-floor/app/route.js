// The floor page (browser-floor.ts) served by Next.js itself, so the page and its POST share one origin.
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(process.env.FLOOR_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
