import { appContext } from '@/lib/app-context';
import { assertSameOrigin, handle, jsonResponse, parseJsonBody, requireOwner } from '@/lib/http';
import { DEFAULT_PROFILE, profileSchema } from '@/lib/profile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (request, requestId) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const profile = await store.getProfileByOwner({ ownerId });
  return jsonResponse({ profile: profile ?? DEFAULT_PROFILE, saved: profile !== null }, { requestId });
});

export const PUT = handle(async (request, requestId) => {
  assertSameOrigin(request);
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const profile = await parseJsonBody(request, profileSchema);
  const saved = await store.saveProfileByOwner({ ownerId, profile });
  return jsonResponse({ profile: saved, saved: true }, { requestId });
});
