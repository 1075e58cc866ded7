import { after } from 'next/server';
import { appContext } from '@/lib/app-context';
import { runToSseStream, startChatRun } from '@/lib/chat-service';
import { assertSameOrigin, handle, parseJsonBody, requireOwner } from '@/lib/http';
import { assertChatAllowed, clientIpOf } from '@/lib/runs/limits';
import { chatRequestSchema } from './schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// The reply is stored when the agent finishes, even after the browser left; give the run room to finish on Vercel.
export const maxDuration = 300;

export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env, chat, limits } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const body = await parseJsonBody(request, chatRequestSchema);
  await assertChatAllowed(limits, { ownerId, ip: clientIpOf(request) });
  const run = await startChatRun(chat, { ownerId, ...body, requestId });
  try {
    // On serverless platforms this keeps the function alive until the reply is stored.
    after(() => run.finished);
  } catch {
    // Outside a Next.js request scope (a direct call) there is no lifetime to extend; the run continues on its own.
  }
  return new Response(runToSseStream(run), {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      'x-request-id': requestId,
    },
  });
});
