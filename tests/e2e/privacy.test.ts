/**
 * The relay sees only ciphertext. Ana, Ben and Cara use Porch for real — create, invite, join, goals,
 * an edit, Ben offline and back, enough edits for a snapshot, Ana linking her tablet (which carries her
 * root seed through the relay and posts a device notice), and Ana removing Cara (a key rotation) —
 * every name and title a unique marker. Then:
 *
 * - every sealed item that crossed the wire (envelopes, snapshots, notices, the link payload) and every
 *   envelope and notice the relay stored goes through the privacy proof (@porch/testing/privacy-proof):
 *   opened with keys read from Ana's own device, the markers are inside (positive control); as captured,
 *   none parses as an Automerge document or change, or as CBOR/JSON carrying a marker (negative control);
 * - every byte the relay left on disk is searched for the markers and for Ana's root seed.
 *
 * What the disk search can and cannot see: it finds bytes stored verbatim. PostgreSQL (PGlite)
 * pglz-compresses a value over ~2 KB when that saves enough, which hides text inside it — the
 * controls below show this happening. Ciphertext does not compress, so sealed envelopes are stored
 * verbatim (inline, or TOASTed out of line when large), and the controls show the search finding
 * readable text and random bytes stored exactly where envelopes go. So: a plaintext leak in any
 * value under ~2 KB, or in an incompressible one, would be caught; a plaintext leak inside a large
 * compressible value would not be, nor would a marker inside a compressed Automerge save — which is
 * why the stored rows also go through the privacy proof. The wire search has no such gap: the relay's
 * `ws` server does not enable permessage-deflate, and every captured payload parses as a protocol frame.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import {
  GroupId,
  MemberId,
  deriveIdentity,
  parseClientFrame,
  parseEnvelope,
  parseServerFrame,
  readySodium,
} from "@porch/shared";
import { openEnvelope, openSealedBox } from "@porch/shared/sealing";
import { openPgliteStorage } from "@porch/sync-server/in-process";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { containsBytes, readTree, textEncodings, whereFound } from "@porch/testing/byte-search";
import { browserDeviceSecrets, type DeviceSecrets } from "@porch/testing/device-secrets";
import { nextFrame, recordFrames, type RecordedFrames } from "@porch/testing/frame-recorder";
import { envelopeWithBody, foundOwnGroup } from "@porch/testing/own-group";
import { expectPrivate, type SealedItem } from "@porch/testing/privacy-proof";
import { TestClient } from "@porch/testing/test-client";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import {
  addGoal,
  createGroup,
  editGoal,
  inviteLink,
  onboard,
  openGroup,
  waitForGoal,
  waitForSync,
  backToGroup,
  openMembers,
  waitForMemberName,
} from "@porch/testing/porch-page";

const marker = (prefix: string) => prefix + randomBytes(8).toString("hex");
/** More updates than the client's snapshot threshold (50 since the last snapshot). */
const BULK = 54;
const M = {
  group: marker("Zq"),
  ana: marker("Ana"),
  ben: marker("Ben"),
  cara: marker("Cara"),
  anaGoal: marker("Zq"),
  benGoal: marker("Zq"),
  benGoalEdited: marker("Zq"),
  benOfflineGoal: marker("Zq"),
  caraGoal: marker("Zq"),
  afterRemoval: marker("Zq"),
  ...Object.fromEntries(Array.from({ length: BULK }, (_, i) => [`bulk${i}`, marker("Zq")])),
} as Record<string, string>;
const m = (key: string): string => M[key] ?? expect.fail(`no marker ${key}`);

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
let cara: Device;
let tablet: Device;
const frames: Record<"ana" | "ben" | "cara" | "tablet", RecordedFrames> = {
  ana: { received: [], sent: [], sockets: [] },
  ben: { received: [], sent: [], sockets: [] },
  cara: { received: [], sent: [], sockets: [] },
  tablet: { received: [], sent: [], sockets: [] },
};

