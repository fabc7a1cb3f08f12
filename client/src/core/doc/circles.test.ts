import { describe, expect, it } from "vitest";
import type { CircleInput } from "../api/group-life-api.ts";
import { circleCsv, csvField, drawOrder, dueDate, putCircle, putPaid, putReceived } from "./circles.ts";
import { ana, ben, cleo, DAY, deviceOf, edit, merge, newGroup, T0, view } from "./doc-test-kit.ts";

const input: CircleInput = {
  name: "Spring circle",
  members: [ana, ben, cleo],
  contribution: 100,
  schedule: { kind: "monthly", day: 15 },
  startDate: "2025-03-03",
  order: { kind: "agreed", order: [cleo, ana, ben] },
};
const circle = () => edit(newGroup(), (d) => putCircle(d, "k1", ana, input, "", T0));

describe("lending circles (tracking only)", () => {
  it("rounds follow the schedule and the agreed order; the view says no money moves", () => {
    const c = view(circle(), ana).circles[0]!;
    expect(c.notice).toBe("tracking-only");
    expect(c.rounds.map((r) => [r.due, r.recipient, r.pot])).toEqual([
      ["2025-03-15", cleo, 200],
      ["2025-04-15", ana, 200],
      ["2025-05-15", ben, 200],
    ]);
    expect(dueDate({ kind: "weeks", every: 2 }, "2025-03-03", 2)).toBe("2025-03-31");
    expect(dueDate({ kind: "monthly", day: 1 }, "2025-03-03", 0)).toBe("2025-04-01");
  });

  it("a payment counts only when Ana marked it sent AND Cleo confirmed it received", () => {
    let doc = edit(circle(), (d) => putPaid(d, "k1", 0, ana, T0 + 1));
    let p = view(doc, cleo).circles[0]!.rounds[0]!.payments.find((x) => x.payer === ana)!;
    expect(p.state).toBe("sent");
    expect(view(doc, cleo).circles[0]!.reminders).toEqual([expect.objectContaining({ kind: "confirm", payer: ana })]);
    doc = edit(doc, (d) => putReceived(d, "k1", 0, ana, cleo, T0 + 2));
    p = view(doc, cleo).circles[0]!.rounds[0]!.payments.find((x) => x.payer === ana)!;
    expect(p.state).toBe("received");
    expect(view(doc, cleo).circles[0]!.summary).toMatchObject({ confirmed: 100, expected: 600, roundsComplete: 0 });
  });

  it("Ben's receipt alone, or a receipt written by the wrong member, does not count", () => {
    const doc = edit(circle(), (d) => {
      putReceived(d, "k1", 0, ben, cleo, T0);
      putPaid(d, "k1", 0, ana, T0);
      putReceived(d, "k1", 0, ana, ben, T0);
    });
    const states = view(doc, ana).circles[0]!.rounds[0]!.payments.map((p) => [p.payer, p.state]);
    expect(states).toEqual([
      [ana, "sent"],
      [ben, "due"],
    ]);
  });

  it("after the due date unconfirmed payments are late for the whole circle; Ben is reminded to pay", () => {
    const c = view(circle(), ben, T0, "2025-03-16").circles[0]!;
    expect(c.late.map((p) => p.payer)).toEqual([ana, ben]);
    // Not the rounds' own objects: a view store reconciling `late` in place would rewrite a round's row.
    expect(c.late[0]).not.toBe(c.rounds[0]!.payments[0]);
    expect(c.reminders).toEqual([expect.objectContaining({ kind: "pay", round: 0, late: true, amount: 100 })]);
  });

  it("a payment marked sent after its due date is sent, not late, and the recipient can still confirm it", () => {
    let doc = edit(circle(), (d) => putPaid(d, "k1", 0, ana, T0 + 20 * DAY));
    let c = view(doc, cleo, T0 + 20 * DAY, "2025-03-23").circles[0]!;
    expect(c.rounds[0]!.payments.map((p) => [p.payer, p.state])).toEqual([
      [ana, "sent"],
      [ben, "late"],
    ]);
    expect(c.late.map((p) => p.payer)).toEqual([ben]);
    expect(c.reminders).toEqual([expect.objectContaining({ kind: "confirm", payer: ana, late: false })]);
    doc = edit(doc, (d) => putReceived(d, "k1", 0, ana, cleo, T0 + 21 * DAY));
    c = view(doc, cleo, T0 + 21 * DAY, "2025-03-24").circles[0]!;
    expect(c.rounds[0]!.payments.find((p) => p.payer === ana)!.state).toBe("received");
  });

  it("marks made offline by payer and recipient merge; all rounds confirmed completes the circle", () => {
    let doc = circle();
    const order = input.order.kind === "agreed" ? input.order.order : [];
    order.forEach((recipient, round) => {
      for (const payer of [ana, ben, cleo].filter((m) => m !== recipient)) {
        const p = edit(deviceOf(doc), (d) => putPaid(d, "k1", round, payer, T0));
        const r = edit(deviceOf(doc), (d) => putReceived(d, "k1", round, payer, recipient, T0));
        doc = merge(p, r);
      }
    });
    const c = view(doc, ana, T0, "2025-09-01").circles[0]!;
    expect(c).toMatchObject({
      complete: true,
      late: [],
      summary: { roundsComplete: 3, rounds: 3, confirmed: 600, expected: 600, latePayments: 0 },
    });
  });

  it("a random order is drawn once from the recorded seed: every device shows the same order", () => {
    const doc = edit(newGroup(), (d) =>
      putCircle(d, "k2", ana, { ...input, order: { kind: "random" } }, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", T0),
    );
    const order = view(doc, ben).circles[0]!.order;
    expect([...order].sort()).toEqual([ana, ben, cleo]);
    expect(order).toEqual(drawOrder([cleo, ben, ana], "0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
    expect(view(deviceOf(doc), cleo).circles[0]!.order).toEqual(order);
  });

  it("CSV export quotes per RFC 4180 and defuses formulas", () => {
    expect(csvField('Ana "the saver", Jr.')).toBe('"Ana ""the saver"", Jr."');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField(100)).toBe("100");
    const csv = circleCsv(
      view(circle(), ana).circles[0]!,
      (m) => (({ ana: "Ana, R.", ben: "Ben", cleo: "Cleo" }) as Record<string, string>)[m] ?? m,
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("circle,round,due,payer,recipient,amount,sent_at,received_at,state");
    expect(lines[1]).toBe('Spring circle,1,2025-03-15,"Ana, R.",Cleo,100,,,due');
    expect(lines).toHaveLength(1 + 6 + 1);
  });
});
