import type { MessagePart } from '../db/types';

/**
 * The web app's relay of an agent run: the agent's SSE bytes go to the browser as they are, and only what the store
 * needs is read from them. Per chunk this finds the event boundaries and each event's name (and `id:`), forwards the
 * bytes of every event the browser should see in one piece, and hands the rest to the event's entry in `EVENT_TABLE`.
 * Delta texts are kept as raw bytes and decoded and parsed once, at the end; nothing is re-encoded per token, and
 * nothing here waits for the store.
 *
 * The terminal events (`done`, `error`, `interrupted`) are not forwarded: the web app sends its own once the reply is
 * stored, so the browser's `done` always means "saved".
 */

export interface RelayedReply {
  text: string;
  parts: MessagePart[];
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** How the agent ended the run; null when its stream stopped without saying (a cut connection). */
  ending: { status: 'complete' } | { status: 'interrupted' } | { status: 'error'; agentCode?: string } | null;
  /** The `id:` of the last event read (the agent's offset in the run), 0 before any. */
  lastId: number;
}

interface Collected extends Omit<RelayedReply, 'text'> {
  /** Raw `data:` bytes of each delta, in order. */
  deltas: Uint8Array[];
}

interface EventEntry {
  /** Sent on to the browser as the agent wrote it. */
  forward: boolean;
  /** What the store keeps of it; `data` is the event's `data:` text. */
  take?(reply: Collected, data: () => string): void;
  /** Handed to the relay's `onEvent` (parsed, with its `id:`): events the web app acts on as they come. */
  hand?: boolean;
}

const json = (data: () => string) => JSON.parse(data()) as Record<string, unknown>;

/** One line per event kind the web app handles; events not listed are forwarded and not stored. */
export const EVENT_TABLE: Record<string, EventEntry> = {
  start: { forward: true, take: (r, data) => void (r.model ??= stringOrNull(json(data).model)) },
  delta: { forward: true },
  // A new plan version: the web app stores it and sends the browser its own `plan` event ({ view, ref }) once stored.
  plan: { forward: false, hand: true },
  // What the reply planned under; the web app sends the browser chips (`ledger` as a LedgerView) when it added some.
  ledger: { forward: false, hand: true },
  // The current version's grocery list is stored with the plan version (lib/plans.ts); the chat keeps no copy.
  grocery: { forward: false },
  // A link's recipe to save: the web app saves the recipe it read itself and sends `recipe_saved` / `recipe_save_failed`.
  recipe_save: { forward: false, hand: true },
  done: {
    forward: false,
    take: (r, data) => {
      const done = json(data) as { model?: unknown; usage?: { inputTokens?: unknown; outputTokens?: unknown } };
      r.model = stringOrNull(done.model) ?? r.model;
      if (typeof done.usage?.inputTokens === 'number') r.inputTokens = done.usage.inputTokens;
      if (typeof done.usage?.outputTokens === 'number') r.outputTokens = done.usage.outputTokens;
      r.ending = { status: 'complete' };
    },
  },
  error: {
    forward: false,
    take: (r, data) => {
      const code = json(data).code;
      r.ending = { status: 'error', ...(typeof code === 'string' ? { agentCode: code } : {}) };
    },
  },
  interrupted: { forward: false, take: (r) => void (r.ending = { status: 'interrupted' }) },
};

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

const LF = 10;
const startsWith = (bytes: Uint8Array, at: number, prefix: Uint8Array) => {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
};
const encoder = new TextEncoder();
const ID = encoder.encode('id: ');
const EVENT = encoder.encode('event: ');
const DATA = encoder.encode('data: ');
const latin = new TextDecoder('latin1');
const utf8 = new TextDecoder();

export interface Relay {
  /** One chunk of the agent's response body. */
  feed(chunk: Uint8Array): void;
  /** The agent's stream has ended (or broken off): what the store keeps. */
  finish(): RelayedReply;
}

