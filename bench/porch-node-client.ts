/**
 * How to run the real Porch client core (createPorch) in Node: fake-indexeddb gives it IndexedDB,
 * `ws` gives it a WebSocket, and a thin WebSocket subclass counts the bytes the relay sends.
 * Import this module before anything that touches indexedDB.
 */
import "fake-indexeddb/auto";
import { WebSocket } from "ws";
import type { Doc, DocHandle } from "@automerge/automerge-repo";
import type { GroupId } from "@porch/shared";
import { createPorch, type PorchApi } from "@porch/client/core";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";

/** Bytes on the wire of every socket of one device (WebSocket message payloads), plus optional taps. */
export interface WireCounter {
  received: number;
  sent: number;
  /** Called with every message the relay sends (and the time it arrived). */
  onReceive?: (bytes: Uint8Array, at: number) => void;
  /** Called with every message this device sends (and the time it was sent). */
  onSend?: (bytes: Uint8Array, at: number) => void;
}

const asBytes = (data: unknown): Uint8Array =>
  data instanceof Uint8Array
    ? data
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : Array.isArray(data)
        ? Buffer.concat(data as Buffer[])
        : new TextEncoder().encode(String(data));

/** A `ws` WebSocket class whose instances add what they receive and send to `counter`. */
export function countingWebSocket(counter: WireCounter): typeof globalThis.WebSocket {
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url);
      this.on("message", (data: unknown) => {
        const at = performance.now();
        const bytes = asBytes(data);
        counter.received += bytes.length;
        counter.onReceive?.(bytes, at);
      });
      const send = this.send.bind(this) as (data: unknown, cb?: (err?: Error) => void) => void;
      (this as { send: unknown }).send = (data: unknown, cb?: (err?: Error) => void) => {
        const bytes = asBytes(data);
        counter.sent += bytes.length;
        counter.onSend?.(bytes, performance.now());
        send(data, cb);
      };
    }
  }
  return CountingWebSocket as unknown as typeof globalThis.WebSocket;
}

/** One Porch device in this process. */
export interface PorchDevice {
  readonly porch: PorchApi;
  readonly wire: WireCounter;
  /** Prefix of the device's IndexedDB databases (its records, and `${dbName}-docs` for documents). */
  readonly dbName: string;
}

let devices = 0;

/** Opens a fresh device (its own IndexedDB databases) against the relay at `relayHttpUrl`. */
export async function openDevice(relayHttpUrl: string, name: string): Promise<PorchDevice> {
  const wire: WireCounter = { received: 0, sent: 0 };
  const dbName = `bench-${process.pid}-${++devices}-${name}`;
  const porch = await createPorch({
    relayUrl: `${relayHttpUrl.replace(/^http/, "ws")}/api/sync`,
    origin: relayHttpUrl,
    dbName,
    WebSocketImpl: countingWebSocket(wire),
  });
  const profile = await porch.createProfile(name, "en");
  if (!profile.ok) throw new Error(`createProfile failed: ${profile.code}`);
  return { porch, wire, dbName };
}

/** Resolves once `predicate()` holds, re-checking after every notification of the device. */
export function waitFor(porch: PorchApi, predicate: () => boolean, timeoutMs = 120_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error("waitFor timed out"));
    }, timeoutMs);
    const stop = porch.subscribe(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** Resolves once nothing is pending on the device (its outbox is empty and it is online). */
export function whenSynced(porch: PorchApi): Promise<void> {
  return waitFor(porch, () => porch.sync().kind === "synced");
}

/** A new device named `name` that joins `groupId` with a fresh invitation from `admin`; resolves once synced. */
export async function joinNewDevice(
  relayHttpUrl: string,
  admin: PorchDevice,
  groupId: GroupId,
  name: string,
): Promise<PorchDevice> {
  const d = await openDevice(relayHttpUrl, name);
  const link = must(await admin.porch.createInviteLink(groupId), "createInviteLink");
  must(await d.porch.joinWithInvite(new URL(link).hash), "joinWithInvite");
  await whenSynced(d.porch);
  return d;
}

/** Stops a device's relay connection for good: it stays in the roster, silent (PorchCore's private connection). */
export function disconnect(porch: PorchApi): void {
  const connection = (porch as unknown as { connection?: { stop?: () => void } }).connection;
  if (typeof connection?.stop !== "function")
    throw new Error("PorchCore internals changed: cannot reach the relay connection");
  connection.stop();
}

/** Starts a device's relay connection again after `disconnect` (it resubscribes and catches up). */
export function reconnect(porch: PorchApi): void {
  const connection = (porch as unknown as { connection?: { start?: () => void } }).connection;
  if (typeof connection?.start !== "function")
    throw new Error("PorchCore internals changed: cannot reach the relay connection");
  connection.start();
}

/** Unwraps a Result or throws with its code. */
export function must<T>(result: { ok: true; value: T } | { ok: false; code: string }, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.code}`);
  return result.value;
}

/**
 * The device's Automerge document of a group. PorchApi does not expose it (the UI must not need it),
 * so the bench reaches into PorchCore's private group store; it throws if that shape ever changes.
 */
export function documentOf(porch: PorchApi, groupId: GroupId): Doc<GroupDoc> {
  const handle = openGroupOf(porch, groupId).handle;
  if (handle === undefined) throw new Error("PorchCore internals changed: cannot reach the group's DocHandle");
  return handle.doc();
}

/** The group's persisted record as the sync engine holds it (same private reach as `documentOf`). */
export function recordOf(porch: PorchApi, groupId: GroupId): object {
  const record = openGroupOf(porch, groupId).sync?.current;
  if (record === undefined) throw new Error("PorchCore internals changed: cannot reach the group's record");
  return record;
}

type OpenGroupShape = { handle?: DocHandle<GroupDoc>; sync?: { current?: object } };

function openGroupOf(porch: PorchApi, groupId: GroupId): OpenGroupShape {
  const store = (porch as unknown as { store?: { get?: (id: GroupId) => OpenGroupShape | undefined } }).store;
  return store?.get?.(groupId) ?? {};
}

export type { GroupDoc, GroupId, PorchApi };
