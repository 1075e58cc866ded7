import { randomUUID } from 'node:crypto';
import type { Message, MessagePart, MessageStatus, Profile, Store } from './db/types';
import { AppError, isAppError } from './errors';
import { agentFailure, streamAgentChat, type AgentProfile } from './agent-client';
import { reportError } from './report';
import type { SseEvent } from '@chef-chopsky/contract/sse';
import { FRIENDLY_COPY } from './chat-types';
import { formatSseEvent } from '@chef-chopsky/contract/sse';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { readChatRecipes, recipesForRequest, saveLinkedRecipe, type ChatRecipes } from './recipes/chat-recipes';
import { ledgerSchema } from '@chef-chopsky/contract/ledger';
import { prepareEdit, replyToRegenerate, supersedeEdited } from './chat-edits';
import { threadOf } from './thread';
import { EMPTY_LEDGER, ledgerAfterMessage, ledgerView, ledgerWithProfile, updateConversationLedger, withEntries, type ConstraintLedger } from './ledger';
import type { AgentPlanEvent } from '@chef-chopsky/contract/plan-actions';
import { planDrift } from '@chef-chopsky/kitchen/plan-actions';
import { changePlan, currentPlanOf, planRefOf, planViewOf, storeAgentPlan, versionFromAction } from './plans';
import type { PlanVersionInput, StoredPlan } from './db/types';

/**
 * The chat orchestration behind `POST /api/chat`.
 *
 * Invariant: a reply's life is owned by a ChatRun, not by the browser's HTTP response. The run consumes the agent's
 * stream in its own task and always ends by storing the assistant message with a final status; the browser's response
 * only mirrors the run's events. So a browser that goes away (closed tab, lost network, or its own abort) changes
 * nothing for the stored reply; only an explicit `stopChatRun` (POST /api/chat/stop) aborts the agent call, and then the
 * partial reply is stored as `interrupted`.
 */

export interface ChatDeps {
  store: Store;
  agentUrl: string;
  gatewayToken: string;
  agentTimeoutMs: number;
  fetchImpl?: typeof fetch;
  /** `host:port`s a chat's links may be read from although not public (env.ts: never when deployed). */
  recipeImportAllowedHosts?: readonly string[];
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface RunEvent {
  event: string;
  data: unknown;
}

type Listener = (event: RunEvent | null) => void;

export class ChatRun {
  readonly events: RunEvent[] = [];
  stopped = false;
  ended = false;
  finalStatus: Exclude<MessageStatus, 'streaming'> | null = null;
  finished: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly ownerId: string,
    readonly conversationId: string,
    readonly assistantMessageId: string,
    readonly runKey: string,
    readonly controller: AbortController = new AbortController(),
  ) {}

  emit(event: string, data: unknown) {
    const item = { event, data };
    this.events.push(item);
    for (const listener of this.listeners) listener(item);
  }

  end() {
    this.ended = true;
    for (const listener of this.listeners) listener(null);
    this.listeners.clear();
  }

