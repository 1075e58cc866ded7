import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PlanSheet } from '@/components/plan-sheet';
import { PrintButton } from '@/components/print-button';
import { appContext } from '@/lib/app-context';
import { pageOwnerId } from '@/lib/page-session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your meal plan' };

/** The cook's current plan as a printable week and grocery list (the panel's Print opens it). */
export default async function PrintablePlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const ownerId = await pageOwnerId();
  const { store } = await appContext();
  const stored = await store.getPlan({ ownerId, planId: id });
  if (!stored) notFound();
  return (
    <main id="main">
      <div className="mx-auto flex max-w-5xl justify-end px-4 pt-4 print:hidden">
        <PrintButton />
      </div>
      <PlanSheet plan={stored.plan} grocery={stored.grocery} heading={`Your ${stored.plan.days.length}-day plan`} note={`v${stored.version} · ${stored.label}`} />
    </main>
  );
}
