/**
 * A privacy proof that compression cannot fool. A byte search for a marker misses it inside an
 * Automerge `save()` (columns are compressed), so an unsealed snapshot would pass a byte search.
 * This proof instead judges every captured sealed item twice:
 *
 * - positive control: the item is opened with a key taken from a member's device, its plaintext is
 *   decoded (CBOR, Automerge documents and changes, JSON) and the markers are found inside, which
 *   proves the captured items are the members' data and the decoder can see the markers;
 * - negative control: the captured bytes themselves (and their padded-plaintext reading) do not parse
 *   as an Automerge document or change, do not contain Automerge's magic bytes, and neither their
 *   CBOR nor their JSON reading, nor a byte search (UTF-8, UTF-16LE), shows any marker.
 *
 * It is generic over what is sealed (group envelopes, device notices, journals, aggregation reports):
 * the caller lists the items, says how each kind opens, and names the markers.
 */
import * as A from "@automerge/automerge";
import { decodeCbor, encodeCbor } from "@porch/shared";
import { unpad } from "@porch/shared/sealing";
import { expect } from "vitest";
import { containsBytes, textEncodings } from "./byte-search.ts";

/** One sealed item as captured (from a wire frame or a stored row). */
export interface SealedItem {
  /** Where it was seen, for failure messages ("ana<-relay#12 catch-up snapshot"). */
  readonly label: string;
  /** What it is; `open` is looked up by kind. */
  readonly kind: string;
  /** The captured bytes. */
  readonly bytes: Uint8Array;
  /** The part that must look random (the AEAD ciphertext); the whole item when absent. */
  readonly body?: Uint8Array;
}

export interface PrivacyProof {
  readonly items: readonly SealedItem[];
  /**
   * How each kind opens, with keys from a member's device: the plaintext, or null when it does not
   * open. A kind without an opener (e.g. a payload sealed to a key only the recipient ever held) gets
   * the negative control only; every item of a kind with an opener must open.
   */
  readonly open: Readonly<Record<string, (item: SealedItem) => Uint8Array | null>>;
  /** Text that must be inside the opened plaintexts and nowhere in the captured bytes. */
  readonly markers: readonly string[];
  /** Markers the opened plaintext need not contain (e.g. written only into unopenable kinds). */
  readonly notExpectedInside?: readonly string[];
}

/** Automerge's chunk magic bytes (documents and changes both start with them). */
const AUTOMERGE_MAGIC = Uint8Array.of(0x85, 0x6f, 0x4a, 0x83);

/** Everything readable in `bytes`: strings in its CBOR or JSON reading, Automerge docs and changes in it. */
export function readableText(bytes: Uint8Array): string {
  const out: string[] = [];
  const changes: Uint8Array[] = [];
  collectFromBytes(bytes, out, changes, 0);
  if (changes.length > 0) out.push(...documentText(changes));
  return out.join("\n");
}

/** Text of the document that the given Automerge changes build (text objects are per-character in a change). */
function documentText(changes: readonly Uint8Array[]): string[] {
  try {
    const [doc] = A.applyChanges(A.init<Record<string, unknown>>(), [...changes]);
    return [JSON.stringify(A.toJS(doc))];
  } catch {
    return [];
  }
}

const jsonOf = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? `<${v.length} bytes>` : v,
  );

function collectFromBytes(bytes: Uint8Array, out: string[], changes: Uint8Array[], depth: number): void {
  if (depth > 4 || bytes.length === 0) return;
  const automerge = automergeReading(bytes);
  if (automerge !== null) {
    out.push(automerge.text);
    if (automerge.change) changes.push(bytes);
    return;
  }
  const cbor = tryDecode(() => decodeCbor(bytes));
  if (cbor !== undefined) collectFromValue(cbor, out, changes, depth + 1);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const json = tryDecode(() => JSON.parse(text) as unknown);
  if (json !== undefined) collectFromValue(json, out, changes, depth + 1);
}

