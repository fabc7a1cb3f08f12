/**
 * Notes about invitations ("for Maria") are content, so they live in the sealed group document, never
 * in the public log: one root record per invitation, `invite-note:<entry hash>`. Root records (not a
 * shared `invites` map) so two admins writing notes offline never create the same container twice.
 * Kept apart from group-doc.ts (owned by group life) so neither area restructures the other.
 */
import * as A from "@automerge/automerge";
import type { MemberId } from "@porch/shared";
import type { GroupDoc } from "../../doc/schema.ts";
import { LIFE_LIMITS } from "../../api/validate.ts";

/** Longest note an admin may attach to an invitation. */
export const MAX_INVITE_NOTE = LIFE_LIMITS.inviteNote;

interface StoredNote {
  note: A.ImmutableString;
  createdBy: string;
}
type WithNotes = GroupDoc & Record<`invite-note:${string}`, StoredNote | undefined>;

const keyOf = (inviteId: string) => `invite-note:${inviteId}` as const;

/** Records the note for invitation `inviteId` (the entry hash, base64url). */
export function putInviteNote(doc: GroupDoc, inviteId: string, note: string, createdBy: MemberId): void {
  (doc as WithNotes)[keyOf(inviteId)] = { note: new A.ImmutableString(note.slice(0, MAX_INVITE_NOTE)), createdBy };
}

/** The note for an invitation, or null. */
export function inviteNoteOf(doc: Partial<GroupDoc> | undefined, inviteId: string): string | null {
  const stored = (doc as Partial<WithNotes> | undefined)?.[keyOf(inviteId)]?.note;
  const text = A.isImmutableString(stored) ? stored.toString() : typeof stored === "string" ? stored : "";
  return text.length > 0 ? text : null;
}
