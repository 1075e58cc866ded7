import { appendFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Exit codes shared by every script (documented in RUNBOOK.md):
 * 0 success (a health `warn` counts as success), 1 the operation failed, 2 bad usage or missing configuration.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}
export class OperationError extends Error {}

/** Everything a script touches from the outside, injectable so tests run scripts in-process. */
export interface Ctx {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  readStdin: () => Promise<string>;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  cwd: string;
}

export function defaultCtx(): Ctx {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => new Date(),
    cwd: process.cwd(),
  };
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--help` built in; unknown flags are usage errors. Returns null when help was printed. */
export function parseCli<const T extends Options>(argv: string[], options: T, help: string, ctx: Ctx, allowPositionals = false) {
  const config = { args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } }, allowPositionals: true as const, strict: true as const };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${help}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    ctx.out(help);
    return null;
  }
  if (!allowPositionals && parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"\n\n${help}`);
  return parsed;
}

export function intOption(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${String(value)}"`);
  return n;
}

export function requireValue(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

/** Runs a script's `run` and turns thrown errors into the documented exit codes. */
export async function runScript(run: (argv: string[], ctx: Ctx) => Promise<number>, ctx: Ctx = defaultCtx()): Promise<number> {
  try {
    return await run(process.argv.slice(2), ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`usage error: ${error.message}`);
      return EXIT.usage;
    }
    ctx.err(`error: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

export function runAsMain(mod: NodeJS.Module, run: (argv: string[], ctx: Ctx) => Promise<number>): void {
  if (require.main !== mod) return;
  void runScript(run).then((code) => {
    process.exitCode = code;
  });
}

/** Appends `key=value` lines to $GITHUB_OUTPUT when running in Actions (and prints them either way). */
export async function writeOutputs(ctx: Ctx, outputs: Record<string, string>): Promise<void> {
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${v}`);
  for (const line of lines) ctx.out(line);
  if (ctx.env.GITHUB_OUTPUT) await appendFile(ctx.env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
}

export async function writeSummary(ctx: Ctx, markdown: string): Promise<void> {
  if (!ctx.env.GITHUB_STEP_SUMMARY) return;
  await appendFile(ctx.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}
