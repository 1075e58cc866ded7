import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ENVIRONMENTS, type EnvironmentName } from './environments';
import { REPO_ROOT, type SecretsManifest } from './secrets-manifest';

const environmentSchema = z.object({
  /** Deployment branch patterns (fnmatch, as GitHub applies them: `*` stops at `/`, `**` does not). */
  branches: z.array(z.string().min(1)).min(1),
  reviewers: z.array(z.object({ type: z.enum(['Team', 'User']), slug: z.string().min(1) })),
  preventSelfReview: z.boolean(),
  waitTimer: z.number().int().min(0).max(43_200),
});
const declarationSchema = z.object({
  $comment: z.string().optional(),
  environments: z.record(z.enum(ENVIRONMENTS as [EnvironmentName, ...EnvironmentName[]]), environmentSchema),
});
export type EnvironmentDeclaration = z.infer<typeof environmentSchema>;
export type EnvironmentsDeclaration = z.infer<typeof declarationSchema>;

export const DECLARATION_PATH = path.join(REPO_ROOT, 'ops', 'github-environments.json');

export function loadEnvironments(file = DECLARATION_PATH): EnvironmentsDeclaration {
  return declarationSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** GitHub's deployment branch pattern: File.fnmatch with `*` not crossing `/`, `**` crossing it, `?` one character. */
export function branchPatternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] ?? '';
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Whether a job running on `branch` may enter the environment (and so read its secrets). */
export function branchMayEnter(declaration: EnvironmentsDeclaration, environment: EnvironmentName, branch: string): boolean {
  const env = declaration.environments[environment];
  return Boolean(env?.branches.some((pattern) => branchPatternToRegExp(pattern).test(branch)));
}

/**
 * Every secret a workflow on `branch` can read, whatever its workflow files say: the repository's own secrets, plus
 * those of each environment whose deployment branches admit the branch. GitHub enforces the branch rule when a job
 * names the environment, so a feature branch that adds `environment: production` to its workflow is refused.
 */
export function secretsReadableFrom(declaration: EnvironmentsDeclaration, manifest: SecretsManifest, branch: string): Map<string, string[]> {
  const readable = new Map<string, string[]>();
  for (const secret of manifest.secrets) {
    const via = secret.github.filter((location) => location === 'repository' || branchMayEnter(declaration, location, branch));
    if (via.length) readable.set(secret.name, via);
  }
  return readable;
}