/** A `hand` event: its name, its parsed `data:` (null when it is not JSON) and its `id:` (0 when it has none). */
export type HandedEvent = { event: string; data: Record<string, unknown> | null; id: number };

/**
 * `forward` gets byte ranges to send to the browser. `skipThrough`: events whose `id:` is at or below it are read for the
 * store but not forwarded (a follower that needs the whole run to store it, for a browser that already has a part).
 * `onEvent` gets every `hand` event, skipped or not (storing them is idempotent; the caller decides what to show).
 */
export function createRelay(
  forward: (bytes: Uint8Array) => void,
  options: { skipThrough?: number; onEvent?: (handed: HandedEvent) => void } = {},
): Relay {
  const skipThrough = options.skipThrough ?? 0;
  const parsed = (bytes: Uint8Array) => {
    try {
      const value: unknown = JSON.parse(utf8.decode(bytes));
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const reply: Collected = { parts: [], model: null, inputTokens: null, outputTokens: null, ending: null, lastId: 0, deltas: [] };
  let carry: Uint8Array | null = null;

  /** Reads one event (`block` without its blank line): its id, name and where its data starts. */
  const readBlock = (bytes: Uint8Array, start: number, end: number) => {
    let id: number | undefined;
    let event: string | undefined;
    let dataAt = -1;
    for (let line = start; line < end && dataAt < 0; ) {
      let eol = bytes.indexOf(LF, line);
      if (eol < 0 || eol > end) eol = end;
      if (startsWith(bytes, line, ID)) id = Number(latin.decode(bytes.subarray(line + ID.length, eol)));
      else if (startsWith(bytes, line, EVENT)) event = latin.decode(bytes.subarray(line + EVENT.length, eol));
      else if (startsWith(bytes, line, DATA)) dataAt = line + DATA.length;
      line = eol + 1;
    }
    return { id, event, dataAt };
  };

  return {
    feed(chunk) {
      const bytes: Uint8Array = carry ? concat(carry, chunk) : chunk;
      carry = null;
      let blockStart = 0;
      let forwardFrom = 0;
      for (let at = bytes.indexOf(LF); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(LF, at + 1)) {
        if (bytes[at + 1] !== LF) continue;
        const end = at;
        const next = at + 2;
        const { id, event, dataAt } = readBlock(bytes, blockStart, end);
        if (id !== undefined && Number.isFinite(id)) reply.lastId = id;
        const entry = event === undefined ? undefined : EVENT_TABLE[event];
        const forwarded = (entry?.forward ?? true) && !(id !== undefined && id <= skipThrough);
        if (event === 'delta' && dataAt >= 0) reply.deltas.push(bytes.subarray(dataAt, end));
        else if (entry?.take && dataAt >= 0) entry.take(reply, () => utf8.decode(bytes.subarray(dataAt, end)));
        if (entry?.hand && event !== undefined) {
          options.onEvent?.({ event, data: dataAt >= 0 ? parsed(bytes.subarray(dataAt, end)) : null, id: id !== undefined && Number.isFinite(id) ? id : 0 });
        }
        if (!forwarded) {
          if (blockStart > forwardFrom) forward(bytes.subarray(forwardFrom, blockStart));
          forwardFrom = next;
        }
        blockStart = next;
        at = next - 1;
      }
      if (blockStart > forwardFrom) forward(bytes.subarray(forwardFrom, blockStart));
      if (blockStart < bytes.length) carry = bytes.slice(blockStart);
    },
    finish() {
      const { deltas, ...rest } = reply;
      let text = '';
      if (deltas.length > 0) {
        // One decode and one parse for the whole reply: `[{"text":"…"},{"text":"…"},…]`.
        const comma = encoder.encode(',');
        const joined = concat(encoder.encode('['), ...deltas.flatMap((d, i) => (i === 0 ? [d] : [comma, d])), encoder.encode(']'));
        text = (JSON.parse(utf8.decode(joined)) as Array<{ text?: unknown }>).map((d) => (typeof d.text === 'string' ? d.text : '')).join('');
      }
      return { ...rest, text };
    },
  };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
