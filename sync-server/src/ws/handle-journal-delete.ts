/**
 * `journal-delete`: the owner of a journal (the socket's identity, its journal signing key) deletes
 * it, and the relay keeps nothing of it — no envelope, snapshot, counter or owner row. After the
 * commit every socket of every relay process stops receiving the journal's live frames (storage raises
 * the change; change-fanout.ts), so a device still subscribed elsewhere gets nothing more for it. Its next journal subscribe claims the id again and
 * finds it empty (`headSeq` 0): deletion leaves no tombstone, by design nothing of the journal remains.
 */
import { MemberId, ok, type JournalDeleteFrame } from "@porch/shared";
import type { Handler } from "./request-context.ts";

export const handleJournalDelete: Handler<JournalDeleteFrame> = async (ctx, frame) => {
  const deleted = await ctx.storage.deleteJournal(frame.journalId, MemberId.toBytes(ctx.memberId));
  if (!deleted.ok) return deleted;
  return ok({ frame: { v: 1, type: "journal-deleted", id: frame.id } });
};
