/**
 * Parses PostgreSQL's text form of bytea (`\x0a1b…`, the default `bytea_output = hex`) into a fresh
 * plain Uint8Array. Both drivers' default parsers are much slower, and Node's pooled Buffers would
 * let one row's `.buffer` expose other rows' bytes.
 */
import { Buffer } from "node:buffer";

export function parseByteaHex(text: string): Uint8Array {
  if (!text.startsWith("\\x")) {
    throw new Error("assertion failed: bytea must arrive in hex format (bytea_output = hex)");
  }
  const out = new Uint8Array((text.length - 2) >>> 1);
  // A Buffer view over our own ArrayBuffer: Node's native hex decoder writes straight into it.
  Buffer.from(out.buffer, 0, out.length).write(text.slice(2), "hex");
  return out;
}
