/**
 * Device counters in relay order (device-counters.ts). Ana's phone sent updates under counters 1..5; the
 * snapshot it sealed under counter 6 covers only what the relay held up to update 4 (it was queued
 * behind update 5), then came updates 7 and 8. A new device's catch-up: the snapshot first, then 5, 7, 8.
 */
import { describe, expect, it } from "vitest";
import { DeviceCounters } from "./device-counters.ts";

const PHONE = "ana-phone";

describe("device counters", () => {
  it("in one batch: the snapshot's claim, then 5, the slot at 6 and 7, 8 — nothing duplicate, no gap", () => {
    const counters = new DeviceCounters({}, new Map());
    expect(counters.receive(PHONE, 6, true)).toBe("next");
    counters.claim(PHONE, 4);
    expect([5, 7, 8].map((c) => counters.next(PHONE, c))).toEqual(["next", "next", "next"]);
    expect(counters.settle()).toEqual({ [PHONE]: 8 });
  });

  it("across pages (the snapshot alone on the first): update 5 on the next page is no duplicate", () => {
    const slots = new Map<string, number>();
    const first = new DeviceCounters({}, slots);
    first.slot(PHONE, 6);
    first.claim(PHONE, 4);
    const afterFirst = first.settle();
    expect(afterFirst).toEqual({ [PHONE]: 4 }); // 6 is held apart until 5 arrives
    const second = new DeviceCounters(afterFirst, slots);
    expect(second.next(PHONE, 5)).toBe("next");
    const afterSecond = second.settle();
    expect(afterSecond).toEqual({ [PHONE]: 6 }); // the tail reached the slot
    const third = new DeviceCounters(afterSecond, slots);
    expect([7, 8].map((c) => third.next(PHONE, c))).toEqual(["next", "next"]);
    expect(slots.size).toBe(0);
  });

  it("a skipped counter is a gap, a repeated one a duplicate; a claim never lowers what is known", () => {
    const counters = new DeviceCounters({ [PHONE]: 3 }, new Map());
    expect(counters.next(PHONE, 3)).toBe("duplicate");
    expect(counters.next(PHONE, 5)).toBe("gap");
    counters.claim(PHONE, 2);
    expect(counters.settle()).toEqual({ [PHONE]: 5 });
  });
});
