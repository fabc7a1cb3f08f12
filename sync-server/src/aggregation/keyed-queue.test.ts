/** The per-round queue: one task at a time per key, keys independent, a failure does not block the next. */
import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue.ts";

/** A promise the test resolves when it chooses. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("KeyedQueue", () => {
  it("runs one key's tasks one after another, in order, while another key runs alongside", async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const first = gate();
    const a1 = queue.run("round-a", async () => {
      events.push("a1 start");
      await first.opened;
      events.push("a1 end");
    });
    const a2 = queue.run("round-a", async () => void events.push("a2"));
    await queue.run("round-b", async () => void events.push("b"));
    expect(events).toEqual(["a1 start", "b"]); // a2 waits for a1; b did not
    first.open();
    await Promise.all([a1, a2]);
    expect(events).toEqual(["a1 start", "b", "a1 end", "a2"]);
    await queue.idle();
  });

  it("hands a task's error to its caller and still runs the next task", async () => {
    const queue = new KeyedQueue();
    const failed = queue.run("round", () => Promise.reject(new Error("boom")));
    const next = queue.run("round", async () => 42);
    await expect(failed).rejects.toThrow("boom");
    expect(await next).toBe(42);
    await queue.idle();
  });
});
