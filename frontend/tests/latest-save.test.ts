import { LatestSave } from '@/components/latest-save';

/** A send the test answers by hand, so it decides when each request "reaches the server". */
function deferredSends() {
  const sent: { value: number; answer: () => void; refuse: () => void }[] = [];
  const send = (value: number) => () =>
    new Promise<number>((resolve, reject) => {
      sent.push({ value, answer: () => resolve(value), refuse: () => reject(new Error(`refused ${value}`)) });
    });
  return { sent, send };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('when saves are asked for while one is in flight, then only the newest waiting one is sent, after it, and only it is newest', async () => {
  const saves = new LatestSave<number>();
  const { sent, send } = deferredSends();
  const outcomes = [1, 2, 3, 4].map((value) => saves.save(send(value)));
  await tick();
  expect(sent.map((s) => s.value)).toEqual([1]);

  sent[0]!.answer();
  await tick();
  expect(sent.map((s) => s.value)).toEqual([1, 4]);
  sent[1]!.answer();

  expect(await Promise.all(outcomes)).toEqual([
    { sent: true, result: 1, newest: false },
    { sent: false },
    { sent: false },
    { sent: true, result: 4, newest: true },
  ]);
});

test('when a save is asked for after the last one was answered, then it is sent at once', async () => {
  const saves = new LatestSave<number>();
  const { sent, send } = deferredSends();
  const first = saves.save(send(1));
  await tick();
  sent[0]!.answer();
  expect(await first).toEqual({ sent: true, result: 1, newest: true });

  const second = saves.save(send(2));
  await tick();
  expect(sent.map((s) => s.value)).toEqual([1, 2]);
  sent[1]!.answer();
  expect(await second).toEqual({ sent: true, result: 2, newest: true });
});

test('when a send throws, then its caller gets the error and the next save still goes out', async () => {
  const saves = new LatestSave<number>();
  const { sent, send } = deferredSends();
  const first = saves.save(send(1));
  const second = saves.save(send(2));
  await tick();
  sent[0]!.refuse();
  await expect(first).rejects.toThrow('refused 1');
  await tick();
  expect(sent.map((s) => s.value)).toEqual([1, 2]);
  sent[1]!.answer();
  expect(await second).toEqual({ sent: true, result: 2, newest: true });
});
