/** Test helpers: documents with named members, forks on separate actors, merge. (Tests only.) */
import * as A from "@automerge/automerge";
import type { MemberId } from "@porch/shared";
import { initGroupDoc } from "./group-doc.ts";
import { lifeView } from "./life-view.ts";
import { indexOf } from "./records.ts";
import type { GroupDoc } from "./schema.ts";

export const ana = "ana" as MemberId;
export const ben = "ben" as MemberId;
export const cleo = "cleo" as MemberId;
export const T0 = Date.UTC(2025, 2, 3, 12); // Monday 3 March 2025
export const DAY = 86_400_000;

export function newGroup(): A.Doc<GroupDoc> {
  return A.change(A.init<GroupDoc>(), (d) => initGroupDoc(d, "Porch friends", ana, "Ana", T0));
}
/** A device of `member`: a fork with its own actor. */
export const deviceOf = (doc: A.Doc<GroupDoc>): A.Doc<GroupDoc> => A.clone(doc);
export const edit = (doc: A.Doc<GroupDoc>, fn: (d: GroupDoc) => void): A.Doc<GroupDoc> => A.change(doc, fn);
export const merge = (a: A.Doc<GroupDoc>, b: A.Doc<GroupDoc>): A.Doc<GroupDoc> => A.merge(A.clone(a), b);
export const view = (doc: A.Doc<GroupDoc>, viewer: MemberId, now = T0, today = "2025-03-03") =>
  lifeView(doc, viewer, now, today);
export { indexOf };