  /** Replays what was already emitted, then follows live events; `null` marks the end. Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    for (const item of this.events) listener(item);
    if (this.ended) {
      listener(null);
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// Kept on globalThis so development hot reloads do not orphan runs still in flight.
const registry = ((globalThis as { __chopskyRuns?: { byMessage: Map<string, ChatRun>; byKey: Map<string, ChatRun> } })
  .__chopskyRuns ??= { byMessage: new Map(), byKey: new Map() });

export function activeRunCount(): number {
  return registry.byMessage.size;
}

function titleFrom(content: string): string {
  const line = content.trim().split(/\r?\n/)[0] ?? '';
  const collapsed = line.replace(/\s+/g, ' ');
  return collapsed.length > 60 ? `${collapsed.slice(0, 57).trimEnd()}…` : collapsed || 'New chat';
}

export function agentProfileFrom(profile: Profile | null): AgentProfile | undefined {
  if (!profile) return undefined;
  const result: AgentProfile = {
    householdSize: profile.householdSize,
    diet: profile.diet,
    allergens: profile.allergens,
    dislikes: profile.dislikes,
    pantry: profile.pantry,
    units: profile.units,
  };
  if (profile.maxMinutesPerMeal != null) result.maxMinutesPerMeal = profile.maxMinutesPerMeal;
  if (profile.weeklyPrepMinutes != null) result.weeklyPrepMinutes = profile.weeklyPrepMinutes;
  const targets: AgentProfile['targets'] = {};
  if (profile.targets?.kcalPerDay != null) targets.kcalPerDay = profile.targets.kcalPerDay;
  if (profile.targets?.proteinGPerDay != null) targets.proteinGPerDay = profile.targets.proteinGPerDay;
  if (Object.keys(targets).length > 0) result.targets = targets;
  if (profile.members?.length) result.members = profile.members.map((m) => ({ label: m.label, ageGroup: m.ageGroup, allergens: m.allergens, diet: m.diet }));
  return result;
}

/** The conversation as the agent sees it: the thread, failed and empty replies left out, ending with the user's message. */
export function historyForAgent(messages: Message[], userMessageId: string) {
  const upTo = messages.findIndex((m) => m.id === userMessageId);
  const relevant = threadOf(upTo >= 0 ? messages.slice(0, upTo + 1) : messages);
  const history = relevant
    .filter((m) => m.role === 'user' || (m.status !== 'error' && m.status !== 'streaming' && m.content.trim() !== ''))
    .map((m) => ({ role: m.role, content: m.content.slice(0, 8000) }));
  return history.slice(-50);
}

async function replayRun(store: Store, ownerId: string, conversationId: string, userMessage: Message, reply: Message, ledger: ConstraintLedger): Promise<ChatRun> {
  const run = new ChatRun(ownerId, conversationId, reply.id, `replay:${reply.id}`);
  const refs = reply.parts.filter((p) => p.type === 'plan-version');
  const versions = await Promise.all(refs.map((ref) => store.getPlan({ ownerId, planId: ref.planId, version: ref.version })));
  run.emit('conversation', { conversationId, userMessageId: userMessage.id, assistantMessageId: reply.id, replayed: true });
  run.emit('ledger', ledgerView(ledger));
  if (reply.content) run.emit('delta', { text: reply.content });
  for (const stored of versions) if (stored) run.emit('plan', { view: planViewOf(stored), ref: planRefOf(stored) });
  for (const part of reply.parts) {
    if (part.type === 'plan') run.emit('plan', { plan: part.plan });
    else if (part.type === 'grocery') run.emit('grocery', { grocery: part.grocery });
  }
  run.emit('done', { finishReason: 'stop', model: reply.model, usage: { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens } });
  run.finalStatus = 'complete';
  run.end();
  return run;
}

/**
 * Stores the user's message (idempotent on clientMessageId) with the conversation's constraint ledger as this message
 * leaves it, begins the assistant message and starts the run. A retried send whose reply is complete replays that
 * reply; one whose reply is still running follows that run; one whose reply failed or was stopped gets a fresh reply
 * (this is the Retry button). When a chip edit or another tab changed the ledger meanwhile, the message is read again
 * against the new one (the store refuses a ledger computed from a stale one).
 * `regenerate` (a reply's id) asks for a new reply to a stored message even though its reply is complete; `editOf` (a
 * user message's id) sends a new message in place of the cook's last one (lib/chat-edits.ts).
 */
export async function startChatRun(deps: ChatDeps, input: ChatRunInput): Promise<ChatRun> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startChatRunOnce(deps, input);
    } catch (error) {
      if (!(isAppError(error) && error.code === 'conflict:ledger') || attempt >= LEDGER_ATTEMPTS) throw error;
    }
  }
}

