import * as A from "@automerge/automerge";
import { DeviceId, GroupId, encodeCbor, parseEnvelope, randomBytes, readySodium } from "@porch/shared";
import { openEnvelope, sealEnvelope } from "@porch/shared/sealing";
import { beforeAll, describe, expect, it } from "vitest";
import { containsBytes, textEncodings } from "./byte-search.ts";
import { member } from "./members.ts";
import { checkPrivacy, type SealedItem } from "./privacy-proof.ts";

// The proof must see what a byte search cannot: a marker inside a compressed `A.save()`.
const marker = `Zq${Buffer.from(randomBytes(8)).toString("hex")}`;

function groupDocSave(): Uint8Array {
  let doc = A.change(A.init<{ goals: Record<string, unknown> }>(), (d) => void (d.goals = {}));
  for (let i = 0; i < 20; i++) {
    const title = new A.ImmutableString(i === 7 ? marker : `Goal number ${i} for the family`);
    doc = A.change(doc, (d) => void (d.goals[`g${i}`] = { title, category: "savings", amount: i * 100 }));
  }
  return A.save(doc);
}

beforeAll(readySodium);

describe("the privacy proof", () => {
  it("catches an unsealed snapshot that a byte search misses", () => {
    const save = groupDocSave();
    expect(
      textEncodings(marker).some((e) => containsBytes(save, e.bytes)),
      "precondition: the save compresses the marker away",
    ).toBe(false);
    const leaked = encodeCbor([save, [], []]);
    const findings = checkPrivacy({
      items: [{ label: "leaked snapshot", kind: "snapshot", bytes: leaked }],
      open: {},
      markers: [marker],
    });
    expect(findings.leaks.join("\n")).toContain(`decoded reading contains ${marker}`);
    const bare = checkPrivacy({
      items: [{ label: "bare save", kind: "snapshot", bytes: save }],
      open: {},
      markers: [marker],
    });
    expect(bare.leaks.join("\n")).toContain("parses as an Automerge document or change");
  });

  it("passes a sealed snapshot, and finds the marker inside once it is opened with the group key", () => {
    const ana = member("Ana");
    const groupId = GroupId.random();
    const key = randomBytes(32);
    const header = {
      kind: "snapshot" as const,
      groupId,
      epoch: 0,
      memberId: ana.identity.memberId,
      deviceId: DeviceId.fromBytes(ana.deviceId)!,
      counter: 1,
      logHead: new Uint8Array(32),
      heads: [],
      coversSeq: 0,
    };
    const sealed = sealEnvelope(header, encodeCbor([groupDocSave(), [], []]), key, ana.identity.signing.privateKey);
    const parsed = parseEnvelope(sealed);
    if (!parsed.ok) throw new Error(parsed.code);
    const item: SealedItem = {
      label: "sealed snapshot",
      kind: "envelope",
      bytes: sealed,
      body: parsed.value.ciphertext,
    };
    const open = (k: Uint8Array) => (i: SealedItem) => {
      const opened = openEnvelope(i.bytes, () => k);
      return opened.ok ? opened.value.plaintext : null;
    };
    const findings = checkPrivacy({ items: [item], open: { envelope: open(key) }, markers: [marker] });
    expect(findings.leaks).toEqual([]);
    expect(findings.unopened).toEqual([]);
    expect([...findings.inside]).toEqual([marker]);
    // The wrong key opens nothing, and the proof says so.
    expect(
      checkPrivacy({ items: [item], open: { envelope: open(randomBytes(32)) }, markers: [marker] }).unopened,
    ).toEqual(["sealed snapshot"]);
  });
});
