/**
 * The client core's entry point for code outside client/ (Node-device tests, benchmarks): the same
 * `createPorch` the PWA uses, and the `PorchApi` boundary types.
 */
export { createPorch, type PorchOptions } from "./porch-core.ts";
export * from "./api/porch-api.ts";
// The boundary the PWA's UI uses to reach the core in its worker, for tests that run it in Node.
export { serveCore } from "./core-host.ts";
export type { CorePort, CoreSnapshot } from "./api/core-protocol.ts";
