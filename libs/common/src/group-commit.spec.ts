import fc from 'fast-check';
import { GroupCommit } from './group-commit';

/** A writer that records each batch and answers when the test says so. */
function recordingWriter(fail: (item: string) => boolean = () => false) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  const write = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      running++;
      maxRunning = Math.max(maxRunning, running);
      pending.push(() => {
        running--;
        if (items.some(fail)) reject(new Error(`bad item in ${items.join(',')}`));
        else resolve(items.map((i) => `ok:${i}`));
      });
    });
  const finishAll = async () => {
    while (pending.length > 0) {
      pending.splice(0).forEach((finish) => finish());
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
  };
  return { batches, write, finishAll, maxRunning: () => maxRunning };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('should write items submitted together as one batch and give each caller its own result', async () => {
    const w = recordingWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const results = ['a', 'b', 'c'].map((x) => commit.submit(x));
    await tick();
    await w.finishAll();
    await expect(Promise.all(results)).resolves.toEqual(['ok:a', 'ok:b', 'ok:c']);
    expect(w.batches).toEqual([['a', 'b', 'c']]);
  });

  it('should gather items that arrive while a batch is in flight into the next one', async () => {
    const w = recordingWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const first = commit.submit('a');
    await tick();
    const later = ['b', 'c', 'd'].map((x) => commit.submit(x));
    await tick();
    expect(w.batches).toEqual([['a']]);
    await w.finishAll();
    await Promise.all([first, ...later]);
    expect(w.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('should cap the batch size and keep items with the same key apart', async () => {
    const w = recordingWriter();
    const commit = new GroupCommit(w.write, { maxBatch: 2, maxInFlight: 1, keyOf: (x: string) => x[0] });
    const results = ['a1', 'a2', 'b1', 'c1'].map((x) => commit.submit(x));
    await tick();
    await w.finishAll();
    await Promise.all(results);
    expect(w.batches).toEqual([['a1', 'b1'], ['a2', 'c1']]);
  });

  it('should fail only the item that fails on its own when a batch fails', async () => {
    const w = recordingWriter((x) => x === 'bad');
    const commit = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const results = ['a', 'bad', 'c'].map((x) => commit.submit(x).catch((e: Error) => `error:${e.message}`));
    await tick();
    await w.finishAll();
    await expect(Promise.all(results)).resolves.toEqual(['ok:a', 'error:bad item in bad', 'ok:c']);
    expect(w.batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('should refuse a writer that answers for the wrong number of items', async () => {
    const commit = new GroupCommit((items: string[]) => Promise.resolve(items.slice(1)), { maxBatch: 10, maxInFlight: 1 });
    await expect(commit.submit('a')).rejects.toThrow('0 results for 1 items');
  });

  it('should answer every item exactly once, never run more batches than allowed, and never exceed the batch size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 2 }), fc.nat(3)), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (arrivals, maxBatch, maxInFlight) => {
          const w = recordingWriter((x) => x.startsWith('!'));
          const commit = new GroupCommit(w.write, { maxBatch, maxInFlight, keyOf: (x: string) => x });
          const results: Promise<string>[] = [];
          for (const [item, ticksBefore] of arrivals) {
            for (let i = 0; i < ticksBefore; i++) await tick();
            results.push(commit.submit(item).catch(() => `failed:${item}`));
            if (ticksBefore === 3) await w.finishAll();
          }
          await tick();
          await w.finishAll();
          const answers = await Promise.all(results);
          expect(answers).toEqual(arrivals.map(([item]) => (item.startsWith('!') ? `failed:${item}` : `ok:${item}`)));
          expect(w.maxRunning()).toBeLessThanOrEqual(maxInFlight);
          for (const batch of w.batches) {
            expect(batch.length).toBeLessThanOrEqual(maxBatch);
            expect(new Set(batch).size).toBe(batch.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
