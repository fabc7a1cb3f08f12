import { describe, expect, it } from "vitest";
import { ana, ben, cleo, DAY, deviceOf, edit, merge, newGroup, T0, view } from "./doc-test-kit.ts";
import { filterOffers } from "../api/life/select.ts";
import { putClaim, putConfirm, putOffer, putThanks, putWithdrawn } from "./offers.ts";

const rides = () =>
  edit(newGroup(), (d) =>
    putOffer(
      d,
      "o1",
      ana,
      { kind: "offer", category: "rides", description: "Rides to the clinic", when: "Tuesdays", expiryDays: 7 },
      T0,
    ),
  );

describe("offers and asks", () => {
  it("Ben and Cleo claim Ana's ride offline; after merging, every device agrees Ben was first and Cleo is told", () => {
    const b = edit(deviceOf(rides()), (d) => putClaim(d, "o1", ben, T0 + 1000));
    const c = edit(deviceOf(rides()), (d) => putClaim(d, "o1", cleo, T0 + 2000));
    const onBen = merge(b, c),
      onCleo = merge(c, b);
    for (const [doc, viewer] of [
      [onBen, ben],
      [onCleo, cleo],
      [onCleo, ana],
    ] as const)
      expect(view(doc, viewer).offers[0]!.claimant).toBe(ben);
    expect(view(onCleo, cleo).offers[0]).toMatchObject({ status: "claimed", claimedFirstBy: ben, iAmParty: false });
    expect(view(onBen, ben).offers[0]).toMatchObject({
      claimedFirstBy: null,
      iAmParty: true,
      needsMyConfirmation: true,
    });
  });

  it("claims at the same millisecond: the smaller member id wins, on every device", () => {
    const c = edit(deviceOf(rides()), (d) => putClaim(d, "o1", cleo, T0 + 5));
    const b = edit(deviceOf(rides()), (d) => putClaim(d, "o1", ben, T0 + 5));
    expect(view(merge(c, b), ana).offers[0]!.claimant).toBe(ben);
    expect(view(merge(b, c), ana).offers[0]!.claimant).toBe(ben);
  });

  it("figures count only once both confirm; the giver's hours win; thanks follow", () => {
    let doc = edit(rides(), (d) => putClaim(d, "o1", ben, T0 + 1));
    doc = edit(doc, (d) => putConfirm(d, "o1", ana, { hours: 2, dollars: 15 }, T0 + 2));
    expect(view(doc, ana).offers[0]).toMatchObject({
      status: "claimed",
      hours: null,
      dollars: null,
      confirmedBy: [ana],
    });
    expect(view(doc, ana).tally.group).toEqual({ hours: 0, dollars: 0, count: 0 });
    doc = edit(doc, (d) => putConfirm(d, "o1", ben, { hours: 3 }, T0 + 3));
    doc = edit(doc, (d) => putThanks(d, "o1", ben, "Thank you so much!", T0 + 4));
    expect(view(doc, cleo).offers[0]).toMatchObject({
      status: "done",
      hours: 2,
      dollars: 15,
      giver: ana,
      receiver: ben,
      thanks: [{ by: ben, note: "Thank you so much!" }],
    });
  });

  it("an ask turns it round: the volunteer gives, the poster receives; the tally shows both sides, never a balance", () => {
    let doc = edit(newGroup(), (d) =>
      putOffer(
        d,
        "a1",
        ana,
        { kind: "ask", category: "meals", description: "Dinner on Friday", when: "", expiryDays: 3 },
        T0,
      ),
    );
    doc = edit(doc, (d) => {
      putClaim(d, "a1", ben, T0 + 1);
      putConfirm(d, "a1", ben, { hours: 1.5 }, T0 + 2);
      putConfirm(d, "a1", ana, {}, T0 + 3);
    });
    const t = view(doc, ana).tally;
    expect(t.group).toEqual({ hours: 1.5, dollars: 0, count: 1 });
    expect(t.members).toEqual([
      { memberId: ana, given: { hours: 0, dollars: 0, count: 0 }, received: { hours: 1.5, dollars: 0, count: 1 } },
      { memberId: ben, given: { hours: 1.5, dollars: 0, count: 1 }, received: { hours: 0, dollars: 0, count: 0 } },
    ]);
    for (const row of t.members) expect(Object.keys(row).sort()).toEqual(["given", "memberId", "received"]); // no "balance", no "owes"
  });

  it("a forged negative figure never makes the tally negative", () => {
    const doc = edit(rides(), (d) => {
      putClaim(d, "o1", ben, T0 + 1);
      putConfirm(d, "o1", ana, { hours: -5, dollars: -100 }, T0 + 2);
      putConfirm(d, "o1", ben, {}, T0 + 3);
    });
    const t = view(doc, ana).tally;
    expect(t.group.hours).toBe(0);
    expect(t.group.dollars).toBe(0);
    expect(t.members.every((m) => m.given.hours >= 0 && m.received.dollars >= 0)).toBe(true);
  });

  it("expiry, withdrawal, the poster's own claim and a claim after expiry do not count", () => {
    let doc = edit(rides(), (d) => {
      putClaim(d, "o1", ana, T0 + 1);
      putClaim(d, "o1", ben, T0 + 8 * DAY);
    });
    expect(view(doc, ana, T0 + 8 * DAY).offers[0]).toMatchObject({ status: "expired", claimant: null });
    expect(view(doc, ana, T0 + 1).offers[0]!.status).toBe("open");
    doc = edit(doc, (d) => putWithdrawn(d, "o1", ana, T0 + 2));
    expect(view(doc, ana, T0 + 3).offers[0]!.status).toBe("withdrawn");
  });

  it("filters: open (default), mine, category; nothing matching gives an empty list", () => {
    let doc = edit(rides(), (d) => {
      putOffer(
        d,
        "o2",
        ben,
        { kind: "ask", category: "tools", description: "A ladder", when: "", expiryDays: 2 },
        T0 + 1,
      );
      putOffer(
        d,
        "o3",
        cleo,
        { kind: "offer", category: "meals", description: "Soup", when: "", expiryDays: 2 },
        T0 + 2,
      );
    });
    doc = edit(doc, (d) => putClaim(d, "o3", ana, T0 + 3));
    const all = view(doc, ben, T0 + 4).offers;
    expect(filterOffers(all, ben).map((o) => o.id)).toEqual(["o2", "o1"]); // o3 is claimed by someone else
    expect(filterOffers(all, ben, { show: "all" }).map((o) => o.id)).toEqual(["o3", "o2", "o1"]);
    expect(filterOffers(all, ben, { mine: true }).map((o) => o.id)).toEqual(["o2"]);
    expect(filterOffers(all, ben, { category: "rides" }).map((o) => o.id)).toEqual(["o1"]);
    expect(filterOffers(all, ben, { category: "skills" })).toEqual([]);
  });

  it("records when it was done (the later confirmation) and the check-in an ask came from", () => {
    let doc = edit(newGroup(), (d) =>
      putOffer(
        d,
        "a1",
        ana,
        {
          kind: "ask",
          category: "childcare-swap",
          description: "Anyone free Saturday?",
          when: "",
          expiryDays: 7,
          fromCheckIn: "checkin:2025-03-01:ana",
        },
        T0,
      ),
    );
    doc = edit(doc, (d) => putClaim(d, "a1", ben, T0 + 1));
    doc = edit(doc, (d) => putConfirm(d, "a1", ben, {}, T0 + 5));
    expect(view(doc, ana).offers[0]).toMatchObject({ doneAt: null, fromCheckIn: "checkin:2025-03-01:ana" });
    doc = edit(doc, (d) => putConfirm(d, "a1", ana, {}, T0 + 3));
    expect(view(doc, ana).offers[0]).toMatchObject({ status: "done", doneAt: T0 + 5 });
    expect(view(rides(), ana).offers[0]!.fromCheckIn).toBeNull();
  });
});
