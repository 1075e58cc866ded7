import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import type { Message, MessagePart, MessageStatus, PlanVersionInput, Profile, Store, StoredPlan } from './db/types';
import { AppError, isAppError } from './errors';
import { agentFailure, type AgentProfile } from './agent-client';
import { reportError } from './report';
import { FRIENDLY_COPY, friendlyMessageForErrorCode } from './chat-types';
import { formatSseEvent } from '@chef-chopsky/contract/sse';
import { RUN_RETENTION_DEFAULT_SECONDS } from '@chef-chopsky/contract/runs';
import { followAgentRun, startAgentRun, stopAgentRun, type AgentEvents } from './runs/agent-runs';
import { createRelay, type HandedEvent, type RelayedReply } from './runs/relay';
import { ledgerSchema } from '@chef-chopsky/contract/ledger';
import type { Catalog } from '@chef-chopsky/kitchen/catalog';
import { linkReaderFor, readChatRecipes, recipesForRequest, saveLinkedRecipe, type ChatRecipes } from './recipes/chat-recipes';
import { catalogForOwner } from './recipes/cookbook';
import { planVersionBefore, prepareEdit, repliesTo, replyToRegenerate, supersedeEdited } from './chat-edits';
import { threadOf } from './thread';
import type { AgentPlanEvent } from '@chef-chopsky/contract/plan-actions';
import { planDrift } from '@chef-chopsky/kitchen/plan-actions';
import { EMPTY_LEDGER, ledgerAfterMessage, ledgerView, ledgerWithProfile, updateConversationLedger, withEntries, type ConstraintLedger } from './ledger';
import { changePlan, currentPlanOf, planRefOf, planViewOf, storeAgentPlan, versionFromAction } from './plans';

/**
 * The chat orchestration behind `POST /api/chat`.
 *
 * Invariant: a reply's life is owned by the agent's run (keyed by the assistant message id; docs/api.md, "Runs"), not by
 * any HTTP connection. The web instance that starts it relays the run's events (lib/runs/relay.ts) and stores the
 * assistant message with its final status when the run ends; the browser's response only mirrors them. So a browser
 * that goes away changes nothing for the stored reply; Stop on any instance (`stopChatRun`) reaches the agent replica
 * that runs it; a reload or retry on any instance follows the live run without a second model call (`followChatRun`);
 * and when the starting instance dies, the instance that follows the run stores it. A reply is completed once: the
 * store keeps the first final status it is given (migration 20261207120000).
 *
 * The conversation's state travels with the run: each send is read into the conversation's constraint ledger (stored
 * with the message, before the agent is called) and the agent gets that ledger and the current plan. Whoever relays a
 * run stores what it changed as it comes (the plan versions, compare-and-set, once per run however many instances
 * relay it: lib/plans.ts `storeAgentPlan`; constraints a model added, to the conversation's ledger) and shows the
 * browser the stored result (`plan` { view, ref }, `ledger` chips), not the agent's raw events.
 */

export interface ChatDeps {
  store: Store;
  agentUrl: string;
  gatewayToken: string;
  agentTimeoutMs: number;
  /** `host:port`s a chat's links may be read from although not public (env.ts: never when deployed). */
  recipeImportAllowedHosts?: readonly string[];
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

const encoder = new TextEncoder();

/**
 * One reply as this instance relays it: `stream` is what the browser reads (the web app's own events around the
 * agent's bytes); `finished` settles once the reply is stored (or its storing given up). Cancelling `stream` (the
 * browser left) changes nothing for the run.
 */
export class ChatRun {
  readonly stream: ReadableStream<Uint8Array>;
  finished: Promise<void> = Promise.resolve();
  #browser: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(
    readonly ownerId: string,
    readonly conversationId: string,
    readonly assistantMessageId: string,
  ) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#browser = controller;
      },
      cancel: () => {
        this.#browser = null;
      },
    });
  }

  /** Bytes for the browser, as they are. */
  push(bytes: Uint8Array) {
    try {
      this.#browser?.enqueue(bytes);
    } catch {
      // The browser's side already closed; the run carries on regardless.
      this.#browser = null;
    }
  }

  emit(event: string, data: unknown) {
    this.push(encoder.encode(formatSseEvent(event, data)));
  }

  end() {
    try {
      this.#browser?.close();
    } catch {
      // Already closed by the browser.
    }
    this.#browser = null;
  }
}

