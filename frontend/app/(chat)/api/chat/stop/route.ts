import { appContext } from '@/lib/app-context';
import { stopChatRun } from '@/lib/chat-service';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { stopRequestSchema } from '../schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Stop is explicit: the browser aborting its own request only stops mirroring, never the reply. This aborts the agent
 * call and answers once the partial reply is stored as `interrupted`.
 */
export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const { assistantMessageId } = await parseJsonBody(request, stopRequestSchema);
  const stopped = await stopChatRun({ ownerId, assistantMessageId });
  if (!stopped) throw new AppError('not_found:run', 'That reply is not being written any more.');
  return jsonResponse({ assistantMessageId, status: 'interrupted' }, { requestId });
});
