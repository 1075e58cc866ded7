import { type Ctx, OperationError } from './cli';
import { readFreeze } from './deployments';

/** Refuses a deploy while the environment is frozen (a rollback sets the freeze; `npm run deploy:unfreeze` clears it). */
export async function assertNotFrozen(ctx: Ctx, environment: string): Promise<void> {
  if (environment === 'preview' || environment === 'none') return;
  const freeze = await readFreeze(ctx, environment);
  if (!freeze.frozen) return;
  throw new OperationError(
    `deploys to ${environment} are frozen since ${freeze.since ?? 'unknown'} by ${freeze.by ?? 'unknown'} (${freeze.reason ?? 'no reason given'}). ` +
      `When the fix is merged and verified: npm run deploy:unfreeze -- --environment ${environment}`,
  );
}
