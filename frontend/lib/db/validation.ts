import { z } from 'zod';
import { AppError } from '../errors';
import { ledgerSchema } from '@chef-chopsky/contract/ledger';
import { planActionSchema, planStateSchema } from '@chef-chopsky/contract/plan-actions';
import { AGE_GROUPS, ALLERGENS, DIETS } from './types';

/**
 * The store's input schemas: every argument is checked here, at the edge of the store, before any SQL runs, so a
 * malformed input is a `bad_request:<surface>` with the problems exposed, and never reaches the database as a fault.
 * Limits mirror the tables' check constraints (supabase/migrations) and the agent's profile schema (docs/api.md).
 */

// Any 8-4-4-4-12 hex id: owner ids come from the session cookie, row ids from gen_random_uuid().
const id = z.guid();
const ownerId = id;
const title = z.string().trim().min(1).max(200);
const clientMessageId = z.string().min(1).max(100);
const model = z.string().min(1).max(200).nullish();
const count = z.number().int().min(0).max(2_147_483_647).nullish();
const comment = z.string().trim().max(2000).nullish();
const ingredientName = z.string().trim().min(1).max(80);
const member = z.object({
  label: z.string().trim().min(1).max(60),
  ageGroup: z.enum(AGE_GROUPS),
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length),
  diet: z.enum(DIETS),
});

const planVersionInput = z.object({
  // The plan and its list come from the kitchen (agent or web app): checked for shape here, not field by field.
  plan: z.object({ id: z.string().max(100), days: z.array(z.unknown()).max(14) }).loose(),
  state: planStateSchema,
  ledger: ledgerSchema,
  grocery: z.object({ sections: z.array(z.unknown()).max(40) }).loose(),
  action: planActionSchema,
  label: z.string().trim().min(1).max(200),
  catalogVersion: z.string().min(1).max(40),
});

const messagePart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan-version'), planId: id, version: z.number().int().min(1), label: z.string().max(200) }),
  z.object({ type: z.literal('plan'), plan: z.unknown() }),
  z.object({ type: z.literal('grocery'), grocery: z.unknown() }),
]);

