/**
 * CBOR for every frame, entry and header. Byte arrays are untagged (other decoders reject tag 64),
 * no records extension, maps decode as plain objects. Signed structures are fixed-order arrays and are
 * always verified over the exact bytes received, never over a re-encoding.
 */
import { Decoder, Encoder } from "cbor-x";
import { plainBytes } from "./bytes.ts";

const options = { tagUint8Array: false, useRecords: false, mapsAsObjects: true, int64AsType: "number" } as const;
const encoder = new Encoder(options);
const decoder = new Decoder(options);

/** Encodes a value as CBOR into a fresh, plain Uint8Array (cbor-x hands out views of a reused buffer). */
export function encodeCbor(value: unknown): Uint8Array {
  return new Uint8Array(encoder.encode(value));
}

/** Decodes CBOR from untrusted bytes; `undefined` on any malformed input (never throws). */
export function decodeCbor(bytes: Uint8Array): unknown {
  try {
    return normalize(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

// Node's decoder yields Buffers; everything downstream expects plain Uint8Arrays.
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return plainBytes(value);
  if (Array.isArray(value)) return value.map(normalize);
  // Porch never sends Maps; one arriving is turned into a plain object of its string keys, not dropped.
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) if (typeof k === "string") out[k] = normalize(v);
    return out;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
    return out;
  }
  return value;
}
