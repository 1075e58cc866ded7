import { appContext } from '@/lib/app-context';
import { stopChatRun } from '@/lib/chat-service';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { stopRequestSchema } from '../schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Stop is explicit: the browser aborting its own request only stops mirroring, never the reply. This stops the agent's
 * run wherever it runs and answers once the partial reply is stored as `interrupted`; any instance can take it.
 */
export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env, chat } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const { conversationId, assistantMessageId } = await parseJsonBody(request, stopRequestSchema);
  const stopped = await stopChatRun(chat, { ownerId, conversationId, assistantMessageId, requestId });
  if (!stopped) throw new AppError('not_found:run', 'That reply is not being written any more.');
  return jsonResponse({ assistantMessageId, status: 'interrupted' }, { requestId });
});
