/**
 * Implements `GroupLifeApi` over the open groups' documents. Checks input and rights against the
 * current view, then writes through GroupSync (durable on the device, then sent). The first write
 * to a v1 document migrates it in the same change.
 */
import { err, ok, type GroupId, type MemberId, type Result } from "@porch/shared";
import type { CoreContext } from "../../core-context.ts";
import { putCheckIn, putReply, putRhythm } from "../../doc/checkins.ts";
import { circleCsv, putCircle, putPaid, putReceived, randomSeed } from "../../doc/circles.ts";
import { displayNameOf } from "../../doc/group-doc.ts";
import { putCheer, putComment, putGoal, putGoalSpec, putMilestone, putProgress, putReach } from "../../doc/goals.ts";
import { lifeView } from "../../doc/life-view.ts";
import { migrateGroupDoc, needsMigration } from "../../doc/migrations.ts";
import { putClaim, putConfirm, putOffer, putThanks, putWithdrawn } from "../../doc/offers.ts";
import { localToday } from "../../doc/periods.ts";
import type { GroupDoc } from "../../doc/schema.ts";
import * as V from "../../api/validate.ts";
import type * as L from "../../api/group-life-api.ts";
import type { GroupLifeApi } from "../../api/group-life-api.ts";
import { filterOffers, memberHistory } from "../../api/life/select.ts";
import type { OpenGroup } from "../membership/group-store.ts";

const bad = (detail: V.LifeInputError) => err("bad-entry", detail);
const notYours = (detail: string) => err("not-a-member", detail);

export class GroupLifeService implements GroupLifeApi {
  constructor(private readonly ctx: CoreContext) {}

  // ── reads ──
  private open(groupId: GroupId): { g: OpenGroup; me: MemberId } | null {
    const parts = this.ctx.parts();
    const g = parts?.store.get(groupId);
    return parts === null || g === undefined ? null : { g, me: parts.identity.memberId };
  }
  private view(g: OpenGroup, viewer: MemberId): L.LifeView {
    const now = Date.now();
    return lifeView(g.handle.doc(), viewer, now, localToday(now), g.authors());
  }
  life(groupId: GroupId, viewer?: MemberId): L.LifeView | null {
    const o = this.open(groupId);
    return o === null ? null : this.view(o.g, viewer ?? o.me);
  }
  goals(groupId: GroupId, viewer?: MemberId): readonly L.GoalView[] | null {
    return this.life(groupId, viewer)?.goals ?? null;
  }
  checkIns(groupId: GroupId): L.CheckInsView | null {
    return this.life(groupId)?.checkIns ?? null;
  }
  memberCheckIns(groupId: GroupId, memberId: MemberId): readonly L.CheckInPostView[] | null {
    const c = this.checkIns(groupId);
    return c === null ? null : memberHistory(c, memberId);
  }
  offers(groupId: GroupId, filter?: L.OfferFilter): readonly L.OfferView[] | null {
    const o = this.open(groupId);
    return o === null ? null : filterOffers(this.view(o.g, o.me).offers, o.me, filter);
  }
  tally(groupId: GroupId): L.TallyView | null {
    return this.life(groupId)?.tally ?? null;
  }
  circles(groupId: GroupId): readonly L.CircleView[] | null {
    return this.life(groupId)?.circles ?? null;
  }
  async circleCsv(groupId: GroupId, circleId: string): Promise<Result<string>> {
    const o = this.open(groupId);
    if (o === null) return err("group-not-found");
    const c = this.view(o.g, o.me).circles.find((x) => x.id === circleId);
    if (c === undefined) return bad("circle-not-found");
    const doc = o.g.handle.doc();
    return ok(circleCsv(c, (m) => displayNameOf(doc, m) || m));
  }

  // ── writes ──
  /** Runs `check` against the current view, then `write` in one change (migrating first if needed). */
  private async act<T>(
    groupId: GroupId,
    check: (v: L.LifeView, me: MemberId) => Result<T>,
    write: (d: GroupDoc, me: MemberId, now: number, value: T) => void,
  ): Promise<Result<T>> {
    const { identity, store } = this.ctx.need();
    const g = store.get(groupId);
    if (g === undefined) return err("group-not-found");
    // Out of the group: the document stays readable, but nothing new can be written or sent.
    if (g.sync.removed) return err("removed-from-group");
    const me = identity.memberId;
    const checked = check(this.view(g, me), me);
    if (!checked.ok) return checked;
    await g.sync.change((d) => {
      if (needsMigration(d)) migrateGroupDoc(d);
      write(d, me, Date.now(), checked.value);
    });
    return checked;
  }
  private input<T>(problem: V.LifeInputError | null, value: T): Result<T> {
    return problem === null ? ok(value) : bad(problem);
  }
  private ownGoal(v: L.LifeView, me: MemberId, goalId: string): Result<L.GoalView> {
    const goal = v.goals.find((x) => x.id === goalId);
    if (goal === undefined) return bad("goal-not-found");
    return goal.owner === me ? ok(goal) : notYours("only the owner edits a goal");
  }

