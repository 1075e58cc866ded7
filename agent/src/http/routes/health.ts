import { Router, type Response } from 'express';
import type { ModelProvider } from '../../chef/model-factory';
import type { Lifecycle } from '../../lifecycle';
import { gatewayAuth, type GatewayAuthOptions } from '../middleware/gateway-auth';

type CheckStatus = 'pass' | 'warn' | 'fail';
interface Check {
  status: CheckStatus;
  output?: string;
  observedValue?: unknown;
}

/** The model endpoint's answer for the configured models, cached; never sends a completion. */
export interface ModelEndpointCheck {
  /** A fresh answer (looked up when the cached one is too old). */
  check(): Promise<Check>;
  /**
   * The last answer at once, even when old (a new lookup then starts in the background); undefined before the first
   * lookup has finished. Readiness answers from it so it never waits on the provider.
   */
  current(): Check | undefined;
}

export interface ModelEndpointOptions {
  /** OPENAI_BASE_URL, or OpenAI's. */
  baseUrl?: string;
  apiKey: string;
  primary: string;
  fallback?: string;
  /** How long an answer is reused (default 30 s when it passed, 10 s when it failed): readiness is polled often. */
  passTtlMs?: number;
  failTtlMs?: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

/**
 * `GET {base}/models/{id}` for the primary (and fallback) model: the cheapest authenticated call an OpenAI-compatible
 * server offers. A revoked key answers 401, a wrong model id 404, an outage 5xx or nothing. Answers are cached and
 * concurrent probes share one lookup, so a busy monitor costs the provider one request per TTL. The first lookup
 * starts when the check is created, so readiness rarely has to wait for one.
 */
export function modelEndpointCheck(options: ModelEndpointOptions): ModelEndpointCheck {
  const base = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const passTtl = options.passTtlMs ?? 30_000;
  const failTtl = options.failTtlMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  let cached: { at: number; check: Check } | undefined;
  let inFlight: Promise<Check> | undefined;

  const lookup = async (model: string): Promise<string | null> => {
    try {
      const response = await fetchImpl(`${base}/models/${encodeURIComponent(model)}`, {
        headers: { authorization: `Bearer ${options.apiKey}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return null;
      if (response.status === 401 || response.status === 403) return `the provider refused the API key (HTTP ${response.status})`;
      if (response.status === 404) return `the provider does not offer model ${model} (HTTP 404)`;
      return `the model endpoint answered HTTP ${response.status}`;
    } catch (error) {
      // The message names the failure kind only (timeout, refused); it never carries the key.
      return `the model endpoint did not answer: ${(error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed'}`;
    }
  };

  const probe = async (): Promise<Check> => {
    const primaryProblem = await lookup(options.primary);
    if (!primaryProblem) return { status: 'pass', observedValue: options.primary };
    if (options.fallback) {
      const fallbackProblem = await lookup(options.fallback);
      if (!fallbackProblem) return { status: 'warn', output: `primary model unavailable (${primaryProblem}); chats use the fallback ${options.fallback}`, observedValue: options.fallback };
      return { status: 'fail', output: `${primaryProblem}; fallback: ${fallbackProblem}`, observedValue: options.primary };
    }
    return { status: 'fail', output: primaryProblem, observedValue: options.primary };
  };

  const fresh = () => cached !== undefined && now() - cached.at < (cached.check.status === 'fail' ? failTtl : passTtl);
  const refresh = () =>
    (inFlight ??= probe().then((check) => {
      cached = { at: now(), check };
      inFlight = undefined;
      return check;
    }));
  void refresh();
  return {
    async check() {
      return fresh() && cached ? cached.check : refresh();
    },
    current() {
      if (!fresh()) void refresh();
      return cached?.check;
    },
  };
}

export interface HealthRouteDeps {
  lifecycle: Lifecycle;
  provider: ModelProvider;
  maintenance: boolean;
  /** The deployed commit, so a deploy can tell the new release from the old one still answering (`health:check --expect-release`). */
  releaseId?: string;
  /** Checks the model endpoint (openai provider); without it the built-in planner is reported. */
  modelCheck?: ModelEndpointCheck;
  /** The gateway token rule, for the authenticated readiness the web app calls (`GET /v1/ready`). */
  gateway: GatewayAuthOptions;
}

/**
 * Liveness (`/health`, `/health/live`) only says the process answers. Readiness (`/health/ready`, Railway's
 * healthcheck) follows draft-inadarei-api-health-check: `application/health+json`, 503 when any check fails; it
 * checks the model endpoint the chats will use (cached, never a completion). `/v1/ready` is the same report behind the
 * gateway token: the web app's readiness calls it with its token, so a wrong or stale token fails readiness (401)
 * instead of every chat, and the report says which of the accepted tokens matched (`gateway:token`).
 * Configuration is valid by construction here: env.ts stops start-up otherwise.
 */
export function healthRoutes({ lifecycle, provider, maintenance, releaseId, modelCheck, gateway }: HealthRouteDeps): Router {
  const router = Router();
  const live = (_req: unknown, res: Response) => {
    res.status(200).json({ status: 'pass' });
  };

  const send = (res: Response, model: Check, extra: Record<string, Check[]>) => {
    const checks: Record<string, Check[]> = {
      'config:valid': [{ status: 'pass' }],
      'lifecycle:draining': [
        lifecycle.draining ? { status: 'fail', output: 'shutting down', observedValue: lifecycle.inFlight } : { status: 'pass', observedValue: lifecycle.inFlight },
      ],
      'model:endpoint': [model],
      'chat:maintenance': [maintenance ? { status: 'warn', output: 'maintenance mode' } : { status: 'pass' }],
      ...extra,
    };
    const statuses = Object.values(checks).flat().map((check) => check.status);
    const status: CheckStatus = statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
    res
      .status(status === 'fail' ? 503 : 200)
      .type('application/health+json')
      .setHeader('Cache-Control', 'no-store')
      .send(JSON.stringify({ status, ...(releaseId ? { releaseId } : {}), checks }));
  };
  // Answered in the same tick, as liveness is, from the model check's last answer (a stale one triggers a lookup in
  // the background, so a revoked key shows within the TTL plus one lookup); only before the very first lookup has
  // finished does readiness wait for it. Node may answer a malformed request on the connection for us while a
  // handler waits, so not waiting also keeps readiness answering whatever else arrives.
  const ready = (res: Response, extra: Record<string, Check[]> = {}): void | Promise<void> => {
    if (provider.kind !== 'openai') {
      return send(res, { status: 'warn', output: 'no model provider configured: built-in planner mode', observedValue: provider.primary.id }, extra);
    }
    if (!modelCheck) return send(res, { status: 'pass', observedValue: provider.primary.id }, extra);
    const known = modelCheck.current();
    if (known) return send(res, known, extra);
    return modelCheck.check().then((model) => send(res, model, extra));
  };

  router.get('/health', live);
  router.get('/health/live', live);
  router.get('/health/ready', (_req, res) => ready(res));
  router.get('/v1/ready', gatewayAuth(gateway), (_req, res) =>
    ready(res, { 'gateway:token': [{ status: 'pass', observedValue: (res.locals.tokenId as string | undefined) ?? 'current' }] }),
  );
  return router;
}
