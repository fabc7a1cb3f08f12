/**
 * The group's shared Automerge document (end-to-end encrypted; the relay never sees it): creation,
 * members and the entry points of the other areas. Layout and rationale: schema.ts.
 */
import * as A from "@automerge/automerge";
import type { MemberId } from "@porch/shared";
import type { GroupMember } from "../api/porch-api.ts";
import { text } from "./records.ts";
import { GROUP_DOC_VERSION, type GroupDoc } from "./schema.ts";

/** Writes the group's initial content (the creator's first change). */
export function initGroupDoc(doc: GroupDoc, name: string, creator: MemberId, displayName: string, now: number): void {
  doc.schemaVersion = GROUP_DOC_VERSION;
  doc.name = new A.ImmutableString(name);
  doc.members = { [creator]: { displayName: new A.ImmutableString(displayName), joinedAt: now } };
  doc.goals = {};
}

/**
 * True once the creator's initial change has arrived (a joiner must not write before: root keys would
 * conflict). Any version from 1 on: a v1 document is read as is and migrated on the first write.
 */
export function isInitialised(doc: Partial<GroupDoc> | undefined): doc is GroupDoc {
  return (
    doc !== undefined &&
    typeof doc.schemaVersion === "number" &&
    doc.schemaVersion >= 1 &&
    typeof doc.members === "object" &&
    typeof doc.goals === "object"
  );
}

/** Records this member's display name in the group. */
export function putMember(doc: GroupDoc, memberId: MemberId, displayName: string, now: number): void {
  doc.members[memberId] = { displayName: new A.ImmutableString(displayName), joinedAt: now };
}

/** The group's name, or "" before the first change arrives. */
export const groupName = (doc: Partial<GroupDoc> | undefined): string => text(doc?.name);

/** A member's display name in this group ("" if unknown). */
export const displayNameOf = (doc: Partial<GroupDoc> | undefined, memberId: string): string =>
  text(doc?.members?.[memberId]?.displayName);

/** Members as the UI shows them: the log decides who is in, the document gives their names. */
export function membersOf(
  doc: Partial<GroupDoc> | undefined,
  roster: ReadonlyMap<MemberId, { readonly role: "admin" | "member" }>,
): GroupMember[] {
  return [...roster].map(([memberId, { role }]) => ({ memberId, role, displayName: displayNameOf(doc, memberId) }));
}