export const inputSchemas = {
  createConversation: z.object({
    ownerId,
    title: title.optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
  listConversationsByOwner: z.object({
    ownerId,
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().max(200).nullish(),
    search: z.string().trim().max(200).optional(),
    status: z.enum(['active', 'archived', 'all']).optional(),
  }),
  conversationById: z.object({ ownerId, conversationId: id }),
  renameConversationById: z.object({ ownerId, conversationId: id, title }),
  archiveConversationById: z.object({ ownerId, conversationId: id, archived: z.boolean() }),
  appendUserMessage: z.object({
    ownerId,
    conversationId: id,
    clientMessageId,
    content: z.string().min(1).max(100_000),
  }),
  beginAssistantMessage: z.object({ ownerId, conversationId: id, clientMessageId: clientMessageId.nullish(), model }),
  startChatTurn: z.object({
    ownerId,
    conversationId: id.nullish(),
    clientMessageId,
    content: z.string().min(1).max(100_000),
    title: title.optional(),
    ledger: ledgerSchema.nullish(),
    ledgerBefore: ledgerSchema.nullish(),
  }),
  saveConversationLedger: z.object({ ownerId, conversationId: id, ledger: ledgerSchema, before: ledgerSchema }),
  completeAssistantMessage: z.object({
    ownerId,
    messageId: id,
    content: z.string().max(100_000),
    parts: z.array(messagePart).max(50),
    status: z.enum(['complete', 'interrupted', 'error']),
    model,
    inputTokens: count,
    outputTokens: count,
    latencyMs: count,
    errorCode: z.string().min(1).max(100).nullish(),
  }),
  listMessagesByConversation: z.object({ ownerId, conversationId: id, limit: z.number().int().min(1).max(1000).optional() }),
  supersedeMessages: z.object({ ownerId, conversationId: id, messageIds: z.array(id).min(1).max(100), by: id }),
  saveMessageFeedback: z.object({ ownerId, messageId: id, rating: z.enum(['up', 'down']).nullable(), comment }),
  saveConversationRating: z.object({
    ownerId,
    conversationId: id,
    rating: z.number().int().min(1).max(5),
    tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
    comment,
  }),
  createPlan: z.object({ ownerId, conversationId: id, version: planVersionInput, from: z.object({ messageId: id, event: z.number().int().min(1) }).optional() }),
  addPlanVersion: z.object({ ownerId, planId: id, baseVersion: z.number().int().min(1), version: planVersionInput }),
  getPlan: z.object({ ownerId, planId: id, version: z.number().int().min(1).nullish() }),
  getCurrentPlan: z.object({ ownerId, conversationId: id }),
  setPlanTick: z.object({ ownerId, planId: id, ingredientId: z.string().min(1).max(100), ticked: z.boolean() }),
  setPlanShare: z.object({ ownerId, planId: id, shareId: id.nullable() }),
  getSharedPlan: z.object({ shareId: id }),
  getProfileByOwner: z.object({ ownerId }),
  saveProfileByOwner: z.object({
    ownerId,
    profile: z.object({
      householdSize: z.number().int().min(1).max(20),
      diet: z.enum(DIETS),
      allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length),
      dislikes: z.array(ingredientName).max(50),
      pantry: z.array(ingredientName).max(100),
      maxMinutesPerMeal: z.number().int().min(5).max(600).nullable(),
      weeklyPrepMinutes: z.number().int().min(10).max(10_080).nullable(),
      targets: z.object({
        kcalPerDay: z.number().int().min(500).max(10_000).nullish(),
        proteinGPerDay: z.number().int().min(0).max(500).nullish(),
      }),
      units: z.enum(['metric', 'us']),
      members: z.array(member).max(20).default([]),
      updatedAt: z.string().optional(),
    }),
  }),
} as const;

const surfaceBySchema: Record<keyof typeof inputSchemas, string> = {
  createConversation: 'conversation',
  listConversationsByOwner: 'conversation',
  conversationById: 'conversation',
  renameConversationById: 'conversation',
  archiveConversationById: 'conversation',
  appendUserMessage: 'message',
  beginAssistantMessage: 'message',
  startChatTurn: 'message',
  saveConversationLedger: 'ledger',
  completeAssistantMessage: 'message',
  listMessagesByConversation: 'message',
  supersedeMessages: 'message',
  saveMessageFeedback: 'feedback',
  saveConversationRating: 'feedback',
  createPlan: 'plan',
  addPlanVersion: 'plan',
  getPlan: 'plan',
  getCurrentPlan: 'plan',
  setPlanTick: 'plan',
  setPlanShare: 'plan',
  getSharedPlan: 'plan',
  getProfileByOwner: 'profile',
  saveProfileByOwner: 'profile',
};

/** Parses a store argument; throws `bad_request:<surface>` with the zod issues as exposed details. */
export function parseInput<K extends keyof typeof inputSchemas>(name: K, input: unknown): z.output<(typeof inputSchemas)[K]> {
  const result = inputSchemas[name].safeParse(input);
  if (!result.success) {
    throw new AppError(`bad_request:${surfaceBySchema[name]}`, 'Some of the input is not valid.', {
      cause: result.error,
      details: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      exposeDetails: true,
    });
  }
  return result.data as z.output<(typeof inputSchemas)[K]>;
}

/** The list cursor is opaque to callers: base64url of the last row's exact sort key. */
export function encodeCursor(next: { at: string; id: string }): string {
  return Buffer.from(`${next.at}|${next.id}`, 'utf8').toString('base64url');
}

const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function decodeCursor(cursor: string): { at: string; id: string } {
  const match = cursorPattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new AppError('bad_request:cursor', 'The page cursor is not valid.', { exposeDetails: false });
  }
  return { at: match[1]!, id: match[2]! };
}
