/**
 * The PostgreSQL 15 test server (tests/support/postgres-server.ts) with the migrations applied by the real Supabase
 * CLI, and a TCP proxy in front of it so a test can take the database away and bring it back. The web app reaches it
 * as the least-privileged login the store tests use: a member of service_role and nothing else.
 */
import { Pool } from 'pg';
import { pushMigrations } from '../../db/supabase-cli';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const APP_ROLE = 'chef_proof_app';

export interface ProofDatabase {
  server: PostgresServer;
  proxy: TcpProxy;
  /** For the web app: through the proxy, as the app role. */
  appUrl: string;
  /** For the test's own SQL checks: straight to the server, as the superuser. */
  admin: Pool;
  stop(): Promise<void>;
}

export async function startProofDatabase(settings: Record<string, string> = {}): Promise<ProofDatabase> {
  const server = await startPostgresServer({ settings });
  pushMigrations(server.url);
  const admin = new Pool({ connectionString: server.url, max: 4 });
  await admin.query(`create role ${APP_ROLE} login password '${APP_ROLE}' noinherit`);
  await admin.query(`grant service_role to ${APP_ROLE}`);
  await admin.query(`alter role ${APP_ROLE} inherit`);
  const proxy = await startTcpProxy(server.port);
  return {
    server,
    proxy,
    appUrl: `postgresql://${APP_ROLE}:${APP_ROLE}@127.0.0.1:${proxy.port}/postgres`,
    admin,
    async stop() {
      await proxy.close();
      await admin.end();
      await server.stop();
    },
  };
}
