import { z } from 'zod';

export const chatRequestSchema = z.object({
  conversationId: z.uuid().optional(),
  clientMessageId: z.uuid(),
  content: z
    .string()
    .max(8000, 'must be at most 8000 characters')
    .refine((value) => value.trim().length > 0, 'must not be empty'),
});

export const stopRequestSchema = z.object({ assistantMessageId: z.uuid() });
