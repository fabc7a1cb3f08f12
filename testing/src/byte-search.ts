/** Searching raw bytes (files, frames) for a needle, as a leak check does. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every regular file under `dir`, recursively, with its bytes. */
export async function readTree(dir: string): Promise<{ path: string; bytes: Uint8Array }[]> {
  const out: { path: string; bytes: Uint8Array }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await readTree(path)));
    else if (entry.isFile()) out.push({ path, bytes: new Uint8Array(await readFile(path)) });
  }
  return out;
}

/** The encodings a careless relay or client might store text in. */
export function textEncodings(text: string): { name: string; bytes: Uint8Array }[] {
  return [
    { name: "utf-8", bytes: new Uint8Array(Buffer.from(text, "utf8")) },
    { name: "utf-16le", bytes: new Uint8Array(Buffer.from(text, "utf16le")) },
  ];
}

/** Whether `needle` occurs in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle) >= 0;
}

/** Names of the buffers (by index or label) that contain `needle`. */
export function whereFound(buffers: readonly { label: string; bytes: Uint8Array }[], needle: Uint8Array): string[] {
  return buffers.filter((b) => containsBytes(b.bytes, needle)).map((b) => b.label);
}
