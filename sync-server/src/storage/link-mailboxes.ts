/**
 * Second-device link mailboxes in SQL: open, answer once, complete once, then the answering socket
 * takes the result. Each step is one transaction that locks the mailbox row, so two answers racing for
 * one mailbox cannot both win, and an expired mailbox is refused and deleted whenever it is touched
 * (and swept on every open). Answering and completing announce a change in their transaction, so the
 * relay process holding the other device's socket learns of it (change-feed.ts).
 */
import { bytesEqual, err, ok, type Result } from "@porch/shared";
import type { ChangeFeed } from "./change-feed.ts";
import type { LinkAnswer, LinkRequest, NewLinkMailbox } from "./relay-storage.ts";
import type { SqlDatabase } from "./sql-database.ts";

type Row = {
  owner: Uint8Array;
  expires_at: number;
  ephemeral_key: Uint8Array | null;
  mac: Uint8Array | null;
  answer_socket: string | null;
  completed: boolean;
};

const LOCK =
  "select owner, expires_at, ephemeral_key, mac, answer_socket, completed from link_mailboxes where mailbox = $1 for update";

export async function openLinkMailbox(
  db: SqlDatabase,
  box: NewLinkMailbox,
  now: number,
  maxOpen?: number,
): Promise<Result<true>> {
  return db.transaction(async (tx) => {
    await tx.query("delete from link_mailboxes where expires_at <= $1", [now]);
    if (maxOpen !== undefined) {
      // The owner's quota row is locked for the rest of the transaction, so two opens by one owner
      // are counted one after the other (a reopened mailbox of its own is not counted twice).
      await tx.query("insert into identity_quotas (identity) values ($1) on conflict do nothing", [box.owner]);
      await tx.query("select 1 as one from identity_quotas where identity = $1 for update", [box.owner]);
      const [open] = await tx.query<{ n: number }>(
        "select count(*)::integer as n from link_mailboxes where owner = $1 and mailbox <> $2",
        [box.owner, box.mailbox],
      );
      if ((open?.n ?? 0) >= maxOpen) return err("too-many-links", `${maxOpen} mailboxes open already`);
    }
    const rows = await tx.query(
      `insert into link_mailboxes (mailbox, owner, owner_socket, expires_at) values ($1, $2, $3, $4)
       on conflict (mailbox) do update
         set owner_socket = excluded.owner_socket, expires_at = excluded.expires_at,
             ephemeral_key = null, mac = null, answer_socket = null, completed = false, sealed = null
         where link_mailboxes.owner = excluded.owner
       returning mailbox`,
      [box.mailbox, box.owner, box.ownerSocket, box.expiresAt],
    );
    return rows.length === 1 ? ok(true as const) : err("link-not-found", "mailbox held by another member");
  });
}

export async function answerLinkMailbox(
  db: SqlDatabase,
  mailbox: Uint8Array,
  answer: LinkAnswer,
  now: number,
  feed: ChangeFeed,
): Promise<Result<{ readonly owner: Uint8Array }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Row>(LOCK, [mailbox]);
    if (!row) return err("link-not-found");
    if (row.expires_at <= now) {
      await tx.query("delete from link_mailboxes where mailbox = $1", [mailbox]);
      return err("link-expired");
    }
    if (row.ephemeral_key !== null) return err("link-not-found", "already answered");
    await tx.query("update link_mailboxes set ephemeral_key = $2, mac = $3, answer_socket = $4 where mailbox = $1", [
      mailbox,
      answer.ephemeralKey,
      answer.mac,
      answer.answerSocket,
    ]);
    await feed.announce(tx, { kind: "link-answered", mailbox });
    return ok({ owner: row.owner });
  });
}

export async function completeLinkMailbox(
  db: SqlDatabase,
  mailbox: Uint8Array,
  owner: Uint8Array,
  now: number,
  sealed: Uint8Array | null,
  feed: ChangeFeed,
): Promise<Result<LinkAnswer>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<Row>(LOCK, [mailbox]);
    if (!row) return err("link-not-found");
    if (!bytesEqual(row.owner, owner)) return err("not-a-member", "not the mailbox owner");
    if (row.expires_at <= now) {
      await tx.query("delete from link_mailboxes where mailbox = $1", [mailbox]);
      return err("link-expired");
    }
    if (row.completed) return err("link-not-found", "completed already");
    if (row.ephemeral_key === null || row.mac === null || row.answer_socket === null)
      return err("link-not-found", "not answered yet");
    await tx.query("update link_mailboxes set completed = true, sealed = $2 where mailbox = $1", [mailbox, sealed]);
    await feed.announce(tx, { kind: "link-completed", mailbox, answerSocket: row.answer_socket });
    return ok({ ephemeralKey: row.ephemeral_key, mac: row.mac, answerSocket: row.answer_socket });
  });
}

export async function linkRequest(db: SqlDatabase, mailbox: Uint8Array): Promise<LinkRequest | null> {
  const [row] = await db.query<Row>(
    "select owner, ephemeral_key, mac, completed from link_mailboxes where mailbox = $1 and ephemeral_key is not null",
    [mailbox],
  );
  if (!row || row.completed || row.ephemeral_key === null || row.mac === null) return null;
  return { owner: row.owner, ephemeralKey: row.ephemeral_key, mac: row.mac };
}

export async function takeLinkResult(
  db: SqlDatabase,
  mailbox: Uint8Array,
  answerSocket: string,
): Promise<{ readonly sealed: Uint8Array | null } | null> {
  const [row] = await db.query<{ sealed: Uint8Array | null }>(
    "delete from link_mailboxes where mailbox = $1 and answer_socket = $2 and completed returning sealed",
    [mailbox, answerSocket],
  );
  return row ? { sealed: row.sealed } : null;
}
