import { appContext } from '@/lib/app-context';
import { cleanSearchText, handle, jsonResponse, requireOwner } from '@/lib/http';
import { toConversationSummary } from '@/lib/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/conversations?search=&status=active|archived|all&cursor=: my conversations, newest first. */
export const GET = handle(async (request, requestId) => {
  const { env, store } = await appContext();
  const ownerId = requireOwner(request, env.sessionSecret);
  const params = new URL(request.url).searchParams;
  const statusParam = params.get('status');
  const status = statusParam === 'archived' || statusParam === 'all' ? statusParam : 'active';
  const search = cleanSearchText(params.get('search'));
  const page = await store.listConversationsByOwner({ ownerId, search, status, cursor: params.get('cursor'), limit: 50 });
  return jsonResponse({ items: page.items.map(toConversationSummary), nextCursor: page.nextCursor }, { requestId });
});
