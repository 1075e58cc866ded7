/**
 * A local OpenAI-compatible upstream for the web app's end-to-end tests and benchmark: `POST .../chat/completions`
 * answers a streamed chat completion after a fixed first-token delay, then drips `tokens` pieces `intervalMs` apart.
 * A message containing `[tokens:N]` gets N pieces instead. It stands in for the model provider (outside our control); the agent in front of it is the real one.
 *
 * CLI: tsx frontend/tests/support/openai-upstream.ts  (PORT, FIRST_TOKEN_DELAY_MS, TOKEN_INTERVAL_MS, TOKENS)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamOptions {
  port?: number;
  firstTokenDelayMs?: number;
  tokenIntervalMs?: number;
  tokens?: number;
}

export interface Upstream {
  url: string;
  server: Server;
  /** Per request, on the wall clock (epoch ms, sub-ms precision): when it arrived and when its first chunk was written. */
  timeline: { receivedAt: number; firstTokenAt: number }[];
  close(): Promise<void>;
}

const WORDS = 'Here is a slow and thoughtful answer about cooking a warm pot of lentil soup with carrots onions and thyme '.split(' ');

/** The exact text of an n-piece reply (what the agent should pass on, and the web app store). */
export function upstreamText(pieces: number): string {
  return Array.from({ length: pieces }, (_, i) => `${WORDS[i % WORDS.length]} `).join('');
}

export function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const firstTokenDelayMs = options.firstTokenDelayMs ?? 50;
  const tokenIntervalMs = options.tokenIntervalMs ?? 20;
  const defaultTokenCount = options.tokens ?? 20;
  const timeline: { receivedAt: number; firstTokenAt: number }[] = [];

  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const receivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let model = 'upstream-model';
      let tokenCount = defaultTokenCount;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: string; messages?: { content?: unknown }[] };
        model = body.model ?? model;
        // A test can ask for a reply of a given length by writing "[tokens:N]" in its message.
        const asked = /\[tokens:(\d+)\]/.exec(JSON.stringify(body.messages ?? []));
        if (asked) tokenCount = Number(asked[1]);
      } catch {
        // Not JSON: answer anyway, the agent is what is under test.
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
      const send = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) =>
        res.write(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`,
        );
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      const next = () => {
        if (res.destroyed) return;
        if (sent === 0) {
          timeline.push({ receivedAt: performance.timeOrigin + receivedAt, firstTokenAt: performance.timeOrigin + performance.now() });
          send({ role: 'assistant', content: '' });
        }
        if (sent < tokenCount) {
          send({ content: `${WORDS[sent % WORDS.length]} ` });
          sent += 1;
          timer = setTimeout(next, tokenIntervalMs);
          return;
        }
        send({}, 'stop');
        send({}, null, { prompt_tokens: 12, completion_tokens: tokenCount, total_tokens: 12 + tokenCount });
        res.end('data: [DONE]\n\n');
      };
      timer = setTimeout(next, firstTokenDelayMs);
      res.on('close', () => clearTimeout(timer));
    });
  });

  return new Promise((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/v1`,
        server,
        timeline,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (require.main === module) {
  void startUpstream({
    port: Number(process.env.PORT ?? 18790),
    firstTokenDelayMs: Number(process.env.FIRST_TOKEN_DELAY_MS ?? 50),
    tokenIntervalMs: Number(process.env.TOKEN_INTERVAL_MS ?? 20),
    tokens: Number(process.env.TOKENS ?? 20),
  }).then((upstream) => console.log(`fake OpenAI-compatible upstream on ${upstream.url}`));
}
