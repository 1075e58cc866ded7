import { appContext } from '@/lib/app-context';
import { pageOwnerId } from '@/lib/page-session';
import { profileSummary } from '@/lib/profile-labels';
import { toConversationSummary } from '@/lib/views';
import { ChatShell } from './chat-shell';

/** Loads what the shell shows on every page (my conversations, my profile's summary) and hands it to the client. */
export async function AppShell({ children }: { children: React.ReactNode }) {
  const ownerId = await pageOwnerId();
  const { store } = await appContext();
  const [page, profile] = await Promise.all([
    store.listConversationsByOwner({ ownerId, limit: 50, status: 'active' }),
    store.getProfileByOwner({ ownerId }),
  ]);
  return (
    <ChatShell initialConversations={page.items.map(toConversationSummary)} profileSummary={profile ? profileSummary(profile) : null}>
      {children}
    </ChatShell>
  );
}
