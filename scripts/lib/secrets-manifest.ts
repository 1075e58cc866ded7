import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ENVIRONMENTS, type EnvironmentName } from './environments';

/** Where a GitHub copy lives: an environment (reachable only by jobs its branch rules admit) or the repository (every job). */
export const GITHUB_LOCATIONS = [...ENVIRONMENTS, 'repository'] as const;
export type GithubLocation = (typeof GITHUB_LOCATIONS)[number];

const vercelLocation = z.object({
  /** web: the web app's project (production and staging); previews: the previews project (feature branches). */
  project: z.enum(['web', 'previews']),
  target: z.enum(['production', 'preview']),
  /** Whose value it holds: staging's values live in the preview target (and in the previews project). */
  env: z.enum(['production', 'staging']),
});

const secretSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  purpose: z.string().min(10),
  obtain: z.string().min(10),
  /** null: not rotated on a schedule (identifiers, DSNs). */
  rotationDays: z.number().int().positive().nullable(),
  required: z.boolean(),
  /** How `secrets:rotate` can produce a new value itself; without it the value comes on stdin. */
  generate: z.literal('random').optional(),
  /** The variable name on Vercel/Railway when it differs (PRODUCTION_OPENAI_API_KEY is OPENAI_API_KEY at runtime). */
  runtimeName: z.string().optional(),
  /** GitHub copies: only where a workflow reads the value. */
  github: z.array(z.enum(GITHUB_LOCATIONS)),
  vercel: z.array(vercelLocation).optional(),
  railway: z.array(z.enum(['production', 'staging'])).optional(),
  /** Files that read it (a workflow: secrets.NAME; code: the runtime name). A test checks each one names it. */
  readBy: z.array(z.string()).min(1),
});

const manifestSchema = z.object({
  $comment: z.string().optional(),
  secrets: z.array(secretSchema).min(1),
});

export type SecretSpec = z.infer<typeof secretSchema>;
export type SecretsManifest = z.infer<typeof manifestSchema>;
export type VercelLocation = z.infer<typeof vercelLocation>;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const MANIFEST_PATH = path.join(REPO_ROOT, 'ops', 'secrets.manifest.json');

export function loadManifest(file = MANIFEST_PATH): SecretsManifest {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const seen = new Set<string>();
  for (const secret of manifest.secrets) {
    if (seen.has(secret.name)) throw new Error(`secrets manifest: ${secret.name} is listed twice`);
    seen.add(secret.name);
    if (!secret.github.length && !secret.vercel?.length && !secret.railway?.length) throw new Error(`secrets manifest: ${secret.name} lives nowhere`);
  }
  return manifest;
}

/** The secrets a GitHub environment (or the repository) must hold. */
export function secretsForGithub(manifest: SecretsManifest, location: GithubLocation): SecretSpec[] {
  return manifest.secrets.filter((s) => s.github.includes(location));
}

/** Environments (production, staging) whose own value this secret has somewhere: what `secrets:rotate --env` accepts. */
export function environmentsOf(spec: SecretSpec): EnvironmentName[] {
  const envs = new Set<EnvironmentName>();
  for (const g of spec.github) if (g !== 'repository') envs.add(g);
  for (const v of spec.vercel ?? []) envs.add(v.env);
  for (const r of spec.railway ?? []) envs.add(r);
  return ENVIRONMENTS.filter((e) => envs.has(e));
}

/** Where a secret lives, for the docs table: "GitHub: production, staging; Vercel web/production; Railway staging". */
export function describeLocations(spec: SecretSpec): string {
  const parts: string[] = [];
  if (spec.github.length) parts.push(`GitHub ${spec.github.join(', ')}`);
  if (spec.vercel?.length) parts.push(`Vercel ${spec.vercel.map((v) => `${v.project}/${v.target}`).join(', ')}`);
  if (spec.railway?.length) parts.push(`Railway ${spec.railway.join(', ')}`);
  return parts.join('; ');
}
