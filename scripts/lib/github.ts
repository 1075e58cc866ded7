import { type Ctx } from './cli';
import { execCli } from './exec';
import { registerSecret } from './mask';

/** `--repo owner/name` when GITHUB_REPOSITORY says which repository (in Actions); locally gh uses the checkout's. */
export function repoArgs(ctx: Ctx): string[] {
  return ctx.env.GH_REPO || !ctx.env.GITHUB_REPOSITORY ? [] : ['--repo', ctx.env.GITHUB_REPOSITORY];
}

export interface RemoteSecret {
  name: string;
  updatedAt: string;
}

/** An environment's secrets, or the repository's own with `repository` (what every workflow of every branch can read). */
export async function listEnvironmentSecrets(ctx: Ctx, environment: string): Promise<RemoteSecret[]> {
  const scope = environment === 'repository' ? [] : ['--env', environment];
  const result = await execCli(ctx, 'gh', ['secret', 'list', ...scope, '--json', 'name,updatedAt', ...repoArgs(ctx)]);
  const parsed = JSON.parse(result.stdout || '[]') as RemoteSecret[];
  if (!Array.isArray(parsed)) throw new Error('gh secret list did not return a JSON array');
  return parsed;
}

/** Sets an environment (or repository) secret; the value goes on stdin (gh reads it from there when --body is absent). */
export async function setEnvironmentSecret(ctx: Ctx, environment: string, name: string, value: string): Promise<void> {
  registerSecret(value);
  const scope = environment === 'repository' ? [] : ['--env', environment];
  await execCli(ctx, 'gh', ['secret', 'set', name, ...scope, ...repoArgs(ctx)], { input: value });
}
