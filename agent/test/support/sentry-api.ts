/**
 * A local stand-in for the part of Sentry's web API that source-map uploads use: the chunk-upload protocol that
 * sentry-cli and Sentry's bundler plugins speak. A client reads the upload options, asks the server to assemble an
 * artifact bundle from chunk checksums, uploads the chunks the server says it lacks (multipart, one file per chunk,
 * named by its SHA-1, gzip-encoded when the server offers gzip), then asks again until the bundle is `ok`.
 *
 * As sentry.io does, it refuses a request without the org token (401), a chunk whose bytes do not match its name (400),
 * and an assembly whose chunks do not add up to its checksum (`error`). What it assembled is kept for the test to read.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { listen } from './sentry-sink';

export interface AssembledBundle {
  projects: string[];
  version?: string;
  /** The bundle's files by name (a zip: `manifest.json` plus the uploaded files). */
  files: Map<string, Buffer>;
}

export interface SentryApi {
  url: string;
  /** `METHOD /path` of every request, in order. */
  requests: string[];
  /** The Authorization header of every request. */
  authorizations: Array<string | undefined>;
  bundles: AssembledBundle[];
  close(): Promise<void>;
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** The entries of a zip archive (stored or deflated), read from its central directory. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startSentryApi({ org, token }: { org: string; token: string }): Promise<SentryApi> {
  const requests: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const bundles: AssembledBundle[] = [];
  const chunks = new Map<string, Buffer>();
  let url = '';
  const base = `/api/0/organizations/${org}`;

  const server: Server = createServer((req, res) => {
    const send = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    void (async () => {
      const path = (req.url ?? '').split('?')[0];
      requests.push(`${req.method} ${path}`);
      authorizations.push(req.headers.authorization);
      const raw = await body(req);
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { detail: 'Invalid token' });

      if (req.method === 'GET' && path === `${base}/`) return send(200, { id: '1', slug: org, links: { organizationUrl: url, regionUrl: url } });
      if (req.method === 'GET' && path === `${base}/chunk-upload/`) {
        return send(200, {
          url: `${url}${base}/chunk-upload/`,
          chunkSize: 8 * 1024 * 1024,
          chunksPerRequest: 64,
          maxRequestSize: 32 * 1024 * 1024,
          maxFileSize: 2 * 1024 * 1024 * 1024,
          concurrency: 4,
          hashAlgorithm: 'sha1',
          compression: ['gzip'],
          accept: ['debug_files', 'release_files', 'pdbs', 'sources', 'bcsymbolmaps', 'il2cpp', 'portablepdbs', 'artifact_bundles', 'proguard'],
        });
      }
      if (req.method === 'POST' && path === `${base}/chunk-upload/`) {
        const form = await new Request(url, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData();
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') return send(400, { detail: `field ${field} is not a file` });
          const bytes = Buffer.from(await value.arrayBuffer());
          const content = field === 'file_gzip' ? gunzipSync(bytes) : bytes;
          if (sha1(content) !== value.name) return send(400, { detail: `chunk ${value.name} does not match its checksum` });
          chunks.set(value.name, content);
        }
        return send(200, {});
      }
      if (req.method === 'POST' && path === `${base}/artifactbundle/assemble/`) {
        const request = JSON.parse(raw.toString('utf8')) as { checksum: string; chunks: string[]; projects: string[]; version?: string };
        const missingChunks = request.chunks.filter((checksum) => !chunks.has(checksum));
        if (missingChunks.length > 0) return send(200, { state: 'not_found', missingChunks });
        const zip = Buffer.concat(request.chunks.map((checksum) => chunks.get(checksum)!));
        if (sha1(zip) !== request.checksum) return send(200, { state: 'error', detail: 'checksum mismatch', missingChunks: [] });
        bundles.push({ projects: request.projects, version: request.version, files: readZip(zip) });
        return send(200, { state: 'ok', missingChunks: [] });
      }
      return send(404, { detail: 'The requested resource does not exist' });
    })().catch((error: unknown) => send(500, { detail: String(error) }));
  });
  url = await listen(server);
  return {
    url,
    requests,
    authorizations,
    bundles,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
