/**
 * Offers and asks. The poster writes the offer (and may withdraw it); each claimant writes their own
 * `claim:<offer>:<member>`; each party confirms with `confirm:<offer>:<member>`; thanks likewise.
 *
 * Two members may claim the same offer offline. Both claims survive the merge (different keys), and
 * every device picks the same winner: the earliest claim, ties broken by member id. The other
 * claimant's view names the winner (`claimedFirstBy`).
 */
import type { MemberId } from "@porch/shared";
import { OFFER_CATEGORIES } from "../api/vocabulary.ts";
import type {
  ConfirmInput,
  HelpTotals,
  OfferCategory,
  OfferInput,
  OfferStatus,
  OfferView,
  TallyView,
} from "../api/group-life-api.ts";
import {
  byAtDesc,
  entries,
  num,
  putRecord,
  text,
  writtenBy,
  type Authors,
  type RecordIndex,
  type Rec,
} from "./records.ts";
import { key, type GroupDoc } from "./schema.ts";

const DAY = 86_400_000;

export function putOffer(doc: GroupDoc, id: string, by: MemberId, input: OfferInput, now: number): void {
  putRecord(doc, key("offer", id), {
    by,
    at: now,
    kind: input.kind,
    category: input.category,
    description: input.description.trim(),
    when: input.when.trim(),
    expiresAt: now + input.expiryDays * DAY,
    ...(input.fromCheckIn ? { from: input.fromCheckIn } : {}),
  });
}
export const putClaim = (doc: GroupDoc, offerId: string, by: MemberId, now: number): void =>
  putRecord(doc, key("claim", offerId, by), { by, at: now });
export const putWithdrawn = (doc: GroupDoc, offerId: string, by: MemberId, now: number): void =>
  putRecord(doc, key("withdrawn", offerId), { by, at: now });
export const putConfirm = (doc: GroupDoc, offerId: string, by: MemberId, input: ConfirmInput, now: number): void =>
  putRecord(doc, key("confirm", offerId, by), {
    by,
    at: now,
    hours: input.hours ?? null,
    dollars: input.dollars ?? null,
  });
export const putThanks = (doc: GroupDoc, offerId: string, by: MemberId, note: string, now: number): void =>
  putRecord(doc, key("thanks", offerId, by), { by, at: now, note: note.trim() });

/** The claim every device agrees on: earliest `at`, then smallest member id. */
export function claimWinner(
  claims: readonly { member: MemberId; at: number }[],
): { member: MemberId; at: number } | null {
  let best: { member: MemberId; at: number } | null = null;
  for (const c of claims) if (best === null || c.at < best.at || (c.at === best.at && c.member < best.member)) best = c;
  return best;
}

const nonNeg = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n >= 0 ? n : null;
};

