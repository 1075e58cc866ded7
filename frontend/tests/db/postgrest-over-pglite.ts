/**
 * A local HTTP server shaped like Supabase's Data API for the one route the store uses: `POST /rest/v1/rpc/<fn>`.
 * It records every request (method, path, headers, JSON body) and, unless a test scripts a response, answers the way
 * PostgREST does: it runs the function in PGlite as `service_role` (the role a secret key maps to) and returns its
 * JSON; an error raised by the database comes back as HTTP 400 `{ code, message, details, hint }`; a body whose keys
 * are not exactly the function's parameters is PGRST202 (404), as PostgREST cannot find such an overload.
 * Stand-in for PostgREST, which cannot be installed here; a real Supabase runs the same suite in store.supabase.test.ts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { sqlForCall, storeFunctions, type StoreFunctionName } from '@/lib/db/rpc-store';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ScriptedResponse {
  status: number;
  body: unknown;
}

export interface PostgrestOverPGlite {
  url: string;
  requests: RecordedRequest[];
  /** The next request gets this response instead of a database call. */
  respondNextWith(response: ScriptedResponse): void;
  close(): Promise<void>;
}

export async function startPostgrestOverPGlite(db: PGlite): Promise<PostgrestOverPGlite> {
  const requests: RecordedRequest[] = [];
  const scripted: ScriptedResponse[] = [];

  const answer = async (path: string, body: unknown): Promise<ScriptedResponse> => {
    const next = scripted.shift();
    if (next) return next;
    const match = /^\/rest\/v1\/rpc\/([a-z_]+)$/.exec(path);
    const name = match?.[1];
    if (!name || !(name in storeFunctions)) return { status: 404, body: { code: 'PGRST202', message: `no function ${path}` } };
    const params = storeFunctions[name as StoreFunctionName].map(([param]) => param).sort();
    const args = (body ?? {}) as Record<string, unknown>;
    if (JSON.stringify(Object.keys(args).sort()) !== JSON.stringify(params)) {
      return { status: 404, body: { code: 'PGRST202', message: `no ${name}(${Object.keys(args).sort().join(', ')})` } };
    }
    const { text, values } = sqlForCall(name as StoreFunctionName, args);
    try {
      const result = await db.transaction(async (tx) => {
        await tx.exec('set local role service_role');
        await tx.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
        return (await tx.query<{ result: unknown }>(text, values)).rows[0]?.result ?? null;
      });
      return { status: 200, body: result };
    } catch (error) {
      const { code, message, detail, hint } = error as { code?: string; message?: string; detail?: string; hint?: string };
      return { status: 400, body: { code, message, details: detail ?? null, hint: hint ?? null } };
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body: unknown = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      void answer(req.url ?? '', body).then(({ status, body: payload }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(payload));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondNextWith: (response) => scripted.push(response),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
