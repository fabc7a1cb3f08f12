/**
 * The contract every `SyncConnection` must pass, so the engine's tests over the in-memory relay say
 * something about the real one. A test file calls `runSyncConnectionContract(name, setup)` with a setup
 * that gives one document its member may write to, and connected devices of that member.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SyncConnection } from "./sync-connection.ts";

/** A live envelope as a connection's owner receives it. */
export interface LiveEnvelope {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** One device of the document's member, connected. */
export interface ContractDevice {
  readonly connection: SyncConnection;
  /** A fresh envelope for the document by this device: an update, or a snapshot covering `coversSeq`. */
  seal(counter: number, snapshotCovering?: number): Uint8Array;
  readonly live: LiveInbox;
  /** Drops the connection at once and keeps it down. */
  goOffline(): void;
  /** Connects again; resolves once the connection is ready. */
  goOnline(): Promise<void>;
}

export interface ContractSetup {
  /** The document's id on the wire. */
  readonly doc: Uint8Array;
  /** A new device of the document's member, connected and ready. */
  device(): Promise<ContractDevice>;
  teardown(): Promise<void>;
}

/** Live envelopes a device received, in order; `next()` waits for the next one. */
export class LiveInbox {
  readonly received: LiveEnvelope[] = [];
  private taken = 0;
  private waiter: (() => void) | null = null;

  push(envelope: LiveEnvelope): void {
    this.received.push(envelope);
    this.waiter?.();
  }

