import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesEqual, randomBytes } from "@porch/shared";
import type { Change } from "./change-feed.ts";
import { openPostgresStorage, openPostgresStore } from "./postgres-storage.ts";
import { runRelayStorageContract } from "./relay-storage.contract.ts";
import type { RelayStorage } from "./relay-storage.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("PostgreSQL (DATABASE_URL)", () => {
  runRelayStorageContract(
    "PostgreSQL",
    async () => {
      let current = await openPostgresStore({ url: url ?? "" });
      // Migrations ran; empty every table so each test starts from a fresh store.
      const admin = postgres(url ?? "", { max: 1, onnotice: () => {} });
      await admin.unsafe(
        "truncate groups, log_entries, invite_keys, envelopes, device_counters, snapshots, member_groups, link_mailboxes, notice_heads, notices, " +
          "acked_snapshots, snapshot_acks, " +
          "device_owners, identity_quotas, " +
          "agg_relay_key, agg_cohorts, agg_enrolments, agg_rounds, agg_volunteers, agg_stewards, agg_reports, " +
          "agg_report_shares, agg_member_periods, agg_partials",
      );
      await admin.end();
      return {
        storage: current.storage,
        sql: () => current.sql,
        // A new connection pool on the same database: the relay process restarting.
        async reopen() {
          await current.storage.close();
          current = await openPostgresStore({ url: url ?? "" });
          return current.storage;
        },
        teardown: () => current.storage.close(),
      };
    },
    { durable: true },
  );
});

/** Everything a store's listeners hear, and a wait for what should arrive. */
function recorder(storage: RelayStorage) {
  const heard: Change[] = [];
  const waiters: (() => void)[] = [];
  storage.onChange((change) => {
    heard.push(change);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    heard,
    until: (check: (heard: readonly Change[]) => boolean) =>
      new Promise<void>((resolve) => {
        const test = () => (check(heard) ? resolve() : waiters.push(test));
        test();
      }),
  };
}

/*
 * Two relay stores on one PostgreSQL (two processes' worth of pools and LISTEN connections): what A
 * commits reaches B's listeners, in commit order, as ids and seqs; what A rolls back or refuses never
 * does; A hears its own changes once (emitted locally, with the bytes), never again through NOTIFY.
 * In this file, so the contract's truncations never run beside it.
 */
describe.skipIf(!url)("the change feed between two stores on one PostgreSQL", () => {
  let a: RelayStorage;
  let b: RelayStorage;
  beforeAll(async () => {
    [a, b] = await Promise.all([openPostgresStorage({ url: url ?? "" }), openPostgresStorage({ url: url ?? "" })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("A's commits reach B in commit order, without bytes; refusals and rolled-back writes announce nothing", async () => {
    const onA = recorder(a);
    const onB = recorder(b);
    const group = randomBytes(16);
    const device = randomBytes(16);
    const h0 = randomBytes(32);
    const envelope = (counter: number) => ({
      deviceId: device,
      counter,
      kind: "update" as const,
      coversSeq: 0,
      bytes: Uint8Array.of(counter),
    });

    expect(await a.appendEntry(group, null, { hash: h0, bytes: Uint8Array.of(0xc0) })).toMatchObject({ ok: true });
    // Written, announced inside the transaction, then rolled back (no invitation key to release).
    const rolledBack = await a.appendEntry(
      group,
      h0,
      { hash: randomBytes(32), bytes: Uint8Array.of(1) },
      {
        take: { inviteId: randomBytes(32) },
      },
    );
    expect(rolledBack).toMatchObject({ ok: false, code: "invite-not-found" });
    expect(
      await a.appendEntry(group, randomBytes(32), { hash: randomBytes(32), bytes: Uint8Array.of(2) }),
    ).toMatchObject({ ok: false, code: "stale-head" });
    expect(await a.appendEnvelope(group, envelope(1))).toEqual({ ok: true, value: { seq: 1, duplicate: false } });
    expect(await a.appendEnvelope(group, envelope(3))).toMatchObject({ ok: false, code: "counter-gap" });
    expect(await a.appendEnvelope(group, envelope(1))).toEqual({ ok: true, value: { seq: 1, duplicate: true } });
    expect(await a.appendEnvelope(group, envelope(2))).toEqual({ ok: true, value: { seq: 2, duplicate: false } });

    // Only this group's changes: other writers may share the database.
    const ours = (heard: readonly Change[]) => heard.filter((c) => "groupId" in c && bytesEqual(c.groupId, group));
    await onB.until((heard) => ours(heard).some((c) => c.kind === "envelopes" && c.headSeq === 2));
    expect(ours(onB.heard)).toEqual([
      { kind: "entry", groupId: group, index: 0 },
      { kind: "envelopes", groupId: group, headSeq: 1 },
      { kind: "envelopes", groupId: group, headSeq: 2 },
    ]);
    // A heard each once, at its commit, with what it wrote.
    expect(ours(onA.heard)).toEqual([
      { kind: "entry", groupId: group, index: 0, bytes: Uint8Array.of(0xc0) },
      { kind: "envelopes", groupId: group, headSeq: 1, appended: [{ seq: 1, bytes: Uint8Array.of(1) }] },
      { kind: "envelopes", groupId: group, headSeq: 2, appended: [{ seq: 2, bytes: Uint8Array.of(2) }] },
    ]);
  });
});
