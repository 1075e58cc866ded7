import type { Store } from './db/types';
import type { ChatDeps } from './chat-service';
import { createAgentInfoReader, type AgentInfo } from './agent-info';
import { serverEnv, type ServerEnv } from './env';
import { getStore, storeConfigFromEnv } from './db';
import { sentryStoreSpans } from './store-spans';
import { webSharedState } from './runs/shared-state';
import { chatLimits, type ChatLimits } from './runs/limits';

/**
 * What route handlers and server components need, built once per process from the validated environment.
 * Route handlers stay thin: they call `appContext()` and hand the pieces to lib functions.
 */
export interface AppContext {
  env: ServerEnv;
  store: Store;
  chat: ChatDeps;
  limits: ChatLimits;
  /** What answers the agent's chats (cached; null when the agent cannot be read). */
  agentInfo: () => Promise<AgentInfo | null>;
}

let contextPromise: Promise<AppContext> | undefined;

export function appContext(): Promise<AppContext> {
  contextPromise ??= (async () => {
    const env = serverEnv();
    // With Sentry, sampled traces get a span per store call (lib/store-spans.ts); the SDK is loaded only with a DSN.
    const around = env.sentryDsn ? sentryStoreSpans(await import('@sentry/nextjs')) : undefined;
    const store = getStore(storeConfigFromEnv(env.store), { around });
    const shared = webSharedState(env.redisUrl);
    if (env.isProduction && !env.redisUrl) {
      console.warn(JSON.stringify({ level: 'warn', msg: 'REDIS_URL is not set: chat limits count per instance' }));
    }
    return {
      env,
      store,
      limits: chatLimits(shared, env.chatLimits),
      chat: {
        store,
        agentUrl: env.agentUrl,
        gatewayToken: env.gatewayToken,
        agentTimeoutMs: env.agentTimeoutMs,
        recipeImportAllowedHosts: env.recipeImportAllowedHosts,
        log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
          console[level](JSON.stringify({ level, msg: message, ...fields })),
      },
      agentInfo: createAgentInfoReader({ agentUrl: env.agentUrl, gatewayToken: env.gatewayToken }),
    };
  })().catch((error: unknown) => {
    contextPromise = undefined;
    throw error;
  });
  return contextPromise;
}
