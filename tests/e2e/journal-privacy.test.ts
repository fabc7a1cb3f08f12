/**
 * The journal's privacy, proved on what the relay really stored and sent. Ana writes two months whose
 * amounts and reflections are unique markers, links her tablet (which catches the journal up through
 * the relay) and finally deletes her journal. Then:
 *
 * - every journal envelope on the wire and every journal row the relay stored opens with the journal
 *   key derived from the seed on Ana's own device, to the markers (positive control), and none reads
 *   as plaintext as captured (negative control: @porch/testing/privacy-proof);
 * - no frame carries a marker or the amounts as she typed them;
 * - the journal travels on its own sockets, authenticated with the journal signing key: no journal
 *   envelope and no stored journal row names Ana's member id, her group, or her device's id;
 * - after the deletion (which the relay confirmed), the relay's database holds no row for the journal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import {
  DeviceId,
  GroupId,
  MemberId,
  bytesEqual,
  deriveIdentity,
  keyedHash,
  parseClientFrame,
  parseEnvelope,
  parseServerFrame,
  readySodium,
} from "@porch/shared";
import { openEnvelope } from "@porch/shared/sealing";
import { openPgliteStore } from "@porch/sync-server/in-process";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { textEncodings, whereFound } from "@porch/testing/byte-search";
import { browserDeviceSecrets, type DeviceSecrets } from "@porch/testing/device-secrets";
import { recordFrames, type RecordedFrames } from "@porch/testing/frame-recorder";
import { fillMonth, monthFromNow, openJournal, progressRow } from "@porch/testing/journal-page";
import { expectPrivate, type SealedItem } from "@porch/testing/privacy-proof";
import { createGroup, onboard } from "@porch/testing/porch-page";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

/** Unique amounts (typed with cents, stored as whole cents) and reflections. */
const cents = () => 1_000_000 + Math.floor(Math.random() * 8_000_000); // $10,000.00–$90,000.00
const amount = { wages: cents(), cash: cents(), loans: cents() };
const typed = (c: number) => (c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
const reflection = { first: "Zq" + randomBytes(8).toString("hex"), second: "Zq" + randomBytes(8).toString("hex") };
const MARKERS = [...Object.values(amount).map(String), ...Object.values(reflection)];
const TYPED = Object.values(amount).map(typed);

let relay: RelayProcess;
let browser: Browser;
let phone: Device;
let tablet: Device;
const frames: Record<"phone" | "tablet", RecordedFrames> = {
  phone: { received: [], sent: [], sockets: [] },
  tablet: { received: [], sent: [], sockets: [] },
};

beforeAll(async () => {
  await readySodium();
  relay = await startRelay();
  browser = await launchBrowser();
  phone = await newDevice(browser, relay.url);
  tablet = await newDevice(browser, relay.url);
  recordFrames(phone.page, frames.phone);
  recordFrames(tablet.page, frames.tablet);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

const allFrames = () =>
  Object.entries(frames).flatMap(([who, f]) => [
    ...f.received.map((bytes, i) => ({ label: `${who}<-relay#${i}`, bytes })),
    ...f.sent.map((bytes, i) => ({ label: `${who}->relay#${i}`, bytes })),
  ]);

/** Journal envelopes in one frame (publishes, live envelopes, catch-ups), by the journal's id. */
function journalItems(label: string, bytes: Uint8Array, journalId: Uint8Array): SealedItem[] {
  const item = (l: string, b: Uint8Array): SealedItem[] => {
    const parsed = parseEnvelope(b);
    if (!parsed.ok || !bytesEqual(GroupId.toBytes(parsed.value.header.groupId), journalId)) return [];
    return [{ label: l, kind: "journal", bytes: b, body: parsed.value.ciphertext }];
  };
  const client = parseClientFrame(bytes);
  if (client?.type === "publish") return item(`${label} publish`, client.envelope);
  const server = parseServerFrame(bytes);
  if (server?.type === "envelope") return item(`${label} envelope`, server.bytes);
  if (server?.type === "catch-up")
    return [
      ...(server.snapshot === null ? [] : item(`${label} catch-up snapshot`, server.snapshot.bytes)),
      ...server.updates.flatMap((u) => item(`${label} catch-up ${u.seq}`, u.bytes)),
    ];
  return [];
}

/** Opens a journal envelope with the journal key, as Ana's devices do. */
const openJournalItem = (journalKey: Uint8Array) => (item: SealedItem) => {
  const opened = openEnvelope(item.bytes, (h) => (h.epoch === 0 ? journalKey : null));
  return opened.ok ? opened.value.plaintext : null;
};

describe("what the relay sees of a journal", () => {
  let secrets: DeviceSecrets;
  let groupId: GroupId;
  let journalId: Uint8Array;
  let journalKey: Uint8Array;

  it("Ana writes two months, links her tablet (which catches the journal up), then deletes her journal", async () => {
    await onboard(phone.page, "Ana");
    await createGroup(phone.page, "Maple Street Families");
    groupId = GroupId.parse(new URL(phone.page.url()).hash.replace(/^#\/group\//, ""))!;
    await fillMonth(phone.page, monthFromNow(-1), {
      "income.wages": typed(amount.wages),
      "assets.cash": typed(amount.cash),
      reflection: reflection.first,
    });
    await fillMonth(phone.page, monthFromNow(0), { "debts.loans": typed(amount.loans), reflection: reflection.second });

    await phone.page.evaluate(() => (location.hash = "#/devices"));
    await phone.page.getByTestId("device-link-button").click();
    const link = new URL(await phone.page.getByTestId("device-link").inputValue());
    await tablet.page.goto(link.pathname + link.hash);
    await tablet.page.getByTestId("journal-link").waitFor({ timeout: 30_000 });
    await openJournal(tablet.page, "progress");
    await progressRow(tablet.page, "debts", monthFromNow(0));

    secrets = await browserDeviceSecrets(phone.page);
    const identity = deriveIdentity(secrets.seed);
    journalKey = identity.journalKey;
    journalId = keyedHash(journalKey, "porch/v1/journal").subarray(0, 16);
    // The markers really are Ana's data: her tablet shows them after opening the journal.
    expect(await tablet.page.content()).toContain(Math.round(amount.loans / 100).toLocaleString("en-US"));
  });

  it("every journal envelope sent or stored opens with the journal key to the markers; none reads as plaintext", () => {
    const items = allFrames().flatMap(({ label, bytes }) => journalItems(label, bytes, journalId));
    expect(items.some((i) => i.label.includes("publish"))).toBe(true);
    expect(items.some((i) => i.label.includes("tablet<-relay") && i.label.includes("catch-up"))).toBe(true);
    expectPrivate({
      items,
      open: { journal: openJournalItem(journalKey) },
      markers: MARKERS,
    });
  });

  it("no frame carries a marker or an amount as typed; the journal's sockets and envelopes never name Ana, her group or her device", () => {
    const all = allFrames();
    for (const text of [...MARKERS, ...TYPED])
      for (const encoding of textEncodings(text)) expect(whereFound(all, encoding.bytes), text).toEqual([]);
    const identity = deriveIdentity(secrets.seed);
    const memberId = MemberId.toBytes(identity.memberId);
    // Two identities said hello from the phone: Ana's, and the journal's (its signing key).
    const hellos = frames.phone.sent.flatMap((b) => {
      const f = parseClientFrame(b);
      return f?.type === "hello" ? [f] : [];
    });
    expect(hellos.some((h) => bytesEqual(h.memberId, memberId))).toBe(true);
    expect(hellos.some((h) => bytesEqual(h.memberId, identity.journalSigning.publicKey))).toBe(true);
    const deviceIds = hellos.filter((h) => bytesEqual(h.memberId, memberId)).map((h) => h.deviceId);
    const journalHeaders = all
      .flatMap(({ label, bytes }) => journalItems(label, bytes, journalId))
      .map((i) => parseEnvelope(i.bytes))
      .flatMap((p) => (p.ok ? [p.value.header] : []));
    expect(journalHeaders.length).toBeGreaterThan(0);
    for (const h of journalHeaders) {
      expect(h.memberId).toBe(MemberId.fromBytes(identity.journalSigning.publicKey));
      expect(deviceIds.some((d) => bytesEqual(d, DeviceId.toBytes(h.deviceId)))).toBe(false);
      expect(h.epoch).toBe(0);
    }
    // The journal socket's frames never mention the group.
    const journalSocketFrames = frames.phone.sent.filter((b) => {
      const f = parseClientFrame(b);
      return f?.type === "subscribe" && "kind" in f && f.kind === "journal";
    });
    expect(journalSocketFrames.length).toBeGreaterThan(0);
    expect(
      whereFound(
        journalSocketFrames.map((bytes) => ({ label: "journal subscribe", bytes })),
        GroupId.toBytes(groupId),
      ),
    ).toEqual([]);
  });

  it("the relay stored the journal as sealed rows that name neither Ana, her group nor her device", async () => {
    const identity = deriveIdentity(secrets.seed);
    // The relay holds its data directory locked while it runs: read it between a stop and a start.
    await relay.restart(async () => {
      const { storage, sql } = await openPgliteStore({ dataDir: relay.dataDir });
      try {
        const rows = await sql.query<{ kind: string; owner: Uint8Array }>(
          "select kind, owner from groups where group_id = $1",
          [journalId],
        );
        expect(rows.map((r) => r.kind)).toEqual(["journal"]);
        expect(bytesEqual(rows[0]!.owner, identity.journalSigning.publicKey)).toBe(true);
        const stored = await storage.readSince(journalId, 0);
        const items: SealedItem[] = [...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates].map(
          (row) => ({ label: `stored row ${row.seq}`, kind: "journal", bytes: row.bytes }),
        );
        expect(items.length).toBeGreaterThan(0);
        expectPrivate({ items, open: { journal: openJournalItem(journalKey) }, markers: MARKERS });
        const named = items.map((i) => ({ label: i.label, bytes: i.bytes }));
        expect(whereFound(named, MemberId.toBytes(identity.memberId))).toEqual([]);
        expect(whereFound(named, GroupId.toBytes(groupId))).toEqual([]);
        const devices = await sql.query<{ device_id: Uint8Array }>(
          "select device_id from device_counters where group_id = $1",
          [journalId],
        );
        expect(devices.length).toBeGreaterThan(0);
        const phoneDevice = frames.phone.sent.flatMap((b) => {
          const f = parseClientFrame(b);
          return f?.type === "hello" && bytesEqual(f.memberId, MemberId.toBytes(identity.memberId)) ? [f.deviceId] : [];
        })[0]!;
        expect(devices.some((d) => bytesEqual(d.device_id, phoneDevice))).toBe(false);
        // Controls: the same searches find Ana's member id and group id where the relay does keep them.
        const log = await storage.readLog(GroupId.toBytes(groupId), 0);
        expect(
          whereFound(
            log.map((e, i) => ({ label: `log ${i}`, bytes: e.bytes })),
            MemberId.toBytes(identity.memberId),
          ).length,
        ).toBeGreaterThan(0);
      } finally {
        await storage.close();
      }
    });
    // The phone reconnects to the restarted relay by itself.
    await phone.page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: 30_000 });
  });

  it("after Ana deletes her journal (the relay confirms), the relay's database holds no row of it", async () => {
    await tablet.context.close(); // the tablet keeps its copy; it must not write it back in this test
    await openJournal(phone.page, "progress");
    await phone.page.getByTestId("journal-delete").click();
    await phone.page.getByTestId("journal-delete-confirm").click();
    // The journal's socket may still be reconnecting after the relay's restart: the deletion waits for it.
    await phone.page.getByTestId("journal-deleted").filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
    expect(
      frames.phone.received.some((b) => parseServerFrame(b)?.type === "journal-deleted"),
      "the relay confirmed the deletion",
    ).toBe(true);
    await openJournal(phone.page, "progress");
    await phone.page.getByTestId("progress-empty").waitFor();

    await browser.close();
    await relay.stop();
    const { storage, sql } = await openPgliteStore({ dataDir: relay.dataDir });
    try {
      const count = async (query: string) => Number((await sql.query<{ n: number }>(query, [journalId]))[0]?.n ?? 0);
      expect(await count("select count(*)::int as n from groups where group_id = $1")).toBe(0);
      expect(await count("select count(*)::int as n from envelopes where group_id = $1")).toBe(0);
      expect(await count("select count(*)::int as n from device_counters where group_id = $1")).toBe(0);
      expect((await storage.readSince(journalId, 0)).updates).toEqual([]);
      // The group is still there (the control: the queries do see rows when there are some).
      expect(
        Number((await sql.query<{ n: number }>("select count(*)::int as n from groups where kind = 'group'"))[0]?.n),
      ).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  });
});