beforeAll(async () => {
  await readySodium();
  relay = await startRelay();
  browser = await launchBrowser();
  ana = await newDevice(browser, relay.url);
  ben = await newDevice(browser, relay.url);
  cara = await newDevice(browser, relay.url);
  tablet = await newDevice(browser, relay.url);
  recordFrames(ana.page, frames.ana);
  recordFrames(ben.page, frames.ben);
  recordFrames(cara.page, frames.cara);
  recordFrames(tablet.page, frames.tablet);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

type Labelled = { label: string; bytes: Uint8Array };
const labelled = (name: string, list: Uint8Array[]): Labelled[] =>
  list.map((bytes, i) => ({ label: `${name}#${i}`, bytes }));
const allFrames = (): Labelled[] =>
  Object.entries(frames).flatMap(([who, f]) => [
    ...labelled(`${who}<-relay`, f.received),
    ...labelled(`${who}->relay`, f.sent),
  ]);

/** Asserts no marker occurs, in any encoding, in any of `buffers`. */
function expectNoMarkers(buffers: Labelled[]): void {
  for (const [name, text] of Object.entries(M)) {
    for (const encoding of textEncodings(text)) {
      expect(whereFound(buffers, encoding.bytes), `${name} (${encoding.name})`).toEqual([]);
    }
  }
}

const isSnapshotPublish = (bytes: Uint8Array, direction: "sent" | "received") => {
  if (direction !== "sent") return false;
  const frame = parseClientFrame(bytes);
  if (frame?.type !== "publish") return false;
  const parsed = parseEnvelope(frame.envelope);
  return parsed.ok && parsed.value.header.kind === "snapshot";
};

/** Every sealed item in a frame: group envelopes, device notices, the device-link payload. */
function sealedItems(label: string, bytes: Uint8Array): SealedItem[] {
  const envelope = (l: string, b: Uint8Array): SealedItem => {
    const parsed = parseEnvelope(b);
    return { label: l, kind: "envelope", bytes: b, ...(parsed.ok ? { body: parsed.value.ciphertext } : {}) };
  };
  const client = parseClientFrame(bytes);
  if (client?.type === "publish") return [envelope(`${label} publish`, client.envelope)];
  if (client?.type === "notice-post") return [{ label: `${label} notice-post`, kind: "notice", bytes: client.sealed }];
  if (client?.type === "link-complete" && client.sealed !== null)
    return [{ label: `${label} link-complete`, kind: "link", bytes: client.sealed }];
  const server = parseServerFrame(bytes);
  if (server?.type === "envelope") return [envelope(`${label} envelope`, server.bytes)];
  if (server?.type === "catch-up") {
    return [
      ...(server.snapshot === null ? [] : [envelope(`${label} catch-up snapshot`, server.snapshot.bytes)]),
      ...server.updates.map((u) => envelope(`${label} catch-up update ${u.seq}`, u.bytes)),
    ];
  }
  if (server?.type === "notice-list")
    return server.notices.map((n) => ({ label: `${label} notice ${n.seq}`, kind: "notice", bytes: n.sealed }));
  if (server?.type === "link-sealed") return [{ label: `${label} link-sealed`, kind: "link", bytes: server.sealed }];
  return [];
}

/** How each kind opens with Ana's keys (group envelopes of every epoch, notices to her own box key). */
/**
 * Envelopes open with Ana's group keys; a device notice is sealed to its member's own devices, so each
 * opens with its member's key (every device announces itself to the member's other devices).
 */
function openers(secrets: DeviceSecrets, groupId: GroupId, others: readonly DeviceSecrets[] = []) {
  const keys = secrets.groups.get(groupId) ?? expect.fail("Ana's device holds no keys for the group");
  const boxes = [secrets, ...others].map((s) => deriveIdentity(s.seed).box);
  return {
    envelope: (item: SealedItem) => {
      const opened = openEnvelope(item.bytes, (h) => keys.get(h.epoch) ?? null);
      return opened.ok ? opened.value.plaintext : null;
    },
    notice: (item: SealedItem) => {
      for (const box of boxes) {
        const opened = openSealedBox(item.bytes, box);
        if (opened.ok) return opened.value;
      }
      return null;
    },
  };
}

describe("what the relay sees", () => {
  let groupId: GroupId;
  let secrets: DeviceSecrets;
  let othersSecrets: DeviceSecrets[] = [];
  let words: string[];

  it("Ana, Ben and Cara share a group, goals, edits, a snapshot, a linked tablet and a removal", async () => {
    words = await onboard(ana.page, m("ana"));
    await createGroup(ana.page, m("group"));
    groupId = GroupId.parse(new URL(ana.page.url()).hash.replace(/^#\/group\//, ""))!;
    expect(groupId).not.toBeNull();
    for (const [device, name] of [
      [ben, m("ben")],
      [cara, m("cara")],
    ] as const) {
      const link = new URL(await inviteLink(ana.page));
      await onboard(device.page, name, link.pathname + link.hash);
      await device.page
        .getByTestId("group-name")
        .filter({ hasText: m("group") })
        .waitFor({ timeout: 30_000 });
      await waitForMemberName(device.page, m("ana"));
    }

    await addGoal(ana.page, m("anaGoal"), "savings", 1500);
    await addGoal(ben.page, m("benGoal"), "education");
    await addGoal(cara.page, m("caraGoal"), "family");
    await editGoal(ben.page, m("benGoal"), m("benGoalEdited"));
    await waitForGoal(ana.page, m("benGoalEdited"));

    await ben.context.setOffline(true);
    await waitForSync(ben.page, "offline");
    await addGoal(ben.page, m("benOfflineGoal"), "debt", 4200);
    await ben.context.setOffline(false);
    await waitForGoal(ana.page, m("benOfflineGoal"));
    await waitForSync(ben.page, "synced");

    // Enough acknowledged updates for a snapshot (each edit waits for its ack, so none coalesce).
    const snapshot = Promise.any([
      nextFrame(frames.ana, isSnapshotPublish, 120_000),
      nextFrame(frames.ben, isSnapshotPublish, 120_000),
    ]);
    for (let i = 0; i < BULK; i++) {
      const page = i % 2 === 0 ? ana.page : ben.page;
      await addGoal(page, m(`bulk${i}`), "other");
      await waitForSync(page, "synced");
    }
    await snapshot;

    // Ana links her tablet: her root seed crosses the relay sealed to the tablet's ephemeral key, and
    // the tablet posts a notice sealed to her own box key, which her phone reads.
    await ana.page.goto("/");
    await ana.page.getByTestId("devices-link").click();
    await ana.page.getByTestId("device-link-button").click();
    const deviceLink = new URL(await ana.page.getByTestId("device-link").inputValue());
    await tablet.page.goto(deviceLink.pathname + deviceLink.hash);
    await tablet.page
      .getByTestId("group-link")
      .filter({ hasText: m("group") })
      .waitFor({ timeout: 30_000 });
    await ana.page.reload();
    await ana.page
      .getByTestId("device-notice")
      .filter({ hasText: "A new device was added" })
      .waitFor({ timeout: 20_000 });

    // Ana removes Cara: one entry, a new epoch; Ben's next goal is sealed under the new key.
    await openGroup(ana.page, m("group"));
    await openMembers(ana.page);
    await ana.page
      .getByTestId("member")
      .filter({ hasText: m("cara") })
      .getByTestId("member-remove")
      .click();
    await ana.page.getByTestId("confirm-remove").click();
    await backToGroup(ana.page);
    await cara.page.getByTestId("removed-notice").waitFor({ timeout: 20_000 });
    await ben.page
      .getByTestId("group-who")
      .filter({ hasText: m("cara") })
      .waitFor({ state: "detached", timeout: 20_000 });
    await addGoal(ben.page, m("afterRemoval"), "housing");
    await waitForGoal(ana.page, m("afterRemoval"));
    await waitForSync(ana.page, "synced");

    // The markers really are the members' data: the browser shows them after decrypting.
    const text = await ana.page.content();
    for (const key of ["group", "ana", "ben", "anaGoal", "benGoalEdited", "benOfflineGoal", "afterRemoval", "bulk0"])
      expect(text).toContain(m(key));
    secrets = await browserDeviceSecrets(ana.page);
    othersSecrets = [await browserDeviceSecrets(ben.page), await browserDeviceSecrets(cara.page)];
    // Every join owes a rotation and the removal carries one: Ana holds a key per epoch.
    expect(secrets.groups.get(groupId)?.size).toBeGreaterThanOrEqual(2);
  });

  it("every sealed item on the wire opens with Ana's keys to the markers, and none reads as plaintext as captured", () => {
    const items = allFrames().flatMap(({ label, bytes }) => sealedItems(label, bytes));
    const kinds = (kind: string) => items.filter((i) => i.kind === kind).length;
    expect(kinds("link"), "the link payload was captured").toBeGreaterThanOrEqual(2);
    expect(kinds("notice"), "the device notice was captured").toBeGreaterThanOrEqual(2);
    const findings = expectPrivate({
      items,
      open: openers(secrets, groupId, othersSecrets),
      markers: Object.values(M),
    });
    expect(findings.opened["envelope"]).toBe(kinds("envelope"));
    expect(findings.opened["notice"]).toBe(kinds("notice"));
    // The snapshot and the removal's new epoch really are in what was judged.
    const headers = items.flatMap((i) => {
      const parsed = i.kind === "envelope" ? parseEnvelope(i.bytes) : null;
      return parsed?.ok ? [parsed.value.header] : [];
    });
    expect(headers.some((h) => h.kind === "snapshot")).toBe(true);
    const removalEpoch = Math.max(...(secrets.groups.get(groupId)?.keys() ?? []));
    expect(headers.some((h) => h.epoch === removalEpoch && h.memberId === headers.at(-1)?.memberId)).toBe(true);
  });

  it("no frame on the wire carries a marker or Ana's seed, and the capture did see the relay's frames", () => {
    const all = allFrames();
    expect(frames.ana.sockets.some((url) => url.endsWith("/api/sync"))).toBe(true);
    expectNoMarkers(all);
    expect(whereFound(all, secrets.seed)).toEqual([]);
    expect(whereFound(all, textEncodings(words.join(" "))[0]!.bytes)).toEqual([]);

    // Positive controls: the search finds what is known to be in these frames.
    const fromRelay = Object.entries(frames).flatMap(([who, f]) => labelled(who, f.received));
    expect(whereFound(fromRelay, GroupId.toBytes(groupId)).length).toBeGreaterThan(0);
    expect(whereFound(fromRelay, textEncodings(relay.url)[0]!.bytes).length).toBeGreaterThan(0); // the challenge's origin
    // Every frame parses as protocol, so nothing travels beside the CBOR frames.
    for (const f of Object.values(frames)) {
      for (const bytes of f.received) expect(parseServerFrame(bytes)).not.toBeNull();
      for (const bytes of f.sent) expect(parseClientFrame(bytes)).not.toBeNull();
    }
    // Ben's envelopes reach Ana through the relay byte for byte (they are the same sealed bytes).
    const benEnvelopes = publishedEnvelopes(frames.ben);
    expect(benEnvelopes.length).toBeGreaterThanOrEqual(3);
    for (const envelope of benEnvelopes)
      expect(whereFound(labelled("ana", frames.ana.received), envelope).length).toBeGreaterThan(0);
  });

  it("no file the relay wrote carries a marker, and the search finds what it did store", async () => {
    // Controls stored exactly where envelopes go: readable text in an envelope-sized value, random
    // bytes in a value large enough to be TOASTed, and readable, compressible text in one too.
    const controls = { small: marker("Zq"), compressible: marker("Zq") };
    const random = new Uint8Array(randomBytes(64 * 1024));
    const nosy = { identity: deriveIdentity(randomBytes(32)), deviceId: new Uint8Array(randomBytes(16)) };
    const client = await TestClient.as(relay.syncUrl, nosy);
    const own = await foundOwnGroup(client, nosy.identity);
    const bodies = [
      new TextEncoder().encode(controls.small.padEnd(500, ".")),
      random,
      new TextEncoder().encode(controls.compressible + " and so on".repeat(1000)),
    ];
    for (const body of bodies) {
      expect(
        await client.request({ type: "publish", envelope: envelopeWithBody(nosy.identity, nosy.deviceId, own, body) }),
      ).toMatchObject({ type: "ack" });
    }
    await client.close();

    await browser.close();
    await relay.stop(); // PGlite flushes on a graceful shutdown
    const files = (await readTree(relay.dataDir)).map(({ path, bytes }) => ({ label: path, bytes }));
    expect(files.length).toBeGreaterThan(0);
    expectNoMarkers(files);
    expect(whereFound(files, secrets.seed)).toEqual([]);

    // Positive controls, stored the way envelopes and log entries are (bytea columns).
    expect(whereFound(files, GroupId.toBytes(groupId)).length).toBeGreaterThan(0);
    // A readable marker in an envelope-sized value is found (heap page and WAL), and so is a window
    // of a 64 KB random value (TOASTed out of line): the search sees where envelopes are kept.
    expect(whereFound(files, textEncodings(controls.small)[0]!.bytes).length).toBeGreaterThan(0);
    expect(whereFound(files, random.subarray(30_000, 30_048)).length).toBeGreaterThan(0);
    // The limitation, measured: a compressible 10 KB value is pglz-compressed and its marker is NOT
    // found. Only sealed (incompressible) bytes are safe to judge by this search; should this start
    // failing, PGlite stores such values verbatim and the caveat in the header can go.
    expect(whereFound(files, textEncodings(controls.compressible)[0]!.bytes)).toEqual([]);
    // A CBOR text key inside Ana's stored `invite` entry: text inside a stored value is found.
    expect(whereFound(files, textEncodings("inviteBoxKey")[0]!.bytes).length).toBeGreaterThan(0);
    // Every published envelope, small or TOASTed, is found on disk (a 48-byte window, since a large
    // value is cut into ~2 KB chunks and one window might straddle a cut).
    const envelopes = Object.values(frames).flatMap(publishedEnvelopes);
    expect(envelopes.length).toBeGreaterThanOrEqual(4);
    for (const envelope of envelopes) {
      const windows = [0, envelope.length >> 1, envelope.length - 48].map((at) => envelope.subarray(at, at + 48));
      expect(windows.some((w) => files.some((f) => containsBytes(f.bytes, w)))).toBe(true);
    }

    // The stored rows themselves (the latest snapshot, the updates after it, Ana's notices) go
    // through the privacy proof too: a byte search cannot see inside a compressed Automerge save.
    const storage = await openPgliteStorage({ dataDir: relay.dataDir });
    try {
      const stored = await storage.readSince(GroupId.toBytes(groupId), 0);
      expect(stored.snapshot).not.toBeNull();
      const rows: SealedItem[] = [...(stored.snapshot === null ? [] : [stored.snapshot]), ...stored.updates].map(
        (row, i) => {
          const parsed = parseEnvelope(row.bytes);
          return {
            label: `stored row ${i}`,
            kind: "envelope",
            bytes: row.bytes,
            ...(parsed.ok ? { body: parsed.value.ciphertext } : {}),
          };
        },
      );
      const notices = await storage.readNotices(MemberId.toBytes(deriveIdentity(secrets.seed).memberId), 0);
      expect(notices.length).toBeGreaterThan(0);
      rows.push(
        ...notices.map((n): SealedItem => ({ label: `stored notice ${n.seq}`, kind: "notice", bytes: n.sealed })),
      );
      // Only what the latest snapshot and later updates hold must be inside.
      const inSnapshotOrLater = [m("group"), m("ana"), m("ben"), m("anaGoal"), m("benGoalEdited"), m("afterRemoval")];
      expectPrivate({
        items: rows,
        open: openers(secrets, groupId),
        markers: Object.values(M),
        notExpectedInside: Object.values(M).filter((x) => !inSnapshotOrLater.includes(x)),
      });
    } finally {
      await storage.close();
    }
  });
});

/** The sealed envelopes a browser published. */
/**
 * The envelopes a device published that the relay acknowledged. A publish sent as the network drops
 * may never arrive; its outbox item is sealed afresh (new nonce) when the device reconnects, so only
 * acknowledged bytes are expected at the relay and at the other members.
 */
function publishedEnvelopes(frames: RecordedFrames): Uint8Array[] {
  const acked = new Set(
    frames.received.flatMap((bytes) => {
      const frame = parseServerFrame(bytes);
      return frame?.type === "ack" ? [frame.id] : [];
    }),
  );
  return frames.sent.flatMap((bytes) => {
    const frame = parseClientFrame(bytes);
    return frame?.type === "publish" && acked.has(frame.id) ? [frame.envelope] : [];
  });
}
