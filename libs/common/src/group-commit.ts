/**
 * Group commit: callers submit one item each and wait for its own result, while the items that arrive together
 * are written by one statement. Under load, a statement per request costs a round trip, a transaction and a WAL
 * flush each; one per batch spreads that over every item in it. With nothing in flight an item goes out on the
 * next turn of the event loop, so a quiet system adds no wait.
 */
export interface GroupCommitOptions<TItem> {
  /** Most items in one statement. */
  maxBatch: number;
  /** Most statements running at once; further items gather into the next batch meanwhile. */
  maxInFlight: number;
  /** Items with the same key never share a batch (e.g. one unique key inserted twice in one statement). */
  keyOf?: (item: TItem) => string;
}

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<TItem, TResult> {
  private readonly waiting: Waiting<TItem, TResult>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `writeBatch` returns one result per item, in the order given, or throws for the whole batch. */
  constructor(
    private readonly writeBatch: (items: TItem[]) => Promise<TResult[]>,
    private readonly options: GroupCommitOptions<TItem>,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // setImmediate, not nextTick: requests whose bytes arrived in the same I/O phase join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private takeBatch(): Waiting<TItem, TResult>[] {
    const { keyOf, maxBatch } = this.options;
    if (!keyOf) return this.waiting.splice(0, maxBatch);
    const batch: Waiting<TItem, TResult>[] = [];
    const keys = new Set<string>();
    const left: Waiting<TItem, TResult>[] = [];
    for (const entry of this.waiting) {
      const key = keyOf(entry.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(entry);
      } else left.push(entry);
    }
    this.waiting.splice(0, this.waiting.length, ...left);
    return batch;
  }

  private async write(batch: Waiting<TItem, TResult>[]): Promise<void> {
    try {
      const results = await this.writeBatch(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One item's failure must not fail its neighbours: each is written again on its own, and only the ones that
      // fail alone see an error. The batch was one statement, so nothing of it was kept.
      for (const w of batch) await this.write([w]);
    }
  }
}
