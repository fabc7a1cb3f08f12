/**
 * `@porch/shared/journal`: the model of a member's private monthly journal — its fields, months,
 * amounts, checks, progress maths and consent rules. Pure: no I/O, no Automerge (the document that
 * stores it lives in the client, `client/src/core/doc/journal/`). See README.md.
 */
export * from "./fields.ts";
export * from "./month.ts";
export * from "./amounts.ts";
export * from "./validate.ts";
export * from "./progress.ts";
export * from "./consent.ts";
