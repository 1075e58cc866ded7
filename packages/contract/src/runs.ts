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

/** The agent's event that ends a run someone stopped (the partial reply before it is what there is). */
export const RUN_STOPPED_EVENT = 'interrupted';
