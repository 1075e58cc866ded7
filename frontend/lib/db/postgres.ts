import { Pool } from 'pg';
import { sqlForCall, type Transport } from './rpc-store';

export interface PostgresOptions {
  /** postgresql://user:password@host:port/db. The role needs EXECUTE on the store functions (service_role or a member). */
  url: string;
  /** Pool size; keep it small on serverless hosts (one pool per instance). */
  maxConnections?: number;
  /** Per-statement limit, so a stuck query surfaces as a fault instead of hanging a request. */
  statementTimeoutMs?: number;
}

/** The pg transport: the same SQL functions over a connection pool. Works with Supabase's direct or pooled URL. */
export function createPostgresTransport(options: PostgresOptions): Transport {
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: 'chef-chopsky-web',
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would crash the process. The
  // pool drops that client, and the next query reports the outage as `unavailable:database`.
  pool.on('error', () => {});

  return {
    async call(name, args) {
      const { text, values } = sqlForCall(name, args);
      const result = await pool.query<{ result: unknown }>(text, values);
      return result.rows[0]?.result ?? null;
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}
