/**
 * Builds the agent's HTTP app from its dependencies. Never listens: server.ts does, and tests bind it to port 0.
 */
import express, { type Express } from 'express';
import { createModelProvider, type ModelProvider } from './chef/model-factory';
import type { CookbookFactory } from './chef/cookbook';
import type { ChefToolFactory, OfflineBrain } from './chef/types';
import type { Understand } from './chef/understand';
import type { Env } from './env';
import { cors } from './http/middleware/cors';
import { errorHandler, notFound } from './http/middleware/errors';
import { requestContext } from './http/middleware/request-context';
import { chatRoutes } from './http/routes/chat';
import { healthRoutes, modelEndpointCheck, type ModelEndpointCheck } from './http/routes/health';
import { runRoutes } from './http/routes/runs';
import { createSharedState, type SharedState } from '@chef-chopsky/shared-state';
import { Runs } from './runs/runs';
import { infoRoutes } from './http/routes/info';
import { Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import { type ErrorReporter, noopReporter } from './observability/sentry';

export interface AppDeps {
  env: Env;
  logger: Logger;
  /** Defaults to the provider env.ts describes (ChatOpenAI, or the offline model with `brain` when there is no key). */
  provider?: ModelProvider;
  /** Decides what the offline model says; only used when `provider` is not given and no OPENAI_API_KEY is set. */
  brain?: OfflineBrain;
  /** Tools bound to the model for each chat (the kitchen's). Without it the chef has no tools. */
  toolFactory?: ChefToolFactory;
  /** Reads each chat into its constraint ledger (the kitchen's). Without it the chef has no ledger. */
  understand?: Understand;
  /** The request's catalog with the cook's recipes (the kitchen's). Without it the cook's recipes are not planned. */
  cookbook?: CookbookFactory;
  lifecycle?: Lifecycle;
  reporter?: ErrorReporter;
  /** Clock for token-rotation expiry. */
  now?: () => number;
  /** Readiness's model check; defaults to `GET {OPENAI_BASE_URL}/models/{MODEL_ID}` when a key is configured. */
  modelCheck?: ModelEndpointCheck;
  /** Limits and runs shared with the other replicas (Redis); in process when absent, as for `npm start`. */
  shared?: SharedState;
  /** Express `trust proxy`: production sits behind Railway's one proxy hop. */
  trustProxy?: boolean | number | string;
}

export interface AgentApp {
  app: Express;
  lifecycle: Lifecycle;
  provider: ModelProvider;
  runs: Runs;
}

export function createApp(deps: AppDeps): AgentApp {
  const { env, logger } = deps;
  const lifecycle = deps.lifecycle ?? new Lifecycle();
  const provider = deps.provider ?? createModelProvider(env, { brain: deps.brain });
  const reporter = deps.reporter ?? noopReporter;
  const shared = deps.shared ?? createSharedState();
  const runs = new Runs({ shared, retentionMs: env.RUN_RETENTION_SECONDS * 1000, logger });
  const limiter = shared.limiter({
    name: 'agent-chat',
    points: env.RATE_LIMIT_REQUESTS,
    windowSeconds: env.RATE_LIMIT_WINDOW,
    failOpenMs: env.RATE_LIMIT_FAIL_OPEN_SECONDS * 1000,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? (env.isDeployed ? 1 : 'loopback'));

  app.use(requestContext(logger));
  app.use(cors({ allowedOrigins: env.ALLOWED_ORIGINS, allowedOriginRegex: env.ALLOWED_ORIGIN_REGEX }));
  const modelCheck =
    deps.modelCheck ??
    (provider.kind === 'openai' && env.OPENAI_API_KEY
      ? modelEndpointCheck({ baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, primary: provider.primary.id, fallback: provider.fallback?.id })
      : undefined);
  const gateway = { current: env.GATEWAY_TOKEN, previous: env.GATEWAY_TOKEN_PREVIOUS, previousExpiresAt: env.GATEWAY_TOKEN_PREVIOUS_EXPIRES_AT, now: deps.now };
  app.use(healthRoutes({ lifecycle, provider, maintenance: env.MAINTENANCE_MODE, releaseId: env.release, modelCheck, gateway }));
  app.use(infoRoutes({ provider, gateway }));
  app.use(chatRoutes({ env, provider, lifecycle, reporter, toolFactory: deps.toolFactory, understand: deps.understand, cookbook: deps.cookbook, now: deps.now, runs, limiter }));
  app.use(runRoutes({ runs, gateway }));
  app.use(notFound);
  app.use(errorHandler(reporter));

  return { app, lifecycle, provider, runs };
}