/** Replies this instance is relaying now (its own work, for tests and logs; other instances have theirs). */
const relaying = ((globalThis as { __chopskyRelaying?: Set<ChatRun> }).__chopskyRelaying ??= new Set());

export function activeRunCount(): number {
  return relaying.size;
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
  const run = new ChatRun(ownerId, conversationId, reply.id);
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
  run.end();
  return run;
}

/**
 * Stores the user's message (idempotent on clientMessageId) with the conversation's constraint ledger as this message
 * leaves it, and the reply row, then starts the reply as the agent's run under the reply's id. A retried send whose
 * reply is complete replays that reply; one whose reply is still being written follows that run (on whichever agent
 * replica it runs); one whose reply failed or was stopped gets a fresh reply (this is the Retry button). Nothing
 * reaches the agent before the cook's message is stored. When a chip edit or another tab changed the ledger meanwhile,
 * the message is read again against the new one (the store refuses a ledger computed from a stale one).
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
  const { store } = deps;
  const { ownerId } = input;
  // Read while the conversation is (for a first send there is nothing else to read).
  const profileRead = store.getProfileByOwner({ ownerId }).then(
    (profile) => ({ profile }),
    (error: unknown) => ({ error }),
  );
  const profileOf = async () => {
    const result = await profileRead;
    if ('error' in result) throw result.error;
    return agentProfileFrom(result.profile);
  };
  const thisMessage = { role: 'user' as const, content: input.content.slice(0, 8000) };
  // The cook's recipes and what the message's links hold go with the agent request (lib/recipes/chat-recipes.ts); read
  // beside the conversation (it never rejects).
  const chatRecipesRead = readChatRecipes({ store, allowedHosts: deps.recipeImportAllowedHosts ?? [], log: deps.log }, ownerId, input.content);
  let chatRecipes: ChatRecipes;

  let history: { role: 'user' | 'assistant'; content: string }[] = [thisMessage];
  let profile: AgentProfile | undefined;
  // The conversation's ledger as stored (what the new one is computed from), and the one this turn plans under.
  let ledgerBefore: ConstraintLedger | null = null;
  let ledger: ConstraintLedger;
  // The conversation's current plan (what the agent gets); a retried send changes no ledger.
  let plan: StoredPlan | null = null;
  let isRetry = false;
  let stored: Message[] = [];
  // A regenerate or an edit: the plan version to go back to before the chef answers again (chat-edits.ts).
  let restoreTo: number | null = null;
  if (input.conversationId) {
    let existing, read, current;
    [existing, stored, read, current, chatRecipes] = await Promise.all([
      store.getConversationById({ ownerId, conversationId: input.conversationId }),
      store.listMessagesByConversation({ ownerId, conversationId: input.conversationId, limit: 500 }),
      profileOf(),
      store.getCurrentPlan({ ownerId, conversationId: input.conversationId }),
      chatRecipesRead,
    ]);
    if (!existing) throw new AppError('not_found:conversation', 'That conversation does not exist.');
    profile = read;
    plan = current;
    isRetry = stored.some((m) => m.role === 'user' && m.clientMessageId === input.clientMessageId);
    if (input.regenerate && !isRetry) throw new AppError('not_found:message', 'That message does not exist.');
    ledgerBefore = existing.ledger ?? EMPTY_LEDGER;
    // An edit is read from the ledger as it was before the message it replaces; the agent sees the thread without it.
    const edit = input.editOf && !isRetry ? prepareEdit(stored, input.editOf, ledgerBefore) : null;
    if (edit && input.editOf) restoreTo = planVersionBefore(repliesTo(stored, input.editOf), plan);
    history = [...historyForAgent(edit?.before ?? stored, ''), thisMessage].slice(-50);
    ledger = ledgerAfterMessage(edit?.ledgerBase ?? ledgerBefore, profile, input.content, stored.filter((m) => m.role === 'user').length);
  } else {
    // Before anything is written: a send that cannot read what it needs leaves nothing behind.
    [profile, chatRecipes] = await Promise.all([profileOf(), chatRecipesRead]);
    ledger = ledgerAfterMessage(EMPTY_LEDGER, profile, input.content, 0);
  }

  // One round trip: the conversation (created, or found again when a first send is retried), the user's message with
  // the ledger it leaves and, when that message is new, the reply row.
  const turn = await store.startChatTurn({
    ownerId,
    conversationId: input.conversationId,
    clientMessageId: input.clientMessageId,
    content: input.content,
    title: input.conversationId ? undefined : titleFrom(input.content),
    ledger: isRetry ? null : ledger,
    ledgerBefore,
  });
  const { conversationId, message: userMessage } = turn;
  let assistant = turn.created ? turn.reply : null;
  if (input.editOf && turn.created) await supersedeEdited(store, { ownerId, conversationId }, stored, input.editOf, userMessage.id);
  if (!assistant) {
    // A retried send: follow its reply if it is still being written, reply from what is stored (replay), or generate a
    // fresh reply for it (Retry).
    const [listed, conversation, current] = await Promise.all([
      store.listMessagesByConversation({ ownerId, conversationId, limit: 500 }),
      store.getConversationById({ ownerId, conversationId }),
      store.getCurrentPlan({ ownerId, conversationId }),
    ]);
    plan = current;
    // A retried edit: the first attempt may have stored the new message but not yet taken the old one out.
    const messages = input.editOf ? await supersedeEdited(store, { ownerId, conversationId }, listed, input.editOf, userMessage.id) : listed;
    // What the conversation holds now: this message was read into it when it was first stored.
    ledger = ledgerWithProfile(conversation?.ledger, profile);
    const index = messages.findIndex((m) => m.id === userMessage.id);
    const nextUser = messages.slice(index + 1).find((m) => m.role === 'user' && !m.supersededBy);
    const lastReply = nextUser ? undefined : messages.slice(index + 1).filter((m) => m.role === 'assistant' && !m.supersededBy).at(-1);
    // A regenerate names the reply to replace; null when a new reply already took its place (a retried regenerate).
    const regenerating = input.regenerate ? replyToRegenerate(messages, userMessage, input.regenerate) : null;
    if (lastReply?.status === 'complete' && !regenerating) return replayRun(store, ownerId, conversationId, userMessage, lastReply, ledger);
    if (lastReply && !regenerating && isLive(lastReply, deps.agentTimeoutMs)) {
      const followed = await followChatRun(
        deps,
        { ownerId, conversationId, assistantMessageId: lastReply.id, from: 0, requestId: input.requestId },
        { known: lastReply, announce: { conversationId, userMessageId: userMessage.id, assistantMessageId: lastReply.id } },
      );
      if (followed) return followed;
    }
    history = historyForAgent(messages, userMessage.id);
    assistant = await store.beginAssistantMessage({ ownerId, conversationId });
    // The new reply takes the old one's place in the thread; the old one stays stored.
    if (regenerating) {
      await store.supersedeMessages({ ownerId, conversationId, messageIds: [regenerating.id], by: assistant.id });
      restoreTo = planVersionBefore([regenerating], plan);
    }
  }

  const run = new ChatRun(ownerId, conversationId, assistant.id);
  run.emit('conversation', { conversationId, userMessageId: userMessage.id, assistantMessageId: assistant.id });
  // What the chef understood is on screen before it answers, and stays when the agent cannot answer.
  run.emit('ledger', ledgerView(ledger));
  const plans = new PlanTracker(deps, run, { ledger, tracked: plan, since: assistant.createdAt, showFrom: 0, recipes: chatRecipes });
  if (plan && restoreTo !== null) plan = (await plans.restore(plan, restoreTo)) ?? plan;
  // A constraint said in chat ("my son is allergic to eggs") changes the plan before the chef answers, whatever the
  // chef then does: the meals that break it are replaced. The agent gets the plan as stored.
  if (plan && planDrift(plan.state, ledger) !== 'none') plan = (await plans.storeLedgerUpdate(plan, versionFromAction(plan, { kind: 'ledger' }, ledger, chatRecipes.catalog))) ?? plan;
  const runId = assistant.id;
  const requestId = input.requestId ?? randomUUID();
  const body = { messages: history, conversationId, profile, ledger, ...(plan ? { plan: currentPlanOf(plan) } : {}), ...recipesForRequest(chatRecipes, plan?.plan ?? null), runId };
  run.finished = relayRun(deps, run, plans, {
    starter: true,
    open: async (signal) => startAgentRun(agentConfig(deps), body, { signal, requestId, cookId: ownerId }),
  });
  return run;
}

const agentConfig = (deps: ChatDeps) => ({ agentUrl: deps.agentUrl, gatewayToken: deps.gatewayToken });

/** A reply still marked `streaming` that a run may yet finish (see `replyLostAfterMs`). */
function isLive(reply: Message, agentTimeoutMs: number): boolean {
  return reply.status === 'streaming' && Date.parse(reply.createdAt) >= Date.now() - replyLostAfterMs(agentTimeoutMs);
}

