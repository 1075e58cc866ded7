import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { REPO_ROOT } from '../lib/secrets-manifest';

/**
 * Which jobs of a workflow run, by GitHub Actions' own rules, given how each job that runs ends. `act` needs Docker,
 * so this models the part the tests need: `needs` order, job `if:` expressions (always(), success(), failure(),
 * cancelled(), !, ==, !=, &&, ||, needs.<job>.result / .outputs.<name>, inputs.<name>, github.<name>), the default
 * success() condition (a failed or skipped need skips the job), and local reusable workflows (`uses: ./...`), which are
 * simulated in turn: the calling job fails when any of their jobs failed, and their outputs come from their jobs'.
 */
export type JobResult = 'success' | 'failure' | 'skipped';

interface Job {
  needs?: string | string[];
  if?: string | boolean;
  uses?: string;
  with?: Record<string, unknown>;
  environment?: string | { name: string };
  outputs?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

export interface Scenario {
  github: Record<string, string>;
  inputs?: Record<string, string>;
  /** How a job that runs ends, by its path ("deploy/web" inside a called workflow); default success. */
  outcome?: (job: string) => 'success' | 'failure';
  /** The outputs of a job that ran, by path. */
  outputs?: (job: string) => Record<string, string>;
}

export interface Simulation {
  results: Map<string, JobResult>;
  /** The environment each job that ran entered, by path (evaluated from its `environment:`). */
  environments: Map<string, string>;
}

const loadWorkflow = (file: string) => load(readFileSync(path.join(REPO_ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;

type Value = string | boolean | number | null;
type Context = { needs: Record<string, { result: JobResult; outputs: Record<string, string> }>; inputs: Record<string, string>; github: Record<string, string>; ancestorsFailed: boolean; needsSucceeded: boolean };

/** A small recursive-descent evaluator for the expression subset our workflows use. */
export function evaluate(expression: string, ctx: Context): Value {
  const source = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = source.match(/'(?:[^']|'')*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*|\d+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const truthy = (v: Value) => v !== null && v !== false && v !== '' && v !== 0;
  const lookup = (name: string): Value => {
    const parts = name.split('.');
    if (parts[0] === 'needs') {
      const job = ctx.needs[parts[1] ?? ''];
      if (!job) return null;
      if (parts[2] === 'result') return job.result;
      if (parts[2] === 'outputs') return job.outputs[parts[3] ?? ''] ?? '';
      return null;
    }
    if (parts[0] === 'inputs') return ctx.inputs[parts[1] ?? ''] ?? '';
    if (parts[0] === 'github') return ctx.github[parts[1] ?? ''] ?? '';
    if (name === 'true') return true;
    if (name === 'false') return false;
    throw new Error(`workflow-sim: unsupported identifier ${name}`);
  };
  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error(`workflow-sim: unexpected end of ${expression}`);
    if (token === '!') return !truthy(primary());
    if (token === '(') {
      const value = or();
      next();
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(token)) return Number(token);
    if (token === 'always()') return true;
    if (token === 'cancelled()') return false;
    if (token === 'failure()') return ctx.ancestorsFailed;
    if (token === 'success()') return ctx.needsSucceeded;
    return lookup(token);
  };
  const comparison = (): Value => {
    const left = primary();
    const op = peek();
    if (op === '==' || op === '!=') {
      next();
      const right = primary();
      const equal = String(left).toLowerCase() === String(right).toLowerCase();
      return op === '==' ? equal : !equal;
    }
    return left;
  };
  const and = (): Value => {
    let value = comparison();
    while (peek() === '&&') {
      next();
      const right = comparison();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (peek() === '||') {
      next();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`workflow-sim: could not read ${expression} past ${tokens[i]}`);
  return value;
}

const needsOf = (job: Job) => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);
/** Whether an `if:` mentions a status function; without one GitHub adds success() in front. */
const hasStatusCheck = (condition: string) => /\b(always|success|failure|cancelled)\(\)/.test(condition);

export function simulate(file: string, scenario: Scenario, prefix = ''): Simulation & { outputs: Record<string, string> } {
  const workflow = loadWorkflow(file);
  const results = new Map<string, JobResult>();
  const environments = new Map<string, string>();
  const jobOutputs = new Map<string, Record<string, string>>();
  const failedAncestors = new Map<string, boolean>();
  const pending = Object.keys(workflow.jobs);
  while (pending.length) {
    const index = pending.findIndex((name) => needsOf(workflow.jobs[name] ?? {}).every((n) => results.has(n)));
    if (index === -1) throw new Error(`workflow-sim: a needs cycle in ${file}`);
    const [name] = pending.splice(index, 1) as [string];
    const job = workflow.jobs[name] ?? {};
    const needs = needsOf(job);
    const ancestorsFailed = needs.some((n) => results.get(n) === 'failure' || failedAncestors.get(n));
    failedAncestors.set(name, ancestorsFailed);
    const ctx: Context = {
      needs: Object.fromEntries(needs.map((n) => [n, { result: results.get(n) ?? 'skipped', outputs: jobOutputs.get(n) ?? {} }])),
      inputs: scenario.inputs ?? {},
      github: scenario.github,
      ancestorsFailed,
      needsSucceeded: needs.every((n) => results.get(n) === 'success'),
    };
    const condition = job.if === undefined ? 'success()' : String(job.if);
    const runs = Boolean(evaluate(condition, ctx)) && (hasStatusCheck(condition) || ctx.needsSucceeded);
    const jobPath = `${prefix}${name}`;
    if (!runs) {
      results.set(name, 'skipped');
      continue;
    }
    if (job.environment) {
      const raw = typeof job.environment === 'string' ? job.environment : job.environment.name;
      environments.set(jobPath, String(evaluate(raw.includes('${{') ? raw : `'${raw}'`, ctx)));
    }
    if (job.uses?.startsWith('./.github/workflows/')) {
      const inputs = Object.fromEntries(Object.entries(job.with ?? {}).map(([k, v]) => [k, String(v)]));
      const inner = simulate(path.basename(job.uses), { ...scenario, inputs }, `${jobPath}/`);
      for (const [k, v] of inner.results) results.set(`${jobPath}/${k}`, v);
      for (const [k, v] of inner.environments) environments.set(k, v);
      results.set(name, [...inner.results.values()].includes('failure') ? 'failure' : 'success');
      jobOutputs.set(name, inner.outputs);
      continue;
    }
    results.set(name, scenario.outcome?.(jobPath) ?? 'success');
    jobOutputs.set(name, scenario.outputs?.(jobPath) ?? {});
  }
  const call = workflow.on.workflow_call as { outputs?: Record<string, { value: string }> } | undefined;
  const outputs: Record<string, string> = {};
  for (const [key, { value }] of Object.entries(call?.outputs ?? {})) {
    const m = /jobs\.([\w-]+)\.outputs\.([\w-]+)/.exec(value);
    outputs[key] = m ? (jobOutputs.get(m[1] ?? '')?.[m[2] ?? ''] ?? '') : '';
  }
  return { results, environments, outputs };
}