/** How many times a send is read again when its conversation's ledger changed under it. */
const LEDGER_ATTEMPTS = 3;

export interface ChatRunInput {
  ownerId: string;
  conversationId?: string;
  clientMessageId: string;
  content: string;
  requestId?: string;
  regenerate?: string;
  editOf?: string;
}

async function startChatRunOnce(deps: ChatDeps, input: ChatRunInput): Promise<ChatRun> {
  const { store, ownerId } = { store: deps.store, ownerId: input.ownerId };
  // Independent of everything below: read it while the conversation and the message are written.
  const profileRead = store.getProfileByOwner({ ownerId }).then(
    (profile) => ({ profile }),
    (error: unknown) => ({ error }),
  );
  const profileOf = async () => {
    const result = await profileRead;
    if ('error' in result) throw result.error;
    return agentProfileFrom(result.profile);
  };
  // The cook's recipes and what the message's links hold go with the agent request (lib/recipes/chat-recipes.ts).
  const chatRecipes = await readChatRecipes({ store, allowedHosts: deps.recipeImportAllowedHosts ?? [], log: deps.log }, ownerId, input.content);

  // The agent request leaves as soon as its input is known, and the rows are written while the agent works; its
  // events wait (buffered in the connection) until the run exists, so `conversation` is always the first event.
  type AgentCall = { controller: AbortController; timeout: AbortSignal; stream: AsyncGenerator<SseEvent>; first: Promise<IteratorResult<SseEvent>> };
  const callAgent = (
    messages: { role: 'user' | 'assistant'; content: string }[],
    profile: AgentProfile | undefined,
    ledger: ConstraintLedger,
    conversationId?: string,
    plan?: StoredPlan | null,
  ): AgentCall => {
    const controller = new AbortController();
    const timeout = AbortSignal.timeout(deps.agentTimeoutMs);
    const stream = streamAgentChat(
      { agentUrl: deps.agentUrl, gatewayToken: deps.gatewayToken, fetchImpl: deps.fetchImpl },
      {
        messages,
        conversationId,
        profile,
        ledger,
        ...(plan ? { plan: currentPlanOf(plan) } : {}),
        ...recipesForRequest(chatRecipes, plan?.plan ?? null),
      },
      { signal: AbortSignal.any([controller.signal, timeout]), requestId: input.requestId ?? randomUUID() },
    );
    const first = stream.next();
    // Settled-state handler only: consumeAgent reads the outcome, or the call is abandoned and aborted.
    first.catch(() => undefined);
    return { controller, timeout, stream, first };
  };
  const thisMessage = { role: 'user' as const, content: input.content.slice(0, 8000) };

  let agent: AgentCall | undefined;
  let conversationId = input.conversationId;
  // The conversation's ledger as stored (what the new one is computed from), and the one this turn plans under.
  let ledgerBefore: ConstraintLedger | null = null;
  let ledger: ConstraintLedger = EMPTY_LEDGER;
  // The conversation's current plan, and the version this message's constraints call for (stored with the message).
  let plan: StoredPlan | null = null;
  let planUpdate: { base: StoredPlan; version: PlanVersionInput } | null = null;
  let stored: Message[] = [];
  try {
    if (conversationId) {
      let existing, current;
      [existing, stored, current] = await Promise.all([
        store.getConversationById({ ownerId, conversationId }),
        store.listMessagesByConversation({ ownerId, conversationId, limit: 500 }),
        store.getCurrentPlan({ ownerId, conversationId }),
      ]);
      plan = current;
      if (!existing) throw new AppError('not_found:conversation', 'That conversation does not exist.');
      const running = registry.byKey.get(`${ownerId}:${conversationId}:${input.clientMessageId}`);
      if (running && !running.ended) return running;
      const isRetry = stored.some((m) => m.role === 'user' && m.clientMessageId === input.clientMessageId);
      if (input.regenerate && !isRetry) throw new AppError('not_found:message', 'That message does not exist.');
      ledgerBefore = existing.ledger ?? EMPTY_LEDGER;
      if (!isRetry) {
        const profile = await profileOf();
        const turn = stored.filter((m) => m.role === 'user').length;
        // An edit is read from the ledger as it was before the message it replaces; the agent sees the thread without it.
        const edit = input.editOf ? prepareEdit(stored, input.editOf, ledgerBefore) : null;
        ledger = ledgerAfterMessage(edit?.ledgerBase ?? ledgerBefore, profile, input.content, turn);
        // A constraint said in chat ("my son is allergic to eggs") changes the plan before the chef answers, whatever
        // the chef then does: the meals that break it are replaced. The agent gets the plan as it will be stored.
        if (plan && planDrift(plan.state, ledger) !== 'none') {
          const version = versionFromAction(plan, { kind: 'ledger' }, ledger, chatRecipes.catalog);
          planUpdate = { base: plan, version };
          plan = { ...plan, ...version, version: plan.version + 1, currentVersion: plan.version + 1 };
        }
        agent = callAgent([...historyForAgent(edit?.before ?? stored, ''), thisMessage].slice(-50), profile, ledger, conversationId, plan);
      }
    } else {
      // A first send: the history is this message alone.
      const profile = await profileOf();
      ledger = ledgerAfterMessage(EMPTY_LEDGER, profile, input.content, 0);
      agent = callAgent([thisMessage], profile, ledger);
    }

    // One round trip: the conversation (created, or found again when a first send is retried), the user's message and,
    // when that message is new, the reply row.
    const turn = await store.startChatTurn({
      ownerId,
      conversationId,
      clientMessageId: input.clientMessageId,
      content: input.content,
      title: conversationId ? undefined : titleFrom(input.content),
      ledger: agent ? ledger : null,
      ledgerBefore,
    });
    conversationId = turn.conversationId;
    const userMessage = turn.message;
    let assistant = turn.reply;
    if (input.editOf && turn.created) await supersedeEdited(store, { ownerId, conversationId }, stored, input.editOf, userMessage.id);
    if (!turn.created || !agent) {
      // A retried send: follow its run if it is still live, reply from what is stored (replay), or generate a fresh
      // reply for it (Retry).
      agent?.controller.abort();
      agent = undefined;
      const running = registry.byKey.get(`${ownerId}:${conversationId}:${input.clientMessageId}`);
      if (running && !running.ended) return running;
      const [listed, conversation, profile, current] = await Promise.all([
        store.listMessagesByConversation({ ownerId, conversationId, limit: 500 }),
        store.getConversationById({ ownerId, conversationId }),
        profileOf(),
        store.getCurrentPlan({ ownerId, conversationId }),
      ]);
      plan = current;
      planUpdate = null;
      // A retried edit: the first attempt may have stored the new message but not yet taken the old one out.
      const messages = input.editOf ? await supersedeEdited(store, { ownerId, conversationId }, listed, input.editOf, userMessage.id) : listed;
      // What the conversation holds now: this message was read into it when it was first stored.
      ledger = ledgerWithProfile(conversation?.ledger, profile);
      const index = messages.findIndex((m) => m.id === userMessage.id);
      const replies = messages.slice(index + 1).filter((m) => m.role === 'assistant' && m.id !== assistant?.id && !m.supersededBy);
      const nextUser = messages.slice(index + 1).find((m) => m.role === 'user' && !m.supersededBy);
      const lastReply = nextUser ? undefined : replies[replies.length - 1];
      const regenerating = input.regenerate ? replyToRegenerate(messages, userMessage, input.regenerate) : null;
      if (lastReply?.status === 'complete' && !assistant && !regenerating) return replayRun(store, ownerId, conversationId, userMessage, lastReply, ledger);
      agent = callAgent(historyForAgent(messages, userMessage.id), profile, ledger, conversationId, plan);
      if (regenerating) {
        // The new reply takes the old one's place in the thread; the old one stays stored.
        assistant ??= await store.beginAssistantMessage({ ownerId, conversationId });
        await store.supersedeMessages({ ownerId, conversationId, messageIds: [regenerating.id], by: assistant.id });
      }
    }
    assistant ??= await store.beginAssistantMessage({ ownerId, conversationId });

    const runKey = `${ownerId}:${conversationId}:${input.clientMessageId}`;
    const { controller, timeout, stream, first } = agent;
    const run = new ChatRun(ownerId, conversationId, assistant.id, runKey, controller);
    registry.byMessage.set(assistant.id, run);
    registry.byKey.set(runKey, run);
    run.emit('conversation', { conversationId, userMessageId: userMessage.id, assistantMessageId: assistant.id });
    // What the chef understood is on screen before it answers, and stays when the agent cannot answer.
    run.emit('ledger', ledgerView(ledger));
    const plans = new PlanTracker(deps, run, ledger, plan, chatRecipes.catalog);
    if (planUpdate) plans.storeLedgerUpdate(planUpdate.base, planUpdate.version);
    run.finished = consumeAgent(deps, run, stream, first, timeout, ledger, plans, chatRecipes);
    return run;
  } catch (error) {
    // Nothing will read this agent call: release it.
    agent?.controller.abort();
    throw error;
  }
}