  addGoal(groupId: GroupId, input: L.GoalInput): Promise<Result<string>> {
    return this.act(
      groupId,
      () => this.input(V.checkGoalInput(input), crypto.randomUUID()),
      (d, me, now, id) => putGoal(d, id, me, { ...input, title: input.title.trim() }, now),
    );
  }
  async editGoal(groupId: GroupId, goalId: string, input: L.GoalInput): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) => {
        const p = V.checkGoalInput(input);
        return p !== null ? bad(p) : this.ownGoal(v, me, goalId);
      },
      (d, me, now, goal) => putGoalSpec(d, goalId, me, goal, input, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  async setGoalState(groupId: GroupId, goalId: string, state: L.GoalState): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) =>
        (["active", "completed", "paused", "dropped"] as const).includes(state)
          ? this.ownGoal(v, me, goalId)
          : bad("state-unknown"),
      (d, me, now, goal) => putGoalSpec(d, goalId, me, goal, { state }, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  addProgress(groupId: GroupId, goalId: string, input: L.ProgressInput): Promise<Result<string>> {
    return this.act(
      groupId,
      (v, me) => {
        const p = V.checkProgressInput(input);
        if (p !== null) return bad(p);
        const g = this.ownGoal(v, me, goalId);
        if (!g.ok) return g;
        if (input.milestoneId != null && !g.value.milestones.some((m) => m.id === input.milestoneId))
          return bad("milestone-not-found");
        return ok(crypto.randomUUID());
      },
      (d, me, now, id) => putProgress(d, id, goalId, me, input, now),
    );
  }
  addMilestone(groupId: GroupId, goalId: string, input: L.MilestoneInput): Promise<Result<string>> {
    return this.act(
      groupId,
      (v, me) => {
        const p = V.checkMilestoneInput(input);
        if (p !== null) return bad(p);
        const g = this.ownGoal(v, me, goalId);
        return g.ok ? ok(crypto.randomUUID()) : g;
      },
      (d, me, now, id) => putMilestone(d, id, goalId, me, input, now),
    );
  }
  async reachMilestone(groupId: GroupId, goalId: string, milestoneId: string, reached: boolean): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) => {
        const g = this.ownGoal(v, me, goalId);
        if (!g.ok) return g;
        return g.value.milestones.some((m) => m.id === milestoneId) ? ok(undefined) : bad("milestone-not-found");
      },
      (d, me, now) => putReach(d, milestoneId, me, reached, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  toggleCheer(groupId: GroupId, goalId: string): Promise<Result<boolean>> {
    return this.act(
      groupId,
      (v) => {
        const goal = v.goals.find((x) => x.id === goalId);
        return goal === undefined ? bad("goal-not-found") : ok(!goal.cheers.mine);
      },
      (d, me, now, on) => putCheer(d, goalId, me, on, now),
    );
  }
  comment(groupId: GroupId, goalId: string, body: string): Promise<Result<string>> {
    return this.act(
      groupId,
      (v) => {
        const p = V.checkReplyText(body);
        if (p !== null) return bad(p);
        return v.goals.some((x) => x.id === goalId) ? ok(crypto.randomUUID()) : bad("goal-not-found");
      },
      (d, me, now, id) => putComment(d, id, goalId, me, body, now),
    );
  }

  async setRhythm(groupId: GroupId, rhythm: L.Rhythm, startDate?: string): Promise<Result<void>> {
    const start = startDate ?? localToday();
    const r = await this.act(
      groupId,
      () =>
        !(["weekly", "biweekly", "monthly"] as const).includes(rhythm)
          ? bad("rhythm-unknown")
          : this.input(V.date(start), undefined),
      (d, me, now) => putRhythm(d, me, rhythm, start, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  postCheckIn(groupId: GroupId, input: L.CheckInInput): Promise<Result<string>> {
    return this.act(
      groupId,
      (v) => this.input(V.checkCheckInInput(input), v.checkIns.current.start),
      (d, me, now, period) => putCheckIn(d, period, me, input, now),
    ).then((r) => (r.ok ? ok(`checkin:${r.value}:${this.ctx.need().identity.memberId}`) : r));
  }
  replyToCheckIn(groupId: GroupId, postId: string, body: string): Promise<Result<string>> {
    return this.act(
      groupId,
      (v) => {
        const p = V.checkReplyText(body);
        if (p !== null) return bad(p);
        return v.checkIns.periods.some((x) => x.posts.some((post) => post.id === postId))
          ? ok(crypto.randomUUID())
          : bad("post-not-found");
      },
      (d, me, now, id) => putReply(d, id, postId, me, body, now),
    );
  }

  postOffer(groupId: GroupId, input: L.OfferInput): Promise<Result<string>> {
    return this.act(
      groupId,
      (v, me) => {
        const p = V.checkOfferInput(input);
        if (p !== null) return bad(p);
        // An ask made from a check-in links back only to one of this member's own check-ins.
        const from = input.fromCheckIn ?? null;
        const own = v.checkIns.periods.some((x) => x.posts.some((post) => post.id === from && post.member === me));
        return from === null || own ? ok(crypto.randomUUID()) : bad("post-not-found");
      },
      (d, me, now, id) => putOffer(d, id, me, input, now),
    );
  }
  private offer(v: L.LifeView, offerId: string): Result<L.OfferView> {
    const o = v.offers.find((x) => x.id === offerId);
    return o === undefined ? bad("offer-not-found") : ok(o);
  }
  async claimOffer(groupId: GroupId, offerId: string): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) => {
        const o = this.offer(v, offerId);
        if (!o.ok) return o;
        if (o.value.poster === me) return bad("offer-own");
        if (o.value.status === "claimed" || o.value.status === "done")
          return o.value.claimant === me ? ok(undefined) : bad("offer-taken");
        return o.value.status === "open" ? ok(undefined) : bad("offer-closed");
      },
      (d, me, now) => putClaim(d, offerId, me, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  async confirmOffer(groupId: GroupId, offerId: string, input: L.ConfirmInput = {}): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v) => {
        const p = V.checkConfirmInput(input);
        if (p !== null) return bad(p);
        const o = this.offer(v, offerId);
        if (!o.ok) return o;
        if (!o.value.iAmParty) return notYours("only the two parties confirm");
        return o.value.status === "claimed" ? ok(undefined) : bad("offer-closed");
      },
      (d, me, now) => putConfirm(d, offerId, me, input, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  async thankOffer(groupId: GroupId, offerId: string, note: string): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v) => {
        const p = V.checkThanksText(note);
        if (p !== null) return bad(p);
        const o = this.offer(v, offerId);
        if (!o.ok) return o;
        if (!o.value.iAmParty) return notYours("only the two parties thank");
        return o.value.status === "done" ? ok(undefined) : bad("offer-not-done");
      },
      (d, me, now) => putThanks(d, offerId, me, note, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  async withdrawOffer(groupId: GroupId, offerId: string): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v) => {
        const o = this.offer(v, offerId);
        if (!o.ok) return o;
        if (!o.value.mine) return notYours("only the poster withdraws");
        return o.value.status === "done" ? bad("offer-closed") : ok(undefined);
      },
      (d, me, now) => putWithdrawn(d, offerId, me, now),
    );
    return r.ok ? ok(undefined) : r;
  }

  createCircle(groupId: GroupId, input: L.CircleInput): Promise<Result<string>> {
    return this.act(
      groupId,
      (_v, me) => {
        const p = V.checkCircleInput(input);
        if (p !== null) return bad(p);
        const roster = this.open(groupId)?.g.roster();
        if (!input.members.includes(me) || (roster !== undefined && input.members.some((m) => !roster.has(m))))
          return bad("circle-member-unknown");
        return ok(crypto.randomUUID());
      },
      (d, me, now, id) => putCircle(d, id, me, input, randomSeed(), now),
    );
  }
  private round(v: L.LifeView, circleId: string, round: number): Result<L.RoundView> {
    const c = v.circles.find((x) => x.id === circleId);
    if (c === undefined) return bad("circle-not-found");
    const r = c.rounds[round];
    return r === undefined || !Number.isInteger(round) ? bad("round-out-of-range") : ok(r);
  }
  async markPaid(groupId: GroupId, circleId: string, round: number): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) => {
        const rd = this.round(v, circleId, round);
        if (!rd.ok) return rd;
        return rd.value.payments.some((p) => p.payer === me)
          ? ok(undefined)
          : notYours("only a payer of this round marks it sent");
      },
      (d, me, now) => putPaid(d, circleId, round, me, now),
    );
    return r.ok ? ok(undefined) : r;
  }
  async confirmReceived(groupId: GroupId, circleId: string, round: number, payer: MemberId): Promise<Result<void>> {
    const r = await this.act(
      groupId,
      (v, me) => {
        const rd = this.round(v, circleId, round);
        if (!rd.ok) return rd;
        if (rd.value.recipient !== me) return notYours("only the round's recipient confirms");
        return rd.value.payments.some((p) => p.payer === payer) ? ok(undefined) : bad("circle-member-unknown");
      },
      (d, me, now) => putReceived(d, circleId, round, payer, me, now),
    );
    return r.ok ? ok(undefined) : r;
  }
}
