import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '@/lib/chat-types';

export const chatRequestSchema = z.object({
  conversationId: z.uuid().optional(),
  clientMessageId: z.uuid(),
  content: z
    .string()
    .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty'),
});

export const stopRequestSchema = z.object({ conversationId: z.uuid(), assistantMessageId: z.uuid() });

/** `GET /api/chat/follow`: a reply being written, past the agent offset `from` (the last event id the browser saw). */
export const followRequestSchema = z.object({
  conversationId: z.uuid(),
  assistantMessageId: z.uuid(),
  from: z.coerce.number().int().min(0).max(100_000_000).default(0),
});
