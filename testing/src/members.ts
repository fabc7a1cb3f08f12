/**
 * Members and signed entries for relay tests, made with the real client-side crypto. Tests play the
 * client, which seals; the relay's source never imports the sealing module (this workspace may).
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
  type EntryType,
  type EnvelopeKind,
  type Identity,
  type KeyPair,
  type Payload,
  type Role,
  type SignedEntry,
} from "@porch/shared";
import { sealEnvelope, sealPreviousKey } from "@porch/shared/sealing";

export interface TestMember {
  readonly name: string;
  readonly identity: Identity;
  readonly deviceId: Uint8Array;
}

const madeMembers: TestMember[] = [];
const madeInvites: { readonly group: Uint8Array; readonly id: Uint8Array }[] = [];

/** Everyone `member` has made in this test file: a probe checks each one's groups. */
export const everyMember = (): readonly TestMember[] => madeMembers;
/** Every invitation `inviteEntry` has made for `group` (stored or not): a probe checks each one's key. */
export const everyInviteOf = (group: TestGroup): readonly Uint8Array[] =>
  madeInvites.filter((i) => GroupId.fromBytes(i.group) === group.id).map((i) => i.id);

export function member(name: string): TestMember {
  const made = { name, identity: deriveIdentity(randomBytes(32)), deviceId: randomBytes(16) };
  madeMembers.push(made);
  return made;
}

/** The public state a test tracks about its group (what a client would know). */
export interface TestGroup {
  readonly id: GroupId;
  readonly bytes: Uint8Array;
  /** The current epoch's key and number (a test moves them after an accepted rotation). */
  epochKey: Uint8Array;
  epoch: number;
  head: Uint8Array;
}

export function newGroup(): TestGroup {
  const id = GroupId.random();
  return { id, bytes: GroupId.toBytes(id), epochKey: randomBytes(32), epoch: 0, head: new Uint8Array(32) };
}

/** Signs an entry of any type by `author` on the group's current head (or `prev`). */
export function entryBy<T extends EntryType>(
  author: TestMember,
  group: TestGroup,
  type: T,
  payload: Payload<T>,
  time: number,
  prev: Uint8Array = group.head,
): SignedEntry {
  return signEntry(
    { type, groupId: group.id, prev, author: author.identity.memberId, time, payload },
    author.identity.signing.privateKey,
  );
}

/** A new epoch for `recipients`: its key and the rotation fields of a `rotate` or `remove` payload. */
export interface TestRotation {
  readonly key: Uint8Array;
  readonly epoch: number;
  readonly payload: Payload<"rotate">;
}

export function rotation(
  group: TestGroup,
  recipients: readonly TestMember[],
  key: Uint8Array = randomBytes(32),
): TestRotation {
  const epoch = group.epoch + 1;
  const lockboxes = recipients.map((m): [Uint8Array, Uint8Array] => {
    const id = MemberId.toBytes(m.identity.memberId);
    return [id, sealLockbox(group.id, epoch, id, m.identity.box.publicKey, key)];
  });
  return {
    key,
    epoch,
    payload: {
      epoch,
      epochCommit: keyCommitment(key, group.id, epoch),
      lockboxes,
      prevKey: sealPreviousKey(group.id, epoch, key, group.epochKey),
    },
  };
}

/** An admin rotates the key for `recipients` (every current member, for a valid one). */
export function rotateEntry(
  admin: TestMember,
  group: TestGroup,
  recipients: readonly TestMember[],
  time: number,
): { readonly entry: SignedEntry; readonly rotation: TestRotation } {
  const next = rotation(group, recipients);
  return { entry: entryBy(admin, group, "rotate", next.payload, time), rotation: next };
}

/** An admin removes `target`, rotating inline for `remaining` (everyone else, for a valid one). */
export function removeEntry(
  admin: TestMember,
  group: TestGroup,
  target: TestMember,
  remaining: readonly TestMember[],
  time: number,
): { readonly entry: SignedEntry; readonly rotation: TestRotation } {
  const next = rotation(group, remaining);
  return {
    entry: entryBy(
      admin,
      group,
      "remove",
      { member: MemberId.toBytes(target.identity.memberId), ...next.payload },
      time,
    ),
    rotation: next,
  };
}

/** `who` leaves, naming `successor` (needed when the last admin leaves). */
export function leaveEntry(
  who: TestMember,
  group: TestGroup,
  time: number,
  successor: TestMember | null = null,
): SignedEntry {
  return entryBy(
    who,
    group,
    "leave",
    { successor: successor === null ? null : MemberId.toBytes(successor.identity.memberId) },
    time,
  );
}

/** An admin gives `target` a role. */
export function setRoleEntry(
  admin: TestMember,
  group: TestGroup,
  target: TestMember,
  role: Role,
  time: number,
): SignedEntry {
  return entryBy(admin, group, "set-role", { member: MemberId.toBytes(target.identity.memberId), role }, time);
}

/** An admin withdraws an invitation. */
export function revokeEntry(admin: TestMember, group: TestGroup, invite: TestInvite, time: number): SignedEntry {
  return entryBy(admin, group, "revoke-invite", { invite: invite.entry.hash }, time);
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

export function inviteEntry(
  admin: TestMember,
  group: TestGroup,
  time: number,
  expiresAt = time + 72 * 3600_000,
  role: Role = "member",
): TestInvite {
  const keys = deriveInviteKeys(randomBytes(32));
  const entry = signEntry(
    {
      type: "invite",
      groupId: group.id,
      prev: group.head,
      author: admin.identity.memberId,
      time,
      payload: { inviteKey: keys.signing.publicKey, inviteBoxKey: keys.box.publicKey, expiresAt, role },
    },
    admin.identity.signing.privateKey,
  );
  const sealedKey = sealLockbox(group.id, group.epoch, keys.signing.publicKey, keys.box.publicKey, group.epochKey);
  madeInvites.push({ group: group.bytes, id: entry.hash });
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
      epoch: options.epoch ?? group.epoch,
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
