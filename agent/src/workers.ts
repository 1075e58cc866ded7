/**
 * AGENT_WORKERS above 1: the replica's process forks that many workers, each a whole agent (its own event loop,
 * Sentry client and Redis connections), on one port: node:cluster's primary accepts each connection and hands them
 * out in turn. A chat's CPU is spent on one event loop, so one process serves about one core's worth of chats; workers
 * let a replica with more cores use them (docs/architecture.md, "Scaling"). Runs, Stop and the per-cook limits work
 * across workers as across replicas, through Redis (env.ts refuses workers without REDIS_URL). The cap on concurrent
 * model streams is the replica's, split evenly between its workers.
 *
 * The primary serves nothing itself. A worker that exits on its own (a crash, a fatal error it drained and reported)
 * is replaced; more than three exits per worker within a minute stop the replica with exit code 1, so the platform
 * restarts it instead of the primary forking forever. SIGTERM or SIGINT reaches every worker, each drains as a single
 * process does (server.ts), and the primary exits once all have, with 0 unless one of them failed.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger';

const RESTART_WINDOW_MS = 60_000;
const RESTARTS_PER_WORKER = 3;

/** A worker's share of the replica's cap on concurrent model streams. */
export function workerShare(total: number, workers: number): number {
  return Math.max(1, Math.ceil(total / workers));
}

export function superviseWorkers(options: { workers: number; logger: Logger; exit?: (code: number) => void }): void {
  const { workers, logger, exit = (code) => process.exit(code) } = options;
  const exits: number[] = [];
  let stopping = false;
  let exitCode = 0;

  // A worker that has exited may stay in cluster.workers until its IPC channel closes.
  const live = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
  const stop = (reason: string, code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    logger.info({ reason, workers: live().length }, 'stopping agent workers');
    for (const worker of live()) worker.process.kill('SIGTERM');
    if (live().length === 0) exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0 && signal !== 'SIGTERM') exitCode = Math.max(exitCode, 1);
      if (live().length === 0) {
        logger.info({ exitCode }, 'agent workers stopped');
        exit(exitCode);
      }
      return;
    }
    const now = Date.now();
    exits.push(now);
    while (exits[0]! < now - RESTART_WINDOW_MS) exits.shift();
    if (exits.length > RESTARTS_PER_WORKER * workers) {
      logger.fatal({ worker: worker.id, code, signal, exits: exits.length }, 'agent workers keep exiting: stopping the replica');
      stop('workers keep exiting', 1);
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'agent worker exited: starting another');
    cluster.fork();
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal, 0));
  logger.info({ workers }, 'starting agent workers');
  for (let i = 0; i < workers; i += 1) cluster.fork();
}
