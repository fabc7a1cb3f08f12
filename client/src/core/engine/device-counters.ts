/**
 * Each other device's envelope counter, as envelopes arrive in relay order: a counter at or below the
 * last one is a duplicate delivery, one that skips ahead means the relay withheld something.
 *
 * The catch-up's snapshot breaks that order: it comes first, but its author may have sealed it after
 * some of the updates that follow it (a snapshot queues behind its author's pending updates), so its
 * counter can be above theirs. That counter is held apart — a "slot" — until the device's counters reach
 * it: the updates below it are then neither taken for duplicates nor the slot for a gap. A catch-up can
 * span pages, so the slots outlive one batch (the channel keeps them while its catch-up runs).
 */
export class DeviceCounters {
  private readonly counters: Record<string, number>;

  constructor(
    counters: Readonly<Record<string, number>>,
    private readonly slots: Map<string, number>,
  ) {
    this.counters = { ...counters };
  }

  /** Another device's envelope under `counter`; `catchUpSnapshot`: the catch-up's snapshot (`slot`). */
  receive(device: string, counter: number, catchUpSnapshot: boolean): "duplicate" | "next" | "gap" {
    if (!catchUpSnapshot) return this.next(device, counter);
    this.slot(device, counter);
    return "next";
  }

  /** The catch-up's snapshot by `device`, sealed under `counter`: never a duplicate, never a gap. */
  slot(device: string, counter: number): void {
    if (counter > (this.counters[device] ?? 0)) this.slots.set(device, counter);
  }

  /** A snapshot's claim that `device` had sent up to `counter` (never lowers what is known). */
  claim(device: string, counter: number): void {
    if (counter > (this.counters[device] ?? 0)) this.counters[device] = counter;
  }

  /** Another device's envelope under `counter`: a duplicate, the next one, or one after a gap. */
  next(device: string, counter: number): "duplicate" | "next" | "gap" {
    const last = this.counters[device] ?? 0;
    if (counter <= last) return "duplicate";
    const slot = this.slots.get(device);
    const expected = slot === last + 1 ? last + 2 : last + 1;
    this.counters[device] = counter;
    if (slot !== undefined && counter >= slot) this.slots.delete(device);
    return counter > expected ? "gap" : "next";
  }

  /** The counters after the batch: a slot the device's updates have reached is counted. */
  settle(): Record<string, number> {
    for (const [device, counter] of this.slots) {
      if ((this.counters[device] ?? 0) < counter - 1) continue;
      this.counters[device] = Math.max(this.counters[device] ?? 0, counter);
      this.slots.delete(device);
    }
    return this.counters;
  }
}
