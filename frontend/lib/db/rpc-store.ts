import { databaseErrorToAppError } from './faults';
import type { Database } from './database.types';
import { createRecipeMethods, recipeStoreFunctions } from './recipe-store';
import type { Conversation, Message, MessageFeedback, Page, Profile, Store, StoredPlan } from './types';
import { decodeCursor, encodeCursor, parseInput } from './validation';

/**
 * The store's SQL functions (supabase/migrations/*_create_store_functions.sql) and their parameters in order, with
 * the SQL type each argument is sent as. Every transport calls exactly these; the pg and PGlite transports build
 * `select public.<fn>(p_a => $1::type, ...)` from this table, supabase-js posts the same names as JSON.
 */
export const storeFunctions = {
  create_conversation: [['p_owner', 'uuid'], ['p_title', 'text'], ['p_metadata', 'jsonb']],
  list_conversations: [
    ['p_owner', 'uuid'],
    ['p_limit', 'integer'],
    ['p_cursor_at', 'timestamptz'],
    ['p_cursor_id', 'uuid'],
    ['p_search', 'text'],
    ['p_status', 'text'],
  ],
  get_conversation: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid']],
  rename_conversation: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_title', 'text']],
  archive_conversation: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_archived', 'boolean']],
  delete_conversation: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid']],
  append_user_message: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_client_message_id', 'text'], ['p_content', 'text']],
  begin_assistant_message: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_client_message_id', 'text'], ['p_model', 'text']],
  start_chat_turn: [
    ['p_owner', 'uuid'],
    ['p_conversation_id', 'uuid'],
    ['p_client_message_id', 'text'],
    ['p_content', 'text'],
    ['p_title', 'text'],
    ['p_ledger', 'jsonb'],
    ['p_ledger_before', 'jsonb'],
  ],
  save_conversation_ledger: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_ledger', 'jsonb'], ['p_ledger_before', 'jsonb']],
  complete_assistant_message: [
    ['p_owner', 'uuid'],
    ['p_message_id', 'uuid'],
    ['p_content', 'text'],
    ['p_parts', 'jsonb'],
    ['p_status', 'text'],
    ['p_model', 'text'],
    ['p_input_tokens', 'integer'],
    ['p_output_tokens', 'integer'],
    ['p_latency_ms', 'integer'],
    ['p_error_code', 'text'],
  ],
  list_messages: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_limit', 'integer']],
  supersede_messages: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_message_ids', 'uuid[]'], ['p_by', 'uuid']],
  save_message_feedback: [['p_owner', 'uuid'], ['p_message_id', 'uuid'], ['p_rating', 'text'], ['p_comment', 'text']],
  save_conversation_rating: [
    ['p_owner', 'uuid'],
    ['p_conversation_id', 'uuid'],
    ['p_rating', 'integer'],
    ['p_tags', 'text[]'],
    ['p_comment', 'text'],
  ],
  create_plan: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_version', 'jsonb']],
  create_plan_from_event: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid'], ['p_message_id', 'uuid'], ['p_event', 'integer'], ['p_version', 'jsonb']],
  add_plan_version: [['p_owner', 'uuid'], ['p_plan_id', 'uuid'], ['p_base_version', 'integer'], ['p_version', 'jsonb']],
  get_plan: [['p_owner', 'uuid'], ['p_plan_id', 'uuid'], ['p_version', 'integer']],
  get_current_plan: [['p_owner', 'uuid'], ['p_conversation_id', 'uuid']],
  set_plan_tick: [['p_owner', 'uuid'], ['p_plan_id', 'uuid'], ['p_ingredient_id', 'text'], ['p_ticked', 'boolean']],
  set_plan_share: [['p_owner', 'uuid'], ['p_plan_id', 'uuid'], ['p_share_id', 'uuid']],
  get_shared_plan: [['p_share_id', 'uuid']],
  get_profile: [['p_owner', 'uuid']],
  save_profile: [['p_owner', 'uuid'], ['p_profile', 'jsonb']],
  ...recipeStoreFunctions,
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export type StoreFunctionName = keyof typeof storeFunctions;
export type StoreFunctionArgs = Record<string, unknown>;

/** One round trip: call a store function with named arguments and return its (JSON) result. */
export type CallStoreFunction = (name: StoreFunctionName, args: StoreFunctionArgs) => Promise<unknown>;

export interface Transport {
  call: CallStoreFunction;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `select public.fn(p_a => $1::type, ...) as result` and the positional values, for the pg and PGlite transports. */
export function sqlForCall(name: StoreFunctionName, args: StoreFunctionArgs): { text: string; values: unknown[] } {
  const params = storeFunctions[name];
  const placeholders = params.map(([param, type], index) =>
    // jsonb travels as text so that pg and PGlite serialize it the same way (both would turn a JS array into a
    // PostgreSQL array literal).
    type === 'jsonb' ? `${param} => $${index + 1}::text::jsonb` : `${param} => $${index + 1}::${type}`,
  );
  const values = params.map(([param, type]) => {
    const value = args[param] ?? null;
    return type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
  });
  return { text: `select public.${name}(${placeholders.join(', ')}) as result`, values };
}

/** Runs one store function call (`run`), e.g. inside a tracing span named after it. */
export type AroundStoreCall = (name: StoreFunctionName, run: () => Promise<unknown>) => Promise<unknown>;

/**
 * Builds the typed Store over one transport. Validation, cursors and error mapping live here, once. `around`, when
 * given, wraps every call to the transport (lib/store-spans.ts gives sampled traces a span per call).
 */
export function createRpcStore(transport: Transport, around?: AroundStoreCall): Store {
  const call = async <T>(name: StoreFunctionName, args: StoreFunctionArgs): Promise<T> => {
    try {
      return (await (around ? around(name, () => transport.call(name, args)) : transport.call(name, args))) as T;
    } catch (error) {
      throw databaseErrorToAppError(error);
    }
  };

  return {
    ...createRecipeMethods(call),

    async createConversation(input) {
      const { ownerId, title, metadata } = parseInput('createConversation', input);
      return call<Conversation>('create_conversation', { p_owner: ownerId, p_title: title ?? null, p_metadata: metadata ?? {} });
    },

    async listConversationsByOwner(input) {
      const { ownerId, limit, cursor, search, status } = parseInput('listConversationsByOwner', input);
      const after = cursor ? decodeCursor(cursor) : null;
      const result = await call<{ items: Conversation[]; next: { at: string; id: string } | null }>('list_conversations', {
        p_owner: ownerId,
        p_limit: limit ?? 20,
        p_cursor_at: after?.at ?? null,
        p_cursor_id: after?.id ?? null,
        p_search: search ? search : null,
        p_status: status ?? 'active',
      });
      const page: Page<Conversation> = { items: result.items, nextCursor: result.next ? encodeCursor(result.next) : null };
      return page;
    },

    async getConversationById(input) {
      const { ownerId, conversationId } = parseInput('conversationById', input);
      return (await call<Conversation | null>('get_conversation', { p_owner: ownerId, p_conversation_id: conversationId })) ?? null;
    },

    async renameConversationById(input) {
      const { ownerId, conversationId, title } = parseInput('renameConversationById', input);
      return (
        (await call<Conversation | null>('rename_conversation', { p_owner: ownerId, p_conversation_id: conversationId, p_title: title })) ??
        null
      );
    },

    async archiveConversationById(input) {
      const { ownerId, conversationId, archived } = parseInput('archiveConversationById', input);
      return (
        (await call<Conversation | null>('archive_conversation', {
          p_owner: ownerId,
          p_conversation_id: conversationId,
          p_archived: archived,
        })) ?? null
      );
    },

    async deleteConversationById(input) {
      const { ownerId, conversationId } = parseInput('conversationById', input);
      return (await call<boolean>('delete_conversation', { p_owner: ownerId, p_conversation_id: conversationId })) === true;
    },

    async appendUserMessage(input) {
      const { ownerId, conversationId, clientMessageId, content } = parseInput('appendUserMessage', input);
      return call<{ message: Message; created: boolean }>('append_user_message', {
        p_owner: ownerId,
        p_conversation_id: conversationId,
        p_client_message_id: clientMessageId,
        p_content: content,
      });
    },

    async beginAssistantMessage(input) {
      const { ownerId, conversationId, clientMessageId, model } = parseInput('beginAssistantMessage', input);
      return call<Message>('begin_assistant_message', {
        p_owner: ownerId,
        p_conversation_id: conversationId,
        p_client_message_id: clientMessageId ?? null,
        p_model: model ?? null,
      });
    },

    async startChatTurn(input) {
      const { ownerId, conversationId, clientMessageId, content, title, ledger, ledgerBefore } = parseInput('startChatTurn', input);
      return call<{ conversationId: string; message: Message; created: boolean; reply: Message | null }>('start_chat_turn', {
        p_owner: ownerId,
        p_conversation_id: conversationId ?? null,
        p_client_message_id: clientMessageId,
        p_content: content,
        p_title: title ?? null,
        p_ledger: ledger ?? null,
        p_ledger_before: ledgerBefore ?? null,
      });
    },

    async saveConversationLedger(input) {
      const { ownerId, conversationId, ledger, before } = parseInput('saveConversationLedger', input);
      return (
        (await call<Conversation | null>('save_conversation_ledger', {
          p_owner: ownerId,
          p_conversation_id: conversationId,
          p_ledger: ledger,
          p_ledger_before: before,
        })) ?? null
      );
    },

    async completeAssistantMessage(input) {
      const args = parseInput('completeAssistantMessage', input);
      return (
        (await call<Message | null>('complete_assistant_message', {
          p_owner: args.ownerId,
          p_message_id: args.messageId,
          p_content: args.content,
          p_parts: args.parts,
          p_status: args.status,
          p_model: args.model ?? null,
          p_input_tokens: args.inputTokens ?? null,
          p_output_tokens: args.outputTokens ?? null,
          p_latency_ms: args.latencyMs ?? null,
          p_error_code: args.errorCode ?? null,
        })) ?? null
      );
    },

    async listMessagesByConversation(input) {
      const { ownerId, conversationId, limit } = parseInput('listMessagesByConversation', input);
      return call<Message[]>('list_messages', { p_owner: ownerId, p_conversation_id: conversationId, p_limit: limit ?? 500 });
    },

    async supersedeMessages(input) {
      const { ownerId, conversationId, messageIds, by } = parseInput('supersedeMessages', input);
      return call<string[]>('supersede_messages', {
        p_owner: ownerId,
        p_conversation_id: conversationId,
        p_message_ids: [...new Set(messageIds)],
        p_by: by,
      });
    },

    async saveMessageFeedback(input) {
      const { ownerId, messageId, rating, comment } = parseInput('saveMessageFeedback', input);
      return (
        (await call<MessageFeedback | null>('save_message_feedback', {
          p_owner: ownerId,
          p_message_id: messageId,
          p_rating: rating,
          p_comment: comment ? comment : null,
        })) ?? null
      );
    },

    async saveConversationRating(input) {
      const { ownerId, conversationId, rating, tags, comment } = parseInput('saveConversationRating', input);
      return (
        (await call<{ rating: number; tags: string[]; comment: string | null } | null>('save_conversation_rating', {
          p_owner: ownerId,
          p_conversation_id: conversationId,
          p_rating: rating,
          p_tags: [...new Set(tags ?? [])],
          p_comment: comment ? comment : null,
        })) ?? null
      );
    },

    async createPlan(input) {
      const { ownerId, conversationId, version, from } = parseInput('createPlan', input);
      if (!from) return call<StoredPlan>('create_plan', { p_owner: ownerId, p_conversation_id: conversationId, p_version: version });
      const args = { p_owner: ownerId, p_conversation_id: conversationId, p_message_id: from.messageId, p_event: from.event, p_version: version };
      return call<StoredPlan>('create_plan_from_event', args);
    },

    async addPlanVersion(input) {
      const { ownerId, planId, baseVersion, version } = parseInput('addPlanVersion', input);
      return call<StoredPlan>('add_plan_version', { p_owner: ownerId, p_plan_id: planId, p_base_version: baseVersion, p_version: version });
    },

    async getPlan(input) {
      const { ownerId, planId, version } = parseInput('getPlan', input);
      return (await call<StoredPlan | null>('get_plan', { p_owner: ownerId, p_plan_id: planId, p_version: version ?? null })) ?? null;
    },

    async getCurrentPlan(input) {
      const { ownerId, conversationId } = parseInput('getCurrentPlan', input);
      return (await call<StoredPlan | null>('get_current_plan', { p_owner: ownerId, p_conversation_id: conversationId })) ?? null;
    },

    async setPlanTick(input) {
      const { ownerId, planId, ingredientId, ticked } = parseInput('setPlanTick', input);
      return (await call<string[] | null>('set_plan_tick', { p_owner: ownerId, p_plan_id: planId, p_ingredient_id: ingredientId, p_ticked: ticked })) ?? null;
    },

    async setPlanShare(input) {
      const { ownerId, planId, shareId } = parseInput('setPlanShare', input);
      return (await call<boolean>('set_plan_share', { p_owner: ownerId, p_plan_id: planId, p_share_id: shareId })) === true;
    },

    async getSharedPlan(input) {
      const { shareId } = parseInput('getSharedPlan', input);
      return (await call<Awaited<ReturnType<Store['getSharedPlan']>>>('get_shared_plan', { p_share_id: shareId })) ?? null;
    },

    async getProfileByOwner(input) {
      const { ownerId } = parseInput('getProfileByOwner', input);
      return (await call<Profile | null>('get_profile', { p_owner: ownerId })) ?? null;
    },

    async saveProfileByOwner(input) {
      const { ownerId, profile } = parseInput('saveProfileByOwner', input);
      const { updatedAt: _ignored, ...fields } = profile;
      return call<Profile>('save_profile', {
        p_owner: ownerId,
        p_profile: { ...fields, allergens: [...new Set(fields.allergens)] },
      });
    },

    async ping() {
      try {
        await transport.ping();
      } catch (error) {
        throw databaseErrorToAppError(error);
      }
    },

    close() {
      return transport.close();
    },
  };
}

// Compile-time check against the generated types (frontend/lib/db/database.types.ts, `npm run db:types`): the store
// calls exactly the functions the migrations define, each with exactly its declared parameter names.
type GeneratedFunctions = Database['public']['Functions'];
type ParamsOf<F extends StoreFunctionName> = (typeof storeFunctions)[F][number][0];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ParamsMatch = { [F in StoreFunctionName]: Same<ParamsOf<F>, keyof GeneratedFunctions[F]['Args']> }[StoreFunctionName];
type StoreMatchesSchema = Same<StoreFunctionName, keyof GeneratedFunctions> extends true ? (false extends ParamsMatch ? false : true) : false;
const storeMatchesSchema: StoreMatchesSchema = true;
void storeMatchesSchema;
