/**
 * Which brain answers the chats: a language model, or the built-in planner the agent runs when no model is configured
 * (docs/kitchen.md, "Built-in planner brain"). Constants and types only, so the browser can read them without zod.
 */

/** The model id the agent reports (`GET /v1/info`, and the `start` and `done` events) when the built-in planner answers. */
export const BUILT_IN_PLANNER_MODEL_ID = 'chef-chopsky-offline';

export type AgentMode = 'language-model' | 'built-in-planner';

/** `GET /v1/info`: what answers this agent's chats. */
export interface AgentInfo {
  mode: AgentMode;
  /** The primary model's id, or BUILT_IN_PLANNER_MODEL_ID. */
  model: string;
}

export function agentModeOf(model: string): AgentMode {
  return model === BUILT_IN_PLANNER_MODEL_ID ? 'built-in-planner' : 'language-model';
}
