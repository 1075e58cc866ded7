/** A Sentry ingest stand-in on 127.0.0.1: keeps every envelope body. URLs are not kept: the DSN key is in them by protocol. */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startSentrySink(publicKey: string) {
  const bodies: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const url = await listen(server);
  return {
    bodies,
    events: () => bodies.filter((body) => body.includes('"type":"event"')),
    dsn: `${url.replace('http://', `http://${publicKey}@`)}/1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
