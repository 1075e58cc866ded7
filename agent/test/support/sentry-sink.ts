/**
 * A Sentry ingest stand-in on 127.0.0.1, shared by the agent's and the web app's tests: it keeps the body of every
 * envelope POSTed to `/api/<project>/envelope/` and answers as sentry.io does, 200 with CORS open, so a browser SDK
 * posting from the app's origin can read the answer. URLs are not kept: the DSN's public key is in them by protocol.
 *
 * An envelope is newline-delimited JSON: a header line, then a header line and a payload line per item. The SDKs send
 * `session` items too (the browser one on every page load); errors arrive as `event` items.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export async function listen(server: Server, port = 0): Promise<string> {
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The parts of a Sentry event the tests look at; the payload has many more. */
export interface SentryEvent {
  event_id?: string;
  environment?: string;
  release?: string;
  platform?: string;
  tags?: Record<string, string>;
  fingerprint?: string[];
  user?: { ip_address?: string } & Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown> | undefined>;
  exception?: { values?: Array<{ type?: string; value?: string; mechanism?: { type?: string; handled?: boolean } }> };
  request?: { url?: string; method?: string; headers?: Record<string, string>; cookies?: unknown };
  /** The debug IDs of the bundles in the stack trace: how Sentry finds an uploaded source map. */
  debug_meta?: { images?: Array<{ type?: string; code_file?: string; debug_id?: string }> };
}

/** The payloads of the `event` items in one envelope body. */
export function eventsInEnvelope(body: string): SentryEvent[] {
  const lines = body.split('\n').filter(Boolean);
  const events: SentryEvent[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const header = JSON.parse(lines[i]!) as { type?: string };
    if (header.type === 'event') events.push(JSON.parse(lines[i + 1]!) as SentryEvent);
  }
  return events;
}

export interface SentrySink {
  /** Every envelope body received, in order. */
  bodies: string[];
  /** The bodies that carry an event item. */
  events(): string[];
  /** Resolves with the first event (already received or still to come) that `matches`; rejects after `timeoutMs`. */
  waitForEvent(matches: (event: SentryEvent) => boolean, timeoutMs?: number): Promise<SentryEvent>;
  /** `http://<publicKey>@127.0.0.1:<port>/1` */
  dsn: string;
  close(): Promise<void>;
}

/** Listens on a free port, or on `port` when the DSN had to be fixed in advance (a browser build bakes it in). */
export async function startSentrySink(publicKey: string, { port = 0 }: { port?: number } = {}): Promise<SentrySink> {
  const bodies: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // The SDK gzips large envelopes (traces, with tracing on), as Sentry accepts: kept decoded, as Sentry reads them.
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (req.method === 'POST' && /^\/api\/\d+\/envelope\//.test(req.url ?? '')) bodies.push(body.toString('utf8'));
      res
        .writeHead(req.method === 'OPTIONS' ? 204 : 200, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          'access-control-allow-headers': '*',
          'access-control-expose-headers': 'x-sentry-rate-limits, retry-after',
        })
        .end(req.method === 'OPTIONS' ? undefined : '{}');
    });
  });
  const url = await listen(server, port);
  const allEvents = () => bodies.flatMap(eventsInEnvelope);
  return {
    bodies,
    events: () => bodies.filter((body) => body.includes('"type":"event"')),
    async waitForEvent(matches, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = allEvents().find(matches);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no matching Sentry event within ${timeoutMs} ms; ${bodies.length} envelopes received:\n${bodies.join('\n---\n').slice(0, 4000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    dsn: `${url.replace('http://', `http://${publicKey}@`)}/1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A browser keeps its connection to the sink alive; close() would otherwise wait for it to time out.
        server.closeAllConnections();
      }),
  };
}
