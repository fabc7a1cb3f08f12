/**
 * The sealed envelope, as both sides see it before decryption:
 *
 *   version (1 byte = 1) ‖ header length (u16 BE) ‖ header (CBOR array) ‖ nonce (24) ‖ ciphertext ‖ signature (64)
 *
 * The header is a fixed-order CBOR array: [kind, groupId, epoch, memberId, deviceId, counter,
 * logHead, heads, coversSeq]. The AEAD's associated data is everything up to and including the header,
 * so a replay across groups or epochs fails to open. The Ed25519 signature (context `porch/v1/update`)
 * covers everything before it, so the relay can check authorship without reading anything.
 * This module only parses and verifies; sealing and opening live in `@porch/shared/sealing`.
 */
import * as v from "valibot";
import { DeviceId, GroupId, MemberId } from "../ids.ts";
import { decodeCbor } from "../codec.ts";
import { err, ok, type Result } from "../result.ts";
import { bytesOf, parseWith, uint } from "../schema-helpers.ts";
import { verifyWithContext } from "./sign-context.ts";

/** The envelope format version this code writes and reads. */
export const ENVELOPE_VERSION = 1;
/** Bytes of nonce, AEAD tag and signature. */
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const SIGNATURE_BYTES = 64;

/** What an envelope carries. `presence` is never stored. */
export const ENVELOPE_KINDS = ["update", "snapshot"] as const;
/** One envelope kind. */
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

const HeaderSchema = v.strictTuple([
  v.picklist(ENVELOPE_KINDS),
  bytesOf(16),
  uint,
  bytesOf(32),
  bytesOf(16),
  v.pipe(uint, v.minValue(1)),
  bytesOf(32),
  v.pipe(v.array(bytesOf(32)), v.maxLength(1024)),
  uint,
]);

/** The authenticated, unencrypted header of an envelope. */
export interface EnvelopeHeader {
  readonly kind: EnvelopeKind;
  readonly groupId: GroupId;
  readonly epoch: number;
  readonly memberId: MemberId;
  readonly deviceId: DeviceId;
  /** Rises by exactly 1 per (group, device), from 1. */
  readonly counter: number;
  /** Hash of the author's current membership-log head. */
  readonly logHead: Uint8Array;
  /** The author's Automerge document heads (32-byte hashes) after this envelope's changes. */
  readonly heads: readonly Uint8Array[];
  /** For snapshots: the relay seq this snapshot covers; 0 for updates. */
  readonly coversSeq: number;
}

/** An envelope split into its parts, signature verified. */
export interface ParsedEnvelope {
  readonly header: EnvelopeHeader;
  /** version ‖ length ‖ header: the AEAD associated data. */
  readonly associatedData: Uint8Array;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

/** Encodes a header into the exact bytes that will be authenticated. */
export function headerToArray(h: EnvelopeHeader): unknown[] {
  return [
    h.kind,
    GroupId.toBytes(h.groupId),
    h.epoch,
    MemberId.toBytes(h.memberId),
    DeviceId.toBytes(h.deviceId),
    h.counter,
    h.logHead,
    h.heads,
    h.coversSeq,
  ];
}

/**
 * Splits an envelope and verifies its signature against the author named in its header.
 * Never throws: untrusted bytes give `bad-envelope` or `bad-signature`.
 */
export function parseEnvelope(bytes: Uint8Array): Result<ParsedEnvelope> {
  if (bytes.length < 3 + NONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES) return err("bad-envelope", "too short");
  if (bytes[0] !== ENVELOPE_VERSION) return err("unsupported-version");
  const headerLength = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
  const headerEnd = 3 + headerLength;
  if (headerEnd + NONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES > bytes.length) return err("bad-envelope", "header length");
  const fields = parseWith(HeaderSchema, decodeCbor(bytes.subarray(3, headerEnd)));
  if (fields === null) return err("bad-envelope", "header shape");
  const [kind, groupId, epoch, memberId, deviceId, counter, logHead, heads, coversSeq] = fields;
  const header: EnvelopeHeader = {
    kind,
    groupId: GroupId.fromBytes(groupId)!,
    epoch,
    memberId: MemberId.fromBytes(memberId)!,
    deviceId: DeviceId.fromBytes(deviceId)!,
    counter,
    logHead,
    heads,
    coversSeq,
  };
  const signedEnd = bytes.length - SIGNATURE_BYTES;
  if (!verifyWithContext("update", bytes.subarray(0, signedEnd), bytes.subarray(signedEnd), memberId))
    return err("bad-signature");
  return ok({
    header,
    associatedData: bytes.subarray(0, headerEnd),
    nonce: bytes.subarray(headerEnd, headerEnd + NONCE_BYTES),
    ciphertext: bytes.subarray(headerEnd + NONCE_BYTES, signedEnd),
  });
}
