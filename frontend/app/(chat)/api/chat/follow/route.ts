import { after } from 'next/server';
import { appContext } from '@/lib/app-context';
import { followChatRun, runToSseStream } from '@/lib/chat-service';
import { AppError } from '@/lib/errors';
import { handle, requireOwner } from '@/lib/http';
import { followRequestSchema } from '../schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const maxDuration = 300;

/**
 * A reply that is being written, followed from any instance without a second model call: after a reload, or when the
 * browser's stream broke off (its instance died). `from` is the last event id the browser saw. 404 when the reply is not
 * being written any more: the browser then reads the conversation.
 */
export const GET = handle(async (request, requestId) => {
  const { env, chat } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const parsed = followRequestSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError('bad_request:validation', 'The request is not valid.');
  const run = await followChatRun(chat, { ownerId, ...parsed.data, requestId });
  if (!run) throw new AppError('not_found:run', 'That reply is not being written any more.');
  try {
    after(() => run.finished);
  } catch {
    // Outside a Next.js request scope there is no lifetime to extend.
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
