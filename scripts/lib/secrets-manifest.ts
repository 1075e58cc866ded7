import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ENVIRONMENTS, type EnvironmentName } from './environments';

export const CONSUMERS = ['vercel', 'railway', 'github-actions', 'supabase'] as const;
export type Consumer = (typeof CONSUMERS)[number];

const secretSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  environments: z.array(z.enum(ENVIRONMENTS as [EnvironmentName, ...EnvironmentName[]])).min(1),
  consumers: z.array(z.enum(CONSUMERS)).min(1),
  purpose: z.string().min(10),
  obtain: z.string().min(10),
  /** null: not rotated on a schedule (identifiers, DSNs). */
  rotationDays: z.number().int().positive().nullable(),
  required: z.boolean(),
  /** How `secrets:rotate` can produce a new value itself; without it the value comes on stdin. */
  generate: z.literal('random').optional(),
  /** The variable name on Vercel/Railway when it differs (PRODUCTION_SUPABASE_URL is SUPABASE_URL at runtime). */
  runtimeName: z.string().optional(),
});

const manifestSchema = z.object({
  $comment: z.string().optional(),
  environments: z.array(z.enum(ENVIRONMENTS as [EnvironmentName, ...EnvironmentName[]])),
  secrets: z.array(secretSchema).min(1),
});

export type SecretSpec = z.infer<typeof secretSchema>;
export type SecretsManifest = z.infer<typeof manifestSchema>;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const MANIFEST_PATH = path.join(REPO_ROOT, 'ops', 'secrets.manifest.json');

export function loadManifest(file = MANIFEST_PATH): SecretsManifest {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const seen = new Set<string>();
  for (const secret of manifest.secrets) {
    if (seen.has(secret.name)) throw new Error(`secrets manifest: ${secret.name} is listed twice`);
    seen.add(secret.name);
  }
  return manifest;
}

export function secretsForEnvironment(manifest: SecretsManifest, environment: EnvironmentName): SecretSpec[] {
  return manifest.secrets.filter((s) => s.environments.includes(environment));
}
