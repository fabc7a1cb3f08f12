/** Encoding and edge parsing of frames. */
import { encodeCbor, decodeCbor } from "../codec.ts";
import { concatBytes } from "../bytes.ts";
import { parseWith } from "../schema-helpers.ts";
import { ClientFrame } from "./client-frames.ts";
import { ServerFrame, type ChallengeFrame } from "./server-frames.ts";

/** Encodes any frame as CBOR. */
export function encodeFrame(frame: ClientFrame | ServerFrame): Uint8Array {
  return encodeCbor(frame);
}

/** Parses an untrusted client frame; `null` if malformed (never throws). */
export function parseClientFrame(bytes: Uint8Array): ClientFrame | null {
  return parseWith(ClientFrame, decodeCbor(bytes));
}

/** Parses a relay frame; `null` if malformed. */
export function parseServerFrame(bytes: Uint8Array): ServerFrame | null {
  return parseWith(ServerFrame, decodeCbor(bytes));
}

/** The bytes a client signs (context `porch/v1/auth`) to answer a challenge. */
export function authMessage(
  challenge: Pick<ChallengeFrame, "nonce" | "origin" | "time">,
  memberId: Uint8Array,
  deviceId: Uint8Array,
): Uint8Array {
  return encodeCbor(["porch-auth", challenge.nonce, challenge.origin, challenge.time, memberId, deviceId]);
}

/** The bytes an invitation key signs (context `porch/v1/invite-lookup`) to read a group's log. */
export function inviteLookupMessage(challengeNonce: Uint8Array, groupId: Uint8Array): Uint8Array {
  return concatBytes(challengeNonce, groupId);
}
