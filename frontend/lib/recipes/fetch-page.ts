/**
 * Fetches a recipe page for the import, server-side, safely. Only http(s); only public addresses, checked after DNS on
 * the first request and on every redirect, and the connection made to the very address that was checked (so a DNS
 * answer that changes between the check and the connect cannot point it elsewhere); at most 5 redirects, 5 MB and
 * 10 s in all; HTML only. `allowedHosts` (RECIPE_IMPORT_ALLOWED_HOSTS, never in a deployed environment: env.ts)
 * admits named `host:port`s that are not public, such as a test's local server.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors';

export const PAGE_LIMITS = { maxRedirects: 5, maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000 } as const;

export interface FetchPageOptions {
  allowedHosts?: readonly string[];
  /** DNS: all addresses of a host name (tests pass their own). */
  lookup?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
  maxRedirects?: number;
  maxBytes?: number;
  timeoutMs?: number;
}

export interface FetchedPage {
  html: string;
  /** Where the page was finally read, after redirects. */
  url: string;
}

/** Ranges that are not the public internet: loopback, private, carrier NAT, link-local (cloud metadata), reserved. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Is this address on the public internet? An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is checked as IPv4. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && /^::ffff:/i.test(address)) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const pageError = (message: string, cause?: unknown) => new AppError('bad_request:recipe_page', message, { cause });

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('bad_request:recipe_url', 'That is not a web address. Paste a link that starts with http:// or https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('bad_request:recipe_url', 'Only web pages (http:// or https:// links) can be imported.');
  }
  if (url.username || url.password) throw new AppError('bad_request:recipe_url', 'Links with a user name or password cannot be imported.');
  return url;
}

const defaultLookup = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/** The address to connect to: every address the name has must be public, unless its host:port is admitted. */
async function addressFor(url: URL, options: FetchPageOptions): Promise<{ address: string; family: number }> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const admitted = (options.allowedHosts ?? []).includes(`${hostname.toLowerCase()}:${port}`);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await (options.lookup ?? defaultLookup)(hostname);
    } catch (error) {
      throw pageError('That site could not be found. Check the link.', error);
    }
  }
  if (addresses.length === 0) throw pageError('That site could not be found. Check the link.');
  if (!admitted && !addresses.every((a) => isPublicAddress(a.address))) {
    throw new AppError('forbidden:recipe_url', 'That link points to a private or local address, which Chef Chopsky does not open.');
  }
  return addresses[0]!;
}

interface Answer {
  status: number;
  location: string | null;
  contentType: string;
  body: Buffer;
}

/** One request to the checked address; the body is read only for a 2xx, and never past `maxBytes`. */
function requestOnce(url: URL, target: { address: string; family: number }, maxBytes: number, signal: AbortSignal): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        signal,
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9', 'accept-encoding': 'identity', 'user-agent': 'ChefChopsky-RecipeImport/1.0' },
        // Connect to the address that was checked, whatever DNS says now; TLS still verifies the host name.
        lookup: (_hostname, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [target]);
          else callback(null, target.address, target.family);
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location ?? null;
        const contentType = String(response.headers['content-type'] ?? '');
        if (status < 200 || status >= 300) {
          response.resume();
          resolve({ status, location, contentType, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          response.destroy();
          reject(pageError('That page is too large to import (over 5 MB).'));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(pageError('That page is too large to import (over 5 MB).'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, location, contentType, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** Fetches the page at `raw` (see the module comment); throws AppError `bad_request:recipe_url|recipe_page` or `forbidden:recipe_url`. */
export async function fetchRecipePage(raw: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const maxRedirects = options.maxRedirects ?? PAGE_LIMITS.maxRedirects;
  const maxBytes = options.maxBytes ?? PAGE_LIMITS.maxBytes;
  const signal = AbortSignal.timeout(options.timeoutMs ?? PAGE_LIMITS.timeoutMs);
  let url = parseUrl(raw.trim());
  for (let redirects = 0; ; redirects++) {
    const target = await addressFor(url, options);
    let answer: Answer;
    try {
      answer = await requestOnce(url, target, maxBytes, signal);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (signal.aborted) throw pageError('That site took too long to answer (10 s).', error);
      throw pageError('That site could not be reached.', error);
    }
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      if (redirects >= maxRedirects) throw pageError('That link redirects too many times.');
      url = parseUrl(new URL(answer.location, url).toString());
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) throw pageError(`That site answered ${answer.status}, not the page.`);
    if (!/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(answer.contentType)) throw pageError('That link is not a web page (HTML).');
    return { html: decode(answer.body, answer.contentType), url: url.toString() };
  }
}
