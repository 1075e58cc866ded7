import { z } from 'zod';
import { appContext } from '@/lib/app-context';
import { AppError } from '@/lib/errors';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const feedbackSchema = z.object({
  messageId: z.uuid(),
  rating: z.enum(['up', 'down']).nullable(),
  comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});

/** POST /api/feedback: thumbs up/down (null clears) with an optional comment on one of my assistant messages. */
export const POST = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const body = await parseJsonBody(request, feedbackSchema);
  const feedback = await store.saveMessageFeedback({
    ownerId,
    messageId: body.messageId,
    rating: body.rating,
    comment: body.comment ? body.comment : null,
  });
  if (!feedback && body.rating !== null) throw new AppError('not_found:message', 'That reply does not exist.');
  return jsonResponse({ feedback }, { requestId });
});
