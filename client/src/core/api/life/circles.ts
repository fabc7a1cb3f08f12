/** Lending circles (tracking only: Porch moves no money). Part of the group-life API (../group-life-api.ts). */
import type { MemberId } from "@porch/shared";

export type CircleSchedule =
  { readonly kind: "monthly"; readonly day: number } | { readonly kind: "weeks"; readonly every: number };
/** agreed: the order given; random: drawn once at creation and recorded; need: the order given, decided by need. */
export type PayoutOrder =
  | { readonly kind: "agreed"; readonly order: readonly MemberId[] }
  | { readonly kind: "need"; readonly order: readonly MemberId[] }
  | { readonly kind: "random" };

export interface CircleInput {
  readonly name: string;
  /** 2–24 members of the group, the creator included. */
  readonly members: readonly MemberId[];
  /** Each payer's contribution per round, whole dollars, > 0. */
  readonly contribution: number;
  readonly schedule: CircleSchedule;
  /** First round's due date is derived from this "YYYY-MM-DD" (monthly: first day N on/after it). */
  readonly startDate: string;
  readonly order: PayoutOrder;
}

/** due: not sent yet; late: due date passed and not sent; sent: payer marked it sent (on time or late), awaiting the recipient; received: recipient confirmed (only this counts). */
export type PaymentState = "due" | "sent" | "received" | "late";

export interface PaymentView {
  readonly round: number;
  readonly payer: MemberId;
  readonly recipient: MemberId;
  readonly amount: number;
  readonly due: string;
  readonly sentAt: number | null;
  readonly receivedAt: number | null;
  readonly state: PaymentState;
}

export interface RoundView {
  /** 0-based. */
  readonly index: number;
  readonly due: string;
  readonly recipient: MemberId;
  /** contribution × payers. */
  readonly pot: number;
  readonly payments: readonly PaymentView[];
  /** Every payment received. */
  readonly complete: boolean;
}

/** What the viewer should do: pay (they owe this round and have not marked it sent) or confirm a receipt. */
export interface CircleReminder {
  readonly kind: "pay" | "confirm";
  readonly circleId: string;
  readonly round: number;
  readonly payer: MemberId;
  readonly recipient: MemberId;
  readonly amount: number;
  readonly due: string;
  readonly late: boolean;
}

export interface CircleView {
  readonly id: string;
  readonly name: string;
  /** Always "tracking-only": the UI must say that Porch moves and holds no money. */
  readonly notice: "tracking-only";
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly members: readonly MemberId[];
  readonly contribution: number;
  readonly schedule: CircleSchedule;
  readonly startDate: string;
  readonly orderKind: PayoutOrder["kind"];
  /** The payout order (recipients of rounds 0, 1, …). */
  readonly order: readonly MemberId[];
  readonly rounds: readonly RoundView[];
  /** Late payments, visible to the whole circle. */
  readonly late: readonly PaymentView[];
  /** For the viewer only. */
  readonly reminders: readonly CircleReminder[];
  readonly complete: boolean;
  readonly summary: {
    readonly roundsComplete: number;
    readonly rounds: number;
    readonly confirmed: number;
    readonly expected: number;
    readonly latePayments: number;
  };
}
