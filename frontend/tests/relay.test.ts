import { formatRunEvent } from '@chef-chopsky/contract/runs';
import { createRelay, EVENT_TABLE, type HandedEvent } from '@/lib/runs/relay';

/** A run's text as the agent writes it (runs.ts), event by event. */
function runText(events: Array<[string, unknown]>): string {
  let text = '';
  for (const [event, data] of events) text += formatRunEvent(text.length, event, data);
  return text;
}

const RUN: Array<[string, unknown]> = [
  ['start', { requestId: 'r', model: 'm-1' }],
  ['delta', { text: 'Lentil ' }],
  ['plan', { plan: { id: 'p' }, action: { kind: 'create' } }],
  ['delta', { text: 'soup — “warm”\n' }],
  ['grocery', { grocery: { sections: [] } }],
  ['ledger', { ledger: { entries: [] } }],
  ['done', { finishReason: 'stop', model: 'm-2', usage: { inputTokens: 5, outputTokens: 3 } }],
];

function relayInPieces(text: string, size: number, skipThrough?: number) {
  const bytes = new TextEncoder().encode(text);
  const forwarded: Uint8Array[] = [];
  const handed: HandedEvent[] = [];
  const relay = createRelay((b) => forwarded.push(b.slice()), { skipThrough, onEvent: (e) => handed.push(e) });
  for (let at = 0; at < bytes.length; at += size) relay.feed(bytes.subarray(at, at + size));
  return { reply: relay.finish(), forwarded: new TextDecoder().decode(Buffer.concat(forwarded)), handed };
}

/** The run's text without the events the web app does not forward (plan, ledger and grocery are its own; the ending too). */
const forwardedOf = (text: string) => text.split(/(?=^id: )/m).filter((block) => /^event: (start|delta)$/m.test(block)).join('');

test.each([1, 7, 64, 100_000])('in chunks of %i bytes: start and deltas are forwarded byte for byte, plan and ledger are handed over with their ids, and the store gets the text, model and usage', (size) => {
  const text = runText(RUN);
  const { reply, forwarded, handed } = relayInPieces(text, size);
  expect(forwarded).toBe(forwardedOf(text));
  expect(handed).toEqual([
    { event: 'plan', data: { plan: { id: 'p' }, action: { kind: 'create' } }, id: Number(/^id: (\d+)\nevent: plan/m.exec(text)?.[1]) },
    { event: 'ledger', data: { ledger: { entries: [] } }, id: Number(/^id: (\d+)\nevent: ledger/m.exec(text)?.[1]) },
  ]);
  expect(reply).toEqual({
    text: 'Lentil soup — “warm”\n',
    parts: [],
    model: 'm-2',
    inputTokens: 5,
    outputTokens: 3,
    ending: { status: 'complete' },
    lastId: text.length,
  });
});

test('a follower reads the whole run for the store but forwards only what comes after the browser’s last id', () => {
  const text = runText(RUN);
  const afterPlan = Number(/^id: (\d+)\nevent: plan/m.exec(text)?.[1]);
  const { reply, forwarded, handed } = relayInPieces(text, 13, afterPlan);
  expect(forwarded.startsWith(`id: `)).toBe(true);
  expect([...forwarded.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['delta']);
  // Handed over even when the browser has it: storing is idempotent, and the web app decides what to show.
  expect(handed.map((e) => e.event)).toEqual(['plan', 'ledger']);
  expect(reply.text).toBe('Lentil soup — “warm”\n');
});

test('a run that was stopped, failed or broke off says so; an unknown event is forwarded and not stored', () => {
  expect(relayInPieces(runText([['delta', { text: 'a' }], ['interrupted', {}]]), 5).reply.ending).toEqual({ status: 'interrupted' });
  expect(relayInPieces(runText([['error', { code: 'timeout:model', message: 'x' }]]), 5).reply.ending).toEqual({ status: 'error', agentCode: 'timeout:model' });
  const cut = relayInPieces(runText([['delta', { text: 'half' }]]).slice(0, -3), 4);
  expect(cut.reply).toMatchObject({ ending: null, text: '' });
  const unknown = runText([['recipe-card', { id: 1 }]]);
  expect(relayInPieces(unknown, 3).forwarded).toBe(unknown);
  expect(EVENT_TABLE['recipe-card']).toBeUndefined();
});