/**
 * Follows a reply that is being written, from any instance: the agent's run from its start (this instance may have to
 * store it), forwarded to the browser past the agent offset `from` it already has. Null when it is not being written
 * any more (finished, or unknown to the agent).
 */
export async function followChatRun(
  deps: ChatDeps,
  input: { ownerId: string; conversationId: string; assistantMessageId: string; from: number; requestId?: string },
  options: { known?: Message; announce?: Record<string, string>; lost?: boolean } = {},
): Promise<ChatRun | null> {
  const { ownerId, conversationId, assistantMessageId } = input;
  const reply =
    options.known ??
    (await deps.store.listMessagesByConversation({ ownerId, conversationId, limit: 500 })).find((m) => m.id === assistantMessageId && m.role === 'assistant');
  // `lost`: a reply past any live run (readerView), which only the agent's kept run can still finish.
  if (!reply || reply.status !== 'streaming' || (!options.lost && !isLive(reply, deps.agentTimeoutMs))) return null;
  const signal = AbortSignal.timeout(deps.agentTimeoutMs);
  const body = await followAgentRun(agentConfig(deps), assistantMessageId, 0, { signal, requestId: input.requestId ?? randomUUID(), cookId: ownerId });
  if (!body) return null;
  const run = new ChatRun(ownerId, conversationId, assistantMessageId);
  if (options.announce) run.emit('conversation', options.announce);
  // The ledger and the plan this run started from are the agent's to say (its first `ledger` event, each plan event's
  // base); plan versions the browser may have are shown again (the page keeps one line per version).
  const plans = new PlanTracker(deps, run, { ledger: null, tracked: null, since: reply.createdAt, showFrom: input.from, recipes: null });
  await plans.showStoredSince();
  run.finished = relayRun(deps, run, plans, { starter: false, skipThrough: input.from, open: async () => body });
  return run;
}