/** Every offer and ask as `viewer` sees it at `now`, newest first. */
export function offerViews(index: RecordIndex, viewer: MemberId | null, now: number, authors?: Authors): OfferView[] {
  const perOffer = (type: string) => {
    const m = new Map<string, Map<MemberId, Rec>>();
    for (const { parts, rec } of entries(index, type)) {
      const [offerId, member] = parts;
      if (offerId === undefined || member === undefined || !writtenBy(rec, rec.by, member, authors)) continue;
      const inner = m.get(offerId) ?? new Map<MemberId, Rec>();
      inner.set(member as MemberId, rec);
      m.set(offerId, inner);
    }
    return m;
  };
  const claims = perOffer("claim");
  const confirms = perOffer("confirm");
  const thanks = perOffer("thanks");
  const out: OfferView[] = [];
  for (const { parts, rec } of entries(index, "offer")) {
    const id = parts.join(":");
    const poster = rec.by as MemberId;
    if (!writtenBy(rec, rec.by, poster, authors)) continue;
    const expiresAt = num(rec.expiresAt) ?? rec.at;
    const w = index.byKey.get(key("withdrawn", id));
    const withdrawn = w !== undefined && writtenBy(w, w.by, poster, authors);
    // A claim counts if made before expiry, by someone other than the poster.
    const valid = [...(claims.get(id) ?? [])]
      .filter(([m, c]) => m !== poster && c.at <= expiresAt)
      .map(([member, c]) => ({ member, at: c.at }));
    const win = claimWinner(valid);
    const kind = rec.kind === "ask" ? "ask" : "offer";
    const giver = win === null ? (kind === "offer" ? poster : null) : kind === "offer" ? poster : win.member;
    const receiver = win === null ? (kind === "ask" ? poster : null) : kind === "offer" ? win.member : poster;
    const parties = win === null ? [] : [poster, win.member];
    const conf = confirms.get(id) ?? new Map<MemberId, Rec>();
    const confirmedBy = parties.filter((p) => conf.has(p)).sort();
    const done = win !== null && confirmedBy.length === 2;
    const doneAt = done ? Math.max(...parties.map((p) => conf.get(p)?.at ?? 0)) : null;
    const status: OfferStatus = done
      ? "done"
      : withdrawn
        ? "withdrawn"
        : win !== null
          ? "claimed"
          : now >= expiresAt
            ? "expired"
            : "open";
    const figures = (m: MemberId | null) => (m === null ? undefined : conf.get(m));
    const g = figures(giver),
      r = figures(receiver);
    const hours = done ? (nonNeg(g?.hours) ?? nonNeg(r?.hours)) : null;
    const dollars = done ? (nonNeg(g?.dollars) ?? nonNeg(r?.dollars)) : null;
    const mine = poster === viewer;
    const iAmParty = viewer !== null && parties.includes(viewer);
    const viewerClaim = viewer === null ? undefined : valid.find((c) => c.member === viewer);
    out.push({
      id,
      kind,
      category: (OFFER_CATEGORIES as readonly unknown[]).includes(rec.category)
        ? (rec.category as OfferCategory)
        : "other",
      description: text(rec.description),
      when: text(rec.when),
      poster,
      postedAt: rec.at,
      expiresAt,
      status,
      claimant: win?.member ?? null,
      claimedAt: win?.at ?? null,
      claimedFirstBy: viewerClaim !== undefined && win !== null && win.member !== viewer ? win.member : null,
      giver,
      receiver,
      mine,
      iAmParty,
      confirmedBy,
      needsMyConfirmation: iAmParty && !done && !withdrawn && viewer !== null && !conf.has(viewer),
      hours,
      dollars,
      thanks: parties
        .flatMap((p) => {
          const t = thanks.get(id)?.get(p);
          return t === undefined ? [] : [{ by: p, at: t.at, note: text(t.note) }];
        })
        .sort((a, b) => a.at - b.at),
      doneAt,
      fromCheckIn: typeof rec.from === "string" && rec.from.startsWith(`checkin:`) ? rec.from : null,
    });
  }
  return out.sort((a, b) => byAtDesc({ at: a.postedAt, id: a.id }, { at: b.postedAt, id: b.id }));
}

type Totals = { -readonly [K in keyof HelpTotals]: HelpTotals[K] };
const zero = (): Totals => ({ hours: 0, dollars: 0, count: 0 });

/** Help given and received, per member and for the group; only exchanges both parties confirmed. */
export function tallyOf(offers: readonly OfferView[]): TallyView {
  const group = zero();
  const rows = new Map<MemberId, { given: Totals; received: Totals }>();
  const row = (m: MemberId) => {
    let r = rows.get(m);
    if (r === undefined) rows.set(m, (r = { given: zero(), received: zero() }));
    return r;
  };
  for (const o of offers) {
    if (o.status !== "done" || o.giver === null || o.receiver === null) continue;
    const h = Math.max(0, o.hours ?? 0),
      d = Math.max(0, o.dollars ?? 0);
    for (const t of [group, row(o.giver).given, row(o.receiver).received]) {
      t.hours += h;
      t.dollars += d;
      t.count += 1;
    }
  }
  return {
    group,
    members: [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([memberId, r]) => ({ memberId, ...r })),
  };
}
