/**
 * A member's new display name, written into their own entry of each group's sealed document (the write
 * rules let a member change only their own entry). `joinedAt` stays: the member did not join again.
 */
import * as A from "@automerge/automerge";
import type { MemberId } from "@porch/shared";
import type { GroupDoc } from "../../doc/schema.ts";
import { isInitialised } from "../../doc/group-doc.ts";
import type { OpenGroup } from "../membership/group-store.ts";

/** Renames `memberId` in every group where the document already has their entry. */
export async function renameInGroups(groups: readonly OpenGroup[], memberId: MemberId, name: string): Promise<void> {
  for (const g of groups) {
    if (g.sync.removed || !isInitialised(g.handle.doc())) continue;
    // A group whose join has not written the name yet writes the new one then (needsProfileWrite).
    if (g.handle.doc().members?.[memberId] === undefined) continue;
    await g.sync.change((d: GroupDoc) => {
      const entry = d.members[memberId];
      if (entry !== undefined) entry.displayName = new A.ImmutableString(name);
    });
  }
}
