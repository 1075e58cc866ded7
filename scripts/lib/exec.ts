import { spawn } from 'node:child_process';
import { type Ctx, OperationError } from './cli';
import { mask } from './mask';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Written to the child's stdin: the only way a secret value is handed to a CLI. */
  input?: string;
  /** Extra environment for the child (tokens); merged over ctx.env. */
  env?: Record<string, string | undefined>;
  allowFailure?: boolean;
  cwd?: string;
  /** Print the CLI's stdout once it has finished (masked). */
  echo?: boolean;
  /** Print the CLI's stderr line by line as it runs (masked): build and deploy logs. */
  streamStderr?: boolean;
}

/** Splits a stream into complete lines so each is masked whole (a value split across chunks is still caught). */
function lineWriter(write: (line: string) => void) {
  let pending = '';
  return {
    push(chunk: string) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) write(mask(line));
    },
    flush() {
      if (pending) write(mask(pending));
      pending = '';
    },
  };
}

/** Runs a CLI found on ctx.env.PATH, prints the masked command line, captures output, fails on non-zero exit. */
export function execCli(ctx: Ctx, command: string, args: string[], options: ExecOptions = {}): Promise<ExecResult> {
  ctx.out(mask(`$ ${[command, ...args].join(' ')}${options.input !== undefined ? ' (value on stdin)' : ''}`));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ctx.cwd,
      env: { ...ctx.env, ...options.env },
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const live = lineWriter(ctx.err);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (options.streamStderr) live.push(chunk.toString('utf8'));
    });
    child.on('error', (error) => reject(new OperationError(`${command} could not be started: ${error.message}`)));
    child.on('close', (code) => {
      live.flush();
      const result = { code: code ?? 1, stdout, stderr };
      if (options.echo && stdout.trim()) ctx.out(mask(stdout.trimEnd()));
      if (result.code !== 0 && !options.allowFailure) {
        const tail = mask(`${stderr}${stdout}`.trim().split('\n').slice(options.streamStderr ? -5 : -30).join('\n'));
        reject(new OperationError(`${command} ${args[0] ?? ''} exited with ${result.code}${tail ? `:\n${tail}` : ''}`));
        return;
      }
      resolve(result);
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}
