/**
 * A local OpenAI-compatible provider: `POST /chat/completions` answering with streamed chat-completion chunks (usage in
 * the final chunk, as with `stream_options.include_usage`). Each call is scripted by model; every request is recorded
 * with what happened to it, so tests assert on what the agent really asked and whether it hung up.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Script {
  /** Answer with this HTTP error status and an OpenAI-style error body instead of a stream. */
  status?: number;
  /** Wait this long after the request arrives before the first content chunk (headers go out at once). */
  firstTokenDelayMs?: number;
  /** Wait this long before sending anything at all, headers included. */
  headersDelayMs?: number;
  /** Content pieces, one chunk each. */
  tokens?: string[];
  /** Pause between content chunks (a slow drip). */
  tokenIntervalMs?: number;
  /** Destroy the connection after this many content chunks (a stream cut mid-way). */
  cutAfterTokens?: number;
  /** Ask for tool calls: after `tokens` if given (text, then calls, as real models may), else instead of text. */
  toolCalls?: Array<{ id: string; name: string; args: Record<string, unknown> }>;
  /** Stream each tool call's JSON arguments in this many pieces, as OpenAI does (default: one chunk per call). */
  toolArgumentPieces?: number;
  usage?: { prompt: number; completion: number };
}

export interface RecordedRequest {
  model: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** The client closed the connection before the response was complete. */
  aborted: boolean;
  /** We cut the connection on purpose (script.cutAfterTokens). */
  cut: boolean;
  completed: boolean;
  receivedAt: number;
  firstTokenAt?: number;
}

export type ScriptFor = (request: { model: string; body: Record<string, unknown>; callIndex: number }) => Script;

export interface FakeOpenAI {
  url: string;
  requests: RecordedRequest[];
  setScript(scriptFor: ScriptFor | Record<string, Script>): void;
  /** `GET /models/{id}` (readiness's model check): models it does not offer answer 404, a key other than `apiKey` 401. */
  modelEndpoint: { apiKey?: string; unavailable: string[]; status?: number };
  /** Every `GET /models/{id}` it answered, in order. */
  modelLookups: string[];
  /** Resolves when `count` requests have finished one way or another. */
  settled(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TOKENS = ['Hello', ' from', ' the', ' fake', ' model.'];

export async function startFakeOpenAI(initial: ScriptFor | Record<string, Script> = {}): Promise<FakeOpenAI> {
  let scriptFor = toScriptFor(initial);
  /** `callIndex` counts calls per model since the script was last set. */
  let scriptSetAt = 0;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const settleWaiters = new Set<() => void>();
  const notify = () => settleWaiters.forEach((fn) => fn());

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const modelEndpoint: FakeOpenAI['modelEndpoint'] = { unavailable: [] };
  const modelLookups: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const lookup = req.method === 'GET' ? /\/models\/([^/?]+)$/.exec(req.url ?? '') : null;
    if (lookup?.[1]) {
      const model = decodeURIComponent(lookup[1]);
      modelLookups.push(model);
      const status = modelEndpoint.status ?? (modelEndpoint.apiKey && req.headers.authorization !== `Bearer ${modelEndpoint.apiKey}` ? 401 : modelEndpoint.unavailable.includes(model) ? 404 : 200);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { id: model, object: 'model', owned_by: 'fake' } : { error: { message: `scripted ${status}` } }));
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const model = String(body.model);
    const record: RecordedRequest = {
      model,
      body,
      headers: req.headers,
      aborted: false,
      cut: false,
      completed: false,
      receivedAt: Date.now(),
    };
    requests.push(record);
    const callIndex = requests.slice(scriptSetAt).filter((r) => r.model === model).length - 1;
    const script = scriptFor({ model, body, callIndex });
    let closed = false;
    res.on('close', () => {
      closed = true;
      if (!res.writableFinished && !record.cut) record.aborted = true;
      notify();
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    if (script.headersDelayMs) await sleep(script.headersDelayMs);
    if (closed) return;
    if (script.status) {
      res.writeHead(script.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `scripted ${script.status}`, type: 'scripted', code: null } }));
      record.completed = true;
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const id = `chatcmpl-${requests.length}`;
    let flushed: Promise<void> = Promise.resolve();
    const send = (payload: unknown) => {
      flushed = new Promise((resolve) => res.write(`data: ${JSON.stringify(payload)}\n\n`, () => resolve()));
    };
    const chunk = (delta: unknown, finishReason: string | null = null) =>
      send({ id, object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finishReason }] });

    if (script.firstTokenDelayMs) await sleep(script.firstTokenDelayMs);
    if (closed) return;
    chunk({ role: 'assistant', content: '' });
    let finishReason = 'stop';
    const tokens = script.tokens ?? (script.toolCalls ? [] : DEFAULT_TOKENS);
    for (const [index, token] of tokens.entries()) {
      if (script.cutAfterTokens !== undefined && index >= script.cutAfterTokens) {
        // Let what was written reach the client first, so the cut really comes after those tokens.
        await flushed;
        await sleep(20);
        record.cut = true;
        res.destroy();
        return;
      }
      if (index > 0 && script.tokenIntervalMs) await sleep(script.tokenIntervalMs);
      if (closed) return;
      record.firstTokenAt ??= Date.now();
      chunk({ content: token });
    }
    if (script.toolCalls) {
      record.firstTokenAt ??= Date.now();
      const pieces = script.toolArgumentPieces;
      if (pieces === undefined) {
        chunk({
          tool_calls: script.toolCalls.map((call, index) => ({
            index,
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.args) },
          })),
        });
      } else {
        for (const [index, call] of script.toolCalls.entries()) {
          chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
          const json = JSON.stringify(call.args);
          const size = Math.ceil(json.length / pieces);
          for (let at = 0; at < json.length; at += size) {
            chunk({ tool_calls: [{ index, function: { arguments: json.slice(at, at + size) } }] });
          }
        }
      }
      finishReason = 'tool_calls';
    }
    chunk({}, finishReason);
    const usage = script.usage ?? { prompt: 11, completion: 7 };
    send({
      id,
      object: 'chat.completion.chunk',
      created: 1,
      model,
      choices: [],
      usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    });
    res.end('data: [DONE]\n\n');
    record.completed = true;
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    modelEndpoint,
    modelLookups,
    setScript(next) {
      scriptFor = toScriptFor(next);
      scriptSetAt = requests.length;
    },
    settled(count, timeoutMs = 10_000) {
      const isSettled = () => requests.length >= count && requests.slice(0, count).every((r) => r.completed || r.aborted || r.cut);
      if (isSettled()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          settleWaiters.delete(check);
          reject(new Error(`fake OpenAI: ${count} requests did not settle in ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (!isSettled()) return;
          clearTimeout(timer);
          settleWaiters.delete(check);
          resolve();
        };
        settleWaiters.add(check);
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function toScriptFor(input: ScriptFor | Record<string, Script>): ScriptFor {
  if (typeof input === 'function') return input;
  return ({ model }) => input[model] ?? {};
}
