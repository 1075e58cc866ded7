/**
 * The chef's extension points. The chat route builds one `ChefContext` per request; tools and the offline brain are
 * injected through `createApp({ toolFactory, brain })`, composed in `src/compose.ts`.
 */
import type { BaseMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import type { Profile } from '@chef-chopsky/contract/profile';
import type { ConstraintLedger, LedgerEntry, LedgerNote } from '@chef-chopsky/kitchen/ledger/types';
import type { Cookbook } from './cookbook';
import type { PlanState } from '@chef-chopsky/kitchen/plan-actions';
import type { MealPlan } from '@chef-chopsky/kitchen/plan-types';

/**
 * The conversation's current plan as the chef holds it: rebuilt from the ids the web app sent (understand.ts), or the
 * version a tool made in this reply. `id` is null for a plan made in this reply (the web app names it when it stores it).
 */
export interface ChefPlan {
  id: string | null;
  version: number;
  catalogVersion: string;
  state: PlanState;
  plan: MealPlan;
  /** What the latest version changed, in words ("swapped Wednesday dinner"). */
  label: string;
}

export interface ChefContext {
  requestId: string;
  /** The validated profile from the request; `{}` when none was sent. */
  profile: Profile;
  /**
   * The conversation's constraint ledger (profile merged underneath): every plan, search and substitute honours it.
   * Tools may add to it (`addConstraints`), never take from it.
   */
  readonly ledger: ConstraintLedger;
  /** What the latest message said that the reply must carry (understand.ts). */
  notes: readonly LedgerNote[];
  unsure: readonly LedgerEntry[];
  /** Adds constraints a tool call named beyond the ledger (a model asking for "no sesame"); sends the `ledger` event. */
  addConstraints(entries: readonly LedgerEntry[]): void;
  /** The cook's recipes beside the kitchen's (the catalog every tool plans with) and the links of the latest message. */
  cookbook?: Cookbook;
  /** The conversation's current plan; null before any. A tool that changes it sets the new version here. */
  plan: ChefPlan | null;
  /** Aborts when the client disconnects, the reply times out or the server drains past its grace period. */
  signal: AbortSignal;
  /**
   * Sends an extra SSE event next to the text, e.g. `emit('plan', { plan })` or `emit('grocery', { grocery })`.
   * The chat stream's own events (`start`, `delta`, `done`, `error`) are reserved and throw.
   */
  emit(event: string, data: unknown): void;
}

/**
 * Builds the tools bound to the model for one request. Tools see the request through `ctx` and report via `ctx.emit`.
 * A tool's name and description must identify its argument schema: the tool loop caches each tool's JSON Schema under
 * them (converting a zod schema per request costs as much as the rest of the request). Building the zod schemas once
 * at module level, not inside the factory, saves the remaining per-request cost.
 */
export type ChefToolFactory = (ctx: ChefContext) => StructuredToolInterface[];

export interface BrainToolCall {
  name: string;
  args: Record<string, unknown>;
  id: string;
}

export type BrainReply = { toolCalls: BrainToolCall[] } | { text: string };

/**
 * The offline chat model's decision function: pure and deterministic. Given the conversation so far (system prompt,
 * user/assistant turns, and the AIMessage/ToolMessage pairs of earlier tool rounds) and the names of the tools bound
 * for this call, it either asks for tool calls (as a real model would) or answers with text. When `tools` is empty it
 * must answer with text: the tool loop's last round binds no tools.
 */
export type OfflineBrain = (messages: BaseMessage[], tools: ReadonlyArray<{ name: string }>, context?: BrainContext) => BrainReply;

/** What the built-in brain knows beside the messages: the request's understanding (a real model reads it in its prompt). */
export type BrainContext = Pick<ChefContext, 'ledger' | 'notes' | 'unsure' | 'profile' | 'cookbook' | 'plan'>;
