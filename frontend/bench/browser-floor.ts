/**
 * Floors for bench:web: what "send → first token painted" costs on this machine with no web app at all, so the web
 * app's own share can be read off. A plain page (no framework, a few lines of script) offers the same message box,
 * Send button and reply markup that bench:web's in-page timers watch, so the very same measuring loop runs against it.
 * On Enter it POSTs to a bare relay in this process, which reaches the local upstream in one of three ways:
 *   - direct:    fetch straight to the upstream, bytes passed through (browser, one hop, paint: nothing else);
 *   - langchain: LangChain's ChatOpenAI `.stream()`, the client the agent is required to use, each chunk's text relayed;
 *   - agent:     the compiled agent's POST /v1/chat, bytes passed through (everything but the web app).
 * A fourth floor serves the same page from a bare Next.js app (next-floor/) whose route handler relays to the agent: the
 * required framework and agent with none of the web app's own work (session, validation, database, React).
 * The relay shares this process with the upstream, so each floor is, if anything, lower than a separate process would be.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ChatOpenAI } from '@langchain/openai';
import { COOK_HEADER } from '@chef-chopsky/contract/runs';

export type FloorRoute = 'direct' | 'langchain' | 'agent';

/** A bare Next.js app (one page route, one relay route to the agent) that bench:web builds and starts as a fourth floor. */
export const NEXT_FLOOR_DIR = path.join(__dirname, 'next-floor');

export const FLOOR_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body>
<main><div id="log"></div>
<textarea aria-label="Message Chef Chopsky"></textarea><button type="button">Send message</button></main>
<script>
const box = document.querySelector('textarea');
box.addEventListener('keydown', async (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const article = document.createElement('article');
  article.dataset.testid = 'assistant-message';
  article.dataset.status = 'streaming';
  const response = await fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: box.value }) });
  box.value = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let text = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    if (text === null) {
      const found = /"(?:text|content)":"([^"]+)"/.exec(buffer);
      if (found) {
        text = document.createElement('p');
        text.dataset.testid = 'reply-text';
        text.textContent = found[1];
        article.append(text);
        document.querySelector('#log').append(article);
      }
    }
  }
  article.dataset.status = 'complete';
});
</script></body></html>`;

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

export async function startFloorServer(route: FloorRoute, target: { upstreamUrl: string; agentUrl: string; gatewayToken: string }): Promise<FloorServer> {
  const model = new ChatOpenAI({ model: 'bench-model', apiKey: 'sk-bench', configuration: { baseURL: target.upstreamUrl }, streamUsage: true, maxRetries: 0 });
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FLOOR_PAGE);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { content } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content: string };
      const messages = [{ role: 'user' as const, content }];
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const relay = async () => {
        if (route === 'langchain') {
          for await (const chunk of await model.stream(messages)) {
            if (typeof chunk.content === 'string' && chunk.content) res.write(`data: ${JSON.stringify({ text: chunk.content })}\n\n`);
          }
          return;
        }
        const upstream =
          route === 'agent'
            ? await fetch(`${target.agentUrl}/v1/chat`, {
                method: 'POST',
                // Each send is another cook, as bench:web's sends through the web app are: the agent limits per cook.
                headers: { 'content-type': 'application/json', authorization: `Bearer ${target.gatewayToken}`, [COOK_HEADER]: randomUUID() },
                body: JSON.stringify({ messages }),
              })
            : await fetch(`${target.upstreamUrl}/chat/completions`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ model: 'bench-model', stream: true, messages }),
              });
        for await (const chunk of upstream.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      };
      relay().then(
        () => res.end(),
        (error: unknown) => {
          console.error('floor relay failed', error);
          res.destroy();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
