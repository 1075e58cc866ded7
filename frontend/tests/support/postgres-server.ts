/**
 * Starts a real PostgreSQL 15 server for tests and benchmarks, shaped like a Supabase database: the roles `anon`,
 * `authenticated`, `service_role`, `authenticator` and the `auth` schema with `auth.uid()` (SUPABASE_BOOTSTRAP_SQL,
 * shared with the embedded store). PostgreSQL refuses to run as root, so the server runs as the `postgres` user in a
 * temporary directory that user owns, on a free high port of 127.0.0.1. The machine's own cluster is left alone.
 *
 *   const server = await startPostgresServer();
 *   // server.url: postgresql://postgres:postgres@127.0.0.1:<port>/postgres (superuser, trust auth)
 *   await server.stop();
 *
 * There is no skip: when the server cannot start (no binaries, not root and not `postgres`) this throws with the
 * reason, so a test that needs it fails loudly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SUPABASE_BOOTSTRAP_SQL } from '../../lib/db/bootstrap';
import { freePort } from './agent-process';

export interface PostgresServer {
  /** Superuser URL (the `postgres` role, which owns what migrations create, like on Supabase). */
  url: string;
  port: number;
  dataDir: string;
  /** URL of the same server as another role (which must be able to log in). */
  urlFor(role: string, password?: string): string;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Directory with initdb, postgres and pg_isready; default $PG_BIN or /usr/lib/postgresql/15/bin. */
  binDir?: string;
  /** Extra `-c name=value` settings, e.g. { max_connections: '300' } for load tests. */
  settings?: Record<string, string>;
  /** Run SUPABASE_BOOTSTRAP_SQL after start (default true). */
  supabaseRoles?: boolean;
  /** Milliseconds to wait for the server to accept connections (default 30 s). */
  startTimeoutMs?: number;
}

interface RunAs {
  /** Wraps a command so it runs as the postgres user. */
  command(bin: string, args: string[]): [string, string[]];
  uid: number;
  gid: number;
}

function postgresUser(): RunAs {
  const uid = process.getuid?.();
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  const postgresUid = Number(ids.stdout.trim());
  const postgresGid = Number(gids.stdout.trim());
  if (uid !== undefined && ids.status === 0 && uid === postgresUid) {
    return { command: (bin, args) => [bin, args], uid: postgresUid, gid: postgresGid };
  }
  if (uid === 0 && ids.status === 0) {
    return {
      command: (bin, args) => ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', bin, ...args]],
      uid: postgresUid,
      gid: postgresGid,
    };
  }
  throw new Error(
    `cannot start PostgreSQL: it must run as the "postgres" user, which needs root (uid is ${uid ?? 'unknown'}` +
      `${ids.status === 0 ? '' : ', and there is no postgres user'}). Run the tests as root, as in CI.`,
  );
}

function run(runAs: RunAs, bin: string, args: string[]): void {
  const [command, commandArgs] = runAs.command(bin, args);
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', cwd: os.tmpdir() });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error}`);
  }
}

async function waitForConnection(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) before accepting connections:\n${log()}`);
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections within ${timeoutMs} ms:\n${log()}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
  if (!existsSync(path.join(binDir, 'postgres'))) {
    throw new Error(`cannot start PostgreSQL: no postgres binary in ${binDir} (set PG_BIN)`);
  }
  const runAs = postgresUser();

  const root = mkdtempSync(path.join(os.tmpdir(), 'chef-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(socketDir, { mode: 0o700 });
  for (const dir of [root, dataDir, socketDir]) chownSync(dir, runAs.uid, runAs.gid);

  let child: ChildProcess | null = null;
  // If this process ends without stop() (a crash, Ctrl-C), take the server and its directory with it.
  const exitSignals = ['SIGINT', 'SIGTERM'] as const;
  const cleanupOnExit = () => {
    child?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanupOnExit();
    process.kill(process.pid, signal);
  };
  const forgetCleanup = () => {
    process.removeListener('exit', cleanupOnExit);
    for (const signal of exitSignals) process.removeListener(signal, onSignal);
  };
  try {
    run(runAs, path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const port = await freePort();
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      ...options.settings,
    };
    const [command, args] = runAs.command(path.join(binDir, 'postgres'), [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ]);
    let output = '';
    const started = spawn(command, args, { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    process.once('exit', cleanupOnExit);
    for (const signal of exitSignals) process.once(signal, onSignal);
    started.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    started.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));

    const urlFor = (role: string, password = role) => `postgresql://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const url = urlFor('postgres');
    await waitForConnection(url, started, () => output, options.startTimeoutMs ?? 30_000);

    if (options.supabaseRoles ?? true) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(SUPABASE_BOOTSTRAP_SQL);
      } finally {
        await client.end();
      }
    }

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= new Promise<void>((resolve) => {
        forgetCleanup();
        // SIGTERM is PostgreSQL's smart shutdown: it waits for sessions to end. pg's Pool.end() resolves before its
        // sockets have closed, so a fast shutdown right away would terminate those sessions and make the closing
        // clients emit unhandled errors. After 3 s, SIGINT (fast shutdown) ends whatever is left; SIGKILL is last.
        const fast = setTimeout(() => started.kill('SIGINT'), 3_000);
        const force = setTimeout(() => started.kill('SIGKILL'), 15_000);
        const done = () => {
          clearTimeout(fast);
          clearTimeout(force);
          rmSync(root, { recursive: true, force: true });
          resolve();
        };
        if (started.exitCode !== null || started.signalCode !== null) return done();
        started.once('exit', done);
        started.kill('SIGTERM');
      }));

    return { url, port, dataDir, urlFor, stop };
  } catch (error) {
    forgetCleanup();
    cleanupOnExit();
    throw error;
  }
}
