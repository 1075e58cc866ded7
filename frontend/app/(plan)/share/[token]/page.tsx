import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PlanSheet } from '@/components/plan-sheet';
import { appContext } from '@/lib/app-context';
import { shareIdFromToken } from '@/lib/plans';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'A shared meal plan', robots: { index: false, follow: false } };

/**
 * A plan someone shared: its current version and grocery list, read-only, to anyone with the link and nothing else of
 * the conversation. A link that was revoked, replaced, forged or whose plan is gone shows "no longer shared".
 */
export default async function SharedPlanPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { env, store } = await appContext();
  const shareId = shareIdFromToken(token, env.sessionSecret);
  const shared = shareId ? await store.getSharedPlan({ shareId }) : null;
  if (!shared) notFound();
  return (
    <main id="main">
      <PlanSheet plan={shared.plan} grocery={shared.grocery} heading="A meal plan from Chef Chopsky" note="Shared read-only. Plan your own at Chef Chopsky." />
    </main>
  );
}