/** How long a reader waits for lost replies to be stored from the agent's kept runs before it answers without them. */
const RECOVERY_WAIT_MS = 5_000;

/**
 * A conversation as a reader shows it (the page, `GET /api/conversations/{id}`), from its messages and current plan as
 * read, with `lostBefore` for views.ts (`replyLostAfterMs`). Replies left `streaming` past any live run are stored
 * first: the instance relaying each died, and no browser followed it to its end (the tab was closed too, or the
 * platform ended the function). The agent keeps a finished run's events for RUN_RETENTION_SECONDS (15 min), so each is
 * read from there and stored as a follower stores it, its plan versions and a linked recipe with it; the messages and
 * the plan are then read again. A reply the agent no longer has stays as it is, and readers show it as lost, with Retry.
 */
export async function readerView(
  deps: ChatDeps,
  ids: { ownerId: string; conversationId: string },
  read: { messages: Message[]; plan: StoredPlan | null },
): Promise<{ messages: Message[]; plan: StoredPlan | null; lostBefore: number }> {
  const lostBefore = Date.now() - replyLostAfterMs(deps.agentTimeoutMs);
  if (!(await recoverLostReplies(deps, ids, read.messages, lostBefore))) return { ...read, lostBefore };
  const [messages, plan] = await Promise.all([deps.store.listMessagesByConversation({ ...ids, limit: 500 }), deps.store.getCurrentPlan(ids)]);
  return { messages, plan, lostBefore };
}

