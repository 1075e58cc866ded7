/**
 * The production composition: which brain the offline model uses and which tools the chef gets. This is the one place
 * to wire the kitchen in: set `toolFactory` (and `brain`) below.
 */
import type { AppDeps } from './app';
import { offlineFallbackBrain } from './chef/offline-chat-model';
import type { Env } from './env';
import type { Logger } from './logger';
import type { ErrorReporter } from './observability/sentry';

export function buildDefaultDeps(env: Env, logger: Logger, reporter: ErrorReporter): AppDeps {
  return {
    env,
    logger,
    reporter,
    brain: offlineFallbackBrain,
    toolFactory: undefined,
  };
}
