import { appContext } from '@/lib/app-context';
import { checkReadiness } from '@/lib/readiness';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness: the database answers a ping and the agent reports ready. 503 with the failing checks otherwise. */
export async function GET(): Promise<Response> {
  const report = await checkReadiness(() => appContext());
  return new Response(JSON.stringify(report), {
    status: report.status === 'fail' ? 503 : 200,
    headers: { 'content-type': 'application/health+json', 'cache-control': 'no-store' },
  });
}
