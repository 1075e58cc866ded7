/**
 * The production composition: which brain the offline model uses and which tools the chef gets. This is the one place
 * the kitchen is wired in: its tools for every model, and its planner brain for built-in planner mode.
 */
import type { AppDeps } from './app';
import { createCookbookFactory } from './chef/cookbook';
import { createKitchenBrain } from './chef/kitchen-brain';
import { createKitchenToolFactory } from './chef/kitchen-tools';
import { createUnderstanding } from './chef/understand';
import type { Env } from './env';
import { KITCHEN } from '@chef-chopsky/kitchen/default-catalog';
import type { Logger } from './logger';
import type { ErrorReporter } from './observability/sentry';

export function buildDefaultDeps(env: Env, logger: Logger, reporter: ErrorReporter): AppDeps {
  return {
    env,
    logger,
    reporter,
    brain: createKitchenBrain(KITCHEN),
    toolFactory: createKitchenToolFactory({ catalog: KITCHEN }),
    understand: createUnderstanding(KITCHEN),
    cookbook: createCookbookFactory(KITCHEN),
  };
}