  async next(): Promise<LiveEnvelope> {
    while (this.received.length <= this.taken) await new Promise<void>((resolve) => (this.waiter = resolve));
    this.waiter = null;
    return this.received[this.taken++]!;
  }
}

export function runSyncConnectionContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`SyncConnection contract: ${name}`, () => {
    let ctx: ContractSetup;
    let phone: ContractDevice;
    const publish = (device: ContractDevice, envelope: Uint8Array) =>
      device.connection.request({ v: 1, type: "publish", envelope });
    const subscribe = (device: ContractDevice, afterSeq: number) =>
      device.connection.request({ v: 1, type: "subscribe", groupId: ctx.doc, afterSeq, afterIndex: 0 });
    const ack = (seq: number) => ({ ok: true, value: expect.objectContaining({ type: "ack", seq }) });
    const refused = (code: string) => expect.objectContaining({ ok: false, code });

    beforeEach(async () => {
      ctx = await setup();
      phone = await ctx.device();
    });
    afterEach(async () => {
      await ctx.teardown();
    });

    it("acknowledges publishes with rising seqs", async () => {
      for (const counter of [1, 2, 3]) expect(await publish(phone, phone.seal(counter))).toEqual(ack(counter));
    });

    it("acknowledges an identical resend (a lost ack) with the same seq, and stores it once", async () => {
      const first = phone.seal(1);
      expect(await publish(phone, first)).toEqual(ack(1));
      expect(await publish(phone, first)).toEqual(ack(1));
      expect(await publish(phone, phone.seal(2))).toEqual(ack(2));
    });

    it("refuses other bytes under a used counter, and a skipped counter", async () => {
      expect(await publish(phone, phone.seal(1))).toEqual(ack(1));
      expect(await publish(phone, phone.seal(1))).toEqual(refused("counter-reused"));
      expect(await publish(phone, phone.seal(3))).toEqual(refused("counter-gap"));
      expect(await publish(phone, phone.seal(2))).toEqual(ack(2));
    });

    it("keeps counters per device: a second device of the same member starts at 1", async () => {
      const tablet = await ctx.device();
      expect(await publish(phone, phone.seal(1))).toEqual(ack(1));
      expect(await publish(tablet, tablet.seal(1))).toEqual(ack(2));
    });

    it("catches up with exactly what was stored after the cursor", async () => {
      const sent = [phone.seal(1), phone.seal(2), phone.seal(3)];
      for (const envelope of sent) await publish(phone, envelope);
      const answer = await subscribe(phone, 1);
      expect(answer).toEqual({
        ok: true,
        value: expect.objectContaining({ type: "catch-up", snapshot: null, headSeq: 3 }),
      });
      expect(answer.ok && answer.value.type === "catch-up" && answer.value.updates).toEqual([
        { seq: 2, bytes: sent[1] },
        { seq: 3, bytes: sent[2] },
      ]);
    });

    it("serves an unacknowledged snapshot only in seq order when another device wrote before it", async () => {
      const tablet = await ctx.device();
      const first = phone.seal(1);
      await publish(phone, first);
      const tablets = tablet.seal(1);
      await publish(tablet, tablets);
      const snapshot = phone.seal(2, 2);
      expect(await publish(phone, snapshot)).toEqual(ack(3));
      const later = phone.seal(3);
      await publish(phone, later);
      const answer = await subscribe(phone, 0);
      // Nobody acknowledged it, so nothing was pruned and a new device replays the updates.
      expect(
        answer.ok &&
          answer.value.type === "catch-up" && { snapshot: answer.value.snapshot, updates: answer.value.updates },
      ).toEqual({
        snapshot: null,
        updates: [
          { seq: 1, bytes: first },
          { seq: 2, bytes: tablets },
          { seq: 3, bytes: snapshot },
          { seq: 4, bytes: later },
        ],
      });
    });

    it("serves its sole writer's snapshot as the catch-up's snapshot, with no acknowledgement", async () => {
      const first = phone.seal(1);
      await publish(phone, first);
      await publish(phone, phone.seal(2));
      const snapshot = phone.seal(3, 2);
      expect(await publish(phone, snapshot)).toEqual(ack(3));
      const later = phone.seal(4);
      await publish(phone, later);
      const answer = await subscribe(phone, 0);
      expect(
        answer.ok &&
          answer.value.type === "catch-up" && { snapshot: answer.value.snapshot, updates: answer.value.updates },
      ).toEqual({ snapshot: { seq: 3, coversSeq: 2, bytes: snapshot }, updates: [{ seq: 4, bytes: later }] });
      // A cursor past what it covers gets the tail alone.
      const past = await subscribe(phone, 2);
      expect(past.ok && past.value.type === "catch-up" && past.value.snapshot).toBe(null);

      // Once a second device has written, a newer snapshot is no longer its writer's alone: the older
      // sole writer's snapshot is still served, and the newer one comes in the stream.
      const tablet = await ctx.device();
      const tablets = tablet.seal(1);
      await publish(tablet, tablets);
      const newer = phone.seal(5, 5);
      expect(await publish(phone, newer)).toEqual(ack(6));
      const after = await subscribe(tablet, 0);
      expect(
        after.ok && after.value.type === "catch-up" && { snapshot: after.value.snapshot, updates: after.value.updates },
      ).toEqual({
        snapshot: { seq: 3, coversSeq: 2, bytes: snapshot },
        updates: [
          { seq: 4, bytes: later },
          { seq: 5, bytes: tablets },
          { seq: 6, bytes: newer },
        ],
      });
    });

    it("sends a subscribed device what another device publishes, live, and no echo to the publisher", async () => {
      const tablet = await ctx.device();
      await subscribe(tablet, 0);
      await subscribe(phone, 0);
      const envelope = phone.seal(1);
      expect(await publish(phone, envelope)).toEqual(ack(1));
      expect(await tablet.live.next()).toEqual({ seq: 1, bytes: envelope });
      expect(phone.live.received).toEqual([]);
    });

    it("fails requests with offline while down, and one in flight when the connection drops", async () => {
      const envelope = phone.seal(1);
      const inFlight = publish(phone, envelope);
      phone.goOffline();
      expect(await inFlight).toEqual(refused("offline"));
      expect(phone.connection.ready).toBe(false);
      expect(await publish(phone, envelope)).toEqual(refused("offline"));
      await phone.goOnline();
      expect(phone.connection.ready).toBe(true);
      // Whether or not the relay stored it before the drop, sending the same bytes again is acknowledged.
      expect(await publish(phone, envelope)).toEqual(ack(1));
    });
  });
}
