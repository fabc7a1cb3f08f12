/**
 * The client core's entry point for code outside client/ (Node-device tests, benchmarks): the same
 * `createPorch` the PWA uses, and the `PorchApi` boundary types.
 */
export { createPorch, type PorchOptions } from "./porch.ts";
export * from "./porch-api.ts";
