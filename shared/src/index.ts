/**
 * The public entry of @porch/shared: everything both the relay and the client may use.
 * Nothing exported here can decrypt group content or journals; that lives in `./sealing.ts`
 * (`@porch/shared/sealing`), which the relay is forbidden to import (eslint.config.js).
 */
export * from "./errors.ts";
export * from "./result.ts";
export * from "./bytes.ts";
export * from "./ids.ts";
export * from "./codec.ts";
