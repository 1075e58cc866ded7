import { cookies } from 'next/headers';
import { appContext } from '@/lib/app-context';
import { pageOwnerId } from '@/lib/page-session';
import { profileSummary } from '@/lib/profile-labels';
import { THEME_COOKIE, themeChoiceOf } from '@/lib/theme';
import { toConversationSummary } from '@/lib/views';
import { ChatShell } from './chat-shell';

/** Loads what the shell shows on every page (my conversations, my profile's summary) and hands it to the client. */
export async function AppShell({ children }: { children: React.ReactNode }) {
  const ownerId = await pageOwnerId();
  const { store } = await appContext();
  const [page, profile, jar] = await Promise.all([
    store.listConversationsByOwner({ ownerId, limit: 50, status: 'active' }),
    store.getProfileByOwner({ ownerId }),
    cookies(),
  ]);
  return (
    <ChatShell
      initialConversations={page.items.map(toConversationSummary)}
      profileSummary={profile ? profileSummary(profile) : null}
      theme={themeChoiceOf(jar.get(THEME_COOKIE)?.value)}
    >
      {children}
    </ChatShell>
  );
}
