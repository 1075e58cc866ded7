import { formatRunEvent } from '@chef-chopsky/contract/runs';
import { createRelay, EVENT_TABLE } from '@/lib/runs/relay';

/** A run's text as the agent writes it (runs.ts), event by event. */
function runText(events: Array<[string, unknown]>): string {
  let text = '';
  for (const [event, data] of events) text += formatRunEvent(text.length, event, data);
  return text;
}

const RUN: Array<[string, unknown]> = [
  ['start', { requestId: 'r', model: 'm-1' }],
  ['delta', { text: 'Lentil ' }],
  ['plan', { plan: { id: 'p' } }],
  ['delta', { text: 'soup — “warm”\n' }],
  ['ledger', { ledger: { entries: [] } }],
  ['done', { finishReason: 'stop', model: 'm-2', usage: { inputTokens: 5, outputTokens: 3 } }],
];

function relayInPieces(text: string, size: number, skipThrough?: number) {
  const bytes = new TextEncoder().encode(text);
  const forwarded: Uint8Array[] = [];
  const relay = createRelay((b) => forwarded.push(b.slice()), { skipThrough });
  for (let at = 0; at < bytes.length; at += size) relay.feed(bytes.subarray(at, at + size));
  return { reply: relay.finish(), forwarded: new TextDecoder().decode(Buffer.concat(forwarded)) };
}

test.each([1, 7, 64, 100_000])('in chunks of %i bytes: everything but the terminal event is forwarded byte for byte, and the store gets the text, parts, model and usage', (size) => {
  const text = runText(RUN);
  const { reply, forwarded } = relayInPieces(text, size);
  expect(forwarded).toBe(text.slice(0, text.lastIndexOf('id: ')));
  expect(reply).toEqual({
    text: 'Lentil soup — “warm”\n',
    parts: [{ type: 'plan', plan: { id: 'p' } }],
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
  const { reply, forwarded } = relayInPieces(text, 13, afterPlan);
  expect(forwarded.startsWith(`id: `)).toBe(true);
  expect([...forwarded.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])).toEqual(['delta', 'ledger']);
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
