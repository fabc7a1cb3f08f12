/**
 * Runs tasks one at a time per key, in arrival order, and different keys concurrently: the relay
 * serializes everything it does to one aggregation round (requests, deadlines, the timer), so two
 * stewards' acceptances or partials arriving together cannot both see "one missing" and both finish.
 *
 * This orders work inside one relay process only. Several relay processes sharing PostgreSQL could
 * still race on a round; storage's compare-and-set on the phase keeps a phase change from being
 * applied twice, but serving one round from several processes is out of scope for now.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it under `key`; its result or error is the caller's. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
