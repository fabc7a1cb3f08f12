/**
 * All group-life views for one viewer, memoised per document snapshot (documents are immutable
 * values: a new snapshot is a new object), viewer, day and minute. The UI re-reads on every change.
 *
 * Each area's view is also memoised on the record lists it reads (records.ts reuses a type's list
 * array while none of its records changed): a new claim rebuilds the offers, not the goals with
 * their thousands of progress updates.
 */
import type { MemberId } from "@porch/shared";
import type { LifeView } from "../api/group-life-api.ts";
import { checkInsView } from "./checkins.ts";
import { circleViews } from "./circles.ts";
import { goalViews } from "./goals.ts";
import { offerViews, tallyOf } from "./offers.ts";
import { entries, indexOf, readRecord, type Authors, type RecordIndex } from "./records.ts";
import type { GroupDoc } from "./schema.ts";

const cache = new WeakMap<object, Map<string, LifeView>>();

/** Last result per area and viewer, with the inputs it was built from (compared by identity). */
const memo = new Map<string, { deps: readonly unknown[]; value: unknown }>();
function memoised<T>(name: string, deps: readonly unknown[], build: () => T): T {
  const hit = memo.get(name);
  if (hit !== undefined && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i]))
    return hit.value as T;
  const value = build();
  if (memo.size > 64) memo.clear();
  memo.set(name, { deps, value });
  return value;
}
const lists = (index: RecordIndex, ...types: string[]) => types.map((t) => entries(index, t));
const authorsKey = (authors: Authors | undefined) =>
  authors === undefined
    ? "-"
    : Object.entries(authors)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .join(";");

/**
 * Builds every view. `now` (ms) decides expiry; `today` ("YYYY-MM-DD", the member's local day)
 * decides periods, lateness and reminders. `authors` (actor → member) lets the views ignore records
 * written with another member's actor.
 */
export function lifeView(
  doc: Partial<GroupDoc> | undefined,
  viewer: MemberId | null,
  now: number,
  today: string,
  authors?: Authors,
): LifeView {
  const who = authorsKey(authors);
  const minute = Math.floor(now / 60_000);
  const slot = `${viewer}|${today}|${minute}|${who}`;
  const perDoc = doc === undefined ? undefined : (cache.get(doc) ?? new Map<string, LifeView>());
  const hit = perDoc?.get(slot);
  if (hit !== undefined) return hit;
  const index = indexOf(doc);
  const base = [viewer, who];
  const offers = memoised(
    `offers|${viewer}`,
    [...base, minute, ...lists(index, "offer", "claim", "confirm", "thanks", "withdrawn")],
    () => offerViews(index, viewer, now, authors),
  );
  const circles = memoised(`circles|${viewer}`, [...base, today, ...lists(index, "circle", "paid", "received")], () =>
    circleViews(index, viewer, today, authors),
  );
  const view: LifeView = {
    goals: memoised(
      `goals|${viewer}`,
      [...base, index.goals, ...lists(index, "spec", "reach", "milestone", "progress", "cheer", "comment")],
      () => goalViews(index, viewer, authors),
    ),
    checkIns: memoised(
      `checkIns|${viewer}`,
      [...base, today, readRecord(doc?.rhythm), ...lists(index, "checkin", "reply")],
      () => checkInsView(doc, index, viewer, today, authors),
    ),
    offers,
    tally: memoised(`tally|${viewer}`, [offers], () => tallyOf(offers)),
    circles,
    reminders: memoised(`reminders|${viewer}`, [circles], () => circles.flatMap((c) => c.reminders)),
  };
  if (doc !== undefined && perDoc !== undefined) {
    if (perDoc.size > 8) perDoc.clear();
    perDoc.set(slot, view);
    cache.set(doc, perDoc);
  }
  return view;
}
