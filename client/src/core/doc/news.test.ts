import { describe, expect, it } from "vitest";
import type { MembershipEvent } from "../api/membership-api.ts";
import { ana, ben, cleo, DAY, edit, indexOf, newGroup, T0, view } from "./doc-test-kit.ts";
import { putCheckIn, putReply } from "./checkins.ts";
import { putCheer, putComment, putGoal } from "./goals.ts";
import { newsSince } from "./news.ts";
import { putClaim, putConfirm, putOffer, putThanks } from "./offers.ts";

const SEEN = T0 + 10_000;

/** Ana's goal and offer, written before she last looked. */
const before = () =>
  edit(newGroup(), (d) => {
    putGoal(d, "g1", ana, { title: "Emergency fund", category: "savings", targetAmount: 1000 }, T0);
    putOffer(d, "o1", ana, { kind: "offer", category: "rides", description: "Rides", when: "", expiryDays: 7 }, T0);
    putCheer(d, "g1", cleo, true, T0 + 1); // seen already
  });
const newsOf = (doc: ReturnType<typeof before>, viewer = ana, events: MembershipEvent[] = []) =>
  newsSince(indexOf(doc), view(doc, viewer, SEEN + DAY), events, viewer, SEEN);

describe("what is new since Ana last looked", () => {
  it("counts what others did to her things after the marker, newest first, and nothing of her own", () => {
    const doc = edit(before(), (d) => {
      putCheer(d, "g1", ben, true, SEEN + 1);
      putComment(d, "c1", "g1", ben, "You've got this!", SEEN + 2);
      putComment(d, "c2", "g1", ana, "Thanks!", SEEN + 3);
      putClaim(d, "o1", ben, SEEN + 4);
    });
    const news = newsOf(doc);
    expect(news.items.map((i) => [i.kind, i.by, i.subject])).toEqual([
      ["claim", ben, "Rides"],
      ["comment", ben, "Emergency fund"],
      ["cheer", ben, "Emergency fund"],
    ]);
    expect(news.counts).toEqual([
      ["cheer", 1],
      ["comment", 1],
      ["claim", 1],
    ]);
    expect(news.total).toBe(3);
  });

  it("the other party's confirmation and thanks, replies to her check-in, joins; an un-cheer is no news", () => {
    const doc = edit(before(), (d) => {
      putClaim(d, "o1", ben, T0 + 2);
      putConfirm(d, "o1", ana, {}, T0 + 3);
      putConfirm(d, "o1", ben, {}, SEEN + 1);
      putThanks(d, "o1", ben, "Thank you!", SEEN + 2);
      putCheckIn(d, "2025-03-01", ana, { wins: "Paid rent", nextSteps: "", asks: "" }, T0 + 4);
      putReply(d, "r1", "checkin:2025-03-01:" + ana, cleo, "Well done", SEEN + 3);
      putCheer(d, "g1", cleo, false, SEEN + 4);
    });
    const joined: MembershipEvent = {
      kind: "joined",
      at: SEEN + 5,
      member: { memberId: cleo, displayName: "Cleo" },
      invitedBy: null,
    };
    expect(newsOf(doc, ana, [joined]).items.map((i) => i.kind)).toEqual(["join", "reply", "thanks", "confirm"]);
  });

  it("Ben sees Ana's offer as new, not as a claim on his own things", () => {
    const doc = edit(before(), (d) =>
      putOffer(
        d,
        "o2",
        ana,
        { kind: "ask", category: "meals", description: "Soup?", when: "", expiryDays: 3 },
        SEEN + 1,
      ),
    );
    expect(newsOf(doc, ben).items.map((i) => [i.kind, i.subject])).toEqual([["offer", "Soup?"]]);
  });
});
