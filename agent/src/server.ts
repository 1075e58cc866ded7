/**
 * The agent's process: validates configuration, listens on PORT, and shuts down gracefully. On SIGTERM/SIGINT
 * readiness turns 503 and new chats get 503 at once; streams in flight get SHUTDOWN_GRACE_MS to finish, then are
 * ended with an `error` event; then the process exits 0. A programmer error (uncaught exception or unhandled
 * rejection) is logged as fatal, reported, drained the same way, and exits 1. With AGENT_WORKERS above 1 this process
 * only supervises that many workers, each of which is all of the above (workers.ts).
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppDeps, createApp } from './app';
import { buildDefaultDeps } from './compose';
import { type Env, EnvError, loadEnv } from './env';
import { createLogger, type Logger } from './logger';
import { initSentry } from './observability/sentry';
import { createSharedState } from '@chef-chopsky/shared-state';
import { superviseWorkers, workerShare } from './workers';

export interface RunningServer {
  server: Server;
  port: number;
  shutdown(reason: string, exitCode?: number): Promise<void>;
}

export async function startServer(options: {
  env: Env;
  logger: Logger;
  deps: AppDeps;
  /** Defaults to every interface, as Railway needs; tests bind 127.0.0.1. */
  host?: string;
  exit?: (code: number) => void;
}): Promise<RunningServer> {
  const { env, logger, deps, host, exit = (code) => process.exit(code) } = options;
  const { app, lifecycle } = createApp(deps);
  const server = host ? app.listen(env.PORT, host) : app.listen(env.PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, appEnv: env.APP_ENV, release: env.release, modelProvider: deps.provider?.kind, sharedState: deps.shared?.kind ?? 'memory' }, 'agent listening');

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string, exitCode = 0) => {
    shuttingDown ??= (async () => {
      logger.info({ reason, inFlight: lifecycle.inFlight, graceMs: env.SHUTDOWN_GRACE_MS }, 'draining');
      lifecycle.startDrain();
      // Stop accepting connections; idle keep-alive sockets close now, busy ones when their response ends.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const { aborted } = await lifecycle.drain(env.SHUTDOWN_GRACE_MS);
      server.closeAllConnections();
      await closed;
      await deps.reporter?.flush(2_000);
      await deps.shared?.close();
      logger.info({ aborted }, 'stopped');
      exit(exitCode);
    })();
    return shuttingDown;
  };
  return { server, port, shutdown };
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const pretty = env.APP_ENV === 'development';
  if (env.AGENT_WORKERS > 1 && cluster.isPrimary) {
    superviseWorkers({ workers: env.AGENT_WORKERS, logger: createLogger({ level: env.LOG_LEVEL, pretty, base: { role: 'primary' } }) });
    return;
  }
  if (cluster.isWorker) env = { ...env, MAX_CONCURRENT_STREAMS: workerShare(env.MAX_CONCURRENT_STREAMS, env.AGENT_WORKERS) };
  const logger = createLogger({ level: env.LOG_LEVEL, pretty, base: cluster.isWorker ? { worker: cluster.worker!.id, pid: process.pid } : {} });
  const reporter = initSentry(env);
  const shared = createSharedState({
    redisUrl: env.REDIS_URL,
    keyPrefix: 'chopsky:agent',
    // The alert: one error line and one Sentry event when Redis becomes unreachable, one line when it is back.
    onOutage: ({ state, what, error, downForMs }) => {
      if (state === 'down') {
        logger.error({ what, err: error }, 'shared state (Redis) unreachable: limits fail open, then count per replica');
        reporter.capture(new Error(`shared state unreachable (${what})`, { cause: error }), { code: 'unavailable:shared_state' });
      } else logger.warn({ what, downForMs }, 'shared state (Redis) reachable again');
    },
  });
  if (env.isDeployed && !env.REDIS_URL) {
    logger.warn('REDIS_URL is not set: limits count per replica and replies cannot be followed or stopped through another replica');
  }
  const deps = { ...buildDefaultDeps(env, logger, reporter), shared };
  const running = await startServer({ env, logger, deps });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void running.shutdown(signal, 0));
  }
  const fatal = (error: unknown) => {
    logger.fatal({ err: error }, 'programmer error: shutting down');
    reporter.capture(error, {});
    void running.shutdown('fatal', 1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

if (require.main === module) {
  void main();
}
