/**
 * Ana's device receives envelopes from the relay. Each row is something a member (or a relay) could
 * send; the device must merge what is genuine and refuse the rest without crashing.
 */
import * as A from "@automerge/automerge";
import { Repo } from "@automerge/automerge-repo";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkpointBody,
  deriveIdentity,
  deriveInviteKeys,
  DeviceId,
  encodeCbor,
  encodeCheckpoint,
  GroupId,
  keyCommitment,
  MemberId,
  randomBytes,
  readySodium,
  replayLog,
  sealLockbox,
  signCheckpoint,
  signEntry,
  type ErrorCode,
  type Identity,
} from "@porch/shared";
import { sealEnvelope } from "@porch/shared/sealing";
import { FRESH_SYNC_RECORD } from "../../engine/sync-record.ts";
import { applyRemote } from "./apply-remote.ts";
import type { GroupDoc } from "../../doc/schema.ts";
import { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";

let ana: Identity;
let ben: Identity;
const groupId = GroupId.random();
const key = randomBytes(32);
let log: Uint8Array[];
let head: Uint8Array;

beforeAll(async () => {
  await readySodium();
  ana = deriveIdentity(randomBytes(32));
  ben = deriveIdentity(randomBytes(32));
  const t = Date.now();
  const me = MemberId.toBytes(ana.memberId);
  const create = signEntry(
    {
      type: "create",
      groupId,
      prev: null,
      author: ana.memberId,
      time: t,
      payload: {
        epochCommit: keyCommitment(key, groupId, 0),
        boxKey: ana.box.publicKey,
        lockbox: sealLockbox(groupId, 0, me, ana.box.publicKey, key),
      },
    },
    ana.signing.privateKey,
  );
  const inv = deriveInviteKeys(randomBytes(32));
  const invite = signEntry(
    {
      type: "invite",
      groupId,
      prev: create.hash,
      author: ana.memberId,
      time: t,
      payload: {
        inviteKey: inv.signing.publicKey,
        inviteBoxKey: inv.box.publicKey,
        expiresAt: t + 60_000,
        role: "member",
      },
    },
    ana.signing.privateKey,
  );
  const join = signEntry(
    {
      type: "join",
      groupId,
      prev: invite.hash,
      author: ben.memberId,
      time: t,
      payload: { invite: invite.hash, boxKey: ben.box.publicKey },
    },
    ben.signing.privateKey,
    inv.signing.privateKey,
  );
  log = [create.wire, invite.wire, join.wire];
  head = join.hash;
});

function anasDevice() {
  const keys = GroupKeys.fromLog(groupId, ana, log, new Map());
  if (!keys.ok) throw new Error(keys.code);
  const handle = new Repo({ network: [] }).create<GroupDoc>();
  const record: GroupRecord = {
    groupId,
    log,
    wrappedKeys: new Uint8Array(),
    ...FRESH_SYNC_RECORD,
    needsProfileWrite: false,
  };
  return {
    deps: { groupId, deviceId: DeviceId.random(), memberId: ana.memberId, keys: keys.value, handle, slots: new Map() },
    record,
  };
}

const bensDevice = DeviceId.random();
const anasOtherDevice = DeviceId.random();

function changeBy(title: string, base = A.init<{ note?: string }>()) {
  const doc = A.change(base, (d) => {
    d.note = title;
  });
  return { doc, change: A.getLastLocalChange(doc)! };
}

function envelope(
  author: Identity,
  device: DeviceId,
  counter: number,
  changes: Uint8Array[],
  overrides: { groupId?: GroupId; epoch?: number; logHead?: Uint8Array; key?: Uint8Array } = {},
) {
  return sealEnvelope(
    {
      kind: "update",
      groupId: overrides.groupId ?? groupId,
      epoch: overrides.epoch ?? 0,
      memberId: author.memberId,
      deviceId: device,
      counter,
      logHead: overrides.logHead ?? head,
      heads: [],
      coversSeq: 0,
    },
    encodeCbor(changes),
    overrides.key ?? key,
    author.signing.privateKey,
  );
}

const note = (d: { deps: { handle: { doc(): unknown } } }) => (d.deps.handle.doc() as { note?: string }).note;

describe("applying what the relay delivers", () => {
  it("Ben's genuine update is merged and his actor is bound to him", () => {
    const device = anasDevice();
    const { change } = changeBy("hello from Ben");
    const result = applyRemote(device.deps, device.record, [{ seq: 1, bytes: envelope(ben, bensDevice, 1, [change]) }]);
    expect(result.problem).toBeNull();
    expect(result.applied).toEqual([1]);
    expect(note(device)).toBe("hello from Ben");
    expect(Object.values(result.record.actors)).toEqual([ben.memberId]);
  });

  it("Ben cannot write under Ana's actor: his envelope is refused and nothing of it is merged", () => {
    const device = anasDevice();
    const anas = changeBy("Ana's words");
    const first = applyRemote(device.deps, device.record, [
      { seq: 1, bytes: envelope(ana, anasOtherDevice, 1, [anas.change]) },
    ]);
    const forged = changeBy("Ben pretending to be Ana", anas.doc);
    // Ben wraps a change made under Ana's actor in his own correctly signed envelope.
    const second = applyRemote(device.deps, first.record, [
      { seq: 2, bytes: envelope(ben, bensDevice, 1, [forged.change]) },
    ]);
    expect(second.problem).toBe<ErrorCode>("foreign-actor");
    expect(note(device)).toBe("Ana's words");
  });

  type Row = [string, () => Uint8Array, ErrorCode, "done" | "held"];
  const rows: Row[] = [
    [
      "a tampered ciphertext",
      () => flip(envelope(ben, bensDevice, 1, [changeBy("x").change]), -80),
      "bad-signature",
      "done",
    ],
    [
      "a tampered signature",
      () => flip(envelope(ben, bensDevice, 1, [changeBy("x").change]), -1),
      "bad-signature",
      "done",
    ],
    [
      "the wrong epoch key",
      () => envelope(ben, bensDevice, 1, [changeBy("x").change], { key: randomBytes(32) }),
      "decrypt-failed",
      "done",
    ],
    [
      "another group's envelope under this group's key",
      () => envelope(ben, bensDevice, 1, [changeBy("x").change], { groupId: GroupId.random() }),
      "wrong-group",
      "done",
    ],
    [
      "an epoch this device has no key for yet",
      () => envelope(ben, bensDevice, 1, [changeBy("x").change], { epoch: 1 }),
      "stale-epoch",
      "held",
    ],
    [
      "a log head this device has never seen",
      () => envelope(ben, bensDevice, 1, [changeBy("x").change], { logHead: randomBytes(32) }),
      "unknown-log-head",
      "held",
    ],
    [
      "a stranger's envelope",
      () => envelope(deriveIdentity(randomBytes(32)), bensDevice, 1, [changeBy("x").change]),
      "unknown-log-head",
      "held",
    ],
    [
      "a payload that is not a change list",
      () =>
        sealEnvelope(
          {
            kind: "update",
            groupId,
            epoch: 0,
            memberId: ben.memberId,
            deviceId: bensDevice,
            counter: 1,
            logHead: head,
            heads: [],
            coversSeq: 0,
          },
          encodeCbor({ no: 1 }),
          key,
          ben.signing.privateKey,
        ),
      "bad-envelope",
      "done",
    ],
  ];
  it.each(rows)("refuses %s without merging it", (_name, make, code, fate) => {
    const device = anasDevice();
    const result = applyRemote(device.deps, device.record, [{ seq: 1, bytes: make() }]);
    expect(result.problem).toBe(code);
    expect(result.applied).toEqual(fate === "done" ? [1] : []);
    expect(note(device)).toBeUndefined();
  });

  it("a skipped device counter proves the relay withheld an update, and is shown", () => {
    const device = anasDevice();
    const result = applyRemote(device.deps, device.record, [
      { seq: 1, bytes: envelope(ben, bensDevice, 1, [changeBy("one").change]) },
      { seq: 3, bytes: envelope(ben, bensDevice, 3, [changeBy("three").change]) },
    ]);
    expect(result.problem).toBe<ErrorCode>("counter-gap");
    expect(result.record.counters[bensDevice]).toBe(3);
  });

  it("a replayed envelope is applied once and harmlessly ignored after", () => {
    const device = anasDevice();
    const bytes = envelope(ben, bensDevice, 1, [changeBy("once").change]);
    const first = applyRemote(device.deps, device.record, [{ seq: 1, bytes }]);
    const again = applyRemote(device.deps, first.record, [{ seq: 1, bytes }]);
    expect(again.problem).toBeNull();
    expect(again.record.tailCount).toBe(first.record.tailCount);
    expect(note(device)).toBe("once");
  });
});

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = at < 0 ? copy.length + at : at;
  copy[i] = copy[i]! ^ 0x01;
  return copy;
}

