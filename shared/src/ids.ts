/**
 * Branded ids. Each is unpadded base64url of a fixed number of random or public-key bytes, and can be
 * made only by a validating constructor, so an unchecked string never reaches code that trusts an id.
 */
import { fromBase64Url, randomBytes, toBase64Url } from "./bytes.ts";

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A group: 16 random bytes. Also the Automerge document id of the group document. */
export type GroupId = Brand<string, "GroupId">;
/** A member: their Ed25519 public key (32 bytes). */
export type MemberId = Brand<string, "MemberId">;
/** One device of a member: 16 random bytes; a recovered device gets a new one. */
export type DeviceId = Brand<string, "DeviceId">;

function makeParser<T extends string>(length: number) {
  return {
    /** Validates text as this id; `null` if it is not exactly `length` bytes of base64url. */
    parse(text: unknown): T | null {
      if (typeof text !== "string") return null;
      const bytes = fromBase64Url(text);
      return bytes !== null && bytes.length === length ? (text as T) : null;
    },
    /** The id's bytes, as sent on the wire. */
    toBytes(id: T): Uint8Array {
      return fromBase64Url(id)!;
    },
    /** An id from wire bytes; `null` when the length is wrong. */
    fromBytes(bytes: Uint8Array): T | null {
      return bytes.length === length ? (toBase64Url(bytes) as T) : null;
    },
  };
}

/** Validating constructors and conversions for `GroupId`. */
export const GroupId = {
  ...makeParser<GroupId>(16),
  /** A fresh random group id. */
  random: (): GroupId => toBase64Url(randomBytes(16)) as GroupId,
};
/** Validating constructors and conversions for `MemberId`. */
export const MemberId = makeParser<MemberId>(32);
/** Validating constructors and conversions for `DeviceId`. */
export const DeviceId = {
  ...makeParser<DeviceId>(16),
  /** A fresh random device id. */
  random: (): DeviceId => toBase64Url(randomBytes(16)) as DeviceId,
};
