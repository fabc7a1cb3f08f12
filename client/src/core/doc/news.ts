/**
 * What others did in a group after a moment (`since`), as one member sees it: cheers and comments on
 * the member's goals, their offers taken up, the other party confirming or thanking, replies to their
 * check-ins, new check-ins, offers and asks, and who joined. Pure: views, records and membership
 * events in, a list out.
 *
 * Moments are the author's clock when they wrote it, so something written offline long before it
 * arrives can be older than the marker and is then not counted as new.
 */
import type { MemberId } from "@porch/shared";
import type { LifeView } from "../api/group-life-api.ts";
import type { MembershipEvent } from "../api/membership-api.ts";
import type { NewsItem, NewsView } from "../api/news-api.ts";
import { NEWS_KINDS, NEWS_LIMIT } from "../api/vocabulary.ts";
import { entries, writtenBy, type Authors, type RecordIndex } from "./records.ts";

export function newsSince(
  index: RecordIndex,
  life: LifeView,
  events: readonly MembershipEvent[],
  viewer: MemberId,
  since: number,
  authors?: Authors,
): NewsView {
  const items: NewsItem[] = [];
  const add = (item: NewsItem) => {
    if (item.by !== viewer && item.at > since) items.push(item);
  };
  const myGoals = new Map(life.goals.filter((g) => g.mine).map((g) => [g.id, g.title]));
  for (const { parts, key, rec } of entries(index, "cheer")) {
    const [goalId, member] = parts;
    const title = goalId === undefined ? undefined : myGoals.get(goalId);
    if (title === undefined || member === undefined || rec.on !== true || !writtenBy(rec, rec.by, member, authors))
      continue;
    add({ id: key, kind: "cheer", at: rec.at, by: member as MemberId, subject: title });
  }
  for (const g of life.goals)
    if (g.mine) for (const c of g.comments) add({ id: c.id, kind: "comment", at: c.at, by: c.by, subject: g.title });

  const offers = new Map(life.offers.map((o) => [o.id, o]));
  for (const o of life.offers) {
    if (o.poster !== viewer)
      add({ id: `offer:${o.id}`, kind: "offer", at: o.postedAt, by: o.poster, subject: o.description });
    if (o.mine && o.claimant !== null && o.claimedAt !== null)
      add({ id: `claim:${o.id}`, kind: "claim", at: o.claimedAt, by: o.claimant, subject: o.description });
    if (o.iAmParty)
      for (const x of o.thanks)
        add({ id: `thanks:${o.id}:${x.by}`, kind: "thanks", at: x.at, by: x.by, subject: o.description });
  }
  for (const { parts, key, rec } of entries(index, "confirm")) {
    const [offerId, member] = parts;
    const o = offerId === undefined ? undefined : offers.get(offerId);
    if (o === undefined || member === undefined || !o.iAmParty || !o.confirmedBy.includes(member as MemberId)) continue;
    if (!writtenBy(rec, rec.by, member, authors)) continue;
    add({ id: key, kind: "confirm", at: rec.at, by: member as MemberId, subject: o.description });
  }

  for (const period of life.checkIns.periods)
    for (const post of period.posts) {
      add({ id: post.id, kind: "checkin", at: post.at, by: post.member, subject: "" });
      if (post.member === viewer)
        for (const r of post.replies) add({ id: r.id, kind: "reply", at: r.at, by: r.by, subject: "" });
    }
  for (const e of events)
    if (e.kind === "joined")
      add({ id: `join:${e.member.memberId}`, kind: "join", at: e.at, by: e.member.memberId, subject: "" });

  items.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
  const counts = NEWS_KINDS.map((k) => [k, items.filter((i) => i.kind === k).length] as const).filter(([, n]) => n > 0);
  return { since, items: items.slice(0, NEWS_LIMIT), counts, total: items.length };
}