/** Stores the lost replies among `messages` from the agent's kept runs (readerView); whether any was stored. */
async function recoverLostReplies(
  deps: ChatDeps,
  ids: { ownerId: string; conversationId: string },
  messages: readonly Message[],
  lostBefore: number,
): Promise<boolean> {
  // Older than the agent keeps runs, there is nothing to ask it for (and every read of the conversation would ask).
  const keptSince = Date.now() - RUN_RETENTION_DEFAULT_SECONDS * 1000;
  const lost = messages
    .filter((m) => m.role === 'assistant' && m.status === 'streaming' && Date.parse(m.createdAt) < lostBefore && Date.parse(m.createdAt) >= keptSince)
    .slice(-3);
  if (lost.length === 0) return false;
  const stored = await Promise.all(
    lost.map(async (reply) => {
      try {
        const run = await followChatRun(deps, { ...ids, assistantMessageId: reply.id, from: 0 }, { known: reply, lost: true });
        if (!run) return false;
        // Nobody reads this run's stream: it is only stored. A run the agent is somehow still writing goes on storing
        // in the background; the reader answers without it.
        void run.stream.cancel().catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          run.finished.then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RECOVERY_WAIT_MS))),
        ]);
        clearTimeout(timer);
        return waited;
      } catch (error) {
        deps.log?.('warn', 'recovering a lost reply failed', { cause: describeCause(error) });
        return false;
      }
    }),
  );
  if (!stored.some(Boolean)) return false;
  deps.log?.('info', 'stored lost replies from the agent\'s kept runs', { count: stored.filter(Boolean).length });
  return true;
}

/**
 * Relays one run to `run.stream` and stores the reply when it ends. The instance that started the run always stores
 * what it saw (a cut stream as failed, with the partial text); a follower stores only a run the agent ended (it takes
 * over from a starting instance that died; when both store, the store keeps the first).
 */
async function relayRun(
  deps: ChatDeps,
  run: ChatRun,
  plans: PlanTracker,
  how: { starter: boolean; skipThrough?: number; open(signal: AbortSignal): Promise<AgentEvents> },
): Promise<void> {
  relaying.add(run);
  const startedAt = Date.now();
  const timeout = AbortSignal.timeout(deps.agentTimeoutMs);
  const relay = createRelay((bytes) => run.push(bytes), { skipThrough: how.skipThrough, onEvent: (handed) => plans.handle(handed) });
  let failure: AppError | undefined;
  try {
    const body = await how.open(timeout);
    body.on('data', (chunk: Buffer) => relay.feed(chunk));
    // Rejects too when the connection is cut before the end (the agent died, the timeout destroyed it).
    await finished(body);
  } catch (error) {
    failure = timeout.aborted
      ? new AppError('timeout:agent', FRIENDLY_COPY.timeout, { cause: error })
      : isAppError(error)
        ? error
        : agentFailure(null, undefined, error);
    deps.log?.('warn', 'agent call failed', { code: failure.code, cause: describeCause(error) });
  }
  const relayed = relay.finish();
  // The plan versions this reply made are part of it: wait until they are stored (or failed to be).
  const reply = { ...relayed, parts: [...relayed.parts, ...(await plans.settled())] };
  let outcome = outcomeOf(reply, failure);
  try {
    if (how.starter || reply.ending) {
      // Another instance may have stored this reply first (the store keeps the first): the browser learns what is kept.
      const stored = await storeReply(deps, run, reply, outcome, startedAt);
      if (stored && stored.status !== 'streaming' && stored.status !== outcome.status) outcome = outcomeOfStored(stored);
    }
    if (outcome.status === 'error') run.emit('error', { code: outcome.errorCode, message: outcome.message });
    else if (outcome.status === 'interrupted') run.emit('interrupted', { assistantMessageId: run.assistantMessageId });
    else run.emit('done', { finishReason: 'stop', model: reply.model, usage: { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens } });
  } catch {
    // storeReply told the browser (an `error` event) and keeps trying in the background.
  } finally {
    relaying.delete(run);
    run.end();
  }
}

type Outcome = { status: 'complete' } | { status: 'interrupted' } | { status: 'error'; errorCode: string; message: string };

function outcomeOf(reply: RelayedReply, failure: AppError | undefined): Outcome {
  if (reply.ending?.status === 'complete' || reply.ending?.status === 'interrupted') return { status: reply.ending.status };
  const mapped = reply.ending?.status === 'error' ? agentFailure(200, reply.ending.agentCode) : failure;
  if (mapped) return { status: 'error', errorCode: mapped.code, message: mapped.message };
  return { status: 'error', errorCode: 'unavailable:agent_stream_cut', message: FRIENDLY_COPY.generic };
}

