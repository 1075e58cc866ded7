/**
 * A low-level HTTP client for the proof suites: any method, any header bytes Node allows, any body bytes, and the
 * whole response read (SSE included). `fetch` normalises too much to speak like an attacker.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** `keepAlive: false` gives every request its own connection, so one request's fate cannot leak into the next. */
export function rawClient(baseUrl: string, { keepAlive = true } = {}) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive, maxSockets: 8 });
  return {
    send({ method, path, headers = {}, body }: RawRequest): Promise<RawResponse> {
      return new Promise((resolve, reject) => {
        const req = request({ host: hostname, port: Number(port), method, path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Writes bytes straight onto a TCP socket and returns whatever came back before the server closed or went quiet. */
export function rawSocket(baseUrl: string, bytes: Uint8Array, quietMs = 300): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    let timer = setTimeout(() => socket.destroy(), quietMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), quietMs);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that resets a garbage connection has answered it; anything else is a real failure.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      reject(error);
    });
    socket.on('connect', () => socket.end(bytes));
  });
}

export interface ParsedSse {
  event: string;
  data: Record<string, unknown>;
}

export function parseSse(text: string): ParsedSse[] {
  return text
    .split('\n\n')
    .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: (.*)$/m.exec(block)?.[1] }))
    .filter((b): b is { event: string; data: string } => b.event !== undefined && b.data !== undefined)
    .map((b) => ({ event: b.event, data: JSON.parse(b.data) as Record<string, unknown> }));
}
