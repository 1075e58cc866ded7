/**
 * The conversation as it reads, for the page and for the agent. Browser-safe (plain data), shared by both.
 *
 * Messages that a regenerated reply or an edited message superseded stay stored (`supersededBy` names what replaced
 * them) but are not part of the thread; and a failed or stopped reply that a later reply to the same message replaced
 * (Retry) is not shown, so the thread reads after a reload as it did live.
 */
export interface ThreadMessage {
  role: 'user' | 'assistant';
  status: string;
  supersededBy?: string | null;
}

export function threadOf<T extends ThreadMessage>(messages: readonly T[]): T[] {
  const current = messages.filter((message) => !message.supersededBy);
  return current.filter((message, index) => {
    if (message.role !== 'assistant' || (message.status !== 'error' && message.status !== 'interrupted')) return true;
    const next = current[index + 1];
    return !(next && next.role === 'assistant');
  });
}
