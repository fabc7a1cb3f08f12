/**
 * What a committed write means for sockets: "this group has envelopes up to seq N", "entry i was
 * appended", "this mailbox was answered", … Storage raises a `Change` after every write other sockets
 * must learn about, and the relay's fan-out (ws/change-fanout.ts) turns it into frames for the sockets
 * of its own process. One path for every change, whichever process made it:
 *
 * - in this process, the change is emitted right after the commit (with the bytes it already has,
 *   so local fan-out reads nothing back);
 * - to other processes sharing the database, storage announces it in the write's own transaction
 *   (PostgreSQL `NOTIFY`, delivered on commit, in commit order; postgres-change-feed.ts). The payload
 *   holds ids and positions only — never ciphertext — and each process reads what it needs.
 *
 * The embedded PGlite store is one process: its feed is the in-process emitter alone.
 *
 * A notification can be missed (the listening connection dropped). The feed then emits `resync` once
 * it listens again, and the fan-out re-reads the head of every document its sockets follow; a socket
 * that sees a hole in seqs fills it from storage before sending anything later (ws/live-groups.ts).
 */
import { ROUND_PHASES, fromBase64Url, toBase64Url, type RoundPhase } from "@porch/shared";
import type { SqlExecutor } from "./sql-database.ts";

/** An envelope appended in this process (its bytes, and the socket that sent it: opaque, never stored). */
export interface AppendedEnvelope {
  readonly seq: number;
  readonly bytes: Uint8Array;
  readonly origin?: string;
}

export type Change =
  /** A group's or journal's envelopes now reach `headSeq`; `appended` only where they were written. */
  | {
      readonly kind: "envelopes";
      readonly groupId: Uint8Array;
      readonly headSeq: number;
      readonly appended?: readonly AppendedEnvelope[];
    }
  /** Log entry `index` was appended (`bytes` only in the process that wrote it). */
  | { readonly kind: "entry"; readonly groupId: Uint8Array; readonly index: number; readonly bytes?: Uint8Array }
  /** A journal was deleted: nothing of it may be sent any more. */
  | { readonly kind: "journal-deleted"; readonly journalId: Uint8Array }
  /** A new device answered a link mailbox: its owner's sockets get the request. */
  | { readonly kind: "link-answered"; readonly mailbox: Uint8Array }
  /** The owner completed (or refused) a link: the answering socket, wherever it is, gets the result. */
  | { readonly kind: "link-completed"; readonly mailbox: Uint8Array; readonly answerSocket: string }
  /** A cohort's aggregation round changed (round-service.ts `changed`). */
  | {
      readonly kind: "agg-changed";
      readonly cohortId: Uint8Array;
      readonly everyone: boolean;
      readonly phase?: RoundPhase | undefined;
    }
  /** One identity's sockets should re-read a cohort (the organization, on a new enrolment). */
  | { readonly kind: "agg-tell"; readonly identity: Uint8Array; readonly cohortId: Uint8Array }
  /** Changes may have been missed (the listening connection was lost): re-read what sockets follow. */
  | { readonly kind: "resync" };

/** Reacts to a change; a promise it returns is awaited by `emit` (so a write answers after its local fan-out). */
export type ChangeListener = (change: Change) => void | Promise<void>;

/** How storage raises changes: announced inside the write's transaction, emitted after its commit. */
export interface ChangeFeed {
  /** Tells the other processes, inside `tx` (delivered when it commits); nothing for a single process. */
  announce(tx: SqlExecutor, change: Change): Promise<void>;
  /**
   * Runs this process's listeners (after the commit) and resolves once they are done. A listener that
   * throws or rejects is a bug: reported to the feed's error handler, never to the writer.
   */
  emit(change: Change): Promise<void>;
  /** Adds a listener; returns the function that removes it. */
  listen(listener: ChangeListener): () => void;
  /** Stops listening to other processes. */
  close(): Promise<void>;
}

/** The largest payload PostgreSQL's NOTIFY takes is 8000 bytes; ours stay far below. */
export const MAX_NOTIFY_BYTES = 7_999;

/** The in-process emitter: all a single relay process needs (PGlite), and the local half of every feed. */
export function createLocalChangeFeed(onListenerError: (error: unknown) => void = () => {}): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    announce: async () => {},
    async emit(change) {
      const running: Promise<void>[] = [];
      for (const listener of [...listeners]) {
        try {
          const result = listener(change);
          if (result !== undefined) running.push(result.catch(onListenerError));
        } catch (error) {
          onListenerError(error);
        }
      }
      await Promise.all(running);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
}

/** A change as a NOTIFY payload: JSON with base64url ids; local-only fields (bytes, sockets' origins) dropped. */
export function encodeChange(change: Change, from: string): string {
  const b = toBase64Url;
  switch (change.kind) {
    case "envelopes":
      return JSON.stringify({ k: "e", f: from, g: b(change.groupId), s: change.headSeq });
    case "entry":
      return JSON.stringify({ k: "l", f: from, g: b(change.groupId), i: change.index });
    case "journal-deleted":
      return JSON.stringify({ k: "j", f: from, g: b(change.journalId) });
    case "link-answered":
      return JSON.stringify({ k: "la", f: from, m: b(change.mailbox) });
    case "link-completed":
      return JSON.stringify({ k: "lc", f: from, m: b(change.mailbox), a: change.answerSocket });
    case "agg-changed":
      return JSON.stringify({ k: "ac", f: from, c: b(change.cohortId), e: change.everyone, p: change.phase ?? null });
    case "agg-tell":
      return JSON.stringify({ k: "at", f: from, c: b(change.cohortId), i: b(change.identity) });
    case "resync":
      return JSON.stringify({ k: "r", f: from });
  }
}

/** A NOTIFY payload back into a change and the feed it came from; `null` when it is not one of ours. */
export function decodeChange(payload: string): { readonly change: Change; readonly from: string } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const from = typeof r["f"] === "string" ? r["f"] : null;
  if (from === null) return null;
  const bytes = (key: string): Uint8Array | null => {
    const value = r[key];
    return typeof value === "string" ? fromBase64Url(value) : null;
  };
  const count = (key: string): number | null => {
    const value = r[key];
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
  };
  const change = ((): Change | null => {
    switch (r["k"]) {
      case "e": {
        const groupId = bytes("g");
        const headSeq = count("s");
        return groupId && headSeq !== null ? { kind: "envelopes", groupId, headSeq } : null;
      }
      case "l": {
        const groupId = bytes("g");
        const index = count("i");
        return groupId && index !== null ? { kind: "entry", groupId, index } : null;
      }
      case "j": {
        const journalId = bytes("g");
        return journalId ? { kind: "journal-deleted", journalId } : null;
      }
      case "la": {
        const mailbox = bytes("m");
        return mailbox ? { kind: "link-answered", mailbox } : null;
      }
      case "lc": {
        const mailbox = bytes("m");
        const answerSocket = r["a"];
        return mailbox && typeof answerSocket === "string" ? { kind: "link-completed", mailbox, answerSocket } : null;
      }
      case "ac": {
        const cohortId = bytes("c");
        const phase = ROUND_PHASES.find((p): p is RoundPhase => p === r["p"]);
        return cohortId ? { kind: "agg-changed", cohortId, everyone: r["e"] === true, phase } : null;
      }
      case "at": {
        const cohortId = bytes("c");
        const identity = bytes("i");
        return cohortId && identity ? { kind: "agg-tell", cohortId, identity } : null;
      }
      case "r":
        return { kind: "resync" };
      default:
        return null;
    }
  })();
  return change === null ? null : { change, from };
}
