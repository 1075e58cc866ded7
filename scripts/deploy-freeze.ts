import { type Ctx, EXIT, oneOf, OperationError, parseCli, runAsMain, UsageError } from './lib/cli';
import { createDeployment, readFreeze, setDeploymentState } from './lib/deployments';
import { execCli } from './lib/exec';

const HELP = `Usage: npm run deploy:freeze -- --environment production|staging --reason TEXT [--ref SHA]
       npm run deploy:unfreeze -- --environment production|staging
       npm run deploy:freeze -- --environment production|staging --status

A deploy freeze blocks every deploy to the environment (the deploy workflow's resolve step, deploy:web and
deploy:agent refuse) until it is cleared. A rollback sets one, so the next push to main does not ship the bad
commit again; clear it once the fix is merged and verified. Kept in GitHub Deployments (task deploy:freeze): the
newest freeze's status success = frozen, inactive = cleared; who, when and why are in its payload.
  --ref SHA   commit the freeze record points at (default $GITHUB_SHA, else HEAD)
Env: GH_TOKEN with deployments: write (in Actions the job's GITHUB_TOKEN), GITHUB_REPOSITORY.
Exit codes: 0 done (--status: 0 not frozen, 1 frozen), 1 gh failed, 2 usage.`;

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { environment: { type: 'string' }, reason: { type: 'string' }, ref: { type: 'string' }, status: { type: 'boolean' } }, HELP, ctx, true);
  if (!parsed) return EXIT.ok;
  const command = oneOf(parsed.positionals[0] ?? '', ['freeze', 'unfreeze'] as const, 'command (freeze or unfreeze)');
  const v = parsed.values;
  if (!v.environment) throw new UsageError(`--environment is required\n\n${HELP}`);
  const environment = oneOf(v.environment, ['production', 'staging'] as const, 'environment');
  const current = await readFreeze(ctx, environment);
  if (v.status) {
    ctx.out(current.frozen ? `${environment}: FROZEN since ${current.since} by ${current.by} (${current.reason})` : `${environment}: not frozen`);
    return current.frozen ? EXIT.failed : EXIT.ok;
  }
  if (command === 'unfreeze') {
    if (!current.frozen || current.id === undefined) {
      ctx.out(`${environment}: not frozen; nothing to clear`);
      return EXIT.ok;
    }
    await setDeploymentState(ctx, current.id, 'inactive', { description: `cleared by ${who(ctx)}` });
    ctx.out(`${environment}: freeze cleared (was: ${current.reason})`);
    return EXIT.ok;
  }
  if (!v.reason) throw new UsageError('--reason is required: say why, so whoever clears it knows what to check');
  if (current.frozen) {
    ctx.out(`${environment}: already frozen since ${current.since} (${current.reason})`);
    return EXIT.ok;
  }
  const ref = v.ref ?? ctx.env.GITHUB_SHA ?? (await execCli(ctx, 'git', ['rev-parse', 'HEAD'])).stdout.trim();
  if (!ref) throw new OperationError('no commit to attach the freeze to');
  const id = await createDeployment(ctx, { environment, component: 'freeze', sha: ref, payload: { reason: v.reason, by: who(ctx) }, description: `frozen: ${v.reason}` });
  await setDeploymentState(ctx, id, 'success', { description: `frozen: ${v.reason}` });
  ctx.out(`${environment}: FROZEN (${v.reason}). Clear with: npm run deploy:unfreeze -- --environment ${environment}`);
  return EXIT.ok;
}

function who(ctx: Ctx): string {
  return ctx.env.GITHUB_ACTOR ? `github:${ctx.env.GITHUB_ACTOR}` : (ctx.env.USER ?? 'unknown');
}

runAsMain(module, run);
