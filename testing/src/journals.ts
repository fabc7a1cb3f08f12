/**
 * A member's private journal as the client addresses the relay for it: the socket authenticates with
 * the journal signing key (never the member's group identity), the journal id is
 * `keyedHash(journalKey, "porch/v1/journal")` cut to 16 bytes, and envelopes are sealed at epoch 0
 * with an all-zero log head. `seal(journal.author, journal.doc, …)` from members.ts seals one.
 */
import { GroupId, MemberId, keyedHash, randomBytes } from "@porch/shared";
import type { TestGroup, TestMember } from "./members.ts";

export interface TestJournal {
  /** The journal's identity on one device: it authenticates journal sockets and signs envelopes. */
  readonly author: TestMember;
  /** The journal as a sealing target: its id, the journal key, epoch 0, no log head. */
  readonly doc: TestGroup;
}

/** `owner`'s journal, on `owner`'s device (or another device of theirs with `deviceId`). */
export function journalOf(owner: TestMember, deviceId: Uint8Array = journalDeviceId(owner)): TestJournal {
  const { journalKey, journalSigning } = owner.identity;
  const id = GroupId.fromBytes(keyedHash(journalKey, "porch/v1/journal").subarray(0, 16))!;
  return {
    author: {
      name: `${owner.name}'s journal`,
      identity: { ...owner.identity, memberId: MemberId.fromBytes(journalSigning.publicKey)!, signing: journalSigning },
      deviceId,
    },
    doc: { id, bytes: GroupId.toBytes(id), epochKey: journalKey, epoch: 0, head: new Uint8Array(32) },
  };
}

/**
 * The device id a member's device uses on its journal socket, as the client derives it
 * (client journal-keys.ts): a keyed hash of the device's own id, never the id its group socket uses,
 * which the relay binds to the member's group identity.
 */
export function journalDeviceId(owner: TestMember): Uint8Array {
  return keyedHash(owner.identity.journalKey, "porch/v1/journal-device", owner.deviceId).subarray(0, 16);
}

/** Another device of the same journal identity. */
export function anotherDevice(journal: TestJournal): TestMember {
  return { ...journal.author, deviceId: randomBytes(16) };
}