async function consumeAgent(
  deps: ChatDeps,
  run: ChatRun,
  stream: AsyncGenerator<SseEvent>,
  first: Promise<IteratorResult<SseEvent>>,
  timeout: AbortSignal,
  sentLedger: ConstraintLedger,
  plans: PlanTracker,
  chatRecipes: ChatRecipes,
): Promise<void> {
  const startedAt = Date.now();
  let text = '';
  const parts: MessagePart[] = [];
  let model: string | null = null;
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  let status: Exclude<MessageStatus, 'streaming'> = 'complete';
  let errorCode: string | null = null;
  let sawDone = false;

  try {
    for (let next = await first; !next.done; next = await stream.next()) {
      const item = next.value;
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(item.data) as Record<string, unknown>;
      } catch {
        continue;
      }
      switch (item.event) {
        case 'start':
          if (typeof data.model === 'string') model = data.model;
          run.emit('start', data);
          break;
        case 'delta':
          if (typeof data.text === 'string') {
            text += data.text;
            run.emit('delta', { text: data.text });
          }
          break;
        case 'ledger': {
          // The agent answers with the ledger it planned under; one with more entries than was sent is a constraint a
          // model's tool call added (it can only add). Kept for the conversation, off the reply's path.
          const parsed = ledgerSchema.safeParse(data.ledger);
          if (!parsed.success) break;
          const sentIds = new Set(sentLedger.entries.map((e) => e.id));
          const added = parsed.data.entries.filter((e) => !sentIds.has(e.id));
          if (added.length === 0) break;
          run.emit('ledger', ledgerView(parsed.data));
          const ids = { ownerId: run.ownerId, conversationId: run.conversationId };
          void updateConversationLedger(deps.store, ids, (current) => withEntries(current, added)).catch((error: unknown) =>
            deps.log?.('warn', 'storing what the model added to the ledger failed', { cause: describeCause(error) }),
          );
          break;
        }
        case 'plan':
          // A new version of the conversation's plan: stored (in order, off the relay's path), then shown.
          plans.storeAgentEvent(data as unknown as AgentPlanEvent);
          break;
        case 'grocery':
          // The current version's grocery list is stored with it (plans.ts); the chat does not keep a copy.
          break;
        case 'recipe_save': {
          const saved = await saveLinkedRecipe(deps.store, run.ownerId, chatRecipes, typeof data.url === 'string' ? data.url : '');
          run.emit(saved.event, saved.data);
          break;
        }
        case 'done': {
          sawDone = true;
          if (typeof data.model === 'string') model = data.model;
          const usage = (data.usage ?? {}) as { inputTokens?: unknown; outputTokens?: unknown };
          if (typeof usage.inputTokens === 'number') inputTokens = usage.inputTokens;
          if (typeof usage.outputTokens === 'number') outputTokens = usage.outputTokens;
          break;
        }
        case 'error': {
          const failure = agentFailure(200, typeof data.code === 'string' ? data.code : undefined);
          status = 'error';
          errorCode = failure.code;
          run.emit('error', { code: failure.code, message: failure.message });
          break;
        }
        default:
          // Unknown events are ignored, as the contract says.
          break;
      }
    }
    if (!sawDone && status !== 'error') {
      status = 'error';
      errorCode = 'unavailable:agent_stream_cut';
      run.emit('error', { code: errorCode, message: FRIENDLY_COPY.generic });
    }
  } catch (error) {
    if (run.stopped) {
      status = 'interrupted';
    } else {
      const failure = timeout.aborted
        ? new AppError('timeout:agent', FRIENDLY_COPY.timeout, { cause: error })
        : isAppError(error)
          ? error
          : agentFailure(null, undefined, error);
      status = 'error';
      errorCode = failure.code;
      deps.log?.('warn', 'agent call failed', { code: failure.code, cause: describeCause(error) });
      run.emit('error', { code: failure.code, message: failure.message });
    }
  }
  if (run.stopped && status === 'complete' && !sawDone) status = 'interrupted';

  // The plan versions this reply made are part of it: wait until they are stored (or failed to be).
  parts.push(...(await plans.settled()));
  const reply = {
    ownerId: run.ownerId,
    messageId: run.assistantMessageId,
    content: text,
    parts,
    model,
    inputTokens,
    outputTokens,
    latencyMs: Date.now() - startedAt,
  };
  let stored = true;
  try {
    await deps.store.completeAssistantMessage({ ...reply, status, errorCode });
  } catch (error) {
    stored = false;
    deps.log?.('error', 'storing the assistant message failed', { cause: String((error as Error)?.message ?? error) });
    reportError(error, { surface: 'chat:complete' });
    if (status === 'complete') {
      // The reply is not saved, so the page must offer Retry: it gets `error`, and not `done` after it as well.
      run.emit('error', { code: 'unavailable:store', message: FRIENDLY_COPY.generic });
      status = 'error';
      errorCode = 'unavailable:store';
    }
  }
  run.finalStatus = status;
  if (status === 'interrupted') run.emit('interrupted', { assistantMessageId: run.assistantMessageId });
  else if (status === 'complete') run.emit('done', { finishReason: 'stop', model, usage: { inputTokens, outputTokens } });
  registry.byMessage.delete(run.assistantMessageId);
  registry.byKey.delete(run.runKey);
  run.end();

  // The browser has its answer; keep trying to store what it was told (the text, and that it failed to save), so the
  // row does not stay `streaming`. What this cannot store, readers treat as lost once no run can still be live.
  for (const delayMs of STORE_RETRY_DELAYS_MS) {
    if (stored) break;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      await deps.store.completeAssistantMessage({ ...reply, status, errorCode });
      stored = true;
      deps.log?.('info', 'stored the assistant message on a later attempt', { status });
    } catch {
      // Still unreachable; the next attempt, or the reader's lost-reply rule, covers it.
    }
  }
}