function collectFromValue(value: unknown, out: string[], changes: Uint8Array[], depth: number): void {
  if (typeof value === "string") out.push(value);
  else if (value instanceof Uint8Array) collectFromBytes(value, out, changes, depth);
  else if (Array.isArray(value)) for (const v of value) collectFromValue(v, out, changes, depth);
  else if (value instanceof Map) for (const entry of value) collectFromValue(entry, out, changes, depth);
  else if (typeof value === "object" && value !== null)
    for (const entry of Object.entries(value)) collectFromValue(entry, out, changes, depth);
}

/** The bytes read as an Automerge document or change, or null when they are neither. */
export function automergeReading(bytes: Uint8Array): { readonly text: string; readonly change: boolean } | null {
  try {
    return { text: jsonOf(A.decodeChange(bytes)), change: true };
  } catch {
    /* not a change */
  }
  try {
    return { text: JSON.stringify(A.toJS(A.load(bytes))), change: false };
  } catch {
    return null;
  }
}

function tryDecode<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/** Why `bytes` look like plaintext, or [] when they do not (the negative control for one item). */
export function plaintextSigns(bytes: Uint8Array, markers: readonly string[]): string[] {
  const signs: string[] = [];
  const readings = [bytes, unpad(bytes)].filter((b): b is Uint8Array => b !== null);
  for (const reading of readings) {
    if (automergeReading(reading) !== null) signs.push("parses as an Automerge document or change");
    const text = readableText(reading);
    for (const marker of markers) if (text.includes(marker)) signs.push(`its decoded reading contains ${marker}`);
  }
  if (containsBytes(bytes, AUTOMERGE_MAGIC)) signs.push("contains Automerge's magic bytes");
  for (const marker of markers) {
    for (const encoding of textEncodings(marker))
      if (containsBytes(bytes, encoding.bytes)) signs.push(`contains ${marker} (${encoding.name})`);
  }
  return signs;
}

/** What the proof found; `expectPrivate` asserts on it. */
export interface PrivacyFindings {
  /** Items that look like plaintext, with the reasons. */
  readonly leaks: readonly string[];
  /** Items of an openable kind that did not open. */
  readonly unopened: readonly string[];
  /** How many items opened, per kind. */
  readonly opened: Readonly<Record<string, number>>;
  /** Markers found inside the opened plaintexts. */
  readonly inside: ReadonlySet<string>;
}

/** Runs both controls over every item. */
export function checkPrivacy(proof: PrivacyProof): PrivacyFindings {
  const leaks: string[] = [];
  const unopened: string[] = [];
  const opened: Record<string, number> = {};
  const plaintexts: Uint8Array[] = [];
  for (const item of proof.items) {
    for (const part of item.body === undefined ? [item.bytes] : [item.bytes, item.body]) {
      for (const sign of plaintextSigns(part, proof.markers)) leaks.push(`${item.label}: ${sign}`);
    }
    const open = proof.open[item.kind];
    if (open === undefined) continue;
    const plaintext = open(item);
    if (plaintext === null) unopened.push(item.label);
    else {
      opened[item.kind] = (opened[item.kind] ?? 0) + 1;
      plaintexts.push(plaintext);
    }
  }
  // Decoded together, so changes split across envelopes still build the document they belong to.
  const text = readableText(encodeList(plaintexts));
  const inside = new Set(proof.markers.filter((m) => text.includes(m)));
  return { leaks, unopened, opened, inside };
}

/** Asserts that nothing captured reads as plaintext, that every openable item opened, and that the markers are inside. */
export function expectPrivate(proof: PrivacyProof): PrivacyFindings {
  expect(proof.items.length, "items captured").toBeGreaterThan(0);
  const findings = checkPrivacy(proof);
  expect(findings.leaks, "captured items that read as plaintext").toEqual([]);
  expect(findings.unopened, "items that did not open with the member's keys").toEqual([]);
  const expected = proof.markers.filter((m) => !(proof.notExpectedInside ?? []).includes(m));
  expect(
    [...expected].filter((m) => !findings.inside.has(m)),
    "markers missing from the opened plaintexts",
  ).toEqual([]);
  return findings;
}

/** Several plaintexts as one CBOR array, so `readableText` decodes them in one pass. */
const encodeList = (items: readonly Uint8Array[]): Uint8Array => encodeCbor([...items]);
