/**
 * Accountability check-ins: the group's rhythm (any member sets it; the last writer wins), one post
 * per member per period (`checkin:<periodStart>:<member>`), replies from anyone.
 */
import type { MemberId } from "@porch/shared";
import type {
  CheckInInput,
  CheckInPostView,
  CheckInsView,
  PeriodView,
  ReplyView,
  Rhythm,
} from "../api/group-life-api.ts";
import { periodOf } from "./periods.ts";
import {
  byAtAsc,
  byAtDesc,
  entries,
  putRecord,
  readRecord,
  text,
  writtenBy,
  type Authors,
  type Rec,
  type RecordIndex,
} from "./records.ts";
import { key, type GroupDoc, type RhythmRecord } from "./schema.ts";

const RHYTHMS: readonly string[] = ["weekly", "biweekly", "monthly"];
/** Before anyone picks a rhythm: calendar months. */
export const DEFAULT_RHYTHM = { rhythm: "monthly" as Rhythm, start: "2000-01-01" };

export function putRhythm(doc: GroupDoc, by: MemberId, rhythm: Rhythm, start: string, now: number): void {
  const rec: RhythmRecord = { by, at: now, rhythm, start };
  putRecord(doc, "rhythm", rec);
}

/** The rhythm in force. */
export function rhythmOf(doc: Partial<GroupDoc> | undefined): {
  rhythm: Rhythm;
  start: string;
  chosen: boolean;
  by: MemberId | null;
} {
  const r = readRecord(doc?.rhythm) as (Partial<RhythmRecord> & Rec) | undefined;
  if (
    r === undefined ||
    typeof r !== "object" ||
    typeof r.rhythm !== "string" ||
    !RHYTHMS.includes(r.rhythm) ||
    typeof r.start !== "string" ||
    !/^\d{4}-\d{2}-\d{2}$/.test(r.start)
  )
    return { ...DEFAULT_RHYTHM, chosen: false, by: null };
  return { rhythm: r.rhythm as Rhythm, start: r.start, chosen: true, by: r.by as MemberId };
}

/** Key (and post id) of `member`'s post for the period starting `period`. */
export const checkInKey = (period: string, member: MemberId): string => key("checkin", period, member);

export function putCheckIn(doc: GroupDoc, period: string, by: MemberId, input: CheckInInput, now: number): string {
  const k = checkInKey(period, by);
  putRecord(doc, k, {
    by,
    at: now,
    period,
    wins: input.wins.trim(),
    next: input.nextSteps.trim(),
    asks: input.asks.trim(),
  });
  return k;
}
export function putReply(doc: GroupDoc, id: string, postId: string, by: MemberId, body: string, now: number): void {
  putRecord(doc, key("reply", id), { by, at: now, post: postId, text: body.trim() });
}

/** Check-ins as `viewer` sees them on `today` ("YYYY-MM-DD"). */
export function checkInsView(
  doc: Partial<GroupDoc> | undefined,
  index: RecordIndex,
  viewer: MemberId | null,
  today: string,
  authors?: Authors,
): CheckInsView {
  const r = rhythmOf(doc);
  const replies = new Map<string, ReplyView[]>();
  for (const { parts, rec } of entries(index, "reply")) {
    if (!writtenBy(rec, rec.by, rec.by, authors)) continue;
    const post = String(rec.post);
    const list = replies.get(post) ?? [];
    list.push({ id: parts.join(":"), by: rec.by as MemberId, at: rec.at, text: text(rec.text) });
    replies.set(post, list);
  }
  const periods = new Map<string, { start: string; end: string; posts: CheckInPostView[] }>();
  const current = periodOf(r.rhythm, r.start, today);
  periods.set(current.start, { ...current, posts: [] });
  const mine: CheckInPostView[] = [];
  for (const { parts, key: k, rec } of entries(index, "checkin")) {
    const [periodDay, member] = parts;
    if (periodDay === undefined || member === undefined || !writtenBy(rec, rec.by, member, authors)) continue;
    const post: CheckInPostView = {
      id: k,
      member: member as MemberId,
      period: periodDay,
      at: rec.at,
      wins: text(rec.wins),
      nextSteps: text(rec.next),
      asks: text(rec.asks),
      replies: (replies.get(k) ?? []).sort(byAtAsc),
    };
    // Posts are filed under the period of the rhythm in force now (a rhythm change re-files them).
    const p = /^\d{4}-\d{2}-\d{2}$/.test(periodDay) ? periodOf(r.rhythm, r.start, periodDay) : current;
    const bucket = periods.get(p.start) ?? { ...p, posts: [] };
    bucket.posts.push(post);
    periods.set(p.start, bucket);
    if (member === viewer) mine.push(post);
  }
  const list: PeriodView[] = [...periods.values()]
    .map((p) => ({ start: p.start, end: p.end, posts: p.posts.sort(byAtAsc) }))
    .sort((a, b) => (a.start < b.start ? 1 : -1));
  const cur = list.find((p) => p.start === current.start) as PeriodView;
  return {
    rhythm: r.rhythm,
    rhythmChosen: r.chosen,
    rhythmSetBy: r.by,
    startDate: r.start,
    current: cur,
    periods: list,
    promptMe: viewer !== null && !cur.posts.some((p) => p.member === viewer),
    mine: mine.sort(byAtDesc),
  };
}

/** One member's posts, newest first. */
