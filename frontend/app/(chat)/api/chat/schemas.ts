import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '@/lib/chat-types';

export const chatRequestSchema = z
  .object({
    conversationId: z.uuid().optional(),
    clientMessageId: z.uuid(),
    content: z
      .string()
      .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
      .refine((value) => value.trim().length > 0, 'must not be empty'),
    /** A new reply to the stored message `clientMessageId`, in place of this reply (its id). */
    regenerate: z.uuid().optional(),
    /** This message replaces the cook's last message (its id) and that message's replies. */
    editOf: z.uuid().optional(),
  })
  .superRefine((body, ctx) => {
    for (const key of ['regenerate', 'editOf'] as const) {
      if (body[key] && !body.conversationId) ctx.addIssue({ code: 'custom', path: ['conversationId'], message: `is required with ${key}` });
    }
    if (body.regenerate && body.editOf) ctx.addIssue({ code: 'custom', path: ['editOf'], message: 'cannot be sent with regenerate' });
  });

export const stopRequestSchema = z.object({ conversationId: z.uuid(), assistantMessageId: z.uuid() });

/** `GET /api/chat/follow`: a reply being written, past the agent offset `from` (the last event id the browser saw). */
export const followRequestSchema = z.object({
  conversationId: z.uuid(),
  assistantMessageId: z.uuid(),
  from: z.coerce.number().int().min(0).max(100_000_000).default(0),
});
