/**
 * A device whose publish is refused for its counter does not stay stuck (engine/doc-sync.ts `recoverCounter`),
 * told with the member's journal over the in-memory relay:
 * - `counter-reused`: two tabs of one device (same storage, same device id) both seal their next
 *   change under the same counter; the tab that loses asks the relay for its next counter, seals again
 *   under it, and everything arrives.
 * - `counter-gap`: the relay lost envelopes it had acknowledged (restored from a backup); the device
 *   fills the gap with empty updates and sends its change under its own counter, so a device that had
 *   seen the lost counters still applies it.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes, readySodium } from "@porch/shared";
import { InMemoryRelay } from "../../engine/in-memory-relay.test-kit.ts";
import { openPersonalDevice, personalDocId } from "./journal-device.test-kit.ts";

let relay: InMemoryRelay;
let seed: Uint8Array;
const stored = () => relay.stored(personalDocId(seed));

beforeAll(async () => {
  await readySodium();
});
beforeEach(() => {
  relay = new InMemoryRelay();
  seed = randomBytes(32);
});

describe("a device whose counter the relay refuses", () => {
  it("counter-reused: the second tab of a device seals its change again under the relay's next counter", async () => {
    const phone = await openPersonalDevice(relay, seed);
    await phone.write("milk");
    await phone.until(() => phone.sync.pending === 0);
    const disk = await phone.close();
    // Two tabs of the same browser: one storage, one device id, both about to use counter 2.
    const first = await openPersonalDevice(relay, seed, { disk });
    const second = await openPersonalDevice(relay, seed, { disk, offline: true });
    await first.write("eggs");
    await first.until(() => first.sync.pending === 0);
    await second.write("bread");
    expect(second.sync.current.nextCounter).toBe(2);

    second.connection.goOnline();
    await second.until(() => second.sync.pending === 0);
    expect(second.sync.error).toBeNull();
    expect(second.sync.current.nextCounter).toBe(4);
    expect(stored().map((e) => e.counter)).toEqual([1, 2, 3]);

    const tablet = await openPersonalDevice(relay, seed);
    await tablet.until(() => tablet.notes().length === 3);
    expect([...tablet.notes()].sort()).toEqual(["bread", "eggs", "milk"]);
  });

  it("counter-gap: after the relay lost an envelope, the gap is filled and a device that saw it still gets the change", async () => {
    const phone = await openPersonalDevice(relay, seed);
    const tablet = await openPersonalDevice(relay, seed);
    await phone.write("milk");
    await phone.write("eggs");
    await tablet.until(() => tablet.notes().length === 2);

    relay.loseSince(personalDocId(seed), 1);
    await phone.write("bread");
    await phone.until(() => phone.sync.pending === 0);
    expect(phone.sync.error).toBeNull();
    expect(stored().map((e) => e.counter)).toEqual([1, 2, 3]);

    // The tablet had counter 2 (eggs) already: it skips the empty update and applies bread.
    await tablet.until(() => tablet.notes().includes("bread"));
    expect(tablet.notes()).toEqual(["milk", "eggs", "bread"]);
  });
});
