/**
 * A raw client's own group: anyone may found one, and then publish envelopes the relay accepts. The
 * relay checks an envelope's signature and header, never its ciphertext, so a test can store chosen
 * bytes (random, or readable text) exactly where real envelopes go.
 */
import {
  DeviceId,
  ENVELOPE_VERSION,
  GroupId,
  MemberId,
  NONCE_BYTES,
  concatBytes,
  encodeCbor,
  headerToArray,
  keyCommitment,
  randomBytes,
  sealLockbox,
  signEntry,
  signWithContext,
  type Identity,
} from "@porch/shared";
import type { TestClient } from "./test-client.ts";

export interface OwnGroup {
  readonly id: GroupId;
  /** Hash of the group's only log entry, which every envelope names as its log head. */
  readonly head: Uint8Array;
  /** The next device counter to publish under. */
  counter: number;
}

/** Appends a `create` entry for a fresh group founded by `identity` (authenticated on `client`). */
export async function foundOwnGroup(client: TestClient, identity: Identity): Promise<OwnGroup> {
  const id = GroupId.random();
  const key = randomBytes(32);
  const me = MemberId.toBytes(identity.memberId);
  const create = signEntry(
    {
      type: "create",
      groupId: id,
      prev: null,
      author: identity.memberId,
      time: Date.now(),
      payload: {
        epochCommit: keyCommitment(key, id, 0),
        boxKey: identity.box.publicKey,
        lockbox: sealLockbox(id, 0, me, identity.box.publicKey, key),
      },
    },
    identity.signing.privateKey,
  );
  const answer = await client.request({
    type: "append",
    groupId: GroupId.toBytes(id),
    entry: create.wire,
    sealedKey: null,
  });
  if (answer.type !== "appended") throw new Error(`could not found a group: ${JSON.stringify(answer)}`);
  return { id, head: create.hash, counter: 1 };
}

/**
 * A correctly signed update envelope whose "ciphertext" is `body` as given (at least 16 bytes),
 * under the group's next counter.
 */
export function envelopeWithBody(
  identity: Identity,
  deviceId: Uint8Array,
  group: OwnGroup,
  body: Uint8Array,
): Uint8Array {
  const header = encodeCbor(
    headerToArray({
      kind: "update",
      groupId: group.id,
      epoch: 0,
      memberId: identity.memberId,
      deviceId: DeviceId.fromBytes(deviceId)!,
      counter: group.counter++,
      logHead: group.head,
      heads: [],
      coversSeq: 0,
    }),
  );
  const signed = concatBytes(
    Uint8Array.of(ENVELOPE_VERSION, header.length >> 8, header.length & 0xff),
    header,
    randomBytes(NONCE_BYTES),
    body,
  );
  return concatBytes(signed, signWithContext("update", signed, identity.signing.privateKey));
}