function outcomeOfStored(stored: Message): Outcome {
  if (stored.status !== 'error') return { status: stored.status === 'interrupted' ? 'interrupted' : 'complete' };
  const errorCode = stored.errorCode ?? 'unavailable:agent';
  return { status: 'error', errorCode, message: friendlyMessageForErrorCode(errorCode) };
}

/**
 * Stores the final reply. When the first attempt fails, the browser is told (an `error` instead of `done`: the reply is
 * not saved, so the page must offer Retry) and the store is tried again in the background, so the row does not stay
 * `streaming`; what this cannot store, readers treat as lost once no run can still be live.
 */
async function storeReply(deps: ChatDeps, run: ChatRun, reply: RelayedReply, outcome: Outcome, startedAt: number): Promise<Message | null> {
  const row = {
    ownerId: run.ownerId,
    messageId: run.assistantMessageId,
    content: reply.text,
    parts: reply.parts,
    model: reply.model,
    inputTokens: reply.inputTokens,
    outputTokens: reply.outputTokens,
    latencyMs: Date.now() - startedAt,
    status: outcome.status as Exclude<MessageStatus, 'streaming'>,
    errorCode: outcome.status === 'error' ? outcome.errorCode : null,
  };
  try {
    return await deps.store.completeAssistantMessage(row);
  } catch (error) {
    deps.log?.('error', 'storing the assistant message failed', { cause: String((error as Error)?.message ?? error) });
    reportError(error, { surface: 'chat:complete' });
  }
  const failed = outcome.status === 'complete' ? { ...row, status: 'error' as const, errorCode: 'unavailable:store' } : row;
  if (outcome.status !== 'error') run.emit('error', { code: 'unavailable:store', message: FRIENDLY_COPY.generic });
  else run.emit('error', { code: outcome.errorCode, message: outcome.message });
  void (async () => {
    for (const delayMs of STORE_RETRY_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      try {
        await deps.store.completeAssistantMessage(failed);
        deps.log?.('info', 'stored the assistant message on a later attempt', { status: failed.status });
        return;
      } catch {
        // Still unreachable; the next attempt, or the reader's lost-reply rule, covers it.
      }
    }
  })();
  throw new Error('reply not stored');
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

/**
 * Explicit Stop, from any instance: asks the agent replica that runs the reply to stop it, then waits (up to
 * `waitMs`) until whichever instance relays it has stored the partial reply as `interrupted`. False when that reply
 * is not being written (any more).
 */
export async function stopChatRun(
  deps: ChatDeps,
  input: { ownerId: string; conversationId: string; assistantMessageId: string; requestId?: string },
  waitMs = 10_000,
): Promise<boolean> {
  const { ownerId, conversationId, assistantMessageId } = input;
  const replyOf = async () =>
    (await deps.store.listMessagesByConversation({ ownerId, conversationId, limit: 500 })).find((m) => m.id === assistantMessageId && m.role === 'assistant');
  const reply = await replyOf();
  if (!reply || !isLive(reply, deps.agentTimeoutMs)) return false;
  const outcome = await stopAgentRun(agentConfig(deps), assistantMessageId, { signal: AbortSignal.timeout(10_000), requestId: input.requestId ?? randomUUID(), cookId: ownerId });
  if (outcome === 'unknown') return false;
  const deadline = Date.now() + waitMs;
  for (let pause = 25; Date.now() < deadline; pause = Math.min(pause * 2, 250)) {
    if ((await replyOf())?.status !== 'streaming') break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return true;
}

/** The browser's view of a run. Cancelling it (the browser left) does not touch the run. */
export function runToSseStream(run: ChatRun): ReadableStream<Uint8Array> {
  return run.stream;
}

/**
 * What one relayed reply changes beside its text: the plan versions it makes, stored in the order they come (the
 * version a constraint said in this message called for, then the agent's `plan` events), each as the next version of
 * the one before and shown to the browser once stored (the reply's message keeps a reference to each); and
 * constraints a model's tool call added, kept for the conversation off the reply's path; and a link's recipe the agent
 * asked to save (`recipe_save`). Storing is once per run (lib/plans.ts `storeAgentPlan`, the store's
 * `saveLinkedRecipe`), so an instance that follows a run another instance also relays stores nothing twice.
 */
class PlanTracker {
  private queue: Promise<void> = Promise.resolve();
  private readonly refs: MessagePart[] = [];
  private readonly seen = new Set<string>();
  private ledger: ConstraintLedger | null;
  private tracked: StoredPlan | null;
  private readonly since: string;
  private readonly showFrom: number;
  private readonly recipes: ChatRecipes | null;
  /** The owner's catalog (the kitchen's recipes and the cook's), as the agent planned with; read once when needed. */
  private catalog: Promise<Catalog> | null;

  constructor(
    private readonly deps: ChatDeps,
    private readonly run: ChatRun,
    /**
     * `ledger` null: the agent's first `ledger` event says it (a follower). `showFrom`: the browser has the run up to this
     * id. `recipes`: what the send read of the recipe box and the message's links (null for a follower).
     */
    start: { ledger: ConstraintLedger | null; tracked: StoredPlan | null; since: string; showFrom: number; recipes: ChatRecipes | null },
  ) {
    this.ledger = start.ledger;
    this.tracked = start.tracked;
    this.since = start.since;
    this.showFrom = start.showFrom;
    this.recipes = start.recipes;
    this.catalog = start.recipes ? Promise.resolve(start.recipes.catalog) : null;
  }

  private catalogOf(): Promise<Catalog> {
    this.catalog ??= catalogForOwner(this.deps.store, this.run.ownerId);
    return this.catalog;
  }

  /** An agent event the relay handed over (relay.ts EVENT_TABLE: `plan`, `ledger`). */
  handle({ event, data, id }: HandedEvent) {
    if (!data) return;
    if (event === 'ledger') this.agentLedger(data, id);
    else if (event === 'plan') this.storeAgentEvent(data as unknown as AgentPlanEvent, id);
    else if (event === 'recipe_save') this.saveRecipe(typeof data.url === 'string' ? data.url : '', id);
  }

  /**
   * The agent answers with the ledger it planned under; one with more entries than was sent is a constraint a model's
   * tool call added (it can only add). A follower learns the sent ledger from the first one.
   */
  private agentLedger(data: Record<string, unknown>, id: number) {
    const parsed = ledgerSchema.safeParse(data.ledger);
    if (!parsed.success) return;
    if (!this.ledger) {
      this.ledger = parsed.data;
      if (id > this.showFrom) this.run.emit('ledger', ledgerView(parsed.data));
      return;
    }
    const sentIds = new Set(this.ledger.entries.map((e) => e.id));
    const added = parsed.data.entries.filter((e) => !sentIds.has(e.id));
    if (added.length === 0) return;
    this.run.emit('ledger', ledgerView(parsed.data));
    const ids = { ownerId: this.run.ownerId, conversationId: this.run.conversationId };
    void updateConversationLedger(this.deps.store, ids, (current) => withEntries(current, added)).catch((error: unknown) =>
      this.deps.log?.('warn', 'storing what the model added to the ledger failed', { cause: describeCause(error) }),
    );
  }

  private enqueue(work: () => Promise<StoredPlan>) {
    this.queue = this.queue.then(async () => {
      try {
        this.shown(await work());
      } catch (error) {
        this.deps.log?.('error', 'storing a plan version failed', { cause: describeCause(error) });
        reportError(error, { surface: 'chat:plan' });
      }
    });
  }

  /**
   * Saves the link's recipe the agent asked for, in turn with the plan versions, and tells the browser how it went. A
   * follower saves it too (the starting instance may have died first): the store keeps one recipe per reply and link.
   */
  private saveRecipe(url: string, id: number) {
    const { ownerId, conversationId, assistantMessageId: messageId } = this.run;
    const source = this.recipes ?? linkReaderFor({ store: this.deps.store, allowedHosts: this.deps.recipeImportAllowedHosts ?? [] }, { ownerId, conversationId, messageId });
    this.queue = this.queue.then(async () => {
      const saved = await saveLinkedRecipe(this.deps.store, { ownerId, messageId }, url, source);
      // A follower's browser already has what came before `showFrom`, this answer included.
      if (this.showFrom === 0 || id > this.showFrom) this.run.emit(saved.event, saved.data);
    });
  }

  private shown(stored: StoredPlan) {
    this.tracked = stored;
    this.show(stored);
  }

  /** One line per version in the reply: a version already shown (read by a follower, then relayed) is not shown again. */
  private show(stored: StoredPlan) {
    const key = `${stored.planId}:${stored.version}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.refs.push({ type: 'plan-version', ...planRefOf(stored) });
    this.run.emit('plan', { view: planViewOf(stored), ref: planRefOf(stored) });
  }

  /**
   * A follower's first step. The versions the starting instance stored for this reply before the agent answered (a
   * constraint's update, a restore) are not in the agent's run, so they are read from the store and shown here, in
   * order, with any the run has made so far (those are not shown twice when the run's own events come).
   */
  async showStoredSince(): Promise<void> {
    const { ownerId, conversationId } = this.run;
    try {
      const current = await this.deps.store.getCurrentPlan({ ownerId, conversationId });
      if (!current) return;
      const made = current.versions.filter((v) => Date.parse(v.createdAt) >= Date.parse(this.since)).map((v) => v.version).sort((a, b) => a - b);
      for (const version of made) {
        const stored = version === current.version ? current : await this.deps.store.getPlan({ ownerId, planId: current.planId, version });
        if (stored) this.show(stored);
      }
    } catch (error) {
      // The reply itself still follows; only the plan panel waits for the next version or a reload.
      this.deps.log?.('warn', 'reading the plan versions of a followed reply failed', { cause: describeCause(error) });
    }
  }

  /**
   * Goes back to `version` before the chef answers a regenerate or an edit, as a new version ("restored v2"); null when
   * it could not be stored, or the plan moved on meanwhile (another tab's change stays).
   */
  async restore(base: StoredPlan, version: number): Promise<StoredPlan | null> {
    try {
      const stored = await changePlan(this.deps.store, {
        ownerId: this.run.ownerId,
        planId: base.planId,
        baseVersion: base.version,
        action: { kind: 'restore', version },
        ledger: this.ledger ?? EMPTY_LEDGER,
        catalog: await this.catalogOf(),
      });
      this.shown(stored);
      return stored;
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict:plan') return null;
      this.deps.log?.('error', 'restoring a plan version failed', { cause: describeCause(error) });
      reportError(error, { surface: 'chat:plan' });
      return null;
    }
  }

  /** The version this message's constraints call for, stored before the agent is called; null when it could not be. */
  async storeLedgerUpdate(base: StoredPlan, version: PlanVersionInput): Promise<StoredPlan | null> {
    const { store } = this.deps;
    const { ownerId } = this.run;
    try {
      let stored: StoredPlan;
      try {
        stored = await store.addPlanVersion({ ownerId, planId: base.planId, baseVersion: base.version, version });
      } catch (error) {
        if (!(isAppError(error) && error.code === 'conflict:plan')) throw error;
        stored = await changePlan(store, { ownerId, planId: base.planId, action: { kind: 'ledger' }, ledger: version.ledger, catalog: await this.catalogOf() });
      }
      this.shown(stored);
      return stored;
    } catch (error) {
      this.deps.log?.('error', 'storing a plan version failed', { cause: describeCause(error) });
      reportError(error, { surface: 'chat:plan' });
      return null;
    }
  }

  private storeAgentEvent(event: AgentPlanEvent, id: number) {
    const { ownerId, conversationId, assistantMessageId: messageId } = this.run;
    const from = id > 0 ? { messageId, event: id } : undefined;
    this.enqueue(async () => {
      const ledger = this.ledger ?? (await this.storedLedger());
      return storeAgentPlan(this.deps.store, { ownerId, conversationId, tracked: this.tracked, event, ledger, catalog: await this.catalogOf(), since: this.since, from });
    });
  }

  /** The conversation's ledger as stored: for a follower that saw no `ledger` event before a plan. */
  private async storedLedger(): Promise<ConstraintLedger> {
    const { ownerId, conversationId } = this.run;
    const [conversation, profile] = await Promise.all([this.deps.store.getConversationById({ ownerId, conversationId }), this.deps.store.getProfileByOwner({ ownerId })]);
    this.ledger = ledgerWithProfile(conversation?.ledger, agentProfileFrom(profile));
    return this.ledger;
  }

  async settled(): Promise<MessagePart[]> {
    await this.queue;
    return this.refs;
  }
}
