/**
 * `@porch/shared/aggregation`: what a member's device may contribute to the organization's totals
 * (the interface only; the protocol comes later — see README.md).
 */
export * from "./contribution.ts";
