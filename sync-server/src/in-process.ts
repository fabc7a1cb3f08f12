/**
 * The relay started inside another Node process instead of by main.ts: the test workspace and the
 * benchmarks run it on a free port over in-memory PGlite. Nothing here reads the environment.
 */
export { createRelayServer, type RelayServer } from "./relay-server.ts";
export { DEFAULT_FLOW_LIMITS, type FlowLimits } from "./ws/flow-limits.ts";
export { openPgliteStorage, openPgliteStore } from "./storage/pglite-storage.ts";
export type { RelayStorage } from "./storage/relay-storage.ts";
export type { SqlExecutor } from "./storage/sql-database.ts";
export { DEFAULT_RELAY_LIMITS, type RelayLimits } from "./relay-limits.ts";
