/**
 * Members and signed entries for relay tests, made with the real client-side crypto. Tests play the
 * client, which seals; the relay's own source never imports the sealing module.
 */
import {
  DeviceId,
  GroupId,
  MemberId,
  deriveIdentity,
  deriveInviteKeys,
  keyCommitment,
  randomBytes,
  sealLockbox,
  signEntry,
  type EnvelopeKind,
  type Identity,
  type KeyPair,
  type SignedEntry,
} from "@porch/shared";
// eslint-disable-next-line no-restricted-imports -- tests play the client, which seals envelopes
import { sealEnvelope } from "@porch/shared/sealing";

export interface TestMember {
  readonly name: string;
  readonly identity: Identity;
  readonly deviceId: Uint8Array;
}

export const member = (name: string): TestMember => ({ name, identity: deriveIdentity(randomBytes(32)), deviceId: randomBytes(16) });

/** The public state a test tracks about its group (what a client would know). */
export interface TestGroup {
  readonly id: GroupId;
  readonly bytes: Uint8Array;
  readonly epochKey: Uint8Array;
  head: Uint8Array;
}

export function newGroup(): TestGroup {
  const id = GroupId.random();
  return { id, bytes: GroupId.toBytes(id), epochKey: randomBytes(32), head: new Uint8Array(32) };
}

export function createEntry(founder: TestMember, group: TestGroup, time: number): SignedEntry {
  const memberId = MemberId.toBytes(founder.identity.memberId);
  return signEntry(
    {
      type: "create",
      groupId: group.id,
      prev: null,
      author: founder.identity.memberId,
      time,
      payload: {
        epochCommit: keyCommitment(group.epochKey, group.id, 0),
        boxKey: founder.identity.box.publicKey,
        lockbox: sealLockbox(group.id, 0, memberId, founder.identity.box.publicKey, group.epochKey),
      },
    },
    founder.identity.signing.privateKey,
  );
}

export interface TestInvite {
  readonly entry: SignedEntry;
  readonly sealedKey: Uint8Array;
  readonly keys: { readonly signing: KeyPair; readonly box: KeyPair };
}

export function inviteEntry(admin: TestMember, group: TestGroup, time: number, expiresAt = time + 72 * 3600_000): TestInvite {
  const keys = deriveInviteKeys(randomBytes(32));
  const entry = signEntry(
    {
      type: "invite",
      groupId: group.id,
      prev: group.head,
      author: admin.identity.memberId,
      time,
      payload: { inviteKey: keys.signing.publicKey, inviteBoxKey: keys.box.publicKey, expiresAt, role: "member" },
    },
    admin.identity.signing.privateKey,
  );
  const sealedKey = sealLockbox(group.id, 0, keys.signing.publicKey, keys.box.publicKey, group.epochKey);
  return { entry, sealedKey, keys };
}

export function joinEntry(joiner: TestMember, group: TestGroup, invite: TestInvite, time: number): SignedEntry {
  return signEntry(
    {
      type: "join",
      groupId: group.id,
      prev: group.head,
      author: joiner.identity.memberId,
      time,
      payload: { invite: invite.entry.hash, boxKey: joiner.identity.box.publicKey },
    },
    joiner.identity.signing.privateKey,
    invite.keys.signing.privateKey,
  );
}

export interface SealOptions {
  readonly counter: number;
  readonly kind?: EnvelopeKind;
  readonly coversSeq?: number;
  readonly epoch?: number;
  readonly logHead?: Uint8Array;
  /** Plaintext size (default 16 bytes). */
  readonly size?: number;
  /** Whose name goes in the header (default the signer). */
  readonly claimedAuthor?: TestMember;
}

/** Seals an envelope as `author`'s device would. */
export function seal(author: TestMember, group: TestGroup, options: SealOptions): Uint8Array {
  const named = options.claimedAuthor ?? author;
  return sealEnvelope(
    {
      kind: options.kind ?? "update",
      groupId: group.id,
      epoch: options.epoch ?? 0,
      memberId: named.identity.memberId,
      deviceId: DeviceId.fromBytes(named.deviceId)!,
      counter: options.counter,
      logHead: options.logHead ?? group.head,
      heads: [],
      coversSeq: options.coversSeq ?? 0,
    },
    new Uint8Array(options.size ?? 16).fill(7),
    group.epochKey,
    author.identity.signing.privateKey,
  );
}