describe("a device that joined from a checkpoint", () => {
  /** Cara's device: the checkpoint after Ben's join (signed by Ana and Ben), no entries after it. */
  function carasDevice(extraKeys: [number, Uint8Array][] = []) {
    const cara = deriveIdentity(randomBytes(32));
    const state = replayLog(log);
    if (!state.ok) throw new Error(state.code);
    const body = checkpointBody(state.value);
    const wire = encodeCheckpoint(
      body,
      [ana, ben].map((m) => signCheckpoint(body, m.memberId, m.signing.privateKey)),
    );
    const keys = GroupKeys.fromLog(groupId, cara, [], new Map([[0, key], ...extraKeys]), wire);
    if (!keys.ok) throw new Error(keys.code);
    const handle = new Repo({ network: [] }).create<GroupDoc>();
    const record: GroupRecord = {
      groupId,
      log: [],
      checkpoint: wire,
      wrappedKeys: new Uint8Array(),
      ...FRESH_SYNC_RECORD,
      needsProfileWrite: false,
    };
    return {
      deps: {
        groupId,
        deviceId: DeviceId.random(),
        memberId: cara.memberId,
        keys: keys.value,
        handle,
        slots: new Map(),
      },
      record,
    };
  }
  const deliver = (device: ReturnType<typeof carasDevice>, bytes: Uint8Array) =>
    applyRemote(device.deps, device.record, [{ seq: 1, bytes }]);

  it("counts the log from the checkpoint's length", () => {
    expect(carasDevice().deps.keys.length).toBe(log.length);
  });

  it("merges Ben's update naming the checkpoint's head", () => {
    const device = carasDevice();
    expect(deliver(device, envelope(ben, bensDevice, 1, [changeBy("at the head").change])).problem).toBeNull();
    expect(note(device)).toBe("at the head");
  });

  it("merges Ben's update naming a head from before the checkpoint, sealed under an epoch at or before it", () => {
    const device = carasDevice();
    const older = randomBytes(32); // a head it cannot place: the entries before the checkpoint are not on this device
    const result = deliver(device, envelope(ben, bensDevice, 1, [changeBy("from before").change], { logHead: older }));
    expect(result.problem).toBeNull();
    expect(note(device)).toBe("from before");
  });

  it("refuses an unknown head under an epoch after the checkpoint's, and a stranger's envelope", () => {
    const key1 = randomBytes(32);
    const device = carasDevice([[1, key1]]);
    const later = envelope(ben, bensDevice, 1, [changeBy("x").change], {
      epoch: 1,
      key: key1,
      logHead: randomBytes(32),
    });
    expect(deliver(device, later).problem).toBe<ErrorCode>("unknown-log-head");
    const eve = deriveIdentity(randomBytes(32));
    const stranger = envelope(eve, DeviceId.random(), 1, [changeBy("y").change], { logHead: randomBytes(32) });
    expect(deliver(carasDevice(), stranger).problem).toBe<ErrorCode>("unknown-log-head");
    expect(note(device)).toBeUndefined();
  });
});
