/**
 * A local load balancer for the multi-instance rig: HTTP on 127.0.0.1, each request to the next target in turn (as
 * Vercel's and Railway's balancers spread requests, with no stickiness), streamed both ways. A target that refuses the
 * connection (a killed instance) is skipped for the next one. It sets `x-forwarded-for` / `x-real-ip` to the client's
 * address as a platform would, and answers with `x-rig-target: <index>` so a test can see which instance served it.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Target base URLs; replace one to move an instance (a restart on a new port). */
  targets: string[];
  /** Which target the next request goes to. */
  next: number;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const proxy: RoundRobinProxy = { url: '', targets: [...targets], next: 0, close: async () => undefined };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tried: number) => {
    const index = proxy.next % proxy.targets.length;
    proxy.next += 1;
    const target = new URL(proxy.targets[index]!);
    const client = req.socket.remoteAddress ?? '127.0.0.1';
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: req.headers.host, 'x-forwarded-for': client, 'x-real-ip': client, 'x-forwarded-proto': 'http' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-rig-target': String(index) });
        answer.pipe(res);
        // An instance killed mid-response: the client sees its connection cut, as it would through a real balancer.
        answer.on('error', () => res.destroy());
        answer.on('aborted', () => res.destroy());
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!res.headersSent && error.code === 'ECONNREFUSED' && tried + 1 < proxy.targets.length) return forward(req, res, body, tried + 1);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
