import type { Metadata } from 'next';
import { ProfileForm } from '@/components/profile-form';
import { appContext } from '@/lib/app-context';
import { pageOwnerId } from '@/lib/page-session';
import { DEFAULT_PROFILE } from '@/lib/profile';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Household profile' };

export default async function ProfilePage() {
  const ownerId = await pageOwnerId();
  const { store } = await appContext();
  const profile = await store.getProfileByOwner({ ownerId });
  const { updatedAt: _updatedAt, ...editable } = profile ?? DEFAULT_PROFILE;
  return (
    <main id="main" className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-2xl px-4 py-8 md:px-6">
        <h1 className="font-serif text-2xl font-semibold">Household profile</h1>
        <p className="mt-1 text-ink-700">Chef Chopsky takes this into account in every chat. Allergies and dislikes are never broken.</p>
        <ProfileForm initial={editable} saved={profile !== null} />
      </div>
    </main>
  );
}
