/**
 * Runs: a chat reply that outlives the connection that started it, keyed by the web app's assistant message id
 * (docs/api.md, "Runs"). What the agent and the web app agree on beside the chat request itself.
 */

/**
 * The cook a chat is for (the web app's guest or user id), sent by the web app beside its gateway token. The agent
 * limits per cook by it and believes it only from a caller that presented a valid gateway token.
 */
export const COOK_HEADER = 'x-chopsky-cook';

const COOK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
export const isCookId = (value: string) => COOK_ID.test(value);

/**
 * How long the agent keeps a finished run's events for followers by default (its RUN_RETENTION_SECONDS): the web app
 * looks for a lost reply's run only while it may still be kept.
 */
export const RUN_RETENTION_DEFAULT_SECONDS = 900;

/** The agent's event that ends a run someone stopped (the partial reply before it is what there is). */
export const RUN_STOPPED_EVENT = 'interrupted';

/**
 * One event of a run's text: `id: N` first (so a reader finds an event's offset without parsing it), where N is the
 * length of the run's text, in UTF-16 code units, up to the end of this event, its own id line included. A client that
 * lost its connection resumes from its last N.
 */
export function formatRunEvent(offset: number, event: string, data: unknown): string {
  const body = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  // "id: " + digits + "\n": the digits are part of the length they state.
  let digits = String(offset + body.length + 6).length;
  while (String(offset + body.length + 5 + digits).length !== digits) digits += 1;
  return `id: ${offset + body.length + 5 + digits}\n${body}`;
}
