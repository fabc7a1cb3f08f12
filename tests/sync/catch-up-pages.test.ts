/**
 * The real client core on Node devices catches up a group and a journal whose history spans several
 * catch-up pages (a real relay process with 1 KiB pages), and applies a live update that arrives
 * while it is between pages exactly once, after the pages. The device is held just as it asks for its
 * second page, so the live update lands in the middle of its catch-up every time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { GroupId, parseEnvelope, toBase64Url, type ServerFrame } from "@porch/shared";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

const PAGE_BYTES = 1024;
let relay: RelayProcess;

beforeAll(async () => {
  relay = await startRelay({ env: { PORCH_CATCHUP_PAGE_BYTES: String(PAGE_BYTES) } });
});
afterAll(async () => {
  await relay?.stop();
});

type CatchUp = Extract<ServerFrame, { type: "catch-up" }>;
const about = (id: Uint8Array) => (f: ServerFrame) => "groupId" in f && toBase64Url(f.groupId) === toBase64Url(id);
const pagesOf = (d: NodeDevice, id: Uint8Array) =>
  d.received.filter((f): f is CatchUp => f.type === "catch-up" && about(id)(f));
const pageSeqs = (pages: readonly CatchUp[]) =>
  pages.flatMap((p) => [...(p.snapshot ? [p.snapshot.seq] : []), ...p.updates.map((u) => u.seq)]);
/** How often `seq` of `id` reached the device, in catch-up pages and live frames together. */
const deliveries = (d: NodeDevice, id: Uint8Array, seq: number) =>
  pageSeqs(pagesOf(d, id)).filter((s) => s === seq).length +
  d.received.filter((f) => f.type === "envelope" && about(id)(f) && f.seq === seq).length;

const isSnapshot = (envelope: Uint8Array) => {
  const parsed = parseEnvelope(envelope);
  return parsed.ok && parsed.value.header.kind === "snapshot";
};
/** `length` characters of random words (compression cannot shrink them much). */
const noise = (length: number) =>
  Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz     "[randomInt(31)]).join("");

describe("a history longer than a catch-up page", () => {
  it("Ben joins a group of 30 goals in pages; Ana's goal written between his pages arrives once", async () => {
    const ana = await nodeDevice(relay.url);
    expect((await ana.porch.createProfile("Ana", "en")).ok).toBe(true);
    const created = await ana.porch.createGroup("Long street");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    const groupBytes = GroupId.toBytes(group);
    for (let i = 0; i < 30; i++) {
      const added = await ana.porch.life.addGoal(group, {
        title: `goal ${i} ${"x".repeat(80)}`,
        category: "other",
        targetAmount: i,
      });
      expect(added.ok).toBe(true);
    }
    await ana.until(() => ana.porch.sync().kind === "synced");
    const link = await ana.porch.createInviteLink(group);
    if (!link.ok) throw new Error(link.code);

    const ben = await nodeDevice(relay.url);
    await ben.porch.createProfile("Ben", "en");
    const hold = ben.holdOutgoing(
      (f) => f.type === "catch-up-more" && toBase64Url(f.groupId) === toBase64Url(groupBytes),
    );
    const joined = ben.porch.joinWithInvite(new URL(link.value).hash);
    await hold.held;
    const first = pagesOf(ben, groupBytes).at(-1)!;
    expect(first.more).toBe(true);

    await ana.porch.life.addGoal(group, { title: "written between pages", category: "savings", targetAmount: null });
    const live = await ben.untilReceived((f) => f.type === "envelope" && about(groupBytes)(f));
    hold.release();
    expect((await joined).ok).toBe(true);

    const goals = (d: NodeDevice) => (d.porch.life.goals(group) ?? []).map((g) => g.title).sort();
    await ben.until(() => goals(ben).includes("written between pages") && goals(ben).length === goals(ana).length);
    expect(goals(ben)).toEqual(goals(ana));
    const pages = pagesOf(ben, groupBytes);
    expect(pages.length).toBeGreaterThan(3);
    if (live.type !== "envelope") throw new Error("not an envelope");
    expect(deliveries(ben, groupBytes, live.seq)).toBe(1);
    // No page of that catch-up went past its first page's head; the live seq is past it.
    expect(pages.every((p) => pageSeqs([p]).every((s) => s < live.seq))).toBe(true);
    await ben.until(() => ben.porch.sync().kind === "synced");
  });

  it("Cara's new device catches up her journal in pages; a month saved between its pages arrives once", async () => {
    const phone = await nodeDevice(relay.url);
    const profile = await phone.porch.createProfile("Cara", "en");
    if (!profile.ok) throw new Error(profile.code);
    for (let m = 1; m <= 12; m++) {
      const month = `2024-${String(m).padStart(2, "0")}`;
      // Random words: the journal's snapshot (which the phone uploads often) stays larger than a page.
      const saved = await phone.porch.journal.saveMonth(month, { "income.wages": "2600", reflection: noise(1500) });
      expect(saved.ok).toBe(true);
    }
    await phone.until(() => phone.porch.journal.view()?.months.length === 12 && phone.porch.sync().kind === "synced");
    // The phone is kept from sending its next snapshot, which it wants once one more edit is acknowledged:
    // the relay then holds the journal's last snapshot (if any; one page on its own) and updates after it.
    const snapshotHold = phone.holdOutgoing((f) => f.type === "publish" && isSnapshot(f.envelope));
    expect((await phone.porch.journal.saveMonth("2024-12", { reflection: noise(1500) })).ok).toBe(true);
    await snapshotHold.held;
    const journalPages = (d: NodeDevice) => d.received.filter((f): f is CatchUp => f.type === "catch-up");
    // Cara has no group, so every catch-up and envelope her devices get is her journal's.
    const journalId = journalPages(phone)[0]!.groupId;

    const laptop = await nodeDevice(relay.url);
    const pageHold = laptop.holdOutgoing((f) => f.type === "catch-up-more");
    const recovered = laptop.porch.membership.recover(profile.value.recoveryPhrase, "Cara", "en");
    await pageHold.held;
    expect(journalPages(laptop).at(-1)).toMatchObject({ more: true });

    // Between the laptop's pages the phone sends its snapshot and a new month.
    snapshotHold.release();
    expect((await phone.porch.journal.saveMonth("2025-01", { reflection: "written between pages" })).ok).toBe(true);
    await phone.until(() => phone.porch.sync().kind === "synced");
    const acked = Math.max(...phone.received.map((f) => (f.type === "ack" ? f.seq : 0)));
    await laptop.untilReceived((f) => f.type === "envelope" && f.seq === acked);
    pageHold.release();
    expect((await recovered).ok).toBe(true);

    const months = (d: NodeDevice) => (d.porch.journal.view()?.months ?? []).map((m) => m.month);
    await laptop.until(() => months(laptop).length === 13);
    expect(months(laptop)).toEqual(months(phone));
    expect(laptop.porch.journal.view()?.months.at(-1)?.values.reflection).toBe("written between pages");
    expect(journalPages(laptop).length).toBeGreaterThanOrEqual(2);
    expect(deliveries(laptop, journalId, acked)).toBe(1);
    const firstPages = journalPages(laptop);
    expect(firstPages.every((p) => pageSeqs([p]).every((seq) => seq < acked))).toBe(true);
  });
});
