import { Router } from 'express';
import type { AgentInfo } from '@chef-chopsky/contract/agent-mode';
import type { ModelProvider } from '../../chef/model-factory';
import { gatewayAuth, type GatewayAuthOptions } from '../middleware/gateway-auth';

/**
 * `GET /v1/info`: what answers this agent's chats (a language model, or the built-in planner) and the primary model's
 * id, behind the gateway token. The web app reads it before the first send to say in the chat header that the chef
 * runs without a language model. It reports the configuration, not the provider's health (that is readiness).
 */
export function infoRoutes({ provider, gateway }: { provider: ModelProvider; gateway: GatewayAuthOptions }): Router {
  const router = Router();
  const info: AgentInfo = { mode: provider.kind === 'offline' ? 'built-in-planner' : 'language-model', model: provider.primary.id };
  router.get('/v1/info', gatewayAuth(gateway), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store').json(info);
  });
  return router;
}
