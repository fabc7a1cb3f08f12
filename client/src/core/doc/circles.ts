/**
 * Lending circles — tracking only: Porch holds and moves no money. The creator writes the circle
 * (members, contribution, schedule, payout order; a random order is drawn once from a crypto-random
 * seed and recorded, so every device shows the same order). A payment counts only when the payer
 * wrote `paid:<circle>:<round>:<payer>` AND the round's recipient wrote `received:…` for it.
 */
import type { MemberId } from "@porch/shared";
import type {
  CircleInput,
  CircleReminder,
  CircleSchedule,
  CircleView,
  PaymentView,
  RoundView,
} from "../api/group-life-api.ts";
import { addDays, addMonths } from "./periods.ts";
import { entries, num, putRecord, text, writtenBy, type Authors, type RecordIndex, type Rec } from "./records.ts";
import { key, type CircleRecord, type GroupDoc } from "./schema.ts";

/** Days before a due date from which a "pay" reminder shows. */
export const REMIND_DAYS = 7;

/** Deterministic shuffle of `members` (sorted first) from a hex seed (xorshift32 over the seed's words). */
export function drawOrder(members: readonly string[], seedHex: string): string[] {
  const out = [...members].sort();
  let s = 0x9e3779b9;
  for (let i = 0; i < seedHex.length; i += 8)
    s = (s ^ parseInt(seedHex.slice(i, i + 8) || "0", 16)) >>> 0 || 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/** A fresh seed from the platform's CSPRNG. */
export const randomSeed = (): string =>
  [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");

export function putCircle(
  doc: GroupDoc,
  id: string,
  by: MemberId,
  input: CircleInput,
  seed: string,
  now: number,
): void {
  const order = input.order.kind === "random" ? drawOrder(input.members, seed) : [...input.order.order];
  const rec: CircleRecord = {
    by,
    at: now,
    name: input.name.trim(),
    members: [...input.members],
    contribution: input.contribution,
    scheduleKind: input.schedule.kind,
    scheduleN: input.schedule.kind === "monthly" ? input.schedule.day : input.schedule.every,
    start: input.startDate,
    orderKind: input.order.kind,
    order,
    seed: input.order.kind === "random" ? seed : null,
  };
  putRecord(doc, key("circle", id), rec);
}
export const putPaid = (doc: GroupDoc, circleId: string, round: number, payer: MemberId, now: number): void =>
  putRecord(doc, key("paid", circleId, round, payer), { by: payer, at: now });
export const putReceived = (
  doc: GroupDoc,
  circleId: string,
  round: number,
  payer: MemberId,
  by: MemberId,
  now: number,
): void => putRecord(doc, key("received", circleId, round, payer), { by, at: now });

/** Due date of round `i`: monthly on day N (first such day on/after the start), or every N weeks from the start. */
export function dueDate(schedule: CircleSchedule, start: string, i: number): string {
  if (schedule.kind === "weeks") return addDays(start, i * schedule.every * 7);
  const first = addMonths(start, 0, schedule.day);
  return addMonths(first < start ? addMonths(start, 1, schedule.day) : first, i, schedule.day);
}

const ids = (v: unknown): MemberId[] =>
  (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []) as MemberId[];

/** Every circle as `viewer` sees it on `today`. */
export function circleViews(
  index: RecordIndex,
  viewer: MemberId | null,
  today: string,
  authors?: Authors,
): CircleView[] {
  const marks = (type: string) => {
    const m = new Map<string, Rec>();
    for (const { parts, rec } of entries(index, type)) m.set(parts.join(":"), rec);
    return m;
  };
  const paid = marks("paid");
  const received = marks("received");
  const out: CircleView[] = [];
  for (const { parts, rec } of entries(index, "circle")) {
    const id = parts.join(":");
    if (!writtenBy(rec, rec.by, rec.by, authors)) continue;
    const members = ids(rec.members);
    const order = ids(rec.order);
    const contribution = num(rec.contribution) ?? 0;
    const n = num(rec.scheduleN) ?? 1;
    const schedule: CircleSchedule =
      rec.scheduleKind === "weeks" ? { kind: "weeks", every: n } : { kind: "monthly", day: n };
    const start = String(rec.start);
    const rounds: RoundView[] = order.map((recipient, i) => {
      const due = dueDate(schedule, start, i);
      const payments = members
        .filter((m) => m !== recipient)
        .map((payer): PaymentView => {
          const s = paid.get(`${id}:${i}:${payer}`);
          const r = received.get(`${id}:${i}:${payer}`);
          const sentAt = s !== undefined && writtenBy(s, s.by, payer, authors) ? s.at : null;
          const receivedAt = r !== undefined && writtenBy(r, r.by, recipient, authors) ? r.at : null;
          // Once the payer marked it sent, the recipient's confirmation is what is owed, late or not.
          const state =
            receivedAt !== null && sentAt !== null
              ? "received"
              : sentAt !== null
                ? "sent"
                : due < today
                  ? "late"
                  : "due";
          return { round: i, payer, recipient, amount: contribution, due, sentAt, receivedAt, state };
        });
      return {
        index: i,
        due,
        recipient,
        pot: contribution * payments.length,
        payments,
        complete: payments.every((p) => p.state === "received"),
      };
    });
    const all = rounds.flatMap((r) => r.payments);
    // Copies, not the round's own objects: a view store reconciles `late` in place, and an object shared
    // with `rounds` would then change a round's payment row too (seen: a round showing another's payment).
    const late = all.filter((p) => p.state === "late").map((p) => ({ ...p }));
    const remindFrom = addDays(today, REMIND_DAYS);
    const reminders: CircleReminder[] =
      viewer === null
        ? []
        : all.flatMap((p): CircleReminder[] => {
            const base = {
              circleId: id,
              round: p.round,
              payer: p.payer,
              recipient: p.recipient,
              amount: p.amount,
              due: p.due,
              late: p.state === "late",
            };
            if (p.payer === viewer && p.sentAt === null && p.due <= remindFrom) return [{ kind: "pay", ...base }];
            if (p.recipient === viewer && p.sentAt !== null && p.receivedAt === null)
              return [{ kind: "confirm", ...base }];
            return [];
          });
    const confirmed = all.filter((p) => p.state === "received").length;
    out.push({
      id,
      name: text(rec.name),
      notice: "tracking-only",
      createdBy: rec.by as MemberId,
      createdAt: rec.at,
      members,
      contribution,
      schedule,
      startDate: start,
      orderKind: rec.orderKind === "random" ? "random" : rec.orderKind === "need" ? "need" : "agreed",
      order,
      rounds,
      late,
      reminders,
      complete: rounds.length > 0 && rounds.every((r) => r.complete),
      summary: {
        roundsComplete: rounds.filter((r) => r.complete).length,
        rounds: rounds.length,
        confirmed: confirmed * contribution,
        expected: all.length * contribution,
        latePayments: late.length,
      },
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** One CSV field per RFC 4180; a leading = + - @ is defused so spreadsheets never run it as a formula. */
export function csvField(value: string | number | null): string {
  let s = value === null ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The circle's payments as CSV (CRLF line ends, header row). `name` gives a member's display name. */
export function circleCsv(circle: CircleView, name: (m: MemberId) => string): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const rows: (string | number | null)[][] = [
    ["circle", "round", "due", "payer", "recipient", "amount", "sent_at", "received_at", "state"],
  ];
  for (const r of circle.rounds)
    for (const p of r.payments)
      rows.push([
        circle.name,
        r.index + 1,
        p.due,
        name(p.payer),
        name(p.recipient),
        p.amount,
        iso(p.sentAt),
        iso(p.receivedAt),
        p.state,
      ]);
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
