import { type Ctx, EXIT, oneOf, parseCli, runAsMain } from './lib/cli';
import { listEnvironmentSecrets, type RemoteSecret } from './lib/github';
import { GITHUB_LOCATIONS, type GithubLocation, loadManifest, type SecretSpec, secretsForGithub } from './lib/secrets-manifest';

const HELP = `Usage: npm run secrets:check -- [--env production|staging|preview|repository ...] [--json]

Compares ops/secrets.manifest.json with the secrets GitHub holds: each environment's
(gh secret list --env <env> --json name,updatedAt) and the repository's own (gh secret list), which every workflow
of every branch can read, so nothing of production's or staging's may sit there. Reports, per place:
  missing     the manifest says it lives there but it is not set
  unexpected  set there but not in the manifest for that place (remove it, or declare it and say what reads it)
  overdue     last updated longer ago than the secret's rotation period (rotate: npm run secrets:rotate)
Optional secrets that are absent are listed as notes only. --env defaults to every environment and the repository.
Values on Vercel and Railway are not listed here: see the manifest's vercel and railway locations.
Env: GH_TOKEN that may list secret names (secrets-audit.yml: the chef-chopsky-audit app; locally gh auth login).
Exit codes: 0 all match, 1 anything missing, unexpected or overdue (or gh failed), 2 usage.`;

export interface SecretsReport {
  environment: GithubLocation;
  missing: string[];
  unexpected: string[];
  overdue: { name: string; updatedAt: string; ageDays: number; rotationDays: number }[];
  optionalAbsent: string[];
}

export function compareSecrets(environment: GithubLocation, expected: SecretSpec[], remote: RemoteSecret[], now: Date): SecretsReport {
  const remoteByName = new Map(remote.map((s) => [s.name, s]));
  const expectedNames = new Set(expected.map((s) => s.name));
  const report: SecretsReport = { environment, missing: [], unexpected: [], overdue: [], optionalAbsent: [] };
  for (const spec of expected) {
    const found = remoteByName.get(spec.name);
    if (!found) {
      (spec.required ? report.missing : report.optionalAbsent).push(spec.name);
      continue;
    }
    if (spec.rotationDays !== null) {
      const ageDays = Math.floor((now.getTime() - Date.parse(found.updatedAt)) / 86_400_000);
      if (ageDays > spec.rotationDays) report.overdue.push({ name: spec.name, updatedAt: found.updatedAt, ageDays, rotationDays: spec.rotationDays });
    }
  }
  for (const s of remote) if (!expectedNames.has(s.name)) report.unexpected.push(s.name);
  return report;
}

export async function run(argv: string[], ctx: Ctx): Promise<number> {
  const parsed = parseCli(argv, { env: { type: 'string', multiple: true }, json: { type: 'boolean' } }, HELP, ctx);
  if (!parsed) return EXIT.ok;
  const environments = (parsed.values.env ?? [...GITHUB_LOCATIONS]).map((e) => oneOf<GithubLocation>(e, GITHUB_LOCATIONS, 'env'));
  const manifest = loadManifest();
  const reports: SecretsReport[] = [];
  for (const environment of environments) {
    const remote = await listEnvironmentSecrets(ctx, environment);
    reports.push(compareSecrets(environment, secretsForGithub(manifest, environment), remote, ctx.now()));
  }
  let problems = 0;
  for (const r of reports) {
    problems += r.missing.length + r.unexpected.length + r.overdue.length;
    if (parsed.values.json) continue;
    const ok = r.missing.length + r.unexpected.length + r.overdue.length === 0;
    ctx.out(`${ok ? 'OK  ' : 'FAIL'} ${r.environment}`);
    for (const name of r.missing) ctx.out(`  missing     ${name}`);
    for (const name of r.unexpected) ctx.out(`  unexpected  ${name}`);
    for (const o of r.overdue) ctx.out(`  overdue     ${o.name}: updated ${o.updatedAt} (${o.ageDays} days ago, rotate every ${o.rotationDays})`);
    for (const name of r.optionalAbsent) ctx.out(`  note        ${name} (optional) is not set`);
  }
  if (parsed.values.json) ctx.out(JSON.stringify(reports, null, 2));
  return problems ? EXIT.failed : EXIT.ok;
}

runAsMain(module, run);