/** Pauses before each later attempt to store a reply whose first save failed (about 15 s in all). */
export const STORE_RETRY_DELAYS_MS = [500, 1_500, 4_000, 9_000];

/**
 * How long after it began a reply still marked `streaming` may yet be finished by a live run: the agent call's own time
 * limit, plus the store retries above and a margin. Older ones were cut off (their run died before storing them).
 */
export function replyLostAfterMs(agentTimeoutMs: number): number {
  return agentTimeoutMs + STORE_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0) + 30_000;
}

/** The innermost cause's message (fetch wraps ECONNREFUSED and friends in a TypeError); never request content. */
function describeCause(error: unknown): string {
  let current: unknown = error;
  const seen: string[] = [];
  for (let depth = 0; current && depth < 4; depth += 1) {
    const { message, code } = current as { message?: string; code?: string };
    seen.push(code ? `${code}: ${message}` : String(message ?? current));
    current = (current as { cause?: unknown }).cause;
  }
  return seen.join(' <- ');
}

/** Explicit Stop: aborts the agent call; resolves once the run has ended with the partial reply. False when no such run is live. */
export async function stopChatRun(input: { ownerId: string; assistantMessageId: string }): Promise<boolean> {
  const run = registry.byMessage.get(input.assistantMessageId);
  if (!run || run.ownerId !== input.ownerId) return false;
  run.stopped = true;
  run.controller.abort();
  // Until the run has ended (the partial reply stored, or the cook told it could not be), not its later store retries.
  await new Promise<void>((resolve) => {
    run.subscribe((item: RunEvent | null) => {
      if (item === null) resolve();
    });
  });
  return true;
}

