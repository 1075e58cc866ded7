'use client';

import Link from 'next/link';
import { Suspense, use } from 'react';
import { BUILT_IN_PLANNER_MODEL_ID, type AgentInfo } from '@chef-chopsky/contract/agent-mode';

export const BUILT_IN_PLANNER_PATH = '/built-in-planner';

/**
 * The chat header's note that the chef runs without a language model, linking to what the built-in planner
 * understands. Known before the first send from the agent (`info`, read by the page on the server and streamed in
 * when it settles, never holding the page up); once a reply has started, its `start` event's model decides.
 */
export function AgentModeNote({ info, liveModel }: { info?: Promise<AgentInfo | null>; liveModel: string | null }) {
  if (liveModel !== null) return liveModel === BUILT_IN_PLANNER_MODEL_ID ? <BuiltInPlannerNote /> : null;
  if (!info) return null;
  return (
    <Suspense fallback={null}>
      <FromAgent info={info} />
    </Suspense>
  );
}

function FromAgent({ info }: { info: Promise<AgentInfo | null> }) {
  return use(info)?.mode === 'built-in-planner' ? <BuiltInPlannerNote /> : null;
}

function BuiltInPlannerNote() {
  return (
    <p
      className="inline-flex max-w-full flex-wrap items-center gap-x-1.5 rounded-full border border-amber-700/50 bg-amber-50 px-3 py-1 text-xs text-amber-900"
      data-testid="built-in-planner-note"
    >
      <span className="font-medium">No language model: the built-in planner answers.</span>
      <Link href={BUILT_IN_PLANNER_PATH} prefetch={false} className="underline underline-offset-2 hover:no-underline">
        What it understands
      </Link>
    </p>
  );
}
