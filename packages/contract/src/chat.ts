/**
 * `POST /v1/chat`: what the web app (or any client) sends the agent, and the events it streams back (docs/api.md).
 */
import { z } from 'zod';
import type { GroceryList } from '@chef-chopsky/kitchen/plan-types';
import { MAX_MESSAGE_CHARS, MAX_MESSAGES } from './limits';
import { ledgerSchema, type LedgerEvent, type LedgerView } from './ledger';
import { currentPlanSchema, type AgentPlanEvent, type PlanView, type PlanVersionRef } from './plan-actions';
import { profileSchema } from './profile';
import { chatLinksSchema, chatRecipesSchema, type RecipeEvents } from './recipes';
import type { AgentInfo } from './agent-mode';

export { MAX_MESSAGE_CHARS, MAX_MESSAGES };

export function chatRequestSchema({ maxMessages = MAX_MESSAGES, maxMessageChars = MAX_MESSAGE_CHARS }: { maxMessages?: number; maxMessageChars?: number } = {}) {
  return z.object({
    messages: z
      .array(
        z.object({
          role: z.enum(['user', 'assistant']),
          content: z
            .string()
            .min(1)
            .max(maxMessageChars, `Too long: at most ${maxMessageChars} characters`)
            .refine((content) => content.trim().length > 0, 'Must not be blank'),
        }),
      )
      .min(1, 'At least one message is required')
      .max(maxMessages, `Too many messages: at most ${maxMessages}`)
      .refine((messages) => messages.at(-1)?.role === 'user', 'The last message must be from the user'),
    conversationId: z.uuid().optional(),
    /** Makes the reply a run under this id (the web app's assistant message id): it outlives this connection (runs.ts). */
    runId: z.uuid().optional(),
    profile: profileSchema.optional(),
    /** The conversation's constraint ledger; without it the agent derives one from the messages and the profile. */
    ledger: ledgerSchema.optional(),
    /** The cook's own recipes (never "never again"), planned beside the kitchen's (docs/recipes.md). */
    recipes: chatRecipesSchema.optional(),
    /** What the web app read from the links of the latest message; `save_recipe` saves one (the `recipe_save` event). */
    links: chatLinksSchema.optional(),
    /** The conversation's current plan (ids, not the whole plan); without it there is no plan to change yet. */
    plan: currentPlanSchema.optional(),
  });
}

export type AgentChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;
export type ChatTurn = AgentChatRequest['messages'][number];

/**
 * The agent's events, in order: `start` once, then `delta`s with `plan` / `grocery` among them, then `done` or `error`.
 * Clients ignore events they do not know.
 */
export interface AgentEvents {
  start: { requestId: string; model: string };
  delta: { text: string };
  /** What the reply understood and applied: sent once, right after `start`, and again if the model added a constraint. */
  ledger: LedgerEvent;
  /** A new version of the conversation's plan (a new plan, or a change to the current one). */
  plan: AgentPlanEvent;
  grocery: { grocery: GroceryList };
  /** Asks the web app to save the recipe it read from this link of the latest message. */
  recipe_save: RecipeEvents['recipe_save'];
  done: { finishReason: string; model: string; usage: { inputTokens: number; outputTokens: number } };
  error: { code: string; message: string };
  /** A run ended by Stop (`POST /v1/runs/:id/stop`): what was sent before it is the reply. */
  interrupted: Record<string, never>;
}
export type AgentEventName = keyof AgentEvents;

/** Events the chat stream itself owns; tools may not send these. */
export const RESERVED_EVENTS: ReadonlySet<string> = new Set<AgentEventName>(['start', 'delta', 'done', 'error', 'interrupted']);

/**
 * The web app's own events around the agent's: the stored ids first, then the conversation's constraint chips (again
 * when a model added one), and `interrupted` when Stop ended the reply.
 */
export interface WebChatEvents extends Omit<AgentEvents, 'done' | 'interrupted' | 'ledger' | 'plan'> {
  conversation: { conversationId: string; userMessageId: string; assistantMessageId: string; replayed?: boolean };
  ledger: LedgerView;
  /** The conversation's plan as stored, after a change this reply made (`ref` is what the message keeps of it). */
  plan: { view: PlanView; ref: PlanVersionRef };
  done: { finishReason: string; model: string | null; usage: { inputTokens: number | null; outputTokens: number | null } };
  interrupted: { assistantMessageId: string };
  recipe_saved: RecipeEvents['recipe_saved'];
  recipe_save_failed: RecipeEvents['recipe_save_failed'];
}

/** `GET /v1/info` (behind the gateway token): which brain answers the chats, so the web app can say so before a send. */
export const agentInfoSchema = z.object({
  mode: z.enum(['language-model', 'built-in-planner']),
  model: z.string().min(1).max(200),
}) satisfies z.ZodType<AgentInfo>;