/** The browser's view of a run: its events as SSE. Cancelling this stream (the browser left) does not touch the run. */
export function runToSseStream(run: ChatRun): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe: () => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      unsubscribe = run.subscribe((item) => {
        try {
          if (item === null) controller.close();
          else controller.enqueue(encoder.encode(formatSseEvent(item.event, item.data)));
        } catch {
          // The browser's side already closed; the run carries on regardless.
          unsubscribe();
        }
      });
    },
    cancel() {
      unsubscribe();
    },
  });
}

/**
 * The plan versions one reply makes, stored in the order they come (the agent's `plan` events, and the version a
 * constraint said in this message called for), each as the next version of the one before. Each is shown to the
 * browser once stored; the reply's message keeps a reference to each.
 */
class PlanTracker {
  private queue: Promise<void> = Promise.resolve();
  private readonly refs: MessagePart[] = [];

  constructor(
    private readonly deps: ChatDeps,
    private readonly run: ChatRun,
    private readonly ledger: ConstraintLedger,
    private tracked: StoredPlan | null,
    /** The owner's catalog: the kitchen's recipes and the cook's (lib/recipes/cookbook.ts), as the agent planned with. */
    private readonly catalog: Catalog,
  ) {}

  private enqueue(work: () => Promise<StoredPlan>) {
    this.queue = this.queue.then(async () => {
      try {
        const stored = await work();
        this.tracked = stored;
        this.refs.push({ type: 'plan-version', ...planRefOf(stored) });
        this.run.emit('plan', { view: planViewOf(stored), ref: planRefOf(stored) });
      } catch (error) {
        this.deps.log?.('error', 'storing a plan version failed', { cause: describeCause(error) });
        reportError(error, { surface: 'chat:plan' });
      }
    });
  }

  storeLedgerUpdate(base: StoredPlan, version: PlanVersionInput) {
    const { store } = this.deps;
    const { ownerId } = this.run;
    this.enqueue(async () => {
      try {
        return await store.addPlanVersion({ ownerId, planId: base.planId, baseVersion: base.version, version });
      } catch (error) {
        if (!(isAppError(error) && error.code === 'conflict:plan')) throw error;
        return changePlan(store, { ownerId, planId: base.planId, action: { kind: 'ledger' }, ledger: this.ledger, catalog: this.catalog });
      }
    });
  }

  storeAgentEvent(event: AgentPlanEvent) {
    const { ownerId, conversationId } = this.run;
    this.enqueue(() => storeAgentPlan(this.deps.store, { ownerId, conversationId, tracked: this.tracked, event, ledger: this.ledger, catalog: this.catalog }));
  }

  async settled(): Promise<MessagePart[]> {
    await this.queue;
    return this.refs;
  }
}
