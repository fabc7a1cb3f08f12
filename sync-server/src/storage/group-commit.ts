/**
 * Group commit: while one batch is being committed, later requests queue up and are committed
 * together in the next transaction. A lone request goes through immediately, so latency under light
 * load is one transaction; under heavy load the cost of a commit is shared by the whole batch.
 */

/** Commits a batch and answers each request in order (same length as `requests`). */
export type CommitBatch<Req, Res> = (requests: readonly Req[]) => Promise<readonly Res[]>;

export interface GroupCommit<Req, Res> {
  /** Resolves with this request's own answer once its batch has committed. */
  submit(request: Req): Promise<Res>;
  /** Waits for every queued request to be committed (or rejected). */
  drain(): Promise<void>;
}

interface Pending<Req, Res> {
  readonly request: Req;
  readonly resolve: (res: Res) => void;
  readonly reject: (error: unknown) => void;
}

export function createGroupCommit<Req, Res>(commit: CommitBatch<Req, Res>, maxBatch = 500): GroupCommit<Req, Res> {
  const queue: Pending<Req, Res>[] = [];
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await commit(batch.map((p) => p.request));
        if (results.length !== batch.length) throw new Error("assertion failed: one result per request");
        batch.forEach((p, i) => p.resolve(results[i] as Res));
      } catch (error) {
        // A thrown error is a bug or a lost database: nothing in the batch was committed.
        for (const p of batch) p.reject(error);
      }
    }
    running = null;
  }

  return {
    submit(request) {
      return new Promise<Res>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        running ??= run();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
