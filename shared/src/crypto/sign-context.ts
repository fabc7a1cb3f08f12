/**
 * Every signature in Porch is over `len(context) ‖ context ‖ bytes`, with the context taken from this
 * one table, so a signature made for one purpose can never be replayed as another.
 */
import { concatBytes, utf8 } from "../bytes.ts";
import { sodium } from "./sodium.ts";

/** The fixed table of signature contexts. Never reuse or rename an entry; add new ones. */
export const SIGN_CONTEXTS = {
  /** Relay authentication: the client signs the relay's challenge. */
  auth: "porch/v1/auth",
  /** A membership-log entry, signed by its author. */
  entry: "porch/v1/entry",
  /** A `join` entry, co-signed by the invitation key. */
  inviteJoin: "porch/v1/invite-join",
  /** A membership-log checkpoint (the state after entry N), signed by each member who checked it against their own replay. */
  checkpoint: "porch/v1/checkpoint",
  /** Proof of holding an invitation secret, to read the group's public log before joining. */
  inviteLookup: "porch/v1/invite-lookup",
  /** A sealed envelope (update, snapshot). */
  update: "porch/v1/update",
  /** An aggregation round's call, signed by the organization's key. */
  manifest: "porch/v1/round-manifest",
  /** A steward accepting a round's manifest with its per-round key. */
  stewardAccept: "porch/v1/steward-accept",
  /** A member's sealed report to a round (its shares' hashes), signed with the member's identity. */
  report: "porch/v1/report",
  /** A cohort's record (name, keys, field rules, disclosure rules), signed by the organization. */
  cohort: "porch/v1/cohort",
  /** A member's enrolment in a cohort, signed with the enrolment key from the organization's link. */
  enrol: "porch/v1/enrol",
  /** The relay's receipt for a member's report. */
  relayReceipt: "porch/v1/relay-receipt",
  /** The relay's signature of a round's frozen batch (or its abort). */
  relayBatch: "porch/v1/relay-batch",
  /** A steward's partial sum, signed with its identity. */
  partial: "porch/v1/partial",
  /** The relay's signature of a published release. */
  relayRelease: "porch/v1/relay-release",
  /** A second member's (or a journal's second device's) acknowledgement of a snapshot envelope. */
  snapshotAck: "porch/v1/snapshot-ack",
} as const;

/** One signature context. */
export type SignContext = keyof typeof SIGN_CONTEXTS;

function framed(context: SignContext, bytes: Uint8Array): Uint8Array {
  const label = utf8(SIGN_CONTEXTS[context]);
  return concatBytes(Uint8Array.of(label.length), label, bytes);
}

/** Ed25519 detached signature of `bytes` under `context`. */
export function signWithContext(context: SignContext, bytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sodium().crypto_sign_detached(framed(context, bytes), secretKey);
}

/** Verifies a signature made by `signWithContext`; false for any malformed input (never throws). */
export function verifyWithContext(
  context: SignContext,
  bytes: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return sodium().crypto_sign_verify_detached(signature, framed(context, bytes), publicKey);
  } catch {
    return false;
  }
}
