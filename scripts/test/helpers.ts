import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Ctx } from '../lib/cli';

export const FAKE_BIN = path.join(__dirname, 'fakes', 'bin');
/** The real supabase and sentry-cli (npm packages): behind the fakes on PATH, so tests run the real ones. */
export const REAL_BIN = path.join(__dirname, '..', '..', 'node_modules', '.bin');

export interface FakeRule {
  cli: 'vercel' | 'railway' | 'gh';
  match?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  once?: boolean;
}

export interface RecordedCall {
  cli: string;
  argv: string[];
  stdin: string;
  env: Record<string, string>;
  /** Set when the fake refused the call as the real CLI would (unknown subcommand or flag). */
  rejected?: string;
}

export interface TestCtx extends Ctx {
  lines: string[];
  errors: string[];
  sleeps: number[];
  dir: string;
  calls: () => RecordedCall[];
  output: () => string;
}

/** A script context whose PATH starts with the recording fake CLIs, with captured output and instant sleeps. */
export function testCtx(options: { env?: Record<string, string>; rules?: FakeRule[]; stdin?: string; now?: Date } = {}): TestCtx {
  const dir = mkdtempSync(path.join(tmpdir(), 'scripts-test-'));
  const record = path.join(dir, 'calls.jsonl');
  const rulesFile = path.join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify(options.rules ?? []));
  const lines: string[] = [];
  const errors: string[] = [];
  const sleeps: number[] = [];
  const ctx: TestCtx = {
    env: {
      PATH: [FAKE_BIN, REAL_BIN, process.env.PATH ?? ''].join(path.delimiter),
      SUPABASE_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      SENTRY_CLI_SKIP_UPDATE_CHECK: '1',
      FAKE_CLI_RECORD: record,
      FAKE_CLI_RULES: rulesFile,
      FAKE_CLI_ENV_KEYS: 'RAILWAY_TOKEN,VERCEL_ORG_ID,VERCEL_PROJECT_ID,SENTRY_AUTH_TOKEN,SENTRY_ORG,SENTRY_PROJECT,GH_TOKEN',
      ...options.env,
    },
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    readStdin: async () => options.stdin ?? '',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => options.now ?? new Date('2026-11-22T00:00:00Z'),
    cwd: dir,
    lines,
    errors,
    sleeps,
    dir,
    calls: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as RecordedCall)
        : [],
    output: () => [...lines, ...errors].join('\n'),
  };
  return ctx;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

/** A local HTTP server on 127.0.0.1 (port 0) that records every request before the handler answers it. */
export async function startServer(handler: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, res)).catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function healthJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/health+json' });
  res.end(JSON.stringify(body));
}

export interface FakeWebApp extends TestServer {
  /** Conversations the smoke chat created and then deleted. */
  deleted: string[];
}

/**
 * A stand-in for one deployment of the web app: readiness reports `release()` (503 when `ready()` is false), GET /
 * sets the guest cookie, POST /api/chat streams a reply, and the store keeps it (unless `chatOk()` is false, when the
 * stream ends with an error event, as the real app's does when the agent or model fails).
 */
export async function startFakeWebApp(options: { release: () => string; ready?: () => boolean; chatOk?: () => boolean; tokenId?: () => string | undefined }): Promise<FakeWebApp> {
  const deleted: string[] = [];
  let n = 0;
  const server = await startServer((req, res): void => {
    const url = req.url.split('?')[0] ?? '';
    if (url === '/api/health/ready' || url === '/health/ready') {
      const ready = options.ready?.() ?? true;
      const tokenId = options.tokenId?.();
      return healthJson(res, ready ? 200 : 503, { status: ready ? 'pass' : 'fail', releaseId: options.release(), checks: tokenId ? { 'gateway:token': [{ status: 'pass', observedValue: tokenId }] } : {} });
    }
    if (req.method === 'GET' && url === '/') {
      res.writeHead(200, { 'set-cookie': 'cc_session=guest.sig; Path=/; HttpOnly', 'content-type': 'text/html' });
      res.end('<html></html>');
      return;
    }
    if (req.method === 'POST' && url === '/api/chat') {
      n += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ok = options.chatOk?.() ?? true;
      res.end(`event: conversation\ndata: {"conversationId":"conv-${n}"}\n\n${ok ? 'event: delta\ndata: {"text":"Lentil soup"}\n\nevent: done\ndata: {}\n\n' : 'event: error\ndata: {"code":"unavailable:agent","message":"Something went wrong. Please try again."}\n\n'}`);
      return;
    }
    const conversation = /^\/api\/conversations\/([\w-]+)$/.exec(url);
    if (conversation?.[1]) {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'DELETE') {
        deleted.push(conversation[1]);
        res.end('{"deleted":true}');
        return;
      }
      res.end(JSON.stringify({ messages: [{ role: 'user', status: 'complete', content: 'Plan 1 day of dinners for 2' }, { role: 'assistant', status: 'complete', content: 'Lentil soup' }] }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return { ...server, deleted };
}
