import { setTimeout as sleep } from 'node:timers/promises';
import { frameDeltas } from '../src/http/delta-frames';

/** A sink that records what reaches it, and a clock the test moves by hand (the frame's timer runs on real time). */
function recorder() {
  const sent: Array<[string, unknown]> = [];
  let clock = 1_000;
  return {
    sent,
    sink: { send: (event: string, data: unknown) => void sent.push([event, data]) },
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
  };
}

const delta = (text: string) => ['delta', { text }];

describe('frameDeltas', () => {
  test('when deltas come within a frame of the first, then the first is sent at once and the rest as one delta when the frame ends', async () => {
    const r = recorder();
    const framed = frameDeltas(r.sink, 30, r.now);
    framed.send('delta', { text: 'Chana' });
    expect(r.sent).toEqual([delta('Chana')]);
    r.advance(10);
    framed.send('delta', { text: ' masala' });
    r.advance(10);
    framed.send('delta', { text: ' tonight.' });
    expect(r.sent).toEqual([delta('Chana')]);
    await sleep(60);
    expect(r.sent).toEqual([delta('Chana'), delta(' masala tonight.')]);
  });

  test('when another event comes while text is held, then the held text is sent before it', () => {
    const r = recorder();
    const framed = frameDeltas(r.sink, 1_000, r.now);
    framed.send('delta', { text: 'Here is ' });
    framed.send('delta', { text: 'your plan' });
    framed.send('plan', { version: 1 });
    framed.send('delta', { text: ', and ' });
    framed.send('done', { finishReason: 'stop' });
    expect(r.sent).toEqual([delta('Here is '), delta('your plan'), ['plan', { version: 1 }], delta(', and '), ['done', { finishReason: 'stop' }]]);
  });

  test('when flushed, then the held text is sent once and the frame timer sends nothing more', async () => {
    const r = recorder();
    const framed = frameDeltas(r.sink, 20, r.now);
    framed.send('delta', { text: 'a' });
    framed.send('delta', { text: 'b' });
    framed.flush();
    framed.flush();
    await sleep(50);
    expect(r.sent).toEqual([delta('a'), delta('b')]);
  });

  test('when a delta comes a whole frame after the last one sent, then it is sent at once', () => {
    const r = recorder();
    const framed = frameDeltas(r.sink, 50, r.now);
    framed.send('delta', { text: 'one' });
    r.advance(50);
    framed.send('delta', { text: ' two' });
    r.advance(80);
    framed.send('delta', { text: ' three' });
    expect(r.sent).toEqual([delta('one'), delta(' two'), delta(' three')]);
  });

  test('when the frame is 0, then every delta is sent as it comes', () => {
    const r = recorder();
    const framed = frameDeltas(r.sink, 0, r.now);
    for (const text of ['a', 'b', 'c']) framed.send('delta', { text });
    expect(r.sent).toEqual([delta('a'), delta('b'), delta('c')]);
  });
});
