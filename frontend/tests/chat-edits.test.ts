import { ledgerBeforeEdit } from '@/lib/chat-edits';
import type { ConstraintLedger } from '@/lib/db/types';
import { threadOf } from '@/lib/thread';

const said = (turn: number, quote: string) => ({ kind: 'message' as const, turn, quote });

describe('the ledger an edited message is read into', () => {
  // Before the original: the first message said "peanut allergy, for 4".
  const previous: ConstraintLedger = {
    entries: [
      { id: 'people', field: 'people', count: 4, source: said(0, 'peanut allergy, for 4') },
      { id: 'allergen:peanuts', field: 'allergen', allergen: 'peanuts', source: said(0, 'peanut allergy, for 4') },
    ],
    lifted: [],
  };

  test('is the previous message’s, without what only the original said, and keeps chips and model additions made since', () => {
    // Now: the original said "no mushrooms, for 6"; then a chip added "no pork", a chip lifted the peanut allergy, and
    // a model's tool call added sesame.
    const current: ConstraintLedger = {
      entries: [
        { id: 'people', field: 'people', count: 6, source: said(1, 'no mushrooms, for 6') },
        { id: 'exclude:mushroom', field: 'exclude', term: 'mushroom', source: said(1, 'no mushrooms, for 6') },
        { id: 'exclude:pork', field: 'exclude', term: 'pork', source: { kind: 'edit' } },
        { id: 'allergen:sesame', field: 'allergen', allergen: 'sesame', source: { kind: 'model' } },
      ],
      lifted: [{ id: 'allergen:peanuts', source: { kind: 'edit' } }],
    };
    const base = ledgerBeforeEdit(previous, current);
    expect(base.entries.map((e) => e.id).sort()).toEqual(['allergen:sesame', 'exclude:pork', 'people']);
    expect(base.entries.find((e) => e.id === 'people')).toMatchObject({ count: 4 });
    expect(base.lifted.map((l) => l.id)).toEqual(['allergen:peanuts']);
  });

  test('is empty, but for chips and model additions, when the original was the first message', () => {
    const current: ConstraintLedger = {
      entries: [
        { id: 'allergen:egg', field: 'allergen', allergen: 'egg', source: said(0, 'egg allergy') },
        { id: 'exclude:pork', field: 'exclude', term: 'pork', source: { kind: 'edit' } },
      ],
      lifted: [],
    };
    expect(ledgerBeforeEdit(null, current)).toEqual({ entries: [current.entries[1]], lifted: [] });
    expect(ledgerBeforeEdit(null, { entries: [current.entries[0]!], lifted: [] })).toEqual({ entries: [], lifted: [] });
  });
});

describe('the thread', () => {
  test('leaves out superseded messages and a failed or stopped reply that a later reply replaced, nothing else', () => {
    const m = (id: string, role: 'user' | 'assistant', status = 'complete', supersededBy: string | null = null) => ({ id, role, status, supersededBy });
    const messages = [
      m('u1', 'user'),
      m('a1', 'assistant', 'interrupted'),
      m('a1b', 'assistant'),
      m('u2', 'user', 'complete', 'u2b'),
      m('a2', 'assistant', 'complete', 'u2b'),
      m('u2b', 'user'),
      m('a2b', 'assistant', 'complete', 'a2c'),
      m('a2c', 'assistant', 'error'),
    ];
    expect(threadOf(messages).map((x) => x.id)).toEqual(['u1', 'a1b', 'u2b', 'a2c']);
  });
});
