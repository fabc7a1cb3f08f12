/**
 * `@porch/shared/aggregation`: the organization's consented totals — what a member's device may
 * contribute (the preview), the fixed-size report vector built from it and lane-packed for sharing,
 * Shamir sharing among the steward committee in the field of p = 2^61 − 1, checking stewards' partials
 * and the rebuilt sum, the release computed from that sum and the disclosure rules applied to it, a
 * round's signed manifest and the steward lottery. Pure: the relay, sealing shares and the dashboard
 * are not here (see README.md).
 */
export * from "./contribution.ts";
export * from "./field.ts";
export * from "./random.ts";
export * from "./shamir.ts";
export * from "./check-partials.ts";
export * from "./vector-layout.ts";
export * from "./vector.ts";
export * from "./packing.ts";
export * from "./statistics.ts";
export * from "./consistency.ts";
export * from "./disclosure.ts";
export * from "./manifest.ts";
export * from "./lottery.ts";
export * from "./report.ts";
export * from "./cohort.ts";
export * from "./round-records.ts";
export * from "./publish.ts";
export * from "./relay-key.ts";
